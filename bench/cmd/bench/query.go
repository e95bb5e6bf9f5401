package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

// Goals of the query issue.
const (
	goalQueryRatio  = 1.5 // query wall time within this factor of the floor
	goalQueryMemory = 1.2 // provider peak memory within this factor of the floor's
)

// queryLabel is the list block's address prefix in terraform query output.
const queryLabel = "list.tencentrtc_callback_config.fleet"

// queryPart measures `terraform query` over N apps × 4 products at every
// -query-n, alternating ours and the floor, then the generated-config round
// trip at -generate-n, the growth and the goals.
func (h *harness) queryPart(ctx context.Context) error {
	o := h.opts
	if o.queryCLI == "" {
		h.note("query part skipped: no Terraform 1.14+ given (-query-cli / BENCH_QUERY_CLI; scripts/bench.sh uses scripts/cli.sh terraform-current)")
		return nil
	}
	logDir := filepath.Join(h.tf.logDir, "query")
	if err := os.MkdirAll(logDir, 0o755); err != nil {
		return err
	}
	h.qtf = &tfRunner{cli: o.queryCLI, pluginName: h.tf.pluginName, timeout: o.cmdTimeout, poll: o.poll, logDir: logDir}
	q := &Query{CLI: o.queryCLI, CLIVersion: cliVersion(ctx, o.queryCLI)}
	h.res.Query = q
	h.rep.Printf("\n== terraform query: %s (%s); ours: %s ==\n", q.CLIVersion, o.queryCLI, h.oursIs)

	start := time.Now()
	for _, n := range o.querySizes {
		reps, budgeted := o.queryReps, false
		if n >= o.largeFrom {
			if o.queryRepsLarge > 0 {
				reps = o.queryRepsLarge
			} else {
				budgeted = true
			}
		}
		qs, err := h.measureQuery(ctx, n, reps, budgeted, start)
		if qs != nil {
			q.Sizes = append(q.Sizes, *qs)
		}
		if err != nil {
			return fmt.Errorf("at N=%d: %w", n, err)
		}
	}
	if o.generateN > 0 {
		g, err := h.measureGenerate(ctx, o.generateN, o.generateReps)
		if err != nil {
			return fmt.Errorf("generated-config round trip at N=%d: %w", o.generateN, err)
		}
		q.Generate = g
	}
	h.queryGrowth()
	h.queryGoals()
	return nil
}

// querySetup starts and populates an emulator with n apps (not in the
// self-test) and writes main.tf plus fleet.tfquery.hcl for both sides under
// work/<sub>/. The caller stops the returned emulator (nil in the self-test).
func (h *harness) querySetup(ctx context.Context, sub string, n int) (*emuProc, [2]*workspace, error) {
	apps := benchApps(n)
	var emu *emuProc
	endpoint := "http://127.0.0.1:1" // the floor ignores it
	var ws [2]*workspace
	if h.bins.emulator != "" {
		emu = newEmulator(h.bins.emulator, apps, h.qtf.logDir)
		if err := emu.Start(ctx); err != nil {
			return nil, ws, err
		}
		start := time.Now()
		if err := emu.Populate(ctx, catalog.Products); err != nil {
			emu.Stop()
			return nil, ws, fmt.Errorf("populate the emulator: %w", err)
		}
		if err := emu.ResetStats(ctx); err != nil {
			emu.Stop()
			return nil, ws, err
		}
		h.rep.Printf("  emulator: %d apps, %d configurations stored out of band in %.1fs\n", n, n*len(catalog.Products), time.Since(start).Seconds())
		endpoint = emu.url
	}
	files := map[string]string{
		"main.tf":           queryModule(endpoint, apps),
		"fleet.tfquery.hcl": queryFile(n * len(catalog.Products)),
	}
	var err error
	for i, side := range []struct{ name, bin string }{{"ours", h.bins.oursDir}, {"floor", h.bins.floorDir}} {
		if ws[i], err = h.workspace(sub, side.name, side.bin, files); err != nil {
			break
		}
	}
	if err != nil && emu != nil {
		emu.Stop()
	}
	return emu, ws, err
}

// cliRuns collects one side's runs of one CLI command.
type cliRuns struct {
	wall, cpu []float64
	peak      int64 // KiB
}

func (q *cliRuns) add(r tfRun) {
	q.wall = append(q.wall, seconds(r.Wall))
	q.cpu = append(q.cpu, seconds(r.CPU))
	q.peak = max(q.peak, r.PeakKiB)
}

// measureQuery runs reps queries per side at n apps, alternating which side
// goes first; from -large-from on (budgeted), it stops after the repetition
// that leaves too little of -query-budget for another.
func (h *harness) measureQuery(ctx context.Context, n, reps int, budgeted bool, partStart time.Time) (*QuerySize, error) {
	configs := n * len(catalog.Products)
	h.rep.Printf("\n== query N=%d apps, %d configurations (%d callkit), up to %d repetitions per side (alternating ours/floor) ==\n", n, configs, n, reps)
	loadStart := loadAvg()
	emu, ws, err := h.querySetup(ctx, fmt.Sprintf("q%d", n), n)
	if err != nil {
		return nil, err
	}
	if emu != nil {
		defer emu.Stop()
	}
	if err := warmUp(ctx, h.qtf, ws[:]...); err != nil {
		return nil, err
	}
	ours, floor := &cliRuns{}, &cliRuns{}
	qs := &QuerySize{Apps: n, Configurations: configs}
	for i := 0; i < reps; i++ {
		repStart := time.Now()
		order := []int{0, 1}
		if i%2 == 1 {
			order = []int{1, 0}
		}
		for _, side := range order {
			emuCPU := emuCPU(emu)
			r, err := h.timedQuery(ctx, ws[side], configs)
			if err != nil {
				return nil, err
			}
			if side == 1 {
				floor.add(r)
				continue
			}
			ours.add(r)
			if emu != nil {
				qs.EmulatorCPUS = append(qs.EmulatorCPUS, seconds(emu.CPU()-emuCPU))
				if err := h.queryStats(ctx, emu, qs); err != nil {
					return nil, err
				}
			}
		}
		qs.Repetitions++
		h.rep.Printf("  rep %d/%d: query ours %.2fs floor %.2fs\n", i+1, reps, ours.wall[i], floor.wall[i])
		if budgeted && i+1 < reps && time.Since(partStart)+time.Since(repStart) > h.opts.queryBudget {
			h.note(fmt.Sprintf("query N=%d: stopped after %d of %d repetitions per side: another (%.0fs) would exceed the query part's %s budget; min/median/max are over %d runs",
				n, i+1, reps, time.Since(repStart).Seconds(), h.opts.queryBudget, i+1))
			break
		}
	}
	qs.Query = compare(ours.wall, floor.wall, ours.cpu, floor.cpu)
	qs.PeakMemory = QueryMemory{Ours: mb(ours.peak), Floor: mb(floor.peak)}
	qs.PeakMemory.Ratio = round(ratio(qs.PeakMemory.Ours, qs.PeakMemory.Floor), 3)
	qs.LoadAvg = [2]float64{loadStart, loadAvg()}
	if loadStart > float64(runtime.NumCPU())/2 {
		h.note(fmt.Sprintf("query N=%d: load average %.1f on %d CPUs at the start: wall times are noisy; the CPU-time ratio is less affected", n, loadStart, runtime.NumCPU()))
	}
	h.printQuerySize(qs)
	return qs, nil
}

// emuCPU is the emulator's CPU time so far; 0 without an emulator.
func emuCPU(emu *emuProc) time.Duration {
	if emu == nil {
		return 0
	}
	return emu.CPU()
}

// timedQuery runs one query in ws and checks that it listed every
// configuration.
func (h *harness) timedQuery(ctx context.Context, ws *workspace, configs int) (tfRun, error) {
	r, err := h.qtf.Run(ctx, ws, []int{0}, "query", "-no-color")
	if err != nil {
		return r, err
	}
	if got := countResults(r.OutputLog); got != configs {
		return r, fmt.Errorf("query (%s) listed %d configurations, want %d; last output:\n%s", ws.side, got, configs, tail(r.OutputLog, 20))
	}
	return r, nil
}

// queryStats reads and resets the emulator's counters after one query of
// ours.
func (h *harness) queryStats(ctx context.Context, emu *emuProc, qs *QuerySize) error {
	st, err := emu.TakeStats(ctx)
	if err != nil {
		return err
	}
	qs.RequestsPerConfiguration = append(qs.RequestsPerConfiguration, perResource(st.Total, qs.Configurations))
	qs.Throttled += st.Throttled
	qs.Paths = st.Requests
	if onePerPair(st, qs.Apps) {
		qs.RunsOnePerPair++
	}
	return nil
}

// onePerPair reports whether a query of n apps × 4 products sent exactly one
// request per (app, product): 4n requests in all, n on each product's read
// path and nothing else. The emulator counts per path, not per app, but every
// listed pair (the results check) needs at least one read, so n pairs and n
// reads on a path mean exactly one each.
func onePerPair(st emulator.Stats, n int) bool {
	if st.Total != int64(n*len(catalog.Products)) || len(st.Requests) != len(catalog.Products) {
		return false
	}
	for path, c := range st.Requests {
		if !isRead(path) || c != int64(n) {
			return false
		}
	}
	return true
}

// isRead reports whether an API path only reads (get_callback, the Live
// token's get, the legacy callkit get).
func isRead(path string) bool {
	return strings.HasSuffix(path, "/get_callback") || strings.HasSuffix(path, "/get_callback_token") || strings.HasSuffix(path, "/get")
}

// countResults counts the listed results in a query's output.
func countResults(logPath string) int {
	b, err := os.ReadFile(logPath)
	if err != nil {
		return -1
	}
	n := 0
	for line := range bytes.Lines(b) {
		if rest, ok := bytes.CutPrefix(line, []byte(queryLabel)); ok && len(rest) > 0 && (rest[0] == ' ' || rest[0] == '\t') {
			n++
		}
	}
	return n
}
