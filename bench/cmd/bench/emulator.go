package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/tencentrtc/terraform-provider-tencentrtc/bench/fleet"
	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/emuproc"
)

// getCallbacks counts the v4 read verbs (get_callback of every product).
func getCallbacks(s emulator.Stats) int64 {
	var n int64
	for path, c := range s.Requests {
		if strings.HasSuffix(path, "/get_callback") {
			n += c
		}
	}
	return n
}

// emuProc runs tencentrtc-emulator as a child process. Restarting it on the
// same address gives a fresh, empty state without changing the endpoint the
// root modules point at.
type emuProc struct {
	bin    string
	apps   []emulator.App
	logDir string

	listen string // "127.0.0.1:0" until the first start, then the bound address
	url    string
	proc   *emuproc.Process
	http   *http.Client
	starts int
}

func newEmulator(bin string, apps []emulator.App, logDir string) *emuProc {
	return &emuProc{
		bin:    bin,
		apps:   apps,
		logDir: logDir,
		listen: "127.0.0.1:0",
		http: &http.Client{
			Timeout:   10 * time.Second,
			Transport: &http.Transport{MaxIdleConnsPerHost: populateWorkers},
		},
	}
}

// Start launches the emulator with every app and waits for its
// "tencentrtc-emulator listening on http://HOST:PORT" line.
func (e *emuProc) Start(ctx context.Context) error {
	if e.proc != nil {
		return errors.New("emulator already running")
	}
	args := []string{"-listen", e.listen, "-log-level", "warn"}
	for _, a := range e.apps {
		args = append(args, "-app", fmt.Sprintf("%d:%s", a.SDKAppID, a.SecretKey))
	}
	e.starts++
	logf, err := os.Create(filepath.Join(e.logDir, fmt.Sprintf("emulator-%d-%d.log", len(e.apps), e.starts)))
	if err != nil {
		return err
	}
	defer logf.Close() // the child has its own descriptor

	// The emulator lives as long as ctx: cancelling it kills the group.
	cmd := exec.CommandContext(ctx, e.bin, args...)
	cmd.Stderr = logf
	inGroup(cmd)
	p, err := emuproc.Start(ctx, cmd, 15*time.Second)
	if err != nil {
		_ = killGroup(cmd)
		return fmt.Errorf("%w (log: %s)", err, logf.Name())
	}
	p.HTTP = e.http
	// Restart binds the same address again: ReadURL checked the URL is http://HOST:PORT.
	e.proc, e.url, e.listen = p, p.URL, strings.TrimPrefix(p.URL, "http://")
	return nil
}

// Stop ends the emulator: SIGTERM, then SIGKILL of its group after 3 s.
func (e *emuProc) Stop() {
	if e.proc == nil {
		return
	}
	p := e.proc
	e.proc = nil
	_ = p.Stop(3 * time.Second)
	_ = killGroup(p.Cmd)
}

// CPU returns the user+system CPU time the emulator process has used so far
// (0 when it is not running or /proc cannot tell). On the benchmark machine
// it competes with Terraform and the provider for the same cores: work the
// real Tencent API does elsewhere.
func (e *emuProc) CPU() time.Duration {
	if e.proc == nil {
		return 0
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", e.proc.Cmd.Process.Pid))
	if err != nil {
		return 0
	}
	// Fields after the last ')': state is field 3, utime 14, stime 15.
	end := bytes.LastIndexByte(b, ')')
	f := strings.Fields(string(b[end+1:]))
	if end < 0 || len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * time.Second / clockTicks
}

// clockTicks is USER_HZ, the unit of /proc/<pid>/stat times: 100 on Linux.
const clockTicks = 100

// Restart gives a fresh, empty emulator on the same address.
func (e *emuProc) Restart(ctx context.Context) error {
	e.Stop()
	var err error
	// The port was just released; retry briefly in case the kernel has not
	// made it available yet.
	for attempt := 0; attempt < 5; attempt++ {
		if err = e.Start(ctx); err == nil {
			return nil
		}
		if serr := sleepCtx(ctx, 200*time.Millisecond); serr != nil {
			return serr
		}
	}
	return err
}

// Stats reads the control API's request counters.
func (e *emuProc) Stats(ctx context.Context) (emulator.Stats, error) {
	var s emulator.Stats
	body, err := e.proc.Control(ctx, http.MethodGet, "/emulator/stats", nil)
	if err != nil {
		return s, err
	}
	if err := json.Unmarshal(body, &s); err != nil {
		return s, fmt.Errorf("decode /emulator/stats: %w", err)
	}
	return s, nil
}

// TakeStats reads the counters and zeroes them: the next read counts only
// what comes after.
func (e *emuProc) TakeStats(ctx context.Context) (emulator.Stats, error) {
	s, err := e.Stats(ctx)
	if err != nil {
		return s, err
	}
	return s, e.ResetStats(ctx)
}

// ResetStats zeroes the counters.
func (e *emuProc) ResetStats(ctx context.Context) error {
	_, err := e.proc.Control(ctx, http.MethodDelete, "/emulator/stats", nil)
	return err
}

// Populate stores the fleet's configuration (bench/fleet) of every app ×
// products out of band, through the control API's PUT
// /emulator/apps/{sdkappid}/config/{product}, a few requests at a time. The
// control API is not an API path: it counts neither in the stats nor against
// the rate limits.
func (e *emuProc) Populate(ctx context.Context, products []catalog.Product) error {
	type pair struct {
		app uint64
		p   catalog.Product
	}
	work := make(chan pair)
	errs := make(chan error, populateWorkers)
	for range populateWorkers {
		go func() {
			var first error
			for w := range work {
				if first != nil {
					continue
				}
				body, err := json.Marshal(map[string]any{"url": fleet.URL(w.app, w.p), "callback_commands": fleet.Commands(w.p)})
				if err == nil {
					_, err = e.proc.Control(ctx, http.MethodPut, fmt.Sprintf("/emulator/apps/%d/config/%s", w.app, w.p), body)
				}
				first = err
			}
			errs <- first
		}()
	}
	for _, a := range e.apps {
		for _, p := range products {
			work <- pair{a.SDKAppID, p}
		}
	}
	close(work)
	var err error
	for range populateWorkers {
		err = errors.Join(err, <-errs)
	}
	return err
}

const populateWorkers = 8
