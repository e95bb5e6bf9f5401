package provider

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

// Issue 17 §3: token_wo without token_wo_version.

func tokenWOHCL(token string) string {
	return fmt.Sprintf("resource \"tencentrtc_live_callback_token\" \"test\" {\n  token_wo = %q\n}\n", token)
}

// TestTokenWOWithoutVersion: without token_wo_version, a changed token_wo
// plans one update (the provider counts the version up) and an unchanged one
// plans nothing; a token changed outside Terraform is sent again; the token
// never shows in plan, state, output or a TF_LOG=trace log.
func TestTokenWOWithoutVersion(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t)
	provider := testfixtures.ProviderConfig(srv.URL)
	w := newCLIWorkspace(t, provider+tokenWOHCL("auto-token-1"), "TF_LOG=trace", "TF_LOG_PATH=trace.log")
	var outputs []string
	run := func(want int, args ...string) cliResult {
		t.Helper()
		res := w.mustRun(want, args...)
		outputs = append(outputs, res.String())
		return res
	}
	expectVersion := func(want string) {
		t.Helper()
		res := run(0, "state", "show", "-no-color", liveTokenAddr)
		if !strings.Contains(res.stdout, "token_wo_version = "+want) {
			t.Errorf("want token_wo_version = %s in:\n%s", want, res)
		}
	}

	run(0, applyArgs()...)
	expectVersion("1")
	checkEmulatorToken(t, srv, "auto-token-1")
	run(0, planArgs()...) // unchanged: nothing to do

	w.writeConfig(provider + tokenWOHCL("auto-token-2"))
	res := run(2, planArgs()...)
	expectOutput(t, res, "~ token_wo_version = 1 -> 2", "1 to change")
	run(0, applyArgs()...)
	expectVersion("2")
	checkEmulatorToken(t, srv, "auto-token-2")
	run(0, planArgs()...)

	srv.PutLiveToken(testAppID, emulator.LiveToken{Token: "rogue-token-1", Enabled: true})
	res = run(2, planArgs()...)
	expectOutput(t, res, "Live Callback Token Changed Outside Terraform", "+ token_wo_version = 1")
	run(0, applyArgs()...)
	checkEmulatorToken(t, srv, "auto-token-2")
	run(0, planArgs()...)

	trace, err := os.ReadFile(filepath.Join(w.dir, "trace.log"))
	if err != nil {
		t.Fatal(err)
	}
	state, err := os.ReadFile(filepath.Join(w.dir, "terraform.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"auto-token-1", "auto-token-2"} {
		for name, text := range map[string]string{"output": strings.Join(outputs, "\n"), "trace log": string(trace), "state": string(state)} {
			if strings.Contains(text, secret) {
				t.Errorf("the %s holds token %q", name, secret)
			}
		}
	}
}

// TestTokenWOLegacyFingerprint: a state written by an earlier version keeps
// a plain SHA-256 of the token in private state. It still tells an unchanged
// token (no plan), and the next refresh replaces it by the keyed fingerprint.
func TestTokenWOLegacyFingerprint(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t)
	config := testfixtures.ProviderConfig(srv.URL) + "resource \"tencentrtc_live_callback_token\" \"test\" {\n  token_wo = \"legacy-token-1\"\n  token_wo_version = 1\n}\n"
	w := newCLIWorkspace(t, config)
	w.mustRun(0, applyArgs()...)

	sum := sha256.Sum256([]byte("legacy-token-1"))
	// Private data is a JSON object of JSON values (base64 in the object).
	legacy, _ := json.Marshal(map[string][]byte{privateKeyTokenWOSHA256: []byte(fmt.Sprintf("%q", hex.EncodeToString(sum[:])))})
	rewriteTokenPrivate(t, w, legacy)
	w.mustRun(0, planArgs()...)
	w.mustRun(0, applyArgs("-refresh-only")...)
	private := tokenPrivate(t, w)
	if !strings.Contains(private, privateKeyTokenWOFingerprint) || strings.Contains(private, privateKeyTokenWOSHA256) {
		t.Errorf("private state after refresh: %s", private)
	}
	srv.PutLiveToken(testAppID, emulator.LiveToken{Token: "rogue-token-1", Enabled: true})
	w.mustRun(2, planArgs()...) // the keyed fingerprint still detects drift
}

// checkEmulatorToken fails t unless app 1's Live token is token, enabled.
func checkEmulatorToken(t *testing.T, srv *emulator.Server, token string) {
	t.Helper()
	if got, ok := srv.LiveToken(testAppID); !ok || got.Token != token || !got.Enabled {
		t.Errorf("emulator token %+v (%v), want %q enabled", got, ok, token)
	}
}

// tokenPrivate returns the decoded private data of the token in the
// workspace's state.
func tokenPrivate(t *testing.T, w *cliWorkspace) string {
	t.Helper()
	instance, _ := tokenInstance(t, w)
	b, err := base64.StdEncoding.DecodeString(instance["private"].(string))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// rewriteTokenPrivate replaces the token's private data in the state.
func rewriteTokenPrivate(t *testing.T, w *cliWorkspace, private []byte) {
	t.Helper()
	instance, save := tokenInstance(t, w)
	instance["private"] = base64.StdEncoding.EncodeToString(private)
	save()
}

// tokenInstance finds the token's instance in the workspace's state and
// returns it with a function that writes the state back.
func tokenInstance(t *testing.T, w *cliWorkspace) (map[string]any, func()) {
	t.Helper()
	file := filepath.Join(w.dir, "terraform.tfstate")
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var state map[string]any
	if err := json.Unmarshal(raw, &state); err != nil {
		t.Fatal(err)
	}
	for _, r := range state["resources"].([]any) {
		res := r.(map[string]any)
		if res["type"] == "tencentrtc_live_callback_token" {
			instance := res["instances"].([]any)[0].(map[string]any)
			return instance, func() {
				out, err := json.Marshal(state)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, out, 0o600); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	t.Fatalf("no token in the state:\n%s", raw)
	return nil, nil
}
