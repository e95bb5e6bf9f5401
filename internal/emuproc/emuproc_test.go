package emuproc

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"testing"
	"time"
)

func TestReadURL(t *testing.T) {
	for line, want := range map[string]string{
		"tencentrtc-emulator listening on http://127.0.0.1:8080\nmore\n": "http://127.0.0.1:8080",
		"tencentrtc-emulator listening on http://[::1]:9\n":              "http://[::1]:9",
		"tencentrtc-emulator listening on 127.0.0.1:8080\n":              "",
		"tencentrtc-emulator listening on http://\n":                     "",
		"tencentrtc-emulator listening on http://127.0.0.1:1 extra\n":    "",
		"webhook-receiver listening on http://127.0.0.1:8080\n":          "",
		"tencentrtc-emulator listening on http://127.0.0.1:8080":         "", // no end of line: the process ended
	} {
		got, err := ReadURL(bufio.NewReader(strings.NewReader(line)))
		if got != want || (err == nil) != (want != "") {
			t.Errorf("ReadURL(%q) = %q, %v; want %q", line, got, err, want)
		}
	}
}

// A shell stands in for the binary: what Start and Stop rely on is the first
// line and the signals.
func TestStartStop(t *testing.T) {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/emulator/stats" {
			http.Error(w, "no such path", http.StatusNotFound)
			return
		}
		_, _ = w.Write([]byte(`{"total":3}`))
	}))
	defer api.Close()
	cmd := exec.Command("sh", "-c", `echo "tencentrtc-emulator listening on $0"; echo noise; exec sleep 30`, api.URL)
	p, err := Start(t.Context(), cmd, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if p.URL != api.URL {
		t.Errorf("URL = %q, want %q", p.URL, api.URL)
	}
	if b, err := p.Control(t.Context(), http.MethodGet, "/emulator/stats", nil); err != nil || string(b) != `{"total":3}` {
		t.Errorf("Control = %s, %v", b, err)
	}
	if _, err := p.Control(t.Context(), http.MethodDelete, "/emulator/nothing", nil); err == nil || !strings.Contains(err.Error(), "HTTP 404: no such path") {
		t.Errorf("Control of a missing path: %v, want the status and the answer", err)
	}
	start := time.Now()
	if err := p.Stop(10 * time.Second); err == nil || !strings.Contains(err.Error(), "terminated") {
		t.Errorf("Stop = %v, want the SIGTERM exit", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("Stop waited %s: SIGTERM did not end the process", time.Since(start))
	}
}

func TestStartFailures(t *testing.T) {
	for script, want := range map[string]string{
		"echo hello; exec sleep 30": `unexpected first line "hello\n"`,
		"exit 0":                    "exited before announcing its address",
		"exec sleep 30":             "announced no address within 200ms",
	} {
		_, err := Start(context.Background(), exec.Command("sh", "-c", script), 200*time.Millisecond)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want it to say %q", script, err, want)
		}
	}
	// A process that ignores SIGTERM is killed after the grace time.
	p, err := Start(context.Background(), exec.Command("sh", "-c", `trap "" TERM; echo "tencentrtc-emulator listening on http://127.0.0.1:1"; while :; do sleep 0.05; done`), 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Stop(300 * time.Millisecond); err == nil || !strings.Contains(err.Error(), "killed") {
		t.Errorf("Stop = %v, want that it had to kill", err)
	}
}
