package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tencentyun/tls-sig-api-v2-golang/tencentyun"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

const (
	appID  = 1400000001
	secret = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"
)

var (
	firstLine = regexp.MustCompile(`^tencentrtc-emulator listening on (http://127\.0\.0\.1:[0-9]+)$`)
)

// signedGet sends v4 get_callback for app with a library-minted UserSig and
// returns the envelope.
func signedCall(t *testing.T, base string, app int, key, identifier, path, body string) map[string]any {
	t.Helper()
	sig, err := tencentyun.GenUserSig(app, key, identifier, 3600)
	if err != nil {
		t.Fatal(err)
	}
	u := fmt.Sprintf("%s%s?sdkappid=%d&identifier=%s&usersig=%s&random=42&contenttype=json", base, path, app, identifier, sig)
	resp, err := http.Post(u, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var env map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		t.Fatal(err)
	}
	return env
}

func TestRun(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	var stderr testfixtures.SyncBuffer
	statePath := filepath.Join(t.TempDir(), "state.json")
	env := map[string]string{appsEnv: "1400000002:k2:boss, 1400000003:k3"}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"-app", fmt.Sprintf("%d:%s", appID, secret), "-state", statePath, "-log-level", "debug"},
			pw, &stderr, func(k string) string { return env[k] })
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("reading stdout: %v (stderr: %s)", err, stderr.String())
	}
	m := firstLine.FindStringSubmatch(strings.TrimSuffix(line, "\n"))
	if m == nil {
		t.Fatalf("first stdout line %q", line)
	}
	base := m[1]

	env1 := signedCall(t, base, appID, secret, "administrator", "/v4/call_config/set_callback",
		`{"Url":"https://example.com/cb","CallbackCommandList":["Call.CallbackAfterStartCall"]}`)
	if env1["ActionStatus"] != "OK" || env1["ErrorCode"] != float64(0) {
		t.Fatalf("signed set_callback: %v", env1)
	}
	// Apps from the environment, with and without an identifier.
	if env2 := signedCall(t, base, 1400000002, "k2", "boss", "/v4/call_config/get_callback", `{}`); env2["ErrorCode"] != float64(100301) {
		t.Errorf("env app 2: %v", env2)
	}
	if env3 := signedCall(t, base, 1400000003, "k3", "administrator", "/v1/callback/get", `{}`); env3["errorCode"] != float64(999) {
		t.Errorf("env app 3: %v", env3)
	}
	if b, err := os.ReadFile(statePath); err != nil || !strings.Contains(string(b), "https://example.com/cb") {
		t.Errorf("state file: %s %v", b, err)
	}

	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("exit code %d", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not return after cancellation")
	}
	logs := stderr.String()
	for _, s := range []string{secret, "k2", "k3"} {
		if strings.Contains(logs, s) {
			t.Errorf("a secret key appears in the logs:\n%s", logs)
		}
	}
	if !strings.Contains(logs, "api request") {
		t.Errorf("debug log lacks request lines:\n%s", logs)
	}
}

func TestHelp(t *testing.T) {
	var out bytes.Buffer
	if code := run(context.Background(), []string{"-help"}, io.Discard, &out, func(string) string { return "" }); code != 0 {
		t.Fatalf("-help exit code %d", code)
	}
	help := out.String()
	for _, want := range []string{"-listen", "-app", "-state", "-v4-rate", "-v1-rate", "-max-body-bytes", "-log-level", "-log-format",
		appsEnv, "/emulator/apps/{sdkappid}/config/{product}", "/emulator/apps/{sdkappid}/live-token", "/emulator/faults",
		"/emulator/stats", "/emulator/trigger", "/emulator/state", "curl -s -X PUT", "delay_ms", "loopback"} {
		if !strings.Contains(help, want) {
			t.Errorf("-help does not mention %q", want)
		}
	}
}

func TestBadArguments(t *testing.T) {
	tests := []struct {
		args []string
		env  string
		want string
	}{
		{[]string{"-app", "abc:s3cr3t"}, "", "not a positive integer"},
		{[]string{"-app", "1400000001"}, "", "SDKAPPID:SECRET"},
		{[]string{"-app", "1400000001:"}, "", "secret key is empty"},
		{[]string{"-app", "1400000001:s3cr3t:"}, "", "identifier"},
		{nil, "1400000001:s3cr3t,bad", "entry 2"},
		{[]string{"-log-level", "loud"}, "", "-log-level"},
		{[]string{"-log-format", "xml"}, "", "-log-format"},
		{[]string{"-v4-rate", "0"}, "", "positive"},
		{[]string{"extra"}, "", "unexpected arguments"},
		{[]string{"-listen", "256.0.0.1:0"}, "", "tencentrtc-emulator:"},
	}
	for _, tt := range tests {
		var stderr bytes.Buffer
		code := run(context.Background(), tt.args, io.Discard, &stderr, func(string) string { return tt.env })
		if code == 0 || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("%v: exit %d, stderr %q, want it to mention %q", tt.args, code, stderr.String(), tt.want)
		}
		if strings.Contains(stderr.String(), "s3cr3t") {
			t.Errorf("%v: the secret appears in the error: %s", tt.args, stderr.String())
		}
	}
}

// TestBinary builds the real command, starts it, reads its first line, sends
// a request signed with a library-minted UserSig and stops it with SIGTERM.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "tencentrtc-emulator")
	if out, err := exec.CommandContext(t.Context(), "go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "-listen", "127.0.0.1:0", "-app", fmt.Sprintf("%d:%s:administrator", appID, secret))
	var stderr testfixtures.SyncBuffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill() //nolint:errcheck // cleanup after a failure
	line, err := bufio.NewReader(stdout).ReadString('\n')
	m := firstLine.FindStringSubmatch(strings.TrimSuffix(line, "\n"))
	if m == nil {
		t.Fatalf("first line %q (%v), stderr: %s", line, err, stderr.String())
	}
	env := signedCall(t, m[1], appID, secret, "administrator", "/v4/live_config/set_callback",
		`{"Url":"https://example.com/cb","CallbackCommandList":["Live.CallbackAfterCreateRoom"]}`)
	if env["ActionStatus"] != "OK" {
		t.Fatalf("signed request: %v", env)
	}
	// Stopped as a user stops it: SIGTERM, then a clean exit.
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v\n%s", err, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("no exit within 10 s of SIGTERM\n%s", stderr.String())
	}
	if strings.Contains(stderr.String(), secret) {
		t.Errorf("secret in the logs: %s", stderr.String())
	}
}
