package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/client"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

// Issue 15 §2: one owner per (app, product) and per app's Live token.

const claimedTwice = "Error: Two Resources Manage One Target"

// callHCL is a call configuration named name; app "" uses the provider's
// sdk_app_id, anything else is the sdk_app_id expression.
func callHCL(name, app, url string) string {
	line := ""
	if app != "" {
		line = "\n  sdk_app_id        = " + app
	}
	return fmt.Sprintf(`
resource "tencentrtc_callback_config" %q {%s
  product           = "call"
  url               = %q
  callback_commands = ["Call.CallbackAfterStartCall"]
}
`, name, line, url)
}

// TestTwoOwnersFailThePlan: two instances for one target fail the plan,
// naming the target and how each names its app, whether their settings
// differ or not and whether the app is the provider's default or explicit;
// nothing is written.
func TestTwoOwnersFailThePlan(t *testing.T) {
	t.Parallel()
	app := fmt.Sprint(testAppID)
	for _, tc := range []struct{ name, hcl, want string }{
		{"default and explicit app, different URLs", callHCL("a", "", "https://a.example.com/cb") + callHCL("b", app, "https://b.example.com/cb"),
			"uses the provider's sdk_app_id (1400000001) and sends to https://a.example.com/cb"},
		{"identical settings", callHCL("a", app, "https://a.example.com/cb") + callHCL("b", app, "https://a.example.com/cb"),
			"sets sdk_app_id = 1400000001 and sends to https://a.example.com/cb"},
		{"count", strings.Replace(callHCL("a", "", "https://a.example.com/cb"), "{\n", "{\n  count = 2\n", 1),
			"uses the provider's sdk_app_id (1400000001)"},
		{"live token", "resource \"tencentrtc_live_callback_token\" \"a\" {\n  token = \"token-a-000001\"\n}\n" +
			"resource \"tencentrtc_live_callback_token\" \"b\" {\n  token = \"token-b-000001\"\n  sdk_app_id = " + app + "\n}\n",
			"the Live callback token 1400000001/live_token"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := startEmulator(t)
			w := newCLIWorkspace(t, testfixtures.ProviderConfig(srv.URL)+tc.hcl)
			res := w.mustRun(1, planArgs()...)
			expectOutput(t, res, claimedTwice, "1400000001/", tc.want)
			if strings.Count(res.stdout+res.stderr, claimedTwice) != 1 {
				t.Errorf("want the error once:\n%s", res)
			}
			if writes := writeRequests(srv); len(writes) != 0 {
				t.Errorf("writes: %v", writes)
			}
		})
	}
}

// TestOwnershipNoFalseAlarm: one instance is never taken for two. A
// replacement (forced and by a product change), a moved block, a for_each key
// renamed with a moved block, -target, -refresh-only, validate and the
// apply's final plan all plan and apply as usual.
func TestOwnershipNoFalseAlarm(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t)
	provider := testfixtures.ProviderConfig(srv.URL)
	w := newCLIWorkspace(t, provider+callHCL("a", "", "https://a.example.com/cb")+callHCL("other", fmt.Sprint(testApp2ID), "https://o.example.com/cb"))
	w.mustRun(0, "validate", "-no-color")
	w.mustRun(0, applyArgs()...)

	srv.ResetStats()
	res := w.mustRun(0, applyArgs("-replace=tencentrtc_callback_config.a")...)
	if strings.Contains(res.stdout, "Will Be Adopted") {
		t.Errorf("a forced replacement planned as an adoption of its own configuration:\n%s", res)
	}
	checkEmulatorConfigT(t, srv, testAppID, catalog.Call, "https://a.example.com/cb", "Call.CallbackAfterStartCall")

	// -detailed-exitcode reports a refresh-only plan's state update as a
	// change (exit 2) on some CLIs: only the absence of an error counts.
	w.mustRun(0, "plan", "-refresh-only", "-no-color", "-input=false")
	w.mustRun(0, planArgs("-target=tencentrtc_callback_config.a")...)

	w.writeConfig(provider + callHCL("b", "", "https://a.example.com/cb") + callHCL("other", fmt.Sprint(testApp2ID), "https://o.example.com/cb") +
		"moved {\n  from = tencentrtc_callback_config.a\n  to = tencentrtc_callback_config.b\n}\n")
	w.mustRun(2, planArgs()...) // the move is the plan's only change
	w.mustRun(0, applyArgs()...)

	keyed := func(key string) string {
		return fmt.Sprintf(`
resource "tencentrtc_callback_config" "each" {
  for_each          = { %s = "call" }
  product           = each.value
  url               = "https://a.example.com/cb"
  callback_commands = ["Call.CallbackAfterStartCall"]
}
`, key)
	}
	w.writeConfig(provider + keyed("x") + "moved {\n  from = tencentrtc_callback_config.b\n  to = tencentrtc_callback_config.each[\"x\"]\n}\n")
	w.mustRun(0, applyArgs()...)
	w.writeConfig(provider + keyed("y") + "moved {\n  from = tencentrtc_callback_config.each[\"x\"]\n  to = tencentrtc_callback_config.each[\"y\"]\n}\n")
	w.mustRun(2, planArgs()...)

	// A product change replaces the instance: its old target is deleted, its
	// new one created.
	w.writeConfig(provider + strings.Replace(strings.Replace(keyed("y"), `"call"`, `"live"`, 1), "Call.CallbackAfterStartCall", "Live.CallbackAfterCreateRoom", 1))
	w.mustRun(0, applyArgs()...)
	checkEmulatorConfigT(t, srv, testAppID, catalog.Live, "https://a.example.com/cb", "Live.CallbackAfterCreateRoom")
	if _, ok := srv.Config(testAppID, catalog.Call); ok {
		t.Error("the replaced call configuration was not deleted")
	}
	w.mustRun(0, "destroy", "-auto-approve", "-no-color")
}

// TestRenameWithoutMovedFails: a resource removed from the configuration
// while another is added for the same target fails the plan with advice to
// use a moved block, instead of racing at apply (create, then delete the
// configuration just adopted).
func TestRenameWithoutMovedFails(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t)
	provider := testfixtures.ProviderConfig(srv.URL)
	w := newCLIWorkspace(t, provider+callHCL("a", "", "https://a.example.com/cb"))
	w.mustRun(0, applyArgs()...)
	w.writeConfig(provider + callHCL("b", "", "https://a.example.com/cb"))
	srv.ResetStats()
	res := w.mustRun(1, planArgs()...)
	expectOutput(t, res, claimedTwice, "the callback configuration 1400000001/call is planned both to be destroyed",
		"moved {", "terraform import <new address> 1400000001/call")
	if writes := writeRequests(srv); len(writes) != 0 {
		t.Errorf("writes: %v", writes)
	}
	checkEmulatorConfigT(t, srv, testAppID, catalog.Call, "https://a.example.com/cb", "Call.CallbackAfterStartCall")
}

// TestApplyLockUnknownTargets: two creates whose common target is unknown at
// plan time (so the plan cannot see the collision) never both succeed. In the
// apply, the final plan of the second, which knows the target by then, is
// refused; the lock held across each create's read and write
// (TestCreateLock) backs that up. Run 20 times, since a race shows only
// sometimes.
func TestApplyLockUnknownTargets(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t)
	config := testfixtures.ProviderConfig(srv.URL) + unknownAppHCL(testAppID) +
		callHCL("a", "terraform_data.app.output", "https://a.example.com/cb") +
		callHCL("b", "terraform_data.app.output", "https://b.example.com/cb")
	w := newCLIWorkspace(t, config)
	statePath := filepath.Join(w.dir, "terraform.tfstate")
	const rounds = 20
	for i := range rounds {
		res := w.mustRun(1, applyArgs("-parallelism=2")...)
		out := oneLine(res.stdout + res.stderr)
		if !strings.Contains(out, claimedTwice) && !strings.Contains(out, "Error: Callback Configuration Already Exists") {
			t.Fatalf("run %d: the second create was not refused as a second owner:\n%s", i+1, res)
		}
		kept := stateResourceNames(t, statePath, "tencentrtc_callback_config")
		if len(kept) != 1 {
			t.Fatalf("run %d: %d configurations in the state (%v), want exactly one:\n%s", i+1, len(kept), kept, res)
		}
		checkEmulatorConfigT(t, srv, testAppID, catalog.Call, "https://"+kept[0]+".example.com/cb", "Call.CallbackAfterStartCall")
		if i < rounds-1 { // a fresh start, without a CLI run
			if err := os.Remove(statePath); err != nil {
				t.Fatal(err)
			}
			srv.DeleteConfig(testAppID, catalog.Call)
			continue
		}
		// The configuration still names two owners, which the destroy
		// command's refreshing plan refuses: -refresh=false skips it.
		w.mustRun(0, "destroy", "-auto-approve", "-no-color", "-refresh=false")
		if _, ok := srv.Config(testAppID, catalog.Call); ok {
			t.Fatalf("run %d: destroy left the configuration", i+1)
		}
	}
}

// stateResourceNames lists the names of the managed resources of type typ in
// the state file at path that have an instance (a failed create can leave a
// resource without one, which terraform state list does not show).
func stateResourceNames(t *testing.T, path, typ string) []string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var state struct {
		Resources []struct {
			Mode, Type, Name string
			Instances        []json.RawMessage
		}
	}
	if err := json.Unmarshal(raw, &state); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var names []string
	for _, r := range state.Resources {
		if r.Mode == "managed" && r.Type == typ && len(r.Instances) > 0 {
			names = append(names, r.Name)
		}
	}
	return names
}

// TestCreateLock: two creates of one target in one apply (one provider
// data), run at once against an API slow enough for their reads to overlap,
// never both succeed: the second fails with the already-exists error, and
// the target holds the first's configuration. 25 rounds.
func TestCreateLock(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t)
	ep, err := client.ResolveEndpoints("", srv.URL, false)
	if err != nil {
		t.Fatal(err)
	}
	var diags diag.Diagnostics
	s := settings{sdkAppID: testAppID, apps: []appSettings{{sdkAppID: testAppID, identifier: client.DefaultIdentifier, secretKey: testAppSecret}}}
	r := &callbackConfigResource{resourceBase{data: newProviderData(s, client.Options{Endpoints: ep}, &diags)}}
	if diags.HasError() {
		t.Fatal(diags)
	}
	for round := range 25 {
		r.data.owners = ownership{} // a new apply
		srv.DeleteConfig(testAppID, catalog.Call)
		srv.InjectFault(emulator.Fault{Kind: emulator.FaultDelay, Delay: 30 * time.Millisecond, Count: 2, PathPrefix: "/v4/call_config/get_callback"})
		results := make([]diag.Diagnostics, 2)
		var wg sync.WaitGroup
		for i, url := range []string{"https://a.example.com/cb", "https://b.example.com/cb"} {
			wg.Go(func() { results[i] = createCall(r, url) })
		}
		wg.Wait()
		var failed int
		for _, d := range results {
			if d.HasError() {
				failed++
				if d.Errors()[0].Summary() != summaryCallbackExists {
					t.Fatalf("round %d: %v", round, d)
				}
			}
		}
		if failed != 1 {
			t.Fatalf("round %d: %d of 2 creates failed, want 1: %v", round, failed, results)
		}
	}
}

// createCall runs Create of a call configuration with url for the default
// app, as the framework would.
func createCall(r *callbackConfigResource, url string) diag.Diagnostics {
	ctx := context.Background()
	var sch resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sch)
	typ := sch.Schema.Type().TerraformType(ctx)
	plan := tftypes.NewValue(typ, map[string]tftypes.Value{
		"id":         tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
		"sdk_app_id": tftypes.NewValue(tftypes.Number, testAppID),
		"product":    tftypes.NewValue(tftypes.String, "call"),
		"url":        tftypes.NewValue(tftypes.String, url),
		"callback_commands": tftypes.NewValue(tftypes.Set{ElementType: tftypes.String},
			[]tftypes.Value{tftypes.NewValue(tftypes.String, "Call.CallbackAfterStartCall")}),
	})
	req := resource.CreateRequest{Plan: tfsdk.Plan{Schema: sch.Schema, Raw: plan}}
	resp := &resource.CreateResponse{State: tfsdk.State{Schema: sch.Schema, Raw: tftypes.NewValue(typ, nil)}}
	r.Create(ctx, req, resp)
	return resp.Diagnostics
}

// TestBlankImport: an empty import ID (a script's unset variable) gets a
// plain error listing the accepted forms on both resources, from the CLI's
// import command and from an import block; never the framework's "Value
// Conversion Error".
func TestBlankImport(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t)
	for _, tc := range []struct{ addr, block, want string }{
		{"tencentrtc_callback_config.x", `resource "tencentrtc_callback_config" "x" {
  product           = "call"
  url               = "https://a.example.com/cb"
  callback_commands = ["Call.CallbackAfterStartCall"]
}`, "use <sdk_app_id>/<product> (e.g. 1400000001/live) or <product> alone for the provider's default app"},
		{"tencentrtc_live_callback_token.x", `resource "tencentrtc_live_callback_token" "x" {
  token = "token-000000001"
}`, "use <sdk_app_id>/live_token (e.g. 1400000001/live_token) or live_token alone for the provider's default app"},
	} {
		w := newCLIWorkspace(t, testfixtures.ProviderConfig(srv.URL)+tc.block+"\n")
		res := w.mustRun(1, "import", "-no-color", "-input=false", tc.addr, "")
		expectOutput(t, res, "Error: Invalid Import ID", "the import ID is empty (a script's unset variable?)", tc.want)
		if strings.Contains(res.stdout+res.stderr, "Value Conversion Error") {
			t.Errorf("the framework's conversion error:\n%s", res)
		}
		w.writeConfig(testfixtures.ProviderConfig(srv.URL) + tc.block + "\nimport {\n  to = " + tc.addr + "\n  id = \" \"\n}\n")
		res = w.mustRun(1, planArgs()...)
		expectOutput(t, res, "the import ID is empty", tc.want)
	}
	if writes := writeRequests(srv); len(writes) != 0 {
		t.Errorf("writes: %v", writes)
	}
}
