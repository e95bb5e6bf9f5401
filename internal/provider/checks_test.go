package provider

// The checks the tests share: what the emulator must hold or have served
// (resource.TestCheckFunc, or a t-based form for the CLI tests), and builders
// of the plan and state checks that the resource and data source tests make
// of one address and its attribute values.

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

// values are the expected values of some attributes of one resource or data
// source, by attribute name.
type values map[string]knownvalue.Check

// expectState checks, in the state after apply, the attributes of addr named
// in want and that each attribute in sensitive is marked sensitive.
func expectState(addr string, want values, sensitive ...string) []statecheck.StateCheck {
	checks := make([]statecheck.StateCheck, 0, len(want)+len(sensitive))
	for _, name := range slices.Sorted(maps.Keys(want)) {
		checks = append(checks, statecheck.ExpectKnownValue(addr, tfjsonpath.New(name), want[name]))
	}
	for _, name := range sensitive {
		checks = append(checks, statecheck.ExpectSensitiveValue(addr, tfjsonpath.New(name)))
	}
	return checks
}

// expectPlan checks the plan before apply: the action on addr (none when
// action is ""), the planned values of the attributes named in want, and
// that each attribute in sensitive is marked sensitive.
func expectPlan(addr string, action plancheck.ResourceActionType, want values, sensitive ...string) resource.ConfigPlanChecks {
	var checks []plancheck.PlanCheck
	if action != "" {
		checks = append(checks, plancheck.ExpectResourceAction(addr, action))
	}
	for _, name := range slices.Sorted(maps.Keys(want)) {
		checks = append(checks, plancheck.ExpectKnownValue(addr, tfjsonpath.New(name), want[name]))
	}
	for _, name := range sensitive {
		checks = append(checks, plancheck.ExpectSensitiveValue(addr, tfjsonpath.New(name)))
	}
	return resource.ConfigPlanChecks{PreApply: checks}
}

// expectEmptyPlan checks that the plan before apply changes nothing.
func expectEmptyPlan() resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
}

// putEmulatorConfig changes a configuration out of band.
func putEmulatorConfig(t *testing.T, srv *emulator.Server, app uint64, p catalog.Product, url string, words ...string) {
	t.Helper()
	if err := srv.PutConfig(app, p, emulator.CallbackConfig{URL: url, Commands: words}); err != nil {
		t.Fatalf("emulator PutConfig: %v", err)
	}
}

// checkEmulatorConfig checks what the emulator stores for (app, p).
func checkEmulatorConfig(srv *emulator.Server, app uint64, p catalog.Product, url string, words ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got, ok := srv.Config(app, p)
		if !ok {
			return fmt.Errorf("emulator has no %s configuration for %d", p, app)
		}
		gotWords, wantWords := slices.Sorted(slices.Values(got.Commands)), slices.Sorted(slices.Values(words))
		if got.URL != url || !slices.Equal(gotWords, wantWords) {
			return fmt.Errorf("emulator %d/%s = %q %v, want %q %v", app, p, got.URL, gotWords, url, wantWords)
		}
		return nil
	}
}

func checkEmulatorHasNoConfig(srv *emulator.Server, app uint64, p catalog.Product) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got, ok := srv.Config(app, p); ok {
			return fmt.Errorf("emulator still has %d/%s: %+v", app, p, got)
		}
		return nil
	}
}

// checkEmulatorServed checks that the emulator answered apiPath at least once.
func checkEmulatorServed(srv *emulator.Server, apiPath string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if srv.Stats().Requests[apiPath] == 0 {
			return fmt.Errorf("the emulator never served %s; requests: %v", apiPath, srv.Stats().Requests)
		}
		return nil
	}
}

// checkConfigBytes checks that the stored configuration of (app, p) still
// encodes to want, byte for byte (URL and command words in stored order).
func checkConfigBytes(srv *emulator.Server, app uint64, p catalog.Product, want []byte) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got, ok := srv.Config(app, p)
		if !ok {
			return fmt.Errorf("the %d/%s configuration is gone", app, p)
		}
		b, _ := json.Marshal(got)
		if string(b) != string(want) {
			return fmt.Errorf("the %d/%s configuration changed:\n got %s\nwant %s", app, p, b, want)
		}
		return nil
	}
}

// checkLiveToken checks the emulator's token of app.
func checkLiveToken(srv *emulator.Server, app uint64, want emulator.LiveToken) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got, ok := srv.LiveToken(app)
		if !ok {
			return fmt.Errorf("emulator: app %d has no live callback token", app)
		}
		if got != want {
			// The values are test tokens, safe to print.
			return fmt.Errorf("emulator: app %d token = %+v, want %+v", app, got, want)
		}
		return nil
	}
}

func checkLiveTokenAbsent(srv *emulator.Server, app uint64) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got, ok := srv.LiveToken(app); ok {
			return fmt.Errorf("emulator: app %d still has a live callback token after destroy (enabled=%t)", app, got.Enabled)
		}
		return nil
	}
}

// checkNoWrites fails when the emulator served any request that changes a
// configuration or a token.
func checkNoWrites(srv *emulator.Server) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if w := writeRequests(srv); len(w) > 0 {
			return fmt.Errorf("expected no write requests, got %s", strings.Join(w, ", "))
		}
		return nil
	}
}

// writeRequests lists the write requests the emulator served, as path=count.
func writeRequests(srv *emulator.Server) []string {
	var out []string
	for p, n := range srv.Stats().Requests {
		if isWritePath(p) && n > 0 {
			out = append(out, fmt.Sprintf("%s=%d", p, n))
		}
	}
	sort.Strings(out)
	return out
}

// isWritePath reports whether p is an API path that changes something.
func isWritePath(p string) bool {
	return !strings.HasSuffix(p, "/get_callback") && !strings.HasSuffix(p, "/get_callback_token") && !strings.HasSuffix(p, "/v1/callback/get")
}

// checkNoRequests fails when any request reached the emulator; what names
// the inputs that should have been stopped before.
func checkNoRequests(srv *emulator.Server, what string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if n := srv.Stats().Total; n != 0 {
			return fmt.Errorf("%s reached the API: %d requests %v", what, n, srv.Stats().Requests)
		}
		return nil
	}
}

// checkFaultsConsumed checks that every injected fault was used up: the
// requests the test meant to disturb really were.
func checkFaultsConsumed(srv *emulator.Server) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if left := srv.Faults(); len(left) > 0 {
			return fmt.Errorf("faults not consumed (the disturbed request was never made): %+v", left)
		}
		return nil
	}
}

// checkEmulatorConfigT is checkEmulatorConfig for tests that run the CLI
// themselves.
func checkEmulatorConfigT(t *testing.T, srv *emulator.Server, app uint64, p catalog.Product, url string, words ...string) {
	t.Helper()
	if err := checkEmulatorConfig(srv, app, p, url, words...)(nil); err != nil {
		t.Fatal(err)
	}
}

// checkEmulatorHoldsExactly checks that the emulator holds, for every app and
// product, exactly the configuration testfixtures.MultiApp declares for it
// (or none when the product is not declared).
func checkEmulatorHoldsExactly(t *testing.T, srv *emulator.Server, apps []emulator.App, products []catalog.Product, urlBase string) {
	t.Helper()
	declared := map[catalog.Product]bool{}
	for _, p := range products {
		declared[p] = true
	}
	var problems []string
	for _, a := range apps {
		for _, p := range catalog.Products {
			got, ok := srv.Config(a.SDKAppID, p)
			want := fmt.Sprintf("%s/%d/%s", urlBase, a.SDKAppID, p)
			switch {
			case declared[p] && !ok:
				problems = append(problems, fmt.Sprintf("%d/%s lost", a.SDKAppID, p))
			case declared[p] && got.URL != want:
				problems = append(problems, fmt.Sprintf("%d/%s has URL %q, want %q", a.SDKAppID, p, got.URL, want))
			case !declared[p] && ok:
				problems = append(problems, fmt.Sprintf("%d/%s left behind: %+v", a.SDKAppID, p, got))
			}
		}
	}
	if len(problems) > 0 {
		t.Fatalf("emulator state differs from the configuration:\n%s", strings.Join(problems, "\n"))
	}
}

// expectStateLacks fails when secret appears anywhere in the state as
// `terraform show -json` renders it (which includes sensitive values).
func expectStateLacks(secret string) statecheck.StateCheck {
	return stateLacks{secret: secret}
}

type stateLacks struct{ secret string }

func (c stateLacks) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	raw, err := json.Marshal(req.State)
	if err != nil {
		resp.Error = err
		return
	}
	if strings.Contains(string(raw), c.secret) {
		resp.Error = fmt.Errorf("the state contains the write-only token %q", c.secret)
	}
}

// stringSetCheck matches a set of exactly these strings.
func stringSetCheck(words ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(words))
	for i, w := range words {
		checks[i] = knownvalue.StringExact(w)
	}
	return knownvalue.SetExact(checks)
}
