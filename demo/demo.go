package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"

	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
)

// demo holds what the walkthrough started and prints.
type demo struct {
	out   io.Writer
	work  string // temporary folder, removed by cleanup
	root  string // the clone, "" when not run from one
	start time.Time

	cli, cliName string
	tf           *tfexec.Terraform
	tfOut        syncBuffer
	reattach     tfexec.ReattachInfo

	emu           *emulator.Server
	rcvURL        string
	rcvSrv        *http.Server
	rcvLog        syncBuffer
	rcvSeen       int
	stopProvider  func()
	client        *http.Client
	cloneBefore   map[string]bool
	walkStart     time.Time
	walkEnd       time.Time
	redactSecrets *strings.Replacer
}

func newDemo(out io.Writer) (*demo, error) {
	work, err := os.MkdirTemp("", "tencentrtc-demo.")
	if err != nil {
		return nil, err
	}
	return &demo{
		out:   out,
		work:  work,
		root:  cloneRoot(),
		start: time.Now(),
		// Loopback servers only: never through a proxy.
		client:        &http.Client{Transport: &http.Transport{Proxy: nil}, Timeout: 30 * time.Second},
		redactSecrets: strings.NewReplacer(secretKey, "***", liveToken, "***"),
	}, nil
}

// cleanup stops whatever is still running and removes the folder. It is
// safe after any failure and after stepStop.
func (d *demo) cleanup() {
	d.stopServers()
	_ = os.RemoveAll(d.work)
}

// stopServers stops the receiver, the emulator and the provider (each once).
func (d *demo) stopServers() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if d.rcvSrv != nil {
		_ = d.rcvSrv.Shutdown(ctx)
		d.rcvLog.printf("webhook-receiver stopped")
		d.rcvSrv = nil
	}
	if d.emu != nil {
		if err := d.emu.Shutdown(ctx); err != nil {
			d.emu.Close()
		}
		d.emu = nil
	}
	if d.stopProvider != nil {
		d.stopProvider()
		d.stopProvider = nil
	}
}

func (d *demo) say(s string)  { fmt.Fprintln(d.out, s) }
func (d *demo) step(s string) { fmt.Fprintf(d.out, "\n==> %s\n", s) }

// shown prints a command the way a user would type it.
func (d *demo) shown(cmd string) { fmt.Fprintf(d.out, "\n  $ %s\n", d.redact(cmd)) }

// redact hides the demo secrets in anything shown.
func (d *demo) redact(s string) string { return d.redactSecrets.Replace(s) }

// response is one HTTP answer, body without its final newline.
type response struct {
	status int
	body   string
}

// api sends a control-API request to the emulator, shown as the curl
// command a user would type ($E is the emulator's URL), and fails unless
// the answer is HTTP 200.
func (d *demo) api(ctx context.Context, method, path, body string) (response, error) {
	cmd := "curl -s"
	if method != http.MethodGet {
		cmd += " -X " + method
	}
	cmd += " $E" + path
	if body != "" {
		cmd += " -d '" + body + "'"
	}
	d.shown(cmd)
	r, err := d.request(ctx, method, d.emu.URL+path, body)
	if err != nil {
		return r, err
	}
	return r, d.expectStatus(r, http.StatusOK)
}

// request sends one request to a loopback server.
func (d *demo) request(ctx context.Context, method, url, body string) (response, error) {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return response{}, err
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := d.client.Do(req) //nolint:gosec // loopback servers this program started
	if err != nil {
		return response{}, fmt.Errorf("%s %s: %w", method, url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return response{}, fmt.Errorf("%s %s: %w", method, url, err)
	}
	return response{status: resp.StatusCode, body: strings.TrimSuffix(string(b), "\n")}, nil
}

// showBody prints the status and the body of r, or only the body lines that
// match keep.
func (d *demo) showBody(r response, keep *regexp.Regexp) {
	d.say(fmt.Sprintf("    HTTP %d", r.status))
	if r.body == "" {
		return
	}
	for line := range strings.SplitSeq(r.body, "\n") {
		if keep == nil || keep.MatchString(line) {
			d.say("    " + d.redact(line))
		}
	}
}

func (d *demo) expectStatus(r response, want int) error {
	if r.status == want {
		return nil
	}
	d.showBody(r, nil)
	return fmt.Errorf("expected HTTP %d, got %d", want, r.status)
}

// receiverNews prints what the receiver logged since the last call, with
// long bodies cut, and returns it.
func (d *demo) receiverNews() string {
	all := d.rcvLog.String()
	news := all[d.rcvSeen:]
	d.rcvSeen = len(all)
	for line := range strings.SplitSeq(strings.TrimSuffix(news, "\n"), "\n") {
		if strings.HasPrefix(line, "  body: ") && len(line) >= 8+140+4 {
			line = line[:8+140] + " ..."
		}
		d.say("    " + d.redact(line))
	}
	return news
}

// addTFFile copies one embedded configuration file into the CLI's folder
// and returns its text.
func (d *demo) addTFFile(name string) (string, error) {
	b, err := tfFiles.ReadFile(name)
	if err != nil {
		return "", err
	}
	return string(b), os.WriteFile(filepath.Join(d.work, "tf", filepath.Base(name)), b, 0o600)
}

// syncBuffer is written by other goroutines (the receiver's handlers,
// terraform-exec's copies of the CLI's stdout and stderr) while the
// walkthrough reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func (s *syncBuffer) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.b.Reset()
}

func (s *syncBuffer) printf(format string, args ...any) {
	fmt.Fprintf(s, format+"\n", args...)
}
