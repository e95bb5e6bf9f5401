package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
)

// sideRuns collects one side's measurements at one size.
type sideRuns struct {
	plan, apply         cliRuns
	planReads, planReqs []float64 // per resource (ours only)
	applyReqs           []float64
	planThrottled       int64
	applyThrottled      []int64
	lastPlanPaths       map[string]int64
}

// setupSize writes the root module for n apps into a fresh directory per side
// and starts the emulator for ours.
func (h *harness) setupSize(ctx context.Context, n int) ([]emulator.App, error) {
	apps := benchApps(n)
	endpoint := "http://127.0.0.1:1" // the floor ignores it
	if h.bins.emulator != "" {
		h.emu = newEmulator(h.bins.emulator, apps, h.tf.logDir)
		if err := h.emu.Start(ctx); err != nil {
			return nil, err
		}
		endpoint = h.emu.url
	}
	files := map[string]string{"main.tf": rootModule(endpoint, apps)}
	sub := fmt.Sprintf("n%d", n)
	var err error
	if h.ours, err = h.workspace(sub, "ours", h.bins.oursDir, files); err != nil {
		return nil, err
	}
	if h.floor, err = h.workspace(sub, "floor", h.bins.floorDir, files); err != nil {
		return nil, err
	}
	return apps, nil
}

// measureSize runs reps repetitions per side at n apps, alternating which side
// goes first, and prints and returns the figures.
func (h *harness) measureSize(ctx context.Context, n, reps int, budgeted bool) (*SizeResult, error) {
	resources := n * len(benchProducts)
	h.rep.Printf("\n== N=%d apps, %d resources, %d repetitions per side (alternating ours/floor) ==\n", n, resources, reps)
	loadStart := loadAvg()
	if loadStart > float64(runtime.NumCPU())/2 {
		h.note(fmt.Sprintf("N=%d: load average %.1f on %d CPUs at the start: other work competes for the CPUs, so wall-time figures are noisy; the CPU-time ratios are less affected", n, loadStart, runtime.NumCPU()))
	}
	if _, err := h.setupSize(ctx, n); err != nil {
		return nil, err
	}
	defer func() {
		if h.emu != nil {
			h.emu.Stop()
			h.emu = nil
		}
	}()

	if err := warmUp(ctx, h.tf, h.ours, h.floor); err != nil {
		return nil, err
	}

	ours, floor := &sideRuns{}, &sideRuns{}
	par := h.opts.parallelism[0]
	done := 0
	for i := 0; i < reps; i++ {
		repStart := time.Now()
		order := []*workspace{h.ours, h.floor}
		if i%2 == 1 {
			order[0], order[1] = order[1], order[0]
		}
		for _, ws := range order {
			sr := floor
			if ws == h.ours {
				sr = ours
			}
			if err := h.applyAndPlan(ctx, ws, sr, resources, par); err != nil {
				return nil, err
			}
		}
		h.rep.Printf("  rep %d/%d: plan ours %.2fs floor %.2fs; apply ours %.2fs floor %.2fs\n", i+1, reps,
			ours.plan.wall[i], floor.plan.wall[i], ours.apply.wall[i], floor.apply.wall[i])
		done++
		if budgeted && i+1 < reps && h.overBudget(time.Since(repStart)) {
			h.note(fmt.Sprintf("N=%d: stopped after %d of %d repetitions per side: another (%.0fs) would exceed the %s budget; min/median/max are over %d runs",
				n, done, reps, time.Since(repStart).Seconds(), h.opts.budget, done))
			break
		}
	}
	reps = done

	res := &SizeResult{
		Apps:        n,
		Resources:   resources,
		Repetitions: reps,
		Plan:        compare(ours.plan.wall, floor.plan.wall, ours.plan.cpu, floor.plan.cpu),
		Apply:       compare(ours.apply.wall, floor.apply.wall, ours.apply.cpu, floor.apply.cpu),
		LoadAvg:     [2]float64{loadStart, loadAvg()},
		PeakMemory: Memory{
			OursPlan: mb(ours.plan.peak), OursApply: mb(ours.apply.peak),
			FloorPlan: mb(floor.plan.peak), FloorApply: mb(floor.apply.peak),
		},
	}
	if h.emu != nil {
		api := &API{
			PlanReadsPerResource:     ours.planReads,
			PlanRequestsPerResource:  ours.planReqs,
			PlanThrottled:            ours.planThrottled,
			ApplyRequestsPerResource: ours.applyReqs,
			ApplyThrottled:           map[string][]int64{strconv.Itoa(par): ours.applyThrottled},
			ApplyExtraS:              map[string]float64{},
			PlanPaths:                ours.lastPlanPaths,
		}
		if err := h.extraApplies(ctx, n, budgeted, res.Apply.OursS.Median, api); err != nil {
			return nil, err
		}
		res.API = api
	}
	h.printSize(res)
	return res, nil
}

// warmUp validates each workspace, untimed: page cache of the CLI and both
// plugins, schemas.
func warmUp(ctx context.Context, tf *tfRunner, wss ...*workspace) error {
	for _, ws := range wss {
		if _, err := tf.Run(ctx, ws, []int{0}, "validate", "-no-color"); err != nil {
			return err
		}
	}
	return nil
}

// extraApplies runs one create-everything apply of ours per extra
// -parallelism value, counting throttled requests, unless (budgeted) it would
// exceed the budget; medianApply is the timed apply's median wall seconds.
func (h *harness) extraApplies(ctx context.Context, n int, budgeted bool, medianApply float64, api *API) error {
	for _, p := range h.opts.parallelism[1:] {
		if budgeted && h.overBudget(time.Duration(medianApply*float64(time.Second))) {
			h.note(fmt.Sprintf("N=%d: apply -parallelism=%d skipped: it would exceed the %s budget", n, p, h.opts.budget))
			continue
		}
		r, st, err := h.freshApply(ctx, p)
		if err != nil {
			return err
		}
		key := strconv.Itoa(p)
		api.ApplyThrottled[key] = append(api.ApplyThrottled[key], st.Throttled)
		api.ApplyExtraS[key] = seconds(r.Wall)
	}
	return nil
}

// applyAndPlan resets ws to nothing, times the apply that creates every
// resource, then times a refreshing plan that must find nothing to change.
// For ours it reads the emulator's counters around each command.
func (h *harness) applyAndPlan(ctx context.Context, ws *workspace, sr *sideRuns, resources, par int) error {
	isOurs := ws == h.ours && h.emu != nil
	if isOurs {
		if err := h.emu.Restart(ctx); err != nil {
			return err
		}
	}
	if err := ws.resetState(); err != nil {
		return err
	}
	var emu *emuProc // nil: no counters to read
	if isOurs {
		emu = h.emu
	}
	a, st, err := counted(ctx, emu, func() (tfRun, error) { return h.tf.Apply(ctx, ws, par) })
	if err != nil {
		return err
	}
	sr.addApply(a, st, resources)
	p, st, err := counted(ctx, emu, func() (tfRun, error) { return h.tf.Plan(ctx, ws) })
	if err != nil {
		return err
	}
	sr.addPlan(p, st, resources)
	return nil
}

// counted runs one command and, when emu is not nil, takes the emulator's
// counters of what the command sent (st is nil otherwise).
func counted(ctx context.Context, emu *emuProc, run func() (tfRun, error)) (tfRun, *emulator.Stats, error) {
	r, err := run()
	if err != nil || emu == nil {
		return r, nil, err
	}
	st, err := emu.TakeStats(ctx)
	return r, &st, err
}

// addApply records one create-everything apply and, for ours, its requests.
func (sr *sideRuns) addApply(a tfRun, st *emulator.Stats, resources int) {
	sr.apply.add(a)
	if st != nil {
		sr.applyReqs = append(sr.applyReqs, perResource(st.Total, resources))
		sr.applyThrottled = append(sr.applyThrottled, st.Throttled)
	}
}

// addPlan records one refreshing plan and, for ours, its requests.
func (sr *sideRuns) addPlan(p tfRun, st *emulator.Stats, resources int) {
	sr.plan.add(p)
	if st != nil {
		sr.planReads = append(sr.planReads, perResource(getCallbacks(*st), resources))
		sr.planReqs = append(sr.planReqs, perResource(st.Total, resources))
		sr.planThrottled += st.Throttled
		sr.lastPlanPaths = st.Requests
	}
}

// freshApply creates everything with ours at parallelism p against a fresh
// emulator and returns the run and the emulator's counters.
func (h *harness) freshApply(ctx context.Context, p int) (tfRun, emulator.Stats, error) {
	if err := h.emu.Restart(ctx); err != nil {
		return tfRun{}, emulator.Stats{}, err
	}
	if err := h.ours.resetState(); err != nil {
		return tfRun{}, emulator.Stats{}, err
	}
	r, err := h.tf.Apply(ctx, h.ours, p)
	if err != nil {
		return r, emulator.Stats{}, err
	}
	st, err := h.emu.Stats(ctx)
	return r, st, err
}

func perResource(n int64, resources int) float64 {
	return round(float64(n)/float64(resources), 3)
}

func compare(ours, floor, oursCPU, floorCPU []float64) Comparison {
	c := Comparison{OursS: summarize(ours), FloorS: summarize(floor), OursCPUS: summarize(oursCPU), FloorCPUS: summarize(floorCPU)}
	c.PairRatios = pairRatios(ours, floor)
	c.Ratio = round(median(c.PairRatios), 3)
	c.RatioOfMedians = round(ratio(c.OursS.Median, c.FloorS.Median), 3)
	c.CPURatio = round(median(pairRatios(oursCPU, floorCPU)), 3)
	return c
}

func pairRatios(a, b []float64) []float64 {
	out := make([]float64, 0, len(a))
	for i := range min(len(a), len(b)) {
		out = append(out, round(ratio(a[i], b[i]), 3))
	}
	return out
}

// loadAvg is the 1-minute load average, a hint at how noisy the wall times are.
func loadAvg() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0
	}
	v, _ := strconv.ParseFloat(f[0], 64)
	return v
}

// ratio is a/b, or 0 when b is 0 (JSON has no Inf/NaN).
func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}
