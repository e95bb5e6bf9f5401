package bench

import (
	"cmp"
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/perf/benchfmt"
	"golang.org/x/perf/benchmath"
)

// growthTolerance is "no worse than linear", allowing 10 % noise.
const growthTolerance = 1.10

// TestGoals reads the output of a benchmark run (BENCH_RESULTS) and prints
// each goal with PASS or MISS, and the growth from the smallest to the
// largest N. A MISS does not fail the test: some goals are known to miss.
func TestGoals(t *testing.T) {
	path := os.Getenv("BENCH_RESULTS")
	if path == "" {
		t.Skip("BENCH_RESULTS names no output of go test -bench (make bench sets it)")
	}
	g := &goals{f: readFigures(t, path)}
	g.cli()
	g.query()
	g.generate()
	if len(g.checks) == 0 {
		t.Fatalf("%s holds no figure of these benchmarks", path)
	}
	met, all := 0, 0
	for _, c := range g.checks {
		verdict := "    "
		if c.op != "" {
			all++
			verdict = "MISS"
			if c.pass() {
				verdict, met = "PASS", met+1
			}
		}
		fmt.Printf("%s  %-78s %8.3f  %s %s\n", verdict, c.name, c.value, c.op, c.target)
	}
	fmt.Printf("%d of %d goals met\n", met, all)
}

// figures are benchmark name (no GOMAXPROCS) → unit → one value per run.
type figures map[string]map[string][]float64

func readFigures(t *testing.T, path string) figures {
	file, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	f := figures{}
	r := benchfmt.NewReader(file, path)
	for r.Scan() {
		res, ok := r.Result().(*benchfmt.Result)
		if !ok {
			continue
		}
		base, parts := res.Name.Parts()
		name := string(base)
		for _, p := range parts {
			if p[0] == '/' {
				name += string(p)
			}
		}
		if f[name] == nil {
			f[name] = map[string][]float64{}
		}
		for _, v := range res.Values {
			f[name][v.Unit] = append(f[name][v.Unit], v.Value)
		}
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	return f
}

// at returns the values of unit of bench/apps=n/step=step.
func (f figures) at(bench string, n int, step, unit string) []float64 {
	return f[fmt.Sprintf("%s/apps=%d/step=%s", bench, n, step)][unit]
}

// sizes returns the numbers of apps bench ran at, ascending.
func (f figures) sizes(bench string) []int {
	var out []int
	for name := range f {
		rest, ok := strings.CutPrefix(name, bench+"/apps=")
		n, err := strconv.Atoi(strings.Split(rest, "/")[0])
		if ok && err == nil && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

type check struct {
	name   string
	value  float64
	op     string // "<=", "<", "=="; "" for a figure without a goal
	target string
}

func (c check) pass() bool {
	t, _ := strconv.ParseFloat(c.target, 64)
	switch c.op {
	case "<=":
		return c.value <= t
	case "<":
		return c.value < t
	}
	return c.value == t
}

type goals struct {
	f      figures
	checks []check
}

// add reduces the values to one (nothing when none was measured) and adds
// the check.
func (g *goals) add(name string, values []float64, reduce func([]float64) float64, op, target string) {
	if len(values) > 0 {
		g.checks = append(g.checks, check{name, reduce(values), op, target})
	}
}

func median(vs []float64) float64 {
	return benchmath.AssumeNothing.Summary(benchmath.NewSample(slices.Clone(vs), &benchmath.DefaultThresholds), 0.95).Center
}

func sum(vs []float64) float64 {
	var s float64
	for _, v := range vs {
		s += v
	}
	return s
}

// worst is the value farthest from 1.
func worst(vs []float64) float64 {
	return slices.MaxFunc(vs, func(a, b float64) int { return cmp.Compare(math.Abs(a-1), math.Abs(b-1)) })
}

func (g *goals) cli() {
	sizes := g.f.sizes("CLI")
	if len(sizes) == 0 {
		return
	}
	small, large := sizes[0], sizes[len(sizes)-1]
	g.add(fmt.Sprintf("plan ratio ours/floor at N=%d (median)", small), g.f.at("CLI", small, "plan", "ratio"), median, "<=", "1.25")
	g.add(fmt.Sprintf("apply ratio ours/floor at N=%d (median)", small), g.f.at("CLI", small, "apply", "ratio"), median, "<=", "1.5")
	steps := []string{"plan-new", "apply", "apply-p50", "plan"}
	for _, n := range sizes {
		g.add(fmt.Sprintf("get requests per resource per refreshing plan at N=%d (worst run)", n), g.f.at("CLI", n, "plan", "reads/res"), worst, "==", "1")
		g.add(fmt.Sprintf("requests per new resource at plan at N=%d (highest)", n), g.f.at("CLI", n, "plan-new", "req/res"), slices.Max, "<=", "1")
		for _, s := range steps {
			g.add(fmt.Sprintf("throttled requests, %s at N=%d (all runs)", s, n), g.f.at("CLI", n, s, "throttled"), sum, "==", "0")
		}
	}
	peak := func(n int, unit string) []float64 {
		var out []float64
		for _, s := range steps {
			out = append(out, g.f.at("CLI", n, s, unit)...)
		}
		return out
	}
	mb := func(vs []float64) float64 { return slices.Max(vs) / 1e6 }
	g.add(fmt.Sprintf("provider peak memory MB at N=%d (highest)", large), peak(large, "ours-B"), mb, "<", "100")
	if small == large {
		return
	}
	k := float64(large) / float64(small)
	span := fmt.Sprintf("N=%d->%d", small, large)
	for _, s := range []string{"plan", "apply"} {
		g.growth(s+" time "+span, k, median, g.f.at("CLI", small, s, "ours-s"), g.f.at("CLI", large, s, "ours-s"),
			g.f.at("CLI", small, s, "floor-s"), g.f.at("CLI", large, s, "floor-s"), true)
	}
	g.growth("peak memory "+span, k, slices.Max, peak(small, "ours-B"), peak(large, "ours-B"),
		peak(small, "floor-B"), peak(large, "floor-B"), true)
}

// growth adds ours' and the floor's growth per resource from the small to
// the large size (k times more resources; linear = 1) and ours' relative to
// the floor's, as goals (<= growthTolerance) when judge is set.
func (g *goals) growth(what string, k float64, reduce func([]float64) float64, oursSmall, oursLarge, floorSmall, floorLarge []float64, judge bool) {
	if len(oursSmall)*len(oursLarge)*len(floorSmall)*len(floorLarge) == 0 {
		return
	}
	ours := reduce(oursLarge) / reduce(oursSmall) / k
	floor := reduce(floorLarge) / reduce(floorSmall) / k
	op, limit := "", ""
	if judge {
		op, limit = "<=", strconv.FormatFloat(growthTolerance, 'f', 2, 64)
	}
	g.checks = append(g.checks,
		check{what + " growth per resource, ours (linear = 1)", ours, op, limit},
		check{what + " growth per resource, floor", floor, "", ""},
		check{what + " growth, ours relative to the floor's", ours / floor, op, limit})
}

func (g *goals) query() {
	sizes := g.f.sizes("Query")
	for _, n := range sizes {
		g.add(fmt.Sprintf("query wall ratio ours/floor at N=%d (median)", n), g.f.at("Query", n, "query", "ratio"), median, "<=", "1.5")
		g.add(fmt.Sprintf("query requests per (app, product) at N=%d (worst run)", n), g.f.at("Query", n, "query", "req/res"), worst, "==", "1")
		g.add(fmt.Sprintf("query throttled requests at N=%d (all runs)", n), g.f.at("Query", n, "query", "throttled"), sum, "==", "0")
		g.add(fmt.Sprintf("query peak memory ratio ours/floor at N=%d (median)", n), g.f.at("Query", n, "query", "mem-ratio"), median, "<=", "1.2")
	}
	if len(sizes) > 1 {
		small, large := sizes[0], sizes[len(sizes)-1]
		k, span := float64(large)/float64(small), fmt.Sprintf("N=%d->%d", small, large)
		at := func(n int, unit string) []float64 { return g.f.at("Query", n, "query", unit) }
		g.growth("query time "+span, k, median, at(small, "ours-s"), at(large, "ours-s"), at(small, "floor-s"), at(large, "floor-s"), false)
		g.growth("query peak memory "+span, k, slices.Max, at(small, "ours-B"), at(large, "ours-B"), at(small, "floor-B"), at(large, "floor-B"), false)
	}
}

func (g *goals) generate() {
	for _, n := range g.f.sizes("Generate") {
		g.add(fmt.Sprintf("generated-config import at N=%d: writes per resource (all runs)", n), g.f.at("Generate", n, "import", "writes/res"), sum, "==", "0")
		throttled := slices.Concat(g.f.at("Generate", n, "import", "throttled"), g.f.at("Generate", n, "plan", "throttled"))
		g.add(fmt.Sprintf("generated-config import and plan at N=%d: throttled requests (all runs)", n), throttled, sum, "==", "0")
	}
}
