package bench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"
	tfjson "github.com/hashicorp/terraform-json"

	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

const module = "github.com/tencentrtc/terraform-provider-tencentrtc"

// binDir holds ours/ and floor/, each with a terraform-provider-tencentrtc
// for dev_overrides; TestMain removes it.
var binDir string

// build compiles both providers once per run with the release flags. With
// BENCH_OURS=floor, ours is the floor too (a self-test of the benchmark).
var build = sync.OnceValue(func() error {
	dir, err := os.MkdirTemp("", "tencentrtc-bench-")
	if err != nil {
		return err
	}
	binDir = dir
	ours := module
	if os.Getenv("BENCH_OURS") == "floor" {
		ours = module + "/bench/floor"
	}
	for side, pkg := range map[string]string{"ours": ours, "floor": module + "/bench/floor"} {
		out := filepath.Join(dir, side, "terraform-provider-tencentrtc")
		if b, err := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", out, pkg).CombinedOutput(); err != nil {
			return fmt.Errorf("go build %s: %w\n%s", pkg, err, b)
		}
	}
	return nil
})

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		_ = os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// side is one provider's root module and CLI.
type side struct {
	name string
	dir  string
	tf   *tfexec.Terraform
	out  bytes.Buffer     // stdout of the last command
	emu  *emulator.Server // whose counters hold ours' requests; nil for the floor
}

// pair is ours and the floor (nil for steps of ours only).
type pair struct{ ours, floor *side }

// newPair writes files into a root module per side, bound to its provider
// by dev_overrides, on the CLI named by the variable cliVar (else terraform
// on PATH), and warms both up with an untimed validate.
func newPair(b *testing.B, cliVar string, emu *emulator.Server, files map[string]string) *pair {
	if err := build(); err != nil {
		b.Fatal(err)
	}
	cli := os.Getenv(cliVar)
	if cli == "" {
		var err error
		if cli, err = exec.LookPath("terraform"); err != nil {
			b.Fatalf("%s is not set and no terraform is on PATH: run make bench, which finds or builds the CLIs", cliVar)
		}
	}
	p := &pair{ours: newSide(b, "ours", cli, files), floor: newSide(b, "floor", cli, files)}
	if os.Getenv("BENCH_OURS") != "floor" {
		p.ours.emu = emu
	}
	return p
}

func newSide(b *testing.B, name, cli string, files map[string]string) *side {
	s := &side{name: name, dir: b.TempDir()}
	for file, text := range files {
		if err := os.WriteFile(filepath.Join(s.dir, file), []byte(text), 0o600); err != nil {
			b.Fatal(err)
		}
	}
	cfg, err := testfixtures.WriteCLIConfig(s.dir, filepath.Join(binDir, name))
	if err != nil {
		b.Fatal(err)
	}
	// The caller's TF_*, TENCENTRTC_* and CHECKPOINT_* settings stay out.
	env := map[string]string{"TF_CLI_CONFIG_FILE": cfg, "CHECKPOINT_DISABLE": "1"}
	for _, kv := range os.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(k, "TF_") && !strings.HasPrefix(k, "TENCENTRTC_") && !strings.HasPrefix(k, "CHECKPOINT_") {
			env[k] = v
		}
	}
	if s.tf, err = tfexec.NewTerraform(s.dir, cli); err == nil {
		err = s.tf.SetEnv(env)
	}
	if err == nil { // the version, which QueryJSON checks, is read once and kept
		_, _, err = s.tf.Version(b.Context(), false)
	}
	if err == nil {
		var v *tfjson.ValidateOutput
		if v, err = s.tf.Validate(b.Context()); err == nil && !v.Valid {
			err = fmt.Errorf("invalid root module: %+v", v.Diagnostics)
		}
	}
	if err != nil {
		b.Fatalf("%s: %v", name, err)
	}
	return s
}

func (s *side) apply(ctx context.Context, parallelism int) error {
	return s.tf.Apply(ctx, tfexec.Parallelism(parallelism), tfexec.Lock(false))
}

// plan runs a refreshing plan that must find changes exactly when want says.
func (s *side) plan(ctx context.Context, want bool) error {
	changes, err := s.tf.Plan(ctx, tfexec.Lock(false))
	if err == nil && changes != want {
		err = fmt.Errorf("the plan found changes: %t, want %t:\n%s", changes, want, tail(s.out.String()))
	}
	return err
}

// query runs `terraform query -json` (into genOut with
// -generate-config-out when set) and checks that it listed want results.
func (s *side) query(ctx context.Context, want int, genOut string) error {
	var opts []tfexec.QueryOption
	if genOut != "" {
		opts = append(opts, tfexec.GenerateConfigOut(genOut))
	}
	msgs, err := s.tf.QueryJSON(ctx, opts...)
	if err != nil {
		return err
	}
	found := 0
	for m := range msgs { // read to the end, so the CLI is never left blocked
		switch msg := m.Msg.(type) {
		case tfjson.ListResourceFoundMessage:
			found++
		case nil:
			err = errors.Join(err, m.Err)
		default:
			if msg.Level() == tfjson.Error {
				err = errors.Join(err, errors.New(msg.Message()))
			}
		}
	}
	if err == nil && found != want {
		err = fmt.Errorf("the query listed %d configurations, want %d", found, want)
	}
	return err
}

func (s *side) has(file string) bool {
	_, err := os.Stat(filepath.Join(s.dir, file))
	return err == nil
}

func (s *side) remove(files ...string) error {
	for _, f := range files {
		if err := os.Remove(filepath.Join(s.dir, f)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}

func tail(out string) string {
	lines := strings.Split(strings.TrimSpace(out), "\n")
	return strings.Join(lines[max(0, len(lines)-30):], "\n")
}

// turn alternates which side goes first, from one measurement to the next.
var turn int

// step runs sub-benchmark step=name: per iteration, for each side in
// alternating order, prepare (untimed), then run (measured). resources
// scales the request counts.
func (p *pair) step(b *testing.B, name string, resources int, prepare, run func(context.Context, *side) error) {
	b.Run("step="+name, func(b *testing.B) {
		ctx := b.Context()
		got := map[*side][]sample{}
		for range b.N {
			order := []*side{p.ours}
			if p.floor != nil {
				turn++
				order = []*side{p.ours, p.floor}
				if turn%2 == 0 {
					order = []*side{p.floor, p.ours}
				}
			}
			for _, s := range order {
				if prepare != nil {
					if err := prepare(ctx, s); err != nil {
						b.Fatalf("%s: preparing %s: %v", s.name, name, err)
					}
				}
				m, err := measure(ctx, s, run)
				if err != nil {
					b.Fatalf("%s: %s: %v", s.name, name, err)
				}
				got[s] = append(got[s], m)
			}
		}
		report(b, resources, total(got[p.ours]), total(got[p.floor]))
	})
}

// sample is what one command cost.
type sample struct {
	n         int           // commands summed up
	counted   bool          // stats holds the emulator's counters (ours only)
	wall, cpu time.Duration // cpu: the CLI and the plugins it reaped
	self      time.Duration // this process: the in-process emulator, the /proc poll, reading the CLI's output
	peakKiB   int64         // highest VmHWM of the provider plugin
	stats     emulator.Stats
}

func measure(ctx context.Context, s *side, run func(context.Context, *side) error) (sample, error) {
	if s.emu != nil {
		s.emu.ResetStats()
	}
	s.out.Reset()
	s.tf.SetStdout(&s.out) // QueryJSON replaces it
	children, self := rusage(syscall.RUSAGE_CHILDREN), rusage(syscall.RUSAGE_SELF)
	stop := watchPlugins()
	start := time.Now()
	err := run(ctx, s)
	m := sample{n: 1, wall: time.Since(start), peakKiB: stop()}
	m.cpu = rusage(syscall.RUSAGE_CHILDREN) - children
	m.self = rusage(syscall.RUSAGE_SELF) - self
	if s.emu != nil {
		m.stats, m.counted = s.emu.Stats(), true
	}
	return m, err
}

func rusage(who int) time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(who, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func total(ms []sample) sample {
	var t sample
	for _, m := range ms {
		t.n++
		t.counted = m.counted
		t.wall += m.wall
		t.cpu += m.cpu
		t.self += m.self
		t.peakKiB = max(t.peakKiB, m.peakKiB)
		t.stats.Total += m.stats.Total
		t.stats.Throttled += m.stats.Throttled
		for path, c := range m.stats.Requests {
			if t.stats.Requests == nil {
				t.stats.Requests = map[string]int64{}
			}
			t.stats.Requests[path] += c
		}
	}
	return t
}

// report gives the figures per command: each side's wall and CPU seconds
// and peak plugin memory (bytes), ours/floor ratios, and ours'
// API requests per resource, reads and writes apart, and throttled ones.
func report(b *testing.B, resources int, ours, floor sample) {
	if ours.peakKiB == 0 || floor.n > 0 && (floor.peakKiB == 0 || floor.cpu == 0) {
		b.Fatalf("the plugin's memory or the floor's CPU time was not measured: ours %+v, floor %+v", ours, floor)
	}
	n := float64(ours.n)
	b.ReportMetric(0, "ns/op") // the figures below say what was measured
	b.ReportMetric(ours.wall.Seconds()/n, "ours-s")
	b.ReportMetric(ours.cpu.Seconds()/n, "ours-cpu-s")
	b.ReportMetric(float64(ours.peakKiB)*1024, "ours-B")
	if floor.n > 0 {
		b.ReportMetric(floor.wall.Seconds()/n, "floor-s")
		b.ReportMetric(floor.cpu.Seconds()/n, "floor-cpu-s")
		b.ReportMetric(float64(floor.peakKiB)*1024, "floor-B")
		b.ReportMetric(ours.wall.Seconds()/floor.wall.Seconds(), "ratio")
		b.ReportMetric(ours.cpu.Seconds()/floor.cpu.Seconds(), "cpu-ratio")
		b.ReportMetric(float64(ours.peakKiB)/float64(floor.peakKiB), "mem-ratio")
	}
	if !ours.counted { // the floor in the self-test
		return
	}
	var reads int64
	for path, c := range ours.stats.Requests {
		if strings.HasSuffix(path, "/get_callback") || strings.HasSuffix(path, "/get_callback_token") || strings.HasSuffix(path, "/get") {
			reads += c
		}
	}
	per := n * float64(resources)
	b.ReportMetric(float64(ours.stats.Total)/per, "req/res")
	b.ReportMetric(float64(reads)/per, "reads/res")
	b.ReportMetric(float64(ours.stats.Total-reads)/per, "writes/res")
	b.ReportMetric(float64(ours.stats.Throttled)/n, "throttled")
	b.ReportMetric(ours.self.Seconds()/n, "self-cpu-s")
}

// watchPlugins polls /proc every 20 ms for provider plugins (children of a
// CLI that this process started) and returns a stop function that gives the
// highest VmHWM any of them reached, in KiB.
func watchPlugins() (stop func() int64) {
	done, peak := make(chan struct{}), make(chan int64)
	go func() {
		var high int64
		known := map[int]bool{}
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			high = max(high, pollPlugins(known))
			select {
			case <-done:
				peak <- high
				return
			case <-tick.C:
			}
		}
	}()
	return func() int64 { close(done); return <-peak }
}

func pollPlugins(known map[int]bool) int64 {
	entries, _ := os.ReadDir("/proc")
	var high int64
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil { // PIDs wrap around (pid_max is 32768 here): any may be new
			continue
		}
		plugin, seen := known[pid]
		if !seen {
			comm, parent := procStat(pid)
			_, grandparent := procStat(parent)
			plugin = comm == "terraform-provi" && grandparent == os.Getpid() // comm: 15 bytes
			if plugin || grandparent != os.Getpid() {                        // else it may not have exec'd yet
				known[pid] = plugin
			}
		}
		if plugin {
			high = max(high, vmHWM(pid))
		}
	}
	return high
}

// procStat returns the command name and parent of pid.
func procStat(pid int) (comm string, ppid int) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	open, end := bytes.IndexByte(b, '('), bytes.LastIndexByte(b, ')')
	if err != nil || open < 0 || end < open {
		return "", 0
	}
	fields := strings.Fields(string(b[end+1:])) // state ppid ...
	if len(fields) > 1 {
		ppid, _ = strconv.Atoi(fields[1])
	}
	return string(b[open+1 : end]), ppid
}

func vmHWM(pid int) int64 {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kib, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kib
		}
	}
	return 0
}
