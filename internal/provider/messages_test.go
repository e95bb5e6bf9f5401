package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

// Issue 15 §7: messages that need a real CLI run (TestBadInput holds the
// table of plan-time errors).

// TestWarningsOncePerResource: the plain-http warning appears once per
// resource per plan, and two spellings of one event get one warning.
func TestWarningsOncePerResource(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t)
	config := testfixtures.ProviderConfig(srv.URL) +
		testfixtures.CallbackConfigResource("a", testAppID, catalog.Call, "http://a.example.com/cb") +
		testfixtures.CallbackConfigResource("b", testApp2ID, catalog.Call, "http://b.example.com/cb") + `
resource "tencentrtc_callback_config" "room" {
  product           = "room"
  url               = "https://r.example.com/cb"
  callback_commands = ["Room.CallbackUpdateRoomInfo", "Room.CallbackAfterUpdateRoomInfo"]
}
`
	w := newCLIWorkspace(t, config)
	// -json: the human view folds warnings with one summary into one.
	res := w.mustRun(2, planArgs("-json")...)
	out := res.stdout + res.stderr
	if n := strings.Count(out, `"@message":"Warning: Insecure Callback URL"`); n != 2 {
		t.Errorf("%d plain-http warnings for 2 resources, want 2:\n%s", n, res)
	}
	if n := strings.Count(out, `"@message":"Warning: Two Words For One Event"`); n != 1 {
		t.Errorf("%d same-event warnings, want 1:\n%s", n, res)
	}
	res = w.mustRun(2, planArgs()...)
	expectOutput(t, res, "callback_commands holds both Room.CallbackAfterUpdateRoomInfo and Room.CallbackUpdateRoomInfo, two spellings of the same event. "+
		"Keep Room.CallbackAfterUpdateRoomInfo, the current name, and remove Room.CallbackUpdateRoomInfo.")
}

// TestEnvironmentErrors: a bad environment variable gives one error that
// names the variable and reads well without a provider block; an invalid
// TENCENTRTC_SDK_APP_ID is that one error, not also "Unused Secret Key".
func TestEnvironmentErrors(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t)
	resourceHCL := testfixtures.CallbackConfigResource("a", testAppID, catalog.Call, "https://a.example.com/cb")
	w := newCLIWorkspace(t, resourceHCL,
		"TENCENTRTC_ENDPOINT="+srv.URL, "TENCENTRTC_SDK_APP_ID= 1400000002 ", "TENCENTRTC_SECRET_KEY="+testApp2Secret)
	res := w.mustRun(1, planArgs()...)
	expectOutput(t, res, `The TENCENTRTC_SDK_APP_ID environment variable is " 1400000002 ": SDKAppID " 1400000002 " has leading or trailing whitespace; write it as 1400000002.`,
		"It is used because the provider block does not set sdk_app_id")
	out := res.stdout + res.stderr
	if n := strings.Count(out, "Error: Invalid Provider Configuration"); n != 1 || strings.Contains(out, "Unused Secret Key") {
		t.Errorf("want exactly one provider error and no secret-key warning:\n%s", res)
	}

	w = newCLIWorkspace(t, resourceHCL, "TENCENTRTC_ENDPOINT="+srv.URL, "TENCENTRTC_REGION=ap-singapore")
	res = w.mustRun(1, planArgs()...)
	expectOutput(t, res, `The TENCENTRTC_REGION environment variable is "ap-singapore": use one of china, singapore, seoul, frankfurt, silicon-valley, jakarta. "ap-singapore" is the singapore data center: write "singapore".`)
	if strings.Contains(res.stdout+res.stderr, "used because region is not set") {
		t.Errorf("the old wording:\n%s", res)
	}
}

// TestIdentityProductHint: an import identity whose product is capitalised
// gets the lower-case hint the product attribute gets.
func TestIdentityProductHint(t *testing.T) {
	t.Parallel()
	skipWithoutIdentity(t)
	srv := startEmulator(t)
	config := testfixtures.ProviderConfig(srv.URL) + testfixtures.CallbackConfigResource("a", testAppID, catalog.Room, "https://a.example.com/cb") +
		"import {\n  to = tencentrtc_callback_config.a\n  identity = { product = \"Room\" }\n}\n"
	w := newCLIWorkspace(t, config)
	res := w.mustRun(1, planArgs()...)
	expectOutput(t, res, "Error: Invalid Import Identity",
		`The import identity is not valid: product "Room" is not one of call, live, room, callkit; did you mean "room"? Product names are lower case.`)
}

// TestListMissingCredentials: a query of an app the provider has no
// credentials for says how to add them, without the advice about resources
// in the state that a resource's error carries.
func TestListMissingCredentials(t *testing.T) {
	t.Parallel()
	skipWithoutQuery(t)
	srv := startEmulator(t)
	w := newCLIWorkspace(t, testfixtures.ProviderConfig(srv.URL))
	w.writeQuery(fmt.Sprintf(`list "tencentrtc_callback_config" "x" {
  provider = tencentrtc
  config {
    sdk_app_ids = [%d]
  }
}
`, 1400000099))
	res := w.mustRun(1, "query", "-no-color")
	expectOutput(t, res, "no credentials for SDKAppID 1400000099")
	if strings.Contains(oneLine(res.stdout+res.stderr), "If the state still holds") {
		t.Errorf("the list error carries the resources' advice:\n%s", res)
	}
}
