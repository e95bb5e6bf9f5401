package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// emuStats is the emulator's GET /emulator/stats answer.
type emuStats struct {
	Requests  map[string]int64 `json:"requests"`
	Throttled int64            `json:"throttled"`
	Faults    int64            `json:"faults"`
	Total     int64            `json:"total"`
}

// getCallbacks counts the v4 read verbs (get_callback of every product).
func (s emuStats) getCallbacks() int64 {
	var n int64
	for path, c := range s.Requests {
		if strings.HasSuffix(path, "/get_callback") {
			n += c
		}
	}
	return n
}

// emulator runs tencentrtc-emulator as a child process. Restarting it on the
// same address gives a fresh, empty state without changing the endpoint the
// root modules point at.
type emulator struct {
	bin    string
	apps   []app
	logDir string

	listen string // "127.0.0.1:0" until the first start, then the bound address
	url    string
	cmd    *exec.Cmd
	http   *http.Client
	starts int
}

func newEmulator(bin string, apps []app, logDir string) *emulator {
	return &emulator{
		bin:    bin,
		apps:   apps,
		logDir: logDir,
		listen: "127.0.0.1:0",
		http:   &http.Client{Timeout: 10 * time.Second},
	}
}

// Start launches the emulator with every app and waits for its
// "tencentrtc-emulator listening on http://HOST:PORT" line.
func (e *emulator) Start(ctx context.Context) error {
	if e.cmd != nil {
		return errors.New("emulator already running")
	}
	args := []string{"-listen", e.listen, "-log-level", "warn"}
	for _, a := range e.apps {
		args = append(args, "-app", fmt.Sprintf("%d:%s", a.ID, a.Secret))
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
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := startGroup(cmd); err != nil {
		return fmt.Errorf("start emulator: %w", err)
	}
	e.cmd = cmd

	type result struct {
		url string
		err error
	}
	first := make(chan result, 1)
	go func() {
		r := bufio.NewReader(stdout)
		line, err := r.ReadString('\n')
		if err != nil {
			first <- result{err: fmt.Errorf("emulator exited before announcing its address: %w", err)}
			return
		}
		const prefix = "tencentrtc-emulator listening on "
		u, ok := strings.CutPrefix(strings.TrimSpace(line), prefix)
		if !ok {
			first <- result{err: fmt.Errorf("unexpected first emulator line %q", line)}
			return
		}
		first <- result{url: u}
		_, _ = io.Copy(io.Discard, r) // keep draining so the emulator never blocks on stdout
	}()

	timer := time.NewTimer(15 * time.Second)
	defer timer.Stop()
	select {
	case res := <-first:
		if res.err != nil {
			e.Stop()
			return fmt.Errorf("%w (log: %s)", res.err, logf.Name())
		}
		pu, err := url.Parse(res.url)
		if err != nil || pu.Host == "" {
			e.Stop()
			return fmt.Errorf("emulator announced an unusable URL %q", res.url)
		}
		e.url, e.listen = res.url, pu.Host
		return nil
	case <-timer.C:
		e.Stop()
		return errors.New("emulator did not announce its address within 15s")
	case <-ctx.Done():
		e.Stop()
		return ctx.Err()
	}
}

// Stop ends the emulator: SIGTERM, then SIGKILL of its group after 3 s.
func (e *emulator) Stop() {
	if e.cmd == nil {
		return
	}
	cmd := e.cmd
	e.cmd = nil
	_ = cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(3 * time.Second):
		_ = killGroup(cmd)
		<-done
	}
	_ = killGroup(cmd)
}

// Restart gives a fresh, empty emulator on the same address.
func (e *emulator) Restart(ctx context.Context) error {
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
func (e *emulator) Stats(ctx context.Context) (emuStats, error) {
	var s emuStats
	body, err := e.control(ctx, http.MethodGet)
	if err != nil {
		return s, err
	}
	if err := json.Unmarshal(body, &s); err != nil {
		return s, fmt.Errorf("decode /emulator/stats: %w", err)
	}
	return s, nil
}

// ResetStats zeroes the counters.
func (e *emulator) ResetStats(ctx context.Context) error {
	_, err := e.control(ctx, http.MethodDelete)
	return err
}

func (e *emulator) control(ctx context.Context, method string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, method, e.url+"/emulator/stats", nil)
	if err != nil {
		return nil, err
	}
	resp, err := e.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, err
	}
	if resp.StatusCode/100 != 2 {
		return nil, fmt.Errorf("%s /emulator/stats: HTTP %d: %s", method, resp.StatusCode, body)
	}
	return body, nil
}
