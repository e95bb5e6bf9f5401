package main

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
)

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

func paths(m map[string]int64) string {
	parts := make([]string, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, fmt.Sprintf("%s=%d", k, m[k]))
	}
	return "[" + strings.Join(parts, " ") + "]"
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
	g := &QueryGrowth{
		From: a.Apps, To: b.Apps, SizeRatio: round(k, 3),
		OursTime:    round(ratio(b.Query.OursS.Median, a.Query.OursS.Median), 3),
		FloorTime:   round(ratio(b.Query.FloorS.Median, a.Query.FloorS.Median), 3),
		OursMemory:  round(ratio(b.PeakMemory.Ours, a.PeakMemory.Ours), 3),
		FloorMemory: round(ratio(b.PeakMemory.Floor, a.PeakMemory.Floor), 3),
	}
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
	add := func(name string, value float64, target string, pass bool) {
		h.res.Goals = append(h.res.Goals, Goal{Name: name, Value: value, Target: target, Pass: pass})
	}
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
