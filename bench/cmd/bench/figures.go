package main

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
)

// printSize prints the figures of one size, one per line.
func (h *harness) printSize(s *SizeResult) {
	r := h.rep
	r.Printf("-- N=%d figures (%d resources, %d repetitions per side) --\n", s.Apps, s.Resources, s.Repetitions)
	for _, c := range []struct {
		name string
		cmp  Comparison
	}{{"plan", s.Plan}, {"apply", s.Apply}} {
		h.printComparison(fmt.Sprintf("N=%d %-5s", s.Apps, c.name), c.cmp)
		r.Printf("N=%d %-5s ours  time per resource ms  %.3f\n", s.Apps, c.name, 1000*c.cmp.OursS.Median/float64(s.Resources))
	}
	if a := s.API; a != nil {
		r.Printf("N=%d plan  get_callback requests per resource per refresh  %s\n", s.Apps, floats(a.PlanReadsPerResource))
		r.Printf("N=%d plan  API requests (all paths) per resource  %s\n", s.Apps, floats(a.PlanRequestsPerResource))
		r.Printf("N=%d plan  throttled  %d\n", s.Apps, a.PlanThrottled)
		r.Printf("N=%d apply API requests (all paths) per resource  %s\n", s.Apps, floats(a.ApplyRequestsPerResource))
		for _, p := range h.opts.parallelism {
			k := fmt.Sprint(p)
			extra := ""
			if sec, ok := a.ApplyExtraS[k]; ok {
				extra = fmt.Sprintf("  (ours-only apply, wall %.3fs)", sec)
			}
			if runs, ok := a.ApplyThrottled[k]; ok {
				r.Printf("N=%d apply -parallelism=%d throttled  %s%s\n", s.Apps, p, list(runs, "%d"), extra)
			}
		}
	}
	r.Printf("N=%d load average  %.1f at start, %.1f at end\n", s.Apps, s.LoadAvg[0], s.LoadAvg[1])
	r.Printf("N=%d peak memory MB  ours plan %.1f  ours apply %.1f  floor plan %.1f  floor apply %.1f\n",
		s.Apps, s.PeakMemory.OursPlan, s.PeakMemory.OursApply, s.PeakMemory.FloorPlan, s.PeakMemory.FloorApply)
}

// list prints xs as "[x1 x2 ...]", each with format.
func list[T any](xs []T, format string) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprintf(format, x)
	}
	return "[" + strings.Join(parts, " ") + "]"
}

func floats(xs []float64) string { return list(xs, "%.3f") }

// paths prints request counts per API path, sorted by path.
func paths(m map[string]int64) string {
	keys := slices.Sorted(maps.Keys(m))
	for i, k := range keys {
		keys[i] = fmt.Sprintf("%s=%d", k, m[k])
	}
	return list(keys, "%s")
}

func (m Memory) ours() float64  { return max(m.OursPlan, m.OursApply) }
func (m Memory) floor() float64 { return max(m.FloorPlan, m.FloorApply) }

// smallestAndLargest returns the sizes with the fewest and the most apps and
// how many times more apps the largest has; ok is false unless there are two
// different numbers of apps.
func smallestAndLargest[S any](sizes []S, apps func(S) int) (a, b S, k float64, ok bool) {
	if len(sizes) < 2 {
		return a, b, 0, false
	}
	a = slices.MinFunc(sizes, func(x, y S) int { return apps(x) - apps(y) })
	b = slices.MaxFunc(sizes, func(x, y S) int { return apps(x) - apps(y) })
	if apps(a) == apps(b) {
		return a, b, 0, false
	}
	return a, b, float64(apps(b)) / float64(apps(a)), true
}

// medianGrowth is how much each side's median wall time grew from the
// comparison at the smaller size, a, to the one at the larger, b.
func medianGrowth(a, b Comparison) (ours, floor float64) {
	return round(ratio(b.OursS.Median, a.OursS.Median), 3), round(ratio(b.FloorS.Median, a.FloorS.Median), 3)
}

// growth compares the largest measured size to the smallest.
func (h *harness) growth() {
	a, b, k, ok := smallestAndLargest(h.res.Sizes, func(s SizeResult) int { return s.Apps })
	if !ok {
		return
	}
	g := &Growth{From: a.Apps, To: b.Apps, SizeRatio: round(k, 3)}
	g.OursPlan, g.FloorPlan = medianGrowth(a.Plan, b.Plan)
	g.OursApply, g.FloorApply = medianGrowth(a.Apply, b.Apply)
	g.OursMemory = round(ratio(b.PeakMemory.ours(), a.PeakMemory.ours()), 3)
	g.FloorMemory = round(ratio(b.PeakMemory.floor(), a.PeakMemory.floor()), 3)
	g.OursPlanPerRes = round(g.OursPlan/k, 3)
	g.OursApplyPerRes = round(g.OursApply/k, 3)
	g.FloorPlanPerRes = round(g.FloorPlan/k, 3)
	g.FloorApplyPerRes = round(g.FloorApply/k, 3)
	g.OursMemoryPerRes = round(g.OursMemory/k, 3)
	g.FloorMemoryPerRes = round(g.FloorMemory/k, 3)
	g.RelPlan = round(ratio(g.OursPlan, g.FloorPlan), 3)
	g.RelApply = round(ratio(g.OursApply, g.FloorApply), 3)
	g.RelMemory = round(ratio(g.OursMemory, g.FloorMemory), 3)
	h.res.Growth = g

	r := h.rep
	r.Printf("\n== growth N=%d -> N=%d (size ratio %.0f; linear = %.0f in total, 1.0 per resource) ==\n", a.Apps, b.Apps, k, k)
	r.Printf("growth: medians of %d repetitions per side at N=%d and %d at N=%d, the same CLI (%s) for both sizes\n",
		a.Repetitions, a.Apps, b.Repetitions, b.Apps, h.res.CLIVersion)
	r.Printf("absolute growth (ours alone; the CLI's own super-linear cost included):\n")
	r.Printf("growth plan  time  ours %.2f (per resource %.3f)  floor %.2f (per resource %.3f)\n", g.OursPlan, g.OursPlanPerRes, g.FloorPlan, g.FloorPlanPerRes)
	r.Printf("growth apply time  ours %.2f (per resource %.3f)  floor %.2f (per resource %.3f)\n", g.OursApply, g.OursApplyPerRes, g.FloorApply, g.FloorApplyPerRes)
	r.Printf("growth peak memory ours %.2f (per resource %.3f)  floor %.2f (per resource %.3f)\n", g.OursMemory, g.OursMemoryPerRes, g.FloorMemory, g.FloorMemoryPerRes)
	r.Printf("relative growth (ours' growth / the floor's growth; 1.0 = the provider adds nothing that grows faster than the CLI itself):\n")
	r.Printf("growth relative to floor  plan %.3f  apply %.3f  peak memory %.3f\n", g.RelPlan, g.RelApply, g.RelMemory)
	r.Printf("growth overhead ratio ours/floor  plan %.3f -> %.3f  apply %.3f -> %.3f\n", a.Plan.Ratio, b.Plan.Ratio, a.Apply.Ratio, b.Apply.Ratio)
}

// goals evaluates and prints the targets of the scale issue.
func (h *harness) goals() {
	if len(h.res.Sizes) == 0 {
		return
	}
	sizes := slices.Clone(h.res.Sizes)
	slices.SortFunc(sizes, func(a, b SizeResult) int { return a.Apps - b.Apps })
	small, large := sizes[0], sizes[len(sizes)-1]
	add := h.addGoal

	add(fmt.Sprintf("plan ratio ours/floor at N=%d", small.Apps), small.Plan.Ratio, fmt.Sprintf("<= %.2f", goalPlanRatio), small.Plan.Ratio <= goalPlanRatio)
	add(fmt.Sprintf("apply ratio ours/floor at N=%d", small.Apps), small.Apply.Ratio, fmt.Sprintf("<= %.2f", goalApplyRatio), small.Apply.Ratio <= goalApplyRatio)
	for _, s := range sizes {
		if s.API == nil {
			continue
		}
		worst, dev := 0.0, -1.0 // the repetition farthest from 1
		for _, v := range s.API.PlanReadsPerResource {
			if d := math.Abs(v - 1); d > dev {
				worst, dev = v, d
			}
		}
		add(fmt.Sprintf("get_callback requests per resource per refresh at N=%d (worst repetition)", s.Apps), worst, "== 1", worst == 1)
		for _, p := range h.opts.parallelism {
			runs, ok := s.API.ApplyThrottled[fmt.Sprint(p)]
			if !ok || len(runs) == 0 {
				continue // not measured (budget)
			}
			var total int64
			for _, t := range runs {
				total += t
			}
			add(fmt.Sprintf("throttled requests, apply -parallelism=%d at N=%d (all repetitions)", p, s.Apps), float64(total), "== 0", total == 0)
		}
		add(fmt.Sprintf("throttled requests, refreshing plan at N=%d (all repetitions)", s.Apps), float64(s.API.PlanThrottled), "== 0", s.API.PlanThrottled == 0)
	}
	if g := h.res.Growth; g != nil {
		lim := fmt.Sprintf("<= %.2f (linear, +%.0f%% noise)", growthTolerance, 100*(growthTolerance-1))
		add(fmt.Sprintf("plan time per resource growth N=%d->%d (absolute)", g.From, g.To), g.OursPlanPerRes, lim, g.OursPlanPerRes <= growthTolerance)
		add(fmt.Sprintf("apply time per resource growth N=%d->%d (absolute)", g.From, g.To), g.OursApplyPerRes, lim, g.OursApplyPerRes <= growthTolerance)
		add(fmt.Sprintf("peak memory per resource growth N=%d->%d (absolute)", g.From, g.To), g.OursMemoryPerRes, lim, g.OursMemoryPerRes <= growthTolerance)
		rel := fmt.Sprintf("<= %.2f (floor's growth, +%.0f%% noise)", growthTolerance, 100*(growthTolerance-1))
		add(fmt.Sprintf("plan time growth N=%d->%d relative to the floor's", g.From, g.To), g.RelPlan, rel, g.RelPlan <= growthTolerance)
		add(fmt.Sprintf("apply time growth N=%d->%d relative to the floor's", g.From, g.To), g.RelApply, rel, g.RelApply <= growthTolerance)
		add(fmt.Sprintf("peak memory growth N=%d->%d relative to the floor's", g.From, g.To), g.RelMemory, rel, g.RelMemory <= growthTolerance)
	}
	mem := large.PeakMemory.ours()
	add(fmt.Sprintf("provider peak memory MB at N=%d", large.Apps), mem, fmt.Sprintf("< %d", goalMemoryMB), mem > 0 && mem < goalMemoryMB)
}

// addGoal records one goal with its measured value.
func (h *harness) addGoal(name string, value float64, target string, pass bool) {
	h.res.Goals = append(h.res.Goals, Goal{Name: name, Value: value, Target: target, Pass: pass})
}

// printGoals prints every goal with its verdict.
func (h *harness) printGoals() {
	if len(h.res.Goals) == 0 {
		return
	}
	h.rep.Printf("\n== goals ==\n")
	for _, g := range h.res.Goals {
		h.rep.Printf("%s  %-75s %10.3f  goal %s\n", verdict(g.Pass), g.Name, g.Value, g.Target)
	}
}

// printQuerySize prints the figures of one query size, one per line.
func (h *harness) printQuerySize(s *QuerySize) {
	r := h.rep
	r.Printf("-- query N=%d figures (%d configurations, %d repetitions per side) --\n", s.Apps, s.Configurations, s.Repetitions)
	h.printComparison(fmt.Sprintf("query N=%d", s.Apps), s.Query)
	r.Printf("query N=%d ours  time per configuration ms  %.3f\n", s.Apps, 1000*s.Query.OursS.Median/float64(s.Configurations))
	if s.RequestsPerConfiguration != nil {
		r.Printf("query N=%d API requests per (app, product)  %s  (runs with exactly one read per pair: %d of %d)\n",
			s.Apps, floats(s.RequestsPerConfiguration), s.RunsOnePerPair, s.Repetitions)
		r.Printf("query N=%d API requests per path (last run)  %s\n", s.Apps, paths(s.Paths))
		r.Printf("query N=%d throttled  %d\n", s.Apps, s.Throttled)
		r.Printf("query N=%d emulator CPU s per query of ours (shares the CPUs)  %s\n", s.Apps, floats(s.EmulatorCPUS))
	}
	r.Printf("query N=%d peak memory MB  ours %.1f  floor %.1f  ratio %.3f\n", s.Apps, s.PeakMemory.Ours, s.PeakMemory.Floor, s.PeakMemory.Ratio)
	r.Printf("query N=%d load average  %.1f at start, %.1f at end\n", s.Apps, s.LoadAvg[0], s.LoadAvg[1])
}

// printGenerate prints the figures of the generated-config round trip.
func (h *harness) printGenerate(g *Generate) {
	r := h.rep
	r.Printf("-- generated config N=%d figures (%d resources, %d repetitions per side) --\n", g.Apps, g.Resources, g.Repetitions)
	h.printComparison(fmt.Sprintf("generate N=%d query -generate-config-out", g.Apps), g.Query)
	h.printComparison(fmt.Sprintf("generate N=%d apply (import)", g.Apps), g.Apply)
	h.printComparison(fmt.Sprintf("generate N=%d plan after apply", g.Apps), g.Plan)
	if g.ApplyRequestsPerResource != nil {
		r.Printf("generate N=%d apply API requests per resource  %s  writes %d  throttled (apply and plan) %d\n",
			g.Apps, floats(g.ApplyRequestsPerResource), g.ApplyWrites, g.Throttled)
	}
	r.Printf("generate N=%d peak memory MB  ours %.1f  floor %.1f  ratio %.3f\n", g.Apps, g.PeakMemory.Ours, g.PeakMemory.Floor, g.PeakMemory.Ratio)
}

// printComparison prints wall min/median/max per side, the ratio and CPU.
func (h *harness) printComparison(label string, c Comparison) {
	r := h.rep
	r.Printf("%s ours  wall s  min %.3f  median %.3f  max %.3f\n", label, c.OursS.Min, c.OursS.Median, c.OursS.Max)
	r.Printf("%s floor wall s  min %.3f  median %.3f  max %.3f\n", label, c.FloorS.Min, c.FloorS.Median, c.FloorS.Max)
	r.Printf("%s ratio ours/floor  %.3f  (median of paired ratios %s; ratio of medians %.3f)\n", label, c.Ratio, floats(c.PairRatios), c.RatioOfMedians)
	r.Printf("%s CPU s (terraform + plugins)  ours median %.3f  floor median %.3f  ratio %.3f\n", label, c.OursCPUS.Median, c.FloorCPUS.Median, c.CPURatio)
}

// queryGrowth compares the largest query size with the smallest.
func (h *harness) queryGrowth() {
	q := h.res.Query
	if q == nil {
		return
	}
	a, b, k, ok := smallestAndLargest(q.Sizes, func(s QuerySize) int { return s.Apps })
	if !ok {
		return
	}
	g := &QueryGrowth{From: a.Apps, To: b.Apps, SizeRatio: round(k, 3)}
	g.OursTime, g.FloorTime = medianGrowth(a.Query, b.Query)
	g.OursMemory = round(ratio(b.PeakMemory.Ours, a.PeakMemory.Ours), 3)
	g.FloorMemory = round(ratio(b.PeakMemory.Floor, a.PeakMemory.Floor), 3)
	g.OursTimePerC = round(g.OursTime/k, 3)
	g.FloorTimePerC = round(g.FloorTime/k, 3)
	g.RelTime = round(ratio(g.OursTime, g.FloorTime), 3)
	g.RelMemory = round(ratio(g.OursMemory, g.FloorMemory), 3)
	q.Growth = g

	r := h.rep
	r.Printf("\n== query growth N=%d -> N=%d (size ratio %.0f; linear = %.0f in total, 1.0 per configuration) ==\n", a.Apps, b.Apps, k, k)
	r.Printf("query growth: medians of %d repetitions per side at N=%d and %d at N=%d, %s for both\n", a.Repetitions, a.Apps, b.Repetitions, b.Apps, q.CLIVersion)
	r.Printf("query growth time  ours %.2f (per configuration %.3f)  floor %.2f (per configuration %.3f)\n", g.OursTime, g.OursTimePerC, g.FloorTime, g.FloorTimePerC)
	r.Printf("query growth peak memory  ours %.2f  floor %.2f\n", g.OursMemory, g.FloorMemory)
	r.Printf("query growth relative to floor  time %.3f  peak memory %.3f\n", g.RelTime, g.RelMemory)
	r.Printf("query growth overhead ratio ours/floor  time %.3f -> %.3f  memory %.3f -> %.3f\n", a.Query.Ratio, b.Query.Ratio, a.PeakMemory.Ratio, b.PeakMemory.Ratio)
}

// queryGoals evaluates the targets of the query issue.
func (h *harness) queryGoals() {
	q := h.res.Query
	if q == nil {
		return
	}
	add := h.addGoal
	for _, s := range q.Sizes {
		add(fmt.Sprintf("query wall ratio ours/floor at N=%d", s.Apps), s.Query.Ratio, fmt.Sprintf("<= %.2f", goalQueryRatio), s.Query.Ratio <= goalQueryRatio)
		if s.RequestsPerConfiguration != nil {
			worst := slices.MaxFunc(s.RequestsPerConfiguration, cmpDistance)
			add(fmt.Sprintf("query API requests per (app, product) at N=%d (worst repetition)", s.Apps), worst, "== 1, one read per pair",
				s.RunsOnePerPair == s.Repetitions)
			add(fmt.Sprintf("query throttled requests at N=%d (all repetitions)", s.Apps), float64(s.Throttled), "== 0", s.Throttled == 0)
		}
		add(fmt.Sprintf("query peak memory ratio ours/floor at N=%d", s.Apps), s.PeakMemory.Ratio, fmt.Sprintf("<= %.2f", goalQueryMemory),
			s.PeakMemory.Ratio > 0 && s.PeakMemory.Ratio <= goalQueryMemory)
	}
	if g := q.Generate; g != nil && g.ApplyRequestsPerResource != nil {
		add(fmt.Sprintf("generated-config apply at N=%d: writes and throttled requests", g.Apps), float64(g.ApplyWrites+g.Throttled), "== 0", g.ApplyWrites+g.Throttled == 0)
	}
}

// cmpDistance orders values by their distance from 1.
func cmpDistance(a, b float64) int {
	return cmp.Compare(math.Abs(a-1), math.Abs(b-1))
}
