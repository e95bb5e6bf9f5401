// Command bench measures terraform-provider-tencentrtc against the limit of
// what Terraform itself costs: the floor provider in bench/floor, which has
// the same schemas and does no I/O. For each size N it runs N apps × {call,
// live, room} configurations through the same root module over both
// providers, alternating, and reports wall-time ratios, API requests per
// resource from the emulator, throttling, the provider's peak memory and the
// growth from the smallest to the largest N, each beside its goal.
//
// scripts/bench.sh (make bench) builds and runs it; see bench/README.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Goals of the scale issue.
const (
	goalPlanRatio   = 1.25 // plan at the smallest N within this factor of the floor
	goalApplyRatio  = 1.5  // apply at the smallest N within this factor of the floor
	goalMemoryMB    = 100  // provider peak memory at the largest N
	growthTolerance = 1.10 // "no worse than linear", allowing 10 % noise
)

type options struct {
	sizes       []int
	reps        int
	repsLarge   int // 0 = up to reps, as far as the budget allows (at least 1)
	largeFrom   int
	parallelism []int
	budget      time.Duration
	cli         string
	root        string
	results     string
	ours        string // "provider" or "floor"
	provider    string // prebuilt binaries; built when empty
	floor       string
	emulator    string
	keep        bool
	poll        time.Duration
	cmdTimeout  time.Duration
	profile     bool

	parts          map[string]bool // "apply" (apply/plan), "query"
	queryCLI       string          // Terraform 1.14+; "" skips the query part
	querySizes     []int
	queryReps      int
	queryRepsLarge int
	queryBudget    time.Duration
	generateN      int // 0 skips the generated-config round trip
	generateReps   int
}

func main() {
	opts, err := parseFlags()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err = run(ctx, opts)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench: FAIL:", err)
		os.Exit(1)
	}
}

func parseFlags() (*options, error) {
	o := &options{}
	var sizes, par string
	flag.StringVar(&sizes, "n", envOr("BENCH_N", "100,1000"), "comma-separated numbers of apps (3 resources each) [BENCH_N]")
	flag.IntVar(&o.reps, "reps", envInt("BENCH_REPS", 5), "repetitions per side below -large-from [BENCH_REPS]")
	flag.IntVar(&o.repsLarge, "reps-large", envInt("BENCH_REPS_LARGE", 0), "repetitions per side from -large-from on; 0 = up to -reps, as many as -budget allows (at least 1) [BENCH_REPS_LARGE]")
	flag.IntVar(&o.largeFrom, "large-from", 1000, "N from which -reps-large applies")
	flag.StringVar(&par, "parallelism", envOr("BENCH_PARALLELISM", "10,50"), "apply -parallelism values; the first is used for the timed applies, the others for extra throttling runs of ours [BENCH_PARALLELISM]")
	flag.DurationVar(&o.budget, "budget", envDuration("BENCH_BUDGET", 8*time.Minute), "time budget of the harness; sizes from -large-from on stop repeating when the next repetition would exceed it, unless -reps-large is set [BENCH_BUDGET]")
	flag.StringVar(&o.cli, "cli", os.Getenv("BENCH_CLI"), "Terraform or OpenTofu binary; default terraform on PATH [BENCH_CLI]")
	flag.StringVar(&o.root, "root", ".", "module root (the repository)")
	flag.StringVar(&o.results, "results", "bench/results", "directory for <timestamp>.json and .txt; empty = do not write")
	flag.StringVar(&o.ours, "ours", envOr("BENCH_OURS", "provider"), `"provider", or "floor" to run floor against floor (self-test of the harness) [BENCH_OURS]`)
	flag.StringVar(&o.provider, "provider-bin", "", "prebuilt terraform-provider-tencentrtc; built when empty")
	flag.StringVar(&o.floor, "floor-bin", "", "prebuilt floor provider; built when empty")
	flag.StringVar(&o.emulator, "emulator-bin", "", "prebuilt tencentrtc-emulator; built when empty")
	flag.BoolVar(&o.keep, "keep", false, "keep the work directory (root modules, logs)")
	flag.DurationVar(&o.poll, "mem-poll", 20*time.Millisecond, "interval of the provider memory poll")
	flag.DurationVar(&o.cmdTimeout, "cmd-timeout", 15*time.Minute, "limit of one terraform command")
	flag.BoolVar(&o.profile, "profile", envOr("BENCH_PROFILE", "") == "1", "after the measurements, run one apply and plan at the largest N over a provider build that writes CPU and heap profiles [BENCH_PROFILE=1]")
	var parts, qsizes string
	flag.StringVar(&parts, "parts", envOr("BENCH_PARTS", "apply,query"), `what to measure, comma-separated: "apply" (apply and refreshing plan of N×3 resources) and "query" (terraform query of N×4 configurations, the generated-config round trip) [BENCH_PARTS]`)
	flag.StringVar(&o.queryCLI, "query-cli", os.Getenv("BENCH_QUERY_CLI"), "Terraform 1.14+ for the query part (OpenTofu has no query); empty skips it with a note [BENCH_QUERY_CLI]")
	flag.StringVar(&qsizes, "query-n", envOr("BENCH_QUERY_N", "100,1000"), "comma-separated numbers of apps for the query (4 configurations each) [BENCH_QUERY_N]")
	flag.IntVar(&o.queryReps, "query-reps", envInt("BENCH_QUERY_REPS", 5), "query repetitions per side below -large-from [BENCH_QUERY_REPS]")
	flag.IntVar(&o.queryRepsLarge, "query-reps-large", envInt("BENCH_QUERY_REPS_LARGE", 0), "query repetitions per side from -large-from on; 0 = up to -query-reps, as many as -query-budget allows (at least 1) [BENCH_QUERY_REPS_LARGE]")
	flag.DurationVar(&o.queryBudget, "query-budget", envDuration("BENCH_QUERY_BUDGET", 4*time.Minute), "time budget of the query part, from its start [BENCH_QUERY_BUDGET]")
	flag.IntVar(&o.generateN, "generate-n", envInt("BENCH_GENERATE_N", 100), "apps of the generated-config round trip (query -generate-config-out, apply, plan); 0 skips it [BENCH_GENERATE_N]")
	flag.IntVar(&o.generateReps, "generate-reps", envInt("BENCH_GENERATE_REPS", 3), "repetitions per side of the generated-config round trip [BENCH_GENERATE_REPS]")
	flag.Parse()

	var err error
	o.parts = map[string]bool{}
	for _, p := range strings.Split(parts, ",") {
		p = strings.TrimSpace(p)
		if p != "apply" && p != "query" {
			return nil, fmt.Errorf(`-parts: %q is not "apply" or "query"`, p)
		}
		o.parts[p] = true
	}
	if o.querySizes, err = ints(qsizes); err != nil {
		return nil, fmt.Errorf("-query-n: %w", err)
	}
	if o.queryReps < 1 || o.queryRepsLarge < 0 || o.generateN < 0 || o.generateReps < 1 {
		return nil, errors.New("-query-reps and -generate-reps must be at least 1, -query-reps-large and -generate-n at least 0")
	}
	if o.sizes, err = ints(sizes); err != nil {
		return nil, fmt.Errorf("-n: %w", err)
	}
	if o.parallelism, err = ints(par); err != nil {
		return nil, fmt.Errorf("-parallelism: %w", err)
	}
	if o.reps < 1 || o.repsLarge < 0 {
		return nil, errors.New("-reps must be at least 1 and -reps-large at least 0")
	}
	if o.ours != "provider" && o.ours != "floor" {
		return nil, fmt.Errorf(`-ours must be "provider" or "floor", not %q`, o.ours)
	}
	if o.root, err = filepath.Abs(o.root); err != nil {
		return nil, err
	}
	// -results is relative to -root unless it is absolute.
	if o.results != "" && !filepath.IsAbs(o.results) {
		o.results = filepath.Join(o.root, o.results)
	}
	if o.cli == "" {
		if o.cli, err = exec.LookPath("terraform"); err != nil {
			return nil, errors.New("no -cli given and no terraform on PATH (scripts/bench.sh finds one or builds OpenTofu)")
		}
	}
	return o, nil
}

func ints(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%q is not a list of positive integers", s)
		}
		out = append(out, n)
	}
	return out, nil
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func envInt(key string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(key)); err == nil {
		return n
	}
	return def
}

func envDuration(key string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(os.Getenv(key)); err == nil {
		return d
	}
	return def
}

// harness holds what the measurements share.
type harness struct {
	opts   *options
	work   string
	bins   binaries
	tf     *tfRunner
	rep    *report
	res    *Results
	start  time.Time
	qtf    *tfRunner  // the query part's CLI
	ours   *workspace // per size, rebuilt by measureSize
	floor  *workspace
	emu    *emuProc
	oursIs string
}

func run(ctx context.Context, opts *options) (err error) {
	h := &harness{
		opts:  opts,
		rep:   &report{out: os.Stdout},
		start: time.Now(),
		res: &Results{
			FormatVersion: 1,
			Ours:          opts.ours,
			Parallelism:   opts.parallelism,
			CLI:           opts.cli,
			Machine:       Machine{GoVersion: runtime.Version(), OS: runtime.GOOS, Arch: runtime.GOARCH, CPUs: runtime.NumCPU()},
		},
	}
	h.res.Started = h.start

	h.work, err = os.MkdirTemp("", "tencentrtc-bench-")
	if err != nil {
		return err
	}
	defer func() {
		if h.emu != nil {
			h.emu.Stop()
		}
		if opts.keep {
			fmt.Fprintln(os.Stderr, "bench: work directory kept:", h.work)
		} else {
			_ = os.RemoveAll(h.work)
		}
	}()
	defer func() { err = h.writeResults(err) }()

	h.res.Commit = gitDescribe(ctx, opts.root)
	h.res.CLIVersion = cliVersion(ctx, opts.cli)
	h.rep.Printf("tencentrtc provider benchmark  commit %s  %s/%s  %d CPUs  %s\n",
		h.res.Commit, runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version())
	h.rep.Printf("CLI: %s (%s)\n", h.res.CLIVersion, opts.cli)

	if h.bins, err = build(ctx, opts, filepath.Join(h.work, "bin")); err != nil {
		return err
	}
	h.oursIs = "terraform-provider-tencentrtc"
	if opts.ours == "floor" {
		h.oursIs = "floor (self-test: floor against floor, no emulator)"
	}
	h.rep.Printf("ours: %s; floor: bench/floor; timed applies at -parallelism=%d\n", h.oursIs, opts.parallelism[0])

	logDir := filepath.Join(h.work, "logs")
	if err := os.MkdirAll(logDir, 0o755); err != nil {
		return err
	}
	h.tf = &tfRunner{
		cli:        opts.cli,
		pluginName: "terraform-provider-tencentrtc",
		timeout:    opts.cmdTimeout,
		poll:       opts.poll,
		logDir:     logDir,
	}

	if opts.parts["apply"] {
		if err := h.applyPart(ctx); err != nil {
			return err
		}
	}
	if opts.parts["query"] {
		if err := h.queryPart(ctx); err != nil {
			return fmt.Errorf("query: %w", err)
		}
	}
	h.printGoals()
	if opts.profile {
		if err := h.profileRun(ctx); err != nil {
			return fmt.Errorf("profile run: %w", err)
		}
	}
	h.rep.Printf("\ntotal %.0fs\n", time.Since(h.start).Seconds())
	return nil
}

// writeResults writes what was measured, even when a step failed (err), and
// returns err joined with any write error.
func (h *harness) writeResults(err error) error {
	h.res.DurationS = round(time.Since(h.start).Seconds(), 1)
	h.res.Complete = err == nil
	if err != nil {
		h.res.Error = err.Error()
	}
	if h.opts.results == "" || (len(h.res.Sizes) == 0 && h.res.Query == nil) {
		return err
	}
	base, werr := h.rep.write(h.opts.results, h.res)
	if werr != nil {
		return errors.Join(err, werr)
	}
	fmt.Printf("\nresults: %s.json  %s.txt\n", base, base)
	return err
}

// applyPart measures apply and refreshing plan at every size, then the
// growth and the goals of the scale issue.
func (h *harness) applyPart(ctx context.Context) error {
	for _, n := range h.opts.sizes {
		reps, budgeted := h.repetitions(n)
		sr, err := h.measureSize(ctx, n, reps, budgeted)
		if sr != nil {
			h.res.Sizes = append(h.res.Sizes, *sr)
		}
		if err != nil {
			return fmt.Errorf("benchmark at N=%d: %w", n, err)
		}
	}
	h.growth()
	h.goals()
	return nil
}

// repetitions returns the number of repetitions per side for size n and
// whether the budget may cut them short. Sizes from -large-from on run -reps
// repetitions (or -reps-large when set), and without -reps-large stop after
// the repetition that leaves too little of -budget for another one: at 3000
// resources one Terraform 1.11 plan of the floor alone costs minutes on a
// 2-core machine (its own per-instance work grows faster than linearly).
func (h *harness) repetitions(n int) (reps int, budgeted bool) {
	o := h.opts
	switch {
	case n < o.largeFrom:
		return o.reps, false
	case o.repsLarge > 0:
		return o.repsLarge, false
	default:
		return o.reps, true
	}
}

// overBudget reports whether another step expected to take next would end
// after the budget.
func (h *harness) overBudget(next time.Duration) bool {
	return time.Since(h.start)+next > h.opts.budget
}

func (h *harness) note(s string) {
	h.res.Notes = append(h.res.Notes, s)
	h.rep.Printf("note: %s\n", s)
}

func gitDescribe(ctx context.Context, root string) string {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", "describe", "--always", "--dirty")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}
