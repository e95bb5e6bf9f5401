package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

// Issue 15: the plan predicts the apply. A create reads its target once at
// plan time: a different existing object, rejected credentials or a
// persistent failure fail the plan; an identical object plans as an
// adoption; no other plan reads more than a refresh does.

// quickRetries makes a provider give up on a persistent fault in well under
// a second.
const quickRetries = "  max_retries = 2\n  retry_wait_min = \"10ms\"\n  retry_wait_max = \"20ms\""

// getPath is the read path of p.
func getPath(p catalog.Product) string {
	if p == catalog.CallKit {
		return "/v1/callback/get"
	}
	return "/v4/" + catalog.Describe(p).Service + "/get_callback"
}

// TestPlanReadsCreate: per product, a plan that creates a configuration reads
// it once; an existing different configuration fails the plan with the
// already-exists error and the import hint, writing nothing; an identical one
// plans as an adoption, which the apply performs without a write.
func TestPlanReadsCreate(t *testing.T) {
	t.Parallel()
	const mine = "https://mine.example.com/cb"
	for _, p := range catalog.Products {
		words := testfixtures.SampleWords(p)
		t.Run(string(p), func(t *testing.T) {
			t.Parallel()
			srv := startEmulator(t)
			config := testfixtures.ProviderConfig(srv.URL) + testfixtures.CallbackConfigResource("test", testAppID, p, mine)
			putEmulatorConfig(t, srv, testAppID, p, "https://theirs.example.com/cb", words...)
			srv.ResetStats()
			w := newCLIWorkspace(t, config)
			res := w.mustRun(1, planArgs()...)
			expectOutput(t, res, "Error: Callback Configuration Already Exists",
				fmt.Sprintf("SDKAppID %d already has a %s callback configuration that differs from this one", testAppID, p),
				fmt.Sprintf("terraform import tencentrtc_callback_config.<name> %d/%s", testAppID, p))
			expectRequests(t, srv, map[string]int64{getPath(p): 1})

			putEmulatorConfig(t, srv, testAppID, p, mine, words...)
			srv.ResetStats()
			res = w.mustRun(2, planArgs()...)
			expectOutput(t, res, "Warning: Existing Callback Configuration Will Be Adopted",
				fmt.Sprintf("SDKAppID %d already has a %s callback configuration identical to this one", testAppID, p))
			expectRequests(t, srv, map[string]int64{getPath(p): 1})
			srv.ResetStats()
			w.mustRun(0, applyArgs()...)
			if writes := writeRequests(srv); len(writes) != 0 {
				t.Errorf("the adopting apply wrote: %v", writes)
			}
			srv.ResetStats()
			w.mustRun(0, planArgs()...)
			expectRequests(t, srv, map[string]int64{getPath(p): 1}) // the refresh; nothing more for a resource in the state
		})
	}
}

// TestPlanReadFailures: rejected credentials fail the plan naming the app
// (TestAuthErrorText checks the text); a transient failure is retried as a
// refresh would be; a persistent one fails the plan; a target unknown at plan
// time is not read until apply.
func TestPlanReadFailures(t *testing.T) {
	t.Parallel()
	resourceHCL := testfixtures.CallbackConfigResource("test", testAppID, catalog.Live, "https://hooks.example.com/cb")
	t.Run("transient", func(t *testing.T) {
		t.Parallel()
		srv := startEmulator(t)
		srv.InjectFault(emulator.Fault{Kind: emulator.FaultErrorCode, Code: 100001, Count: 2, PathPrefix: "/v4/live_config/get_callback"})
		w := newCLIWorkspace(t, testfixtures.ProviderConfig(srv.URL, quickRetries)+resourceHCL)
		w.mustRun(2, planArgs()...)
		expectRequests(t, srv, map[string]int64{"/v4/live_config/get_callback": 3})
	})
	t.Run("persistent", func(t *testing.T) {
		t.Parallel()
		srv := startEmulator(t)
		srv.InjectFault(emulator.Fault{Kind: emulator.FaultErrorCode, Code: 100001, Count: 100, PathPrefix: "/v4/live_config/get_callback"})
		w := newCLIWorkspace(t, testfixtures.ProviderConfig(srv.URL, quickRetries)+resourceHCL)
		res := w.mustRun(1, planArgs()...)
		expectOutput(t, res, "Error: Unable to Read Callback Configuration", "error 100001", "after 3 attempts")
	})
	t.Run("unknown target", func(t *testing.T) {
		t.Parallel()
		srv := startEmulator(t)
		w := newCLIWorkspace(t, testfixtures.ProviderConfig(srv.URL)+unknownAppHCL(testAppID)+`
resource "tencentrtc_callback_config" "test" {
  sdk_app_id        = terraform_data.app.output
  product           = "live"
  url               = "https://hooks.example.com/cb"
  callback_commands = ["Live.CallbackAfterCreateRoom"]
}
`)
		w.mustRun(2, planArgs()...)
		if n := srv.Stats().Total; n != 0 {
			t.Errorf("the plan made %d requests for a target it cannot know: %v", n, srv.Stats().Requests)
		}
	})
}

// TestPlanReadsLiveToken: the token's create reads the app's token at plan:
// a different one fails the plan, an identical one plans as an adoption;
// with write-only token_wo the configured value is what is compared.
func TestPlanReadsLiveToken(t *testing.T) {
	t.Parallel()
	const theirs, mine = "their-token-0001", "my-token-000001"
	for _, tc := range []struct{ name, hcl string }{
		{"token", fmt.Sprintf("resource \"tencentrtc_live_callback_token\" \"test\" {\n  token = %q\n}\n", mine)},
		{"token_wo", fmt.Sprintf("resource \"tencentrtc_live_callback_token\" \"test\" {\n  token_wo = %q\n  token_wo_version = 1\n}\n", mine)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := startEmulator(t)
			srv.PutLiveToken(testAppID, emulator.LiveToken{Token: theirs, Enabled: true})
			srv.ResetStats()
			w := newCLIWorkspace(t, testfixtures.ProviderConfig(srv.URL)+tc.hcl)
			res := w.mustRun(1, planArgs()...)
			expectOutput(t, res, "Error: Live Callback Token Already Exists", "terraform import tencentrtc_live_callback_token.<name> 1400000001/live_token")
			expectRequests(t, srv, map[string]int64{"/v4/live_config/get_callback_token": 1})

			srv.PutLiveToken(testAppID, emulator.LiveToken{Token: mine, Enabled: true})
			res = w.mustRun(2, planArgs()...)
			expectOutput(t, res, "Warning: Existing Live Callback Token Will Be Adopted")
			for _, secret := range []string{theirs, mine} {
				if strings.Contains(res.stdout+res.stderr, secret) {
					t.Errorf("the plan shows a token:\n%s", res)
				}
			}
		})
	}
}

// TestLiveTokenPlanWarnings: destroying the token, or enabled = false, warns
// in the plan that Live callbacks will then be unsigned.
func TestLiveTokenPlanWarnings(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t)
	token := func(enabled bool) string {
		return testfixtures.ProviderConfig(srv.URL) + fmt.Sprintf("resource \"tencentrtc_live_callback_token\" \"test\" {\n  token = \"signing-token-0001\"\n  enabled = %t\n}\n", enabled)
	}
	const unsigned = "Warning: Live Callbacks Will Be Unsigned"
	w := newCLIWorkspace(t, token(true))
	res := w.mustRun(0, applyArgs()...)
	if strings.Contains(res.stdout, unsigned) {
		t.Errorf("an enabled token warned:\n%s", res)
	}
	w.writeConfig(token(false))
	res = w.mustRun(2, planArgs()...)
	expectOutput(t, res, unsigned, "With enabled = false, Tencent keeps the Live callback token of SDKAppID 1400000001 but stops signing")
	res = w.mustRun(2, planArgs("-destroy")...)
	expectOutput(t, res, unsigned, "Destroying the Live callback token of 1400000001/live_token deletes it at Tencent")
}

// TestRegionWarning: a plan whose region is not listed for a product's API
// warns once, naming the listed regions; listed pairs and callkit (served in
// every region) do not warn.
func TestRegionWarning(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t)
	config := testfixtures.ProviderConfig(srv.URL, `  region = "seoul"`) +
		testfixtures.CallbackConfigResource("live1", testAppID, catalog.Live, "https://hooks.example.com/a") +
		testfixtures.CallbackConfigResource("live2", testApp2ID, catalog.Live, "https://hooks.example.com/b") +
		testfixtures.CallbackConfigResource("call", testAppID, catalog.Call, "https://hooks.example.com/c") +
		testfixtures.CallbackConfigResource("callkit", testAppID, catalog.CallKit, "https://hooks.example.com/d")
	w := newCLIWorkspace(t, config)
	res := w.mustRun(2, planArgs()...)
	out := oneLine(res.stdout + res.stderr)
	if n := strings.Count(out, "Warning: Region Not Listed For This API"); n != 1 {
		t.Errorf("%d region warnings, want 1:\n%s", n, res)
	}
	expectOutput(t, res, `The provider's region is "seoul", but Tencent's documentation lists the live_config APIs (product live) only on the domains of china, singapore.`)
}

// expectOutput fails t unless the CLI's output holds every text (line breaks
// of the CLI's wrapping ignored).
func expectOutput(t *testing.T, res cliResult, texts ...string) {
	t.Helper()
	out := oneLine(res.stdout + res.stderr)
	for _, want := range texts {
		if !strings.Contains(out, oneLine(want)) {
			t.Errorf("want %q in:\n%s", want, res)
		}
	}
}

// expectRequests fails t unless the emulator has seen exactly these API
// requests since its last reset.
func expectRequests(t *testing.T, srv *emulator.Server, want map[string]int64) {
	t.Helper()
	got := srv.Stats().Requests
	var total int64
	for path, n := range want {
		total += n
		if got[path] != n {
			t.Errorf("%s: %d requests, want %d (all: %v)", path, got[path], n, got)
		}
	}
	if all := srv.Stats().Total; all != total {
		t.Errorf("%d requests in all, want %d: %v", all, total, got)
	}
}

// unknownAppHCL declares terraform_data.app, whose output is app but unknown
// until it is created: a target that a plan cannot know.
func unknownAppHCL(app uint64) string {
	return fmt.Sprintf("\nresource \"terraform_data\" \"app\" {\n  input = %d\n}\n", app)
}
