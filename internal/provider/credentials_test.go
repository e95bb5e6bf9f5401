package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

// oneLine joins CLI output into one line of single spaces, undoing the CLI's
// wrapping of long diagnostics.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "│", " ")), " ")
}

// TestSecretKeyWhitespace: a secret key with leading or trailing whitespace,
// from any of the three places a key comes from, fails the plan naming the
// attribute or the variable and suggesting trimspace(); the key is neither
// sent (the emulator serves no request) nor echoed.
func TestSecretKeyWhitespace(t *testing.T) {
	t.Parallel()
	const key = "k3y-with-whitespace-0123456789abcdef"
	for _, tt := range []struct {
		name, provider string
		env            []string
		want           string
	}{
		// The key comes from a file, as users write it; an HCL literal
		// would be echoed by the CLI's source snippet, not by the provider.
		{"provider secret_key", fmt.Sprintf("  sdk_app_id = %d\n  secret_key = file(\"key.txt\")", testAppID), nil,
			`secret_key ends with a line break (file() keeps a file's final newline), so Tencent would refuse every request signed with it (error 70009). Remove the whitespace with trimspace(), for example secret_key = trimspace(file("secret_key.txt")).`},
		{"apps entry", fmt.Sprintf("  apps = { %q = { secret_key = \" ${trimspace(file(\"key.txt\"))}\" } }", fmt.Sprint(testAppID)), nil,
			`apps["1400000001"].secret_key starts with whitespace, so Tencent would refuse every request signed with it (error 70009). Remove the whitespace with trimspace()`},
		{"environment variable", fmt.Sprintf("  sdk_app_id = %d", testAppID), []string{envSecretKey + "=" + key + " "},
			`The TENCENTRTC_SECRET_KEY environment variable ends with whitespace, so Tencent would refuse every request signed with it (error 70009). Remove the whitespace from the variable (or set secret_key in the provider block with trimspace()`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := startEmulator(t)
			config := testfixtures.Provider(srv.URL, tt.provider) + testfixtures.CallbackConfigResource("test", testAppID, catalog.Call, "https://hooks.example.com/cb")
			w := newCLIWorkspace(t, config, tt.env...)
			if err := os.WriteFile(filepath.Join(w.dir, "key.txt"), []byte(key+"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			res := w.mustRun(1, planArgs()...)
			out := oneLine(res.stdout + res.stderr)
			if !strings.Contains(out, "Error: Invalid Secret Key") || !strings.Contains(out, tt.want) {
				t.Errorf("want %q in:\n%s", tt.want, res)
			}
			if strings.Contains(res.stdout+res.stderr, key) {
				t.Errorf("the key was echoed:\n%s", res)
			}
			if n := srv.Stats().Total; n != 0 {
				t.Errorf("the key was sent: %d requests %v", n, srv.Stats().Requests)
			}
		})
	}
}

// TestAuthErrorText: a key of another app fails with 70009 at plan, before
// anything is written (issue 15: the plan predicts the apply), and the
// diagnostic names the app, says what the code means and what to check once.
func TestAuthErrorText(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t)
	config := testfixtures.Provider(srv.URL, fmt.Sprintf("  sdk_app_id = %d\n  secret_key = %q", testAppID, testApp2Secret)) +
		testfixtures.CallbackConfigResource("test", testAppID, catalog.Call, "https://hooks.example.com/cb")
	w := newCLIWorkspace(t, config)
	res := w.mustRun(1, planArgs()...)
	if got := srv.Stats().Requests; got["/v4/call_config/get_callback"] != 1 || len(writeRequests(srv)) != 0 {
		t.Errorf("requests %v, want one read and no write", got)
	}
	out := oneLine(res.stdout + res.stderr)
	for _, want := range []string{
		"Error: Tencent RTC Credentials Rejected",
		"Tencent refused the credentials of SDKAppID 1400000001 when the plan read the call callback configuration, so the apply would fail the same way.",
		"error 70009 (the UserSig was not signed with this app's key)",
		oneLine(authAdvice),
	} {
		if !strings.Contains(out, want) {
			t.Errorf("want %q in:\n%s", want, res)
		}
	}
	for _, once := range []string{"Likely causes", "another app's", "whitespace", "clock"} {
		if n := strings.Count(out, once); n != 1 {
			t.Errorf("%q appears %d times, want once:\n%s", once, n, res)
		}
	}
	if strings.Contains(res.stdout+res.stderr, testApp2Secret) {
		t.Errorf("the key was echoed:\n%s", res)
	}
}

// TestRemovedAppsEntry: removing an apps entry while resources of that app
// remain in the state fails, naming the app and the ways forward; putting
// the entry back and removing the resources first works.
func TestRemovedAppsEntry(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t)
	withEntry := testfixtures.ProviderConfig(srv.URL)
	withoutEntry := testfixtures.Provider(srv.URL, fmt.Sprintf("  sdk_app_id = %d\n  secret_key = %q", testAppID, testAppSecret))
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkEmulatorHasNoConfig(srv, testApp2ID, catalog.Call),
		Steps: []resource.TestStep{
			{Config: withEntry + testfixtures.CallbackConfigResource("test", testApp2ID, catalog.Call, "https://hooks.example.com/app2")},
			{
				Config: withoutEntry,
				ExpectError: testfixtures.Texts(
					"no credentials for SDKAppID 1400000002 (the provider has credentials for: 1400000001)",
					"If the state still holds resources of SDKAppID 1400000002 because its apps entry was removed, an entry must outlive its resources: put the entry back, destroy or remove those resources first (terraform state list shows them), then remove the entry; or, to leave them at Tencent unmanaged, forget them with terraform state rm <address>",
				),
			},
			{
				// The advice works: with the entry back, the removal applies.
				Config: withEntry,
				Check:  checkEmulatorHasNoConfig(srv, testApp2ID, catalog.Call),
			},
			{Config: withoutEntry},
		},
	})
}
