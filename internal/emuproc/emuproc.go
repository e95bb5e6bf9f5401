// Package emuproc runs the tencentrtc-emulator binary as a child process, the
// way a user starts it, for the programs that drive it from outside (the
// example check, the benchmark, the command's own test): it reads the URL the
// emulator announces on the first line of its stdout, talks to its control
// API and stops it.
package emuproc

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// ListenPrefix starts the emulator's first line of stdout; its URL follows:
// "tencentrtc-emulator listening on http://HOST:PORT".
const ListenPrefix = "tencentrtc-emulator listening on "

// ReadURL reads the emulator's first line from r and returns the URL in it.
func ReadURL(r *bufio.Reader) (string, error) {
	line, err := r.ReadString('\n')
	if err != nil {
		return "", fmt.Errorf("tencentrtc-emulator exited before announcing its address: %w", err)
	}
	u, ok := strings.CutPrefix(strings.TrimSuffix(line, "\n"), ListenPrefix)
	pu, perr := url.Parse(u)
	if !ok || perr != nil || pu.Scheme != "http" || pu.Host == "" {
		return "", fmt.Errorf("tencentrtc-emulator: unexpected first line %q", line)
	}
	return u, nil
}

// Process is a running tencentrtc-emulator.
type Process struct {
	Cmd *exec.Cmd
	URL string // as announced, "http://HOST:PORT"
	// HTTP sends the control-API requests; http.DefaultClient when nil.
	HTTP *http.Client
}

// Start starts cmd, a tencentrtc-emulator command whose Stdout is not set,
// and waits up to within for the URL on its first line; the rest of its
// stdout is drained so that it never blocks on writing. On failure the
// process is stopped and the error says why.
func Start(ctx context.Context, cmd *exec.Cmd, within time.Duration) (*Process, error) {
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start tencentrtc-emulator: %w", err)
	}
	p := &Process{Cmd: cmd}
	type result struct {
		url string
		err error
	}
	first := make(chan result, 1)
	go func() {
		r := bufio.NewReader(stdout)
		u, err := ReadURL(r)
		first <- result{u, err}
		_, _ = io.Copy(io.Discard, r)
	}()
	timer := time.NewTimer(within)
	defer timer.Stop()
	select {
	case res := <-first:
		if res.err == nil {
			p.URL = res.url
			return p, nil
		}
		err = res.err
	case <-timer.C:
		err = fmt.Errorf("tencentrtc-emulator announced no address within %s", within)
	case <-ctx.Done():
		err = ctx.Err()
	}
	_ = p.Stop(3 * time.Second)
	return nil, err
}

// Stop sends SIGTERM, as a user would, and waits up to grace for the
// emulator to exit; then it kills it (with cmd.Cancel when set, else
// SIGKILL). It returns what Wait returned, or that it had to kill.
func (p *Process) Stop(grace time.Duration) error {
	_ = p.Cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- p.Cmd.Wait() }()
	timer := time.NewTimer(grace)
	defer timer.Stop()
	select {
	case err := <-done:
		return err
	case <-timer.C:
		kill := p.Cmd.Process.Kill
		if p.Cmd.Cancel != nil {
			kill = p.Cmd.Cancel
		}
		_ = kill()
		return fmt.Errorf("tencentrtc-emulator did not exit within %s of SIGTERM: killed (%w)", grace, <-done)
	}
}

// Control sends one control-API request (path such as "/emulator/stats",
// body nil or JSON) and returns the body of a 2xx answer; any other status
// is an error that quotes the answer.
func (p *Process) Control(ctx context.Context, method, path string, body []byte) ([]byte, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, p.URL+path, rd)
	if err != nil {
		return nil, err
	}
	client := p.HTTP
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, err
	}
	if resp.StatusCode/100 != 2 {
		return nil, fmt.Errorf("%s %s: HTTP %d: %s", method, path, resp.StatusCode, answer)
	}
	return answer, nil
}
