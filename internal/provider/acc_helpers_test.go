package provider

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/client"
)

// The TestAcc* tests run against whatever an empty provider block resolves to
// from the environment: a real app (TENCENTRTC_SDK_APP_ID,
// TENCENTRTC_SECRET_KEY, TENCENTRTC_REGION, TENCENTRTC_IDENTIFIER) or any
// TENCENTRTC_ENDPOINT such as a tencentrtc-emulator process. They check the
// API through internal/client, never through the emulator's Go API, and they
// never run in parallel: two tests of one app must not manage the same
// product at once.

// envAccAllowExisting lets the tests run on an app that already has a
// configuration they would manage: it is saved first and restored afterwards.
const envAccAllowExisting = "TENCENTRTC_ACC_ALLOW_EXISTING"

// accProviderBlock is empty so that the environment configures the provider.
const accProviderBlock = `
provider "tencentrtc" {}
`

// accApp is the app an acceptance test manages. Its client is built by
// preCheck, which resource.Test runs only when TF_ACC is set.
type accApp struct {
	t      *testing.T
	client *client.Client
}

func newAccApp(t *testing.T) *accApp {
	t.Helper()
	return &accApp{t: t}
}

// preCheck returns the TestCase PreCheck: it fails (never skips) when
// credentials are missing, then claims each product and, with token, the
// Live callback token.
func (a *accApp) preCheck(token bool, products ...catalog.Product) func() {
	return func() {
		a.t.Helper()
		a.configure()
		for _, p := range products {
			a.claimConfig(p)
		}
		if token {
			a.claimToken()
		}
	}
}

// configure builds the client the way the provider does from an empty
// provider block: the same environment variables, defaults and endpoints.
func (a *accApp) configure() {
	t := a.t
	t.Helper()
	var missing []string
	for _, env := range []string{envSDKAppID, envSecretKey} {
		if os.Getenv(env) == "" {
			missing = append(missing, env)
		}
	}
	if len(missing) > 0 {
		t.Fatalf("TF_ACC is set but %s is not. The acceptance tests need the credentials of an app whose callbacks they may change: "+
			"%s and %s; also %s for an app outside mainland China, %s when the administrator is not %q, "+
			"or %s to run against a tencentrtc-emulator (scripts/testacc-emulator.sh does that). Unset TF_ACC to skip the tests.",
			strings.Join(missing, " and "), envSDKAppID, envSecretKey, envRegion, envIdentifier, client.DefaultIdentifier, envEndpoint)
	}
	var diags diag.Diagnostics
	s := resolveSettings(context.Background(), providerModel{}, &diags)
	if diags.HasError() {
		t.Fatalf("the provider environment is invalid: %v", diags.Errors())
	}
	endpoints, err := client.ResolveEndpoints(s.region, s.endpoint, s.allowInsecureHTTP)
	if err != nil {
		t.Fatalf("the provider environment is invalid: %v", err)
	}
	app := s.apps[0]
	c, err := client.New(client.Options{
		SDKAppID:   app.sdkAppID,
		Identifier: app.identifier,
		SecretKey:  app.secretKey,
		Endpoints:  endpoints,
		UserAgent:  client.DefaultUserAgent + "-acc-test",
	})
	if err != nil {
		t.Fatalf("building the test's API client: %v", err)
	}
	a.client = c
	t.Logf("acceptance test on SDKAppID %d via %s and %s", app.sdkAppID, endpoints.V4, endpoints.V1)
}

func (a *accApp) id(suffix string) string {
	return fmt.Sprintf("%d/%s", a.client.SDKAppID(), suffix)
}

func allowExisting() bool { return os.Getenv(envAccAllowExisting) == "1" }

// refuseExisting fails the test before it writes anything.
func (a *accApp) refuseExisting(what, shown string) {
	a.t.Helper()
	a.t.Fatalf("SDKAppID %d already has %s%s. This acceptance test would replace and then delete it, so it stopped "+
		"without touching anything. Run the tests on an app without one, or set %s=1 to let the test save it, "+
		"run, and restore it exactly afterwards.", a.client.SDKAppID(), what, shown, envAccAllowExisting)
}

// claimConfig makes sure the test may manage product p: the app has no such
// configuration, or it has one and the user allowed the test to save it,
// delete it for the duration of the test and restore it at cleanup.
// Without a saved configuration, cleanup deletes whatever the test left.
func (a *accApp) claimConfig(p catalog.Product) {
	t, ctx := a.t, context.Background()
	t.Helper()
	saved, err := a.client.GetCallback(ctx, p)
	switch {
	case client.IsNotFound(err):
		t.Cleanup(func() { a.removeLeftoverConfig(p) })
		return
	case err != nil:
		t.Fatalf("reading the %s callback configuration of SDKAppID %d before the test: %v", p, a.client.SDKAppID(), err)
	case !allowExisting():
		a.refuseExisting(fmt.Sprintf("a %s callback configuration", p), fmt.Sprintf(" (url %s, %d command words)", saved.URL, len(saved.Commands)))
	}
	t.Logf("%s=1: saving the existing %s configuration of SDKAppID %d and restoring it after the test", envAccAllowExisting, p, a.client.SDKAppID())
	t.Cleanup(func() { a.restoreConfig(p, *saved) })
	if err := a.client.DeleteCallback(ctx, p); err != nil && !client.IsNotFound(err) {
		t.Fatalf("deleting the saved %s configuration before the test: %v", p, err)
	}
}

func (a *accApp) removeLeftoverConfig(p catalog.Product) {
	ctx := context.Background()
	got, err := a.client.GetCallback(ctx, p)
	if client.IsNotFound(err) {
		return
	}
	if err != nil {
		a.t.Errorf("cleanup: cannot check that the %s configuration is gone: %v", p, err)
		return
	}
	a.t.Errorf("cleanup: the test left a %s configuration behind (url %s); deleting it", p, got.URL)
	if err := a.client.DeleteCallback(ctx, p); err != nil && !client.IsNotFound(err) {
		a.t.Errorf("cleanup: deleting the leftover %s configuration: %v", p, err)
	}
}

// restoreConfig puts saved back exactly (same URL, same words in the same
// order) and reads it back.
func (a *accApp) restoreConfig(p catalog.Product, saved client.CallbackConfig) {
	ctx := context.Background()
	got, err := a.client.GetCallback(ctx, p)
	switch {
	case err == nil && got.URL == saved.URL && slices.Equal(got.Commands, saved.Commands):
		return
	case err == nil:
		if err := a.client.DeleteCallback(ctx, p); err != nil && !client.IsNotFound(err) {
			a.t.Errorf("cleanup: deleting the test's %s configuration before restoring the saved one: %v", p, err)
			return
		}
	case !client.IsNotFound(err):
		a.t.Errorf("cleanup: reading the %s configuration before restoring it: %v", p, err)
		return
	}
	if err := a.client.SetCallback(ctx, p, saved); err != nil {
		a.t.Errorf("cleanup: RESTORING the saved %s configuration failed, restore it by hand (url %s, words %v): %v", p, saved.URL, saved.Commands, err)
		return
	}
	if got, err := a.client.GetCallback(ctx, p); err != nil || got.URL != saved.URL || !slices.Equal(got.Commands, saved.Commands) {
		a.t.Errorf("cleanup: the restored %s configuration reads back as %+v (error %v), want url %s, words %v", p, got, err, saved.URL, saved.Commands)
	}
}

// claimToken is claimConfig for the Live callback token. The token value is
// never printed.
func (a *accApp) claimToken() {
	t, ctx := a.t, context.Background()
	t.Helper()
	saved, err := a.client.GetLiveCallbackToken(ctx)
	switch {
	case client.IsNotFound(err):
		t.Cleanup(a.removeLeftoverToken)
		return
	case err != nil:
		t.Fatalf("reading the Live callback token of SDKAppID %d before the test: %v", a.client.SDKAppID(), err)
	case !allowExisting():
		a.refuseExisting("a Live callback token", fmt.Sprintf(" (enabled = %t)", saved.Enabled))
	}
	t.Logf("%s=1: saving the existing Live callback token of SDKAppID %d and restoring it after the test", envAccAllowExisting, a.client.SDKAppID())
	t.Cleanup(func() { a.restoreToken(*saved) })
	if err := a.client.DeleteLiveCallbackToken(ctx); err != nil && !client.IsNotFound(err) {
		t.Fatalf("deleting the saved Live callback token before the test: %v", err)
	}
}

func (a *accApp) removeLeftoverToken() {
	ctx := context.Background()
	_, err := a.client.GetLiveCallbackToken(ctx)
	if client.IsNotFound(err) {
		return
	}
	if err != nil {
		a.t.Errorf("cleanup: cannot check that the Live callback token is gone: %v", err)
		return
	}
	a.t.Errorf("cleanup: the test left a Live callback token behind; deleting it")
	if err := a.client.DeleteLiveCallbackToken(ctx); err != nil && !client.IsNotFound(err) {
		a.t.Errorf("cleanup: deleting the leftover Live callback token: %v", err)
	}
}

func (a *accApp) restoreToken(saved client.LiveCallbackToken) {
	ctx := context.Background()
	if got, err := a.client.GetLiveCallbackToken(ctx); err == nil && *got == saved {
		return
	}
	if err := a.client.SetLiveCallbackToken(ctx, client.LiveCallbackTokenUpdate{Token: &saved.Token, Enabled: &saved.Enabled}); err != nil {
		a.t.Errorf("cleanup: RESTORING the saved Live callback token failed; set it again by hand (enabled was %t): %v", saved.Enabled, err)
		return
	}
	if got, err := a.client.GetLiveCallbackToken(ctx); err != nil || *got != saved {
		a.t.Errorf("cleanup: the restored Live callback token does not read back as saved (error %v)", err)
	}
}

// putConfig changes a configuration out of band, as the console would.
func (a *accApp) putConfig(p catalog.Product, url string, words ...string) {
	a.t.Helper()
	cfg := client.CallbackConfig{URL: url, Commands: words}
	var err error
	if catalog.Describe(p).HasUpdate {
		err = a.client.UpdateCallback(context.Background(), p, cfg)
	} else {
		err = a.client.SetCallback(context.Background(), p, cfg)
	}
	if err != nil {
		a.t.Fatalf("changing the %s configuration out of band: %v", p, err)
	}
}

// checkConfig checks the configuration through the API.
func (a *accApp) checkConfig(p catalog.Product, url string, words ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got, err := a.client.GetCallback(context.Background(), p)
		if err != nil {
			return fmt.Errorf("API: reading the %s configuration: %w", p, err)
		}
		gotWords, wantWords := slices.Sorted(slices.Values(got.Commands)), slices.Sorted(slices.Values(words))
		if got.URL != url || !slices.Equal(gotWords, wantWords) {
			return fmt.Errorf("API: %s = %q %v, want %q %v", a.id(string(p)), got.URL, gotWords, url, wantWords)
		}
		return nil
	}
}

// checkNoConfig is a CheckDestroy: the API says the configuration does not
// exist. Any other error fails: "gone" is never guessed.
func (a *accApp) checkNoConfig(p catalog.Product) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got, err := a.client.GetCallback(context.Background(), p)
		switch {
		case client.IsNotFound(err):
			return nil
		case err != nil:
			return fmt.Errorf("API: reading the %s configuration after destroy: %w", p, err)
		}
		return fmt.Errorf("API: %s still exists after destroy (url %s)", a.id(string(p)), got.URL)
	}
}

// checkToken checks the Live callback token through the API. The values are
// the test's own tokens, safe to print.
func (a *accApp) checkToken(want client.LiveCallbackToken) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got, err := a.client.GetLiveCallbackToken(context.Background())
		if err != nil {
			return fmt.Errorf("API: reading the Live callback token: %w", err)
		}
		if *got != want {
			return fmt.Errorf("API: Live callback token = %+v, want %+v", *got, want)
		}
		return nil
	}
}

func (a *accApp) checkNoToken() resource.TestCheckFunc {
	return func(*terraform.State) error {
		got, err := a.client.GetLiveCallbackToken(context.Background())
		switch {
		case client.IsNotFound(err):
			return nil
		case err != nil:
			return fmt.Errorf("API: reading the Live callback token after destroy: %w", err)
		}
		return fmt.Errorf("API: the Live callback token still exists after destroy (enabled = %t)", got.Enabled)
	}
}

// checkID checks the id attribute of addr, which depends on the app.
func (a *accApp) checkID(addr, suffix string) resource.TestCheckFunc {
	return resource.TestCheckResourceAttrWith(addr, "id", func(v string) error {
		if want := a.id(suffix); v != want {
			return fmt.Errorf("id = %q, want %q", v, want)
		}
		return nil
	})
}

// accURL is a callback URL that is clearly a test value.
func accURL(parts ...string) string {
	return "https://example.com/tencentrtc-acc-test/" + strings.Join(parts, "/")
}

// accToken returns a fresh random token, so that a run never reuses another's.
func accToken(t *testing.T) string {
	t.Helper()
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return "tencentrtc-acc-" + hex.EncodeToString(b)
}
