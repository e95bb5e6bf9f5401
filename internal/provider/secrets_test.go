package provider

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/client"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

const (
	secretToken   = "tok-Zq8rV3xK9mW2pL7nB4"  // token of app 1, kept in state (sensitive)
	secretTokenB  = "tok-Hd5sJ1fG6cY0uE3tR8"  // the rotated token of app 1
	secretTokenWO = "tokwo-Nq2wX7vC4bM9kZ1jA" // write-only token of app 2: never in state
)

func secretsConfig(endpoint, token string) string {
	return testfixtures.ProviderConfig(endpoint) +
		testfixtures.CallbackConfigResource("call", testAppID, catalog.Call, "https://hooks.example.com/call") +
		testfixtures.CallbackConfigResource("live", testApp2ID, catalog.Live, "https://hooks.example.com/live") +
		testfixtures.CallbackConfigResource("imported", testApp2ID, catalog.Room, "https://hooks.example.com/room") +
		fmt.Sprintf(`
resource "tencentrtc_live_callback_token" "t1" {
  token = %[1]q
}

resource "tencentrtc_live_callback_token" "t2" {
  sdk_app_id       = %[2]d
  token_wo         = %[3]q
  token_wo_version = 1
}
`, token, testApp2ID, secretTokenWO)
}

// TestSecretsNeverLeak runs import, apply, plan, refresh, a token rotation
// and destroy through the real CLI with TF_LOG=TRACE, and greps everything
// the CLI printed and logged for the secret keys, every UserSig the emulator
// received and the Live tokens.
func TestSecretsNeverLeak(t *testing.T) {
	t.Parallel()
	e, err := emulator.New(emulator.Options{Apps: testfixtures.TestApps()})
	if err != nil {
		t.Fatal(err)
	}
	rec := &testfixtures.UserSigRecorder{Next: e}
	srv := httptest.NewServer(rec)
	t.Cleanup(srv.Close)
	if err := e.PutConfig(testApp2ID, catalog.Room, emulator.CallbackConfig{URL: "https://hooks.example.com/room", Commands: testfixtures.SampleWords(catalog.Room)}); err != nil {
		t.Fatal(err)
	}

	logPath := filepath.Join(t.TempDir(), "tf.log")
	w := newCLIWorkspace(t, secretsConfig(srv.URL, secretToken), "TF_LOG=TRACE", "TF_LOG_PROVIDER=TRACE", "TF_LOG_PATH="+logPath)
	var out []cliResult
	run := func(want int, args ...string) cliResult {
		res := w.mustRun(want, args...)
		out = append(out, res)
		return res
	}
	run(0, "import", "-no-color", "-input=false", "tencentrtc_callback_config.imported", fmt.Sprintf("%d/room", testApp2ID))
	run(0, applyArgs()...)
	statePath := filepath.Join(w.dir, "terraform.tfstate")
	state := readFile(t, statePath)
	run(0, planArgs()...)
	run(0, "apply", "-refresh-only", "-auto-approve", "-no-color", "-input=false")

	// Rotate the token: the plan shows a change but not the values.
	w.writeConfig(secretsConfig(srv.URL, secretTokenB))
	plan := run(2, planArgs()...)
	if !strings.Contains(plan.stdout, "tencentrtc_live_callback_token.t1") || !strings.Contains(plan.stdout, "sensitive") {
		t.Errorf("the plan of a token rotation should show t1 changing with a sensitive value:\n%s", plan.stdout)
	}
	run(0, applyArgs()...)
	if tok, _ := e.LiveToken(testAppID); tok.Token != secretTokenB {
		t.Fatalf("the rotation did not reach the emulator: %+v", tok)
	}
	rotated := readFile(t, statePath)
	run(0, "destroy", "-auto-approve", "-no-color", "-input=false")
	destroyed := readFile(t, statePath)

	sigs := rec.UserSigs()
	if len(sigs) == 0 {
		t.Fatal("the emulator saw no UserSig")
	}
	secrets := map[string]string{
		"secret key of app 1": testAppSecret, "secret key of app 2": testApp2Secret,
		"token": secretToken, "rotated token": secretTokenB, "write-only token": secretTokenWO,
	}
	for i, sig := range sigs {
		secrets[fmt.Sprintf("UserSig %d", i)] = sig
		secrets[fmt.Sprintf("UserSig %d (query-escaped)", i)] = url.QueryEscape(sig)
		secrets[fmt.Sprintf("UserSig %d (signature end)", i)] = sig[len(sig)-40:]
	}

	logText := readFile(t, logPath)
	for _, marker := range []string{"tencentrtc API call succeeded", "v4/live_config/set_callback_token", "tencentrtc_live_callback_token"} {
		if !strings.Contains(logText, marker) {
			t.Errorf("the TRACE log lacks %q: the test would pass vacuously (%d bytes of log)", marker, len(logText))
		}
	}
	checkDecimalSDKAppIDs(t, logText)
	haystacks := map[string]string{"TF_LOG_PATH log": logText}
	for i, res := range out {
		haystacks[fmt.Sprintf("output of #%d %s", i, strings.Join(res.args, " "))] = res.stdout + res.stderr
	}
	leaks := 0
	for where, text := range haystacks {
		for what, secret := range secrets {
			if strings.Contains(text, secret) {
				leaks++
				t.Errorf("%s leaks the %s", where, what)
			}
		}
	}

	// The state holds the token (sensitive) as the contract says, never a
	// secret key, a UserSig or the write-only token.
	for name, st := range map[string]string{"state after apply": state, "state after rotation": rotated, "state after destroy": destroyed} {
		for what, secret := range secrets {
			allowed := (what == "token" && name == "state after apply") || (what == "rotated token" && name == "state after rotation")
			if strings.Contains(st, secret) != allowed {
				leaks++
				t.Errorf("%s: holds the %s: %v, want %v", name, what, !allowed, allowed)
			}
		}
	}
	t.Logf("%d secrets (%d UserSigs) checked in %d outputs, %d bytes of TRACE log and 3 states: %d leaks", len(secrets), len(sigs), len(out), len(logText), leaks)

	checkUserSigLifetime(t, sigs)
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// checkUserSigLifetime decodes the UserSigs the provider sent (API.md §UserSig) and
// checks that each expires within the client's default lifetime of a day.
func checkUserSigLifetime(t *testing.T, sigs []string) {
	t.Helper()
	for _, sig := range sigs {
		doc, err := testfixtures.DecodeUserSig(sig)
		if err != nil {
			t.Fatal(err)
		}
		var fields struct {
			Expire int64 `json:"TLS.expire"`
			Time   int64 `json:"TLS.time"`
		}
		if err := json.Unmarshal(doc, &fields); err != nil {
			t.Fatalf("UserSig JSON: %v", err)
		}
		lifetime := time.Duration(fields.Expire) * time.Second
		if lifetime <= 0 || lifetime > client.DefaultUserSigTTL || client.DefaultUserSigTTL > 24*time.Hour {
			t.Errorf("UserSig lifetime %s, want at most %s (and the default at most 24h)", lifetime, client.DefaultUserSigTTL)
		}
		if age := time.Since(time.Unix(fields.Time, 0)); age < 0 || age > 10*time.Minute {
			t.Errorf("UserSig minted %s ago", age)
		}
	}
}

// TestSecretsTransport checks that every regional endpoint is HTTPS and that
// the provider's transport verifies certificates.
func TestSecretsTransport(t *testing.T) {
	for _, region := range client.Regions() {
		ep, err := client.ResolveEndpoints(region, "", false)
		if err != nil {
			t.Fatalf("%s: %v", region, err)
		}
		for _, base := range []string{ep.V4, ep.V1} {
			u, err := url.Parse(base)
			if err != nil || u.Scheme != "https" || u.Host == "" {
				t.Errorf("%s: endpoint %q is not an https URL", region, base)
			}
		}
	}
	tr, ok := client.NewHTTPClient().Transport.(*http.Transport)
	if !ok {
		t.Fatalf("the provider's transport is %T, want *http.Transport", client.NewHTTPClient().Transport)
	}
	if tr.TLSClientConfig != nil && tr.TLSClientConfig.InsecureSkipVerify {
		t.Error("the provider's transport skips certificate verification")
	}
}

// checkDecimalSDKAppIDs fails when a provider log line carries an SDKAppID as
// a number: numbers cross the plugin boundary as JSON and the CLI prints them
// as floats (sdk_app_id="1.400000001e+09").
func checkDecimalSDKAppIDs(t *testing.T, logText string) {
	t.Helper()
	if m := regexp.MustCompile(`sdk_app_id="?[0-9.]+e\+[0-9]+`).FindString(logText); m != "" {
		t.Errorf("the log prints an SDKAppID as a float: %s", m)
	}
	for _, want := range []string{fmt.Sprintf("sdk_app_id=%d", testAppID), fmt.Sprintf("sdk_app_id=%d", testApp2ID)} {
		if !strings.Contains(logText, want) {
			t.Errorf("the log has no line with %s", want)
		}
	}
}
