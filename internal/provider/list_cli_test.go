package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

// The real-CLI tests of terraform query (Terraform 1.14+): the whole
// generate-config round trip, limit, and a failing app.

// queryFleet is a fleet of three apps, every product configured and a Live
// token on each, set out of band. The provider has credentials for the three
// (the default app and two in apps); a fourth app in the emulator, without
// credentials in the provider, must never be read.
type queryFleet struct {
	srv  *emulator.Server
	apps []emulator.App
}

func fleetToken(app uint64) string { return fmt.Sprintf("fleet-token-%d-7f3a9c", app) }

func fleetURL(app uint64, p catalog.Product) string {
	return fmt.Sprintf("https://hooks.example.com/fleet/%d/%s", app, p)
}

func newQueryFleet(t *testing.T) queryFleet {
	t.Helper()
	extra := testfixtures.ExtraApps(2)
	srv := testfixtures.StartEmulator(t, emulator.Options{Apps: extra})
	f := queryFleet{srv: srv, apps: append([]emulator.App{{SDKAppID: testAppID, SecretKey: testAppSecret}}, extra...)}
	for _, a := range append(f.apps, emulator.App{SDKAppID: testApp2ID}) {
		for _, p := range catalog.Products {
			putEmulatorConfig(t, srv, a.SDKAppID, p, fleetURL(a.SDKAppID, p), testfixtures.SampleWords(p)...)
		}
		srv.PutLiveToken(a.SDKAppID, emulator.LiveToken{Token: fleetToken(a.SDKAppID), Enabled: a.SDKAppID%2 == 1})
	}
	srv.ResetStats()
	return f
}

// providerBlock configures the default app and the other two in apps.
func (f queryFleet) providerBlock() string {
	return testfixtures.Provider(f.srv.URL,
		fmt.Sprintf("  sdk_app_id = %d\n  secret_key = %q", testAppID, testAppSecret),
		testfixtures.AppsAttribute(f.apps[1:]))
}

// writeQuery writes the workspace's list.tfquery.hcl.
func (w *cliWorkspace) writeQuery(hcl string) {
	w.t.Helper()
	if err := os.WriteFile(filepath.Join(w.dir, "list.tfquery.hcl"), []byte(hcl), 0o600); err != nil {
		w.t.Fatal(err)
	}
}

const fleetQuery = `
list "tencentrtc_callback_config" "fleet" {
  provider = tencentrtc
  limit    = 1000
}

list "tencentrtc_live_callback_token" "fleet" {
  provider = tencentrtc
}
`

// tokenLine matches a token argument in generated configuration. Terraform
// leaves the Optional+Computed token out when the list result has it null
// (the list resource never returns the token).
var tokenLine = regexp.MustCompile(`(?m)^\s*token\s*=`)

// TestQuery_generateConfigRoundTrip: terraform query -generate-config-out
// over 3 apps x 4 products plus tokens makes exactly one read per (app,
// product) and per app's token, lists in a stable order, and writes
// configuration without any token that, applied unedited, imports everything,
// tokens included; the next plan is empty, no token appears in the generated
// file or the CLI output (provider debug log included), and nothing was
// written to the API.
func TestQuery_generateConfigRoundTrip(t *testing.T) {
	t.Parallel()
	cli := skipWithoutQuery(t)
	f := newQueryFleet(t)
	// The provider's debug log goes to stderr, which is checked for tokens.
	w := newCLIWorkspace(t, f.providerBlock(), "TF_LOG_PROVIDER=debug")
	w.writeQuery(fleetQuery)

	res := w.mustRun(0, "query", "-no-color", "-generate-config-out=generated.tf")
	wantReads := map[string]int64{
		"/v4/call_config/get_callback": 3, "/v4/live_config/get_callback": 3, "/v4/room_config/get_callback": 3,
		"/v1/callback/get": 3, "/v4/live_config/get_callback_token": 3,
	}
	if got := f.srv.Stats().Requests; fmt.Sprint(got) != fmt.Sprint(wantReads) {
		t.Fatalf("%s: query requests = %v, want exactly one per (app, product) and per token: %v", cli, got, wantReads)
	}
	var want []string
	for _, a := range f.apps {
		for _, p := range catalog.Products {
			want = append(want, callbackConfigID(a.SDKAppID, p))
		}
	}
	got := regexp.MustCompile(`list\.tencentrtc_callback_config\.fleet\s+\S+\s+(\S+)`).FindAllStringSubmatch(res.stdout, -1)
	var order []string
	for _, m := range got {
		order = append(order, m[1])
	}
	if strings.Join(order, " ") != strings.Join(want, " ") {
		t.Fatalf("query output order:\n%v\nwant\n%v\n%s", order, want, res)
	}

	generated, err := os.ReadFile(filepath.Join(w.dir, "generated.tf"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(generated), `resource "tencentrtc_live_callback_token"`); n != 3 || tokenLine.Match(generated) {
		t.Fatalf("want 3 tencentrtc_live_callback_token resources without a token argument in generated.tf, found %d:\n%s", n, generated)
	}
	for _, a := range f.apps {
		if strings.Contains(string(generated), fleetToken(a.SDKAppID)) {
			t.Fatalf("generated.tf contains the Live token of %d", a.SDKAppID)
		}
	}
	apply := w.mustRun(0, applyArgs()...)
	if !strings.Contains(apply.stdout, "15 imported, 0 added, 0 changed, 0 destroyed") {
		t.Fatalf("%s: apply of the generated configuration did not import the 12 configurations and 3 tokens without change:\n%s", cli, apply)
	}
	plan := w.run(planArgs()...)
	if plan.code != 0 {
		t.Fatalf("%s: plan after the import is not empty:\n%s", cli, plan)
	}
	if !strings.Contains(apply.stderr, "live callback token") && !strings.Contains(apply.stderr, "sdk_app_id") {
		t.Fatalf("%s: no provider debug log in the apply output, so the log check below proves nothing:\n%s", cli, apply.stderr)
	}
	state := w.mustRun(0, "show", "-json")
	for _, a := range f.apps {
		secret := fleetToken(a.SDKAppID)
		for name, out := range map[string]string{"query": res.String(), "apply": apply.String(), "plan": plan.String()} {
			if strings.Contains(out, secret) {
				t.Fatalf("%s: the %s output contains the Live token of %d", cli, name, a.SDKAppID)
			}
		}
		// The state (sensitive values included) holds each imported token.
		if !strings.Contains(state.stdout, strconv.Quote(secret)) {
			t.Fatalf("%s: the state lacks the imported Live token of %d", cli, a.SDKAppID)
		}
	}
	if wr := writeRequests(f.srv); len(wr) > 0 {
		t.Fatalf("the round trip wrote to the API: %v", wr)
	}
	for _, a := range f.apps {
		for _, p := range catalog.Products {
			checkEmulatorConfigT(t, f.srv, a.SDKAppID, p, fleetURL(a.SDKAppID, p), testfixtures.SampleWords(p)...)
		}
	}
}

// TestQuery_limitStopsReads: limit stops the requests, not only the output.
func TestQuery_limitStopsReads(t *testing.T) {
	t.Parallel()
	cli := skipWithoutQuery(t)
	f := newQueryFleet(t)
	w := newCLIWorkspace(t, f.providerBlock())
	for _, limit := range []int{2, 5} {
		w.writeQuery(fmt.Sprintf("list \"tencentrtc_callback_config\" \"fleet\" {\n  provider = tencentrtc\n  limit    = %d\n}\n", limit))
		f.srv.ResetStats()
		res := w.mustRun(0, "query", "-no-color")
		if n := strings.Count(res.stdout, "list.tencentrtc_callback_config.fleet"); n != limit {
			t.Fatalf("%s: limit %d listed %d results:\n%s", cli, limit, n, res)
		}
		if total := f.srv.Stats().Total; total != int64(limit) {
			t.Fatalf("%s: limit %d made %d requests (%v), want %d", cli, limit, total, f.srv.Stats().Requests, limit)
		}
	}
}

// TestQuery_failingAppNamed: an app whose credentials Tencent rejects fails
// the query with an error that names it; the other apps are still read.
func TestQuery_failingAppNamed(t *testing.T) {
	t.Parallel()
	cli := skipWithoutQuery(t)
	f := newQueryFleet(t)
	bad := f.apps[1].SDKAppID
	f.srv.InjectFault(emulator.Fault{Kind: emulator.FaultErrorCode, Code: 70009, Count: 100, SDKAppID: bad})
	w := newCLIWorkspace(t, f.providerBlock())
	w.writeQuery(fleetQuery)

	res := w.mustRun(1, "query", "-no-color")
	out := res.stdout + res.stderr
	if !regexp.MustCompile(fmt.Sprintf(`SDKAppID\s+%d\s+could\s+not\s+be\s+listed`, bad)).MatchString(out) || !strings.Contains(out, "70009") {
		t.Fatalf("%s: the error does not name SDKAppID %d and code 70009:\n%s", cli, bad, res)
	}
	for _, a := range []uint64{f.apps[0].SDKAppID, f.apps[2].SDKAppID} {
		if regexp.MustCompile(fmt.Sprintf(`SDKAppID\s+%d\s+could`, a)).MatchString(out) {
			t.Fatalf("%s: the error names SDKAppID %d, which works:\n%s", cli, a, res)
		}
	}
	// The working apps were read in full: 2 apps x 4 products, plus their
	// tokens, beside whatever the failing app cost.
	reads := f.srv.Stats().Requests
	for _, p := range []string{"/v4/call_config/get_callback", "/v4/room_config/get_callback", "/v1/callback/get"} {
		if reads[p] < 2 {
			t.Fatalf("%s: the working apps were not all read: %v", cli, reads)
		}
	}
}
