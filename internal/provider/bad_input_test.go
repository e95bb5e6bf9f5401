package provider

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

// badInputResource is a tencentrtc_callback_config with the given attribute
// lines (raw HCL).
func badInputResource(lines string) string {
	return fmt.Sprintf(`
resource "tencentrtc_callback_config" "test" {
%s
}
`, lines)
}

// callResource is a call configuration with url and command words (already
// HCL-quoted), plus extra lines.
func callResource(url, words, extra string) string {
	return badInputResource(resourceLines(`"call"`, url, words, extra))
}

// resourceLines are the attribute lines of a tencentrtc_callback_config.
func resourceLines(product, url, words, extra string) string {
	return fmt.Sprintf("  product = %s\n  url = %s\n  callback_commands = [%s]\n%s", product, url, words, extra)
}

// TestBadInput feeds the provider every kind of bad input a user can write
// and checks the exact error: it names the attribute and says how to fix it.
// Everything is caught at plan time, before any API call: a resource's bad
// attribute values already by terraform validate (all in one run, each on its
// own resource), the provider block's and the app's by the plan; malformed
// import IDs are caught by terraform import.
func TestBadInput(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t)
	good := testfixtures.ProviderConfig(srv.URL)
	callLines := func(url, words string) string { return resourceLines(`"call"`, url, words, "") }
	const startCall = `"Call.CallbackAfterStartCall"`
	const okURL = `"https://hooks.example.com/cb"`
	long := `"https://hooks.example.com/` + strings.Repeat("a", 1100) + `"`
	creds := fmt.Sprintf("  sdk_app_id = %d\n  secret_key = %q", testAppID, testAppSecret)
	withCreds := func(lines string) string {
		return testfixtures.Provider(srv.URL, creds+"\n"+lines) + callResource(okURL, startCall, "")
	}

	// Attribute values the provider rejects while Terraform validates the
	// configuration: one configuration with a resource per case, one
	// terraform validate.
	validateCases := []badInputCase{
		// Callback URLs.
		{name: "url without scheme", lines: callLines(`"hooks.example.com/cb"`, startCall), want: `url "hooks.example.com/cb" is not a usable callback URL: it must start with https:// \(or http://\)`},
		{name: "url without host", lines: callLines(`"https:///cb"`, startCall), want: `url "https:///cb" is not a usable callback URL: it has no host; write it as https://host\[:port\]/path`},
		{name: "url ftp scheme", lines: callLines(`"ftp://hooks.example.com/cb"`, startCall), want: `url "ftp://hooks.example.com/cb" is not a usable callback URL: it must start with https://`},
		{name: "url file scheme", lines: callLines(`"file:///etc/passwd"`, startCall), want: `url "file:///etc/passwd" is not a usable callback URL: it must start with https://`},
		{name: "url upper-case scheme", lines: callLines(`"HTTPS://hooks.example.com/cb"`, startCall), want: `url .* it must start with https:// \(or http://\), in lower case`},
		{name: "url with space", lines: callLines(`"https://hooks.example.com/c b"`, startCall), want: `url .* it contains a space or control character at byte 27; remove it or percent-encode it`},
		{name: "url with control character", lines: callLines(`"https://hooks.example.com/\u0007"`, startCall), want: `url .* it contains a space or control character at byte 26`},
		{name: "url overlong", lines: callLines(long, startCall), want: `url .* it is 1126 bytes long; the limit is 1024`},
		{name: "url empty", lines: callLines(`""`, startCall), want: `url "" is not a usable callback URL: it is empty; set an absolute URL such as https://example.com/callback`},
		{name: "url with user info", lines: callLines(`"https://user:pw@hooks.example.com/"`, startCall), want: `url .* contains user information \(user:password@\)`},
		{name: "url with fragment", lines: callLines(`"https://hooks.example.com/#x"`, startCall), want: `url .* contains a #fragment, which would swallow the query parameters Tencent appends; remove the fragment`},

		// Command words.
		{name: "unknown word", lines: callLines(okURL, `"Call.CallbackNothingAtAll"`), want: `callback_commands: "Call.CallbackNothingAtAll" is not a callback command word of product "call"; valid words are: Call.CallbackAfterEndCall, Call.CallbackAfterMemberChanged, Call.CallbackAfterStartCall. The tencentrtc_callback_commands data source lists the words of each product`},
		{name: "misspelt word", lines: callLines(okURL, `"Call.CallbackAfterStartCal"`), want: `callback_commands: "Call.CallbackAfterStartCal" is not a callback command word of product "call"; did you mean "Call.CallbackAfterStartCall"\?`},
		{name: "word of another product", lines: callLines(okURL, `"Live.CallbackAfterCreateRoom"`), want: `callback_commands: .* it belongs to product "live". Use a separate tencentrtc_callback_config for that product`},
		{name: "callkit word on call", lines: callLines(okURL, `"call_busy"`), want: `"call_busy" is not a callback command word of product "call"; it belongs to product "callkit"`},
		{name: "live word on room", lines: resourceLines(`"room"`, okURL, `"Live.CallbackAfterCreateRoom"`, ""), want: `"Live.CallbackAfterCreateRoom" is not a callback command word of product "room"; it belongs to product "live". Use a separate tencentrtc_callback_config for that product`},
		{name: "room word on live", lines: resourceLines(`"live"`, okURL, `"Room.CallbackAfterCreateRoom"`, ""), want: `"Room.CallbackAfterCreateRoom" is not a callback command word of product "live"; it belongs to product "room"`},
		{name: "call word on callkit", lines: resourceLines(`"callkit"`, okURL, startCall, ""), want: `"Call.CallbackAfterStartCall" is not a callback command word of product "callkit"; it belongs to product "call"`},
		{name: "empty word", lines: callLines(okURL, `""`), want: `callback_commands: a command word must not be empty`},
		{name: "empty set", lines: callLines(okURL, ``), want: `No Callback Command Words.*callback_commands is empty, but a callback configuration sends at least one event. To stop the callbacks of this product, remove the resource instead: the apply then deletes the configuration at Tencent\.`},
		{name: "misspelt callkit word", lines: resourceLines(`"callkit"`, okURL, `"call_bussy"`, ""), want: `"call_bussy" is not a callback command word of product "callkit"; did you mean "call_busy"\?`},

		// Products.
		{name: "unknown product", lines: resourceLines(`"video"`, okURL, startCall, ""), want: `Invalid Product.*product "video" is not one of call, live, room, callkit\. This provider manages the callbacks of`},
		{name: "empty product", lines: resourceLines(`""`, okURL, startCall, ""), want: `product "" is not one of call, live, room, callkit\.`},
		{name: "product in upper case", lines: resourceLines(`"Call"`, okURL, startCall, ""), want: `product "Call" is not one of call, live, room, callkit; did you mean "call"\? Product names are lower case\.`},
		{name: "product plural", lines: resourceLines(`"calls"`, okURL, startCall, ""), want: `product "calls" is not one of call, live, room, callkit; did you mean "call"\?`},
		{name: "product chat", lines: resourceLines(`"chat"`, okURL, startCall, ""), want: `product "chat" is not one of call, live, room, callkit\. This provider manages the callbacks of call for TUICallKit \(Call\), live for TUILiveKit \(Live\), room for TUIRoomKit / Conference \(Room\), callkit for Legacy TUICallKit v1 \(callkit\); the callbacks of Chat and of TRTC itself are configured in the Tencent RTC console\.`},
		{name: "product trtc", lines: resourceLines(`"trtc"`, okURL, startCall, ""), want: `product "trtc" is not one of .* the callbacks of Chat and of TRTC itself are configured in the Tencent RTC console\.`},

		// sdk_app_id of the resource.
		{name: "sdk_app_id zero", lines: resourceLines(`"call"`, okURL, startCall, "  sdk_app_id = 0"), want: `Attribute sdk_app_id value must be between 1 and 4294967295, got: 0`},
		{name: "sdk_app_id negative", lines: resourceLines(`"call"`, okURL, startCall, "  sdk_app_id = -1400000001"), want: `Attribute sdk_app_id value must be between 1 and 4294967295, got: -1400000001`},
		{name: "sdk_app_id over uint32", lines: resourceLines(`"call"`, okURL, startCall, "  sdk_app_id = 4294967296"), want: `Attribute sdk_app_id value must be between 1 and 4294967295, got: 4294967296`},
		{name: "sdk_app_id over int64", lines: resourceLines(`"call"`, okURL, startCall, "  sdk_app_id = 99999999999999999999"), want: `sdk_app_id.*(cannot be represented as a 64-bit integer|Value Conversion Error)`},
		{name: "sdk_app_id not a number", lines: resourceLines(`"call"`, okURL, startCall, `  sdk_app_id = "app"`), want: `Inappropriate value for attribute "sdk_app_id": a number is required`},
		// The framework rejects a fraction while it reads the configuration,
		// before any validator runs; its text names the attribute's line.
		{name: "sdk_app_id fractional", lines: resourceLines(`"call"`, okURL, startCall, "  sdk_app_id = 1400000001.5"), want: `sdk_app_id = 1400000001.5 .* is not an integer`},
	}
	// The provider block, the plan (credentials of the resource's app) and
	// import IDs: one resource.UnitTest per case.
	tests := []struct {
		name     string
		config   string
		importID string // when set: terraform import with this ID
		want     string // regexp; a space matches any whitespace
	}{
		{name: "sdk_app_id without credentials", config: good + callResource(okURL, startCall, "  sdk_app_id = 1400000999"), want: `no credentials for SDKAppID 1400000999 \(the provider has credentials for: 1400000001, 1400000002\). Add it to the provider's apps map`},
		// The provider block.
		{name: "secret_key missing", config: testfixtures.Provider(srv.URL, fmt.Sprintf("  sdk_app_id = %d", testAppID)) + callResource(okURL, startCall, ""), want: `SDKAppID 1400000001 is the provider's sdk_app_id but the provider has no secret_key for it: set secret_key in the provider block or the TENCENTRTC_SECRET_KEY environment variable`},
		{name: "secret_key empty", config: testfixtures.Provider(srv.URL, fmt.Sprintf("  sdk_app_id = %d\n  secret_key = \"\"", testAppID)) + callResource(okURL, startCall, ""), want: `secret_key.*TENCENTRTC_SECRET_KEY`},
		{name: "no app at all", config: testfixtures.Provider(srv.URL, "") + callResource(okURL, startCall, ""), want: `no SDKAppID: set sdk_app_id in this block, or sdk_app_id in the provider block \(or the TENCENTRTC_SDK_APP_ID environment variable\)`},
		{name: "unknown region", config: withCreds(`  region = "mars"`), want: `region is "mars": use one of china, singapore, seoul, frankfurt, silicon-valley, jakarta\.`},
		{name: "endpoint plain http to a remote host", config: strings.Replace(withCreds(""), srv.URL, "http://tencent.example.com", 1), want: `insecure endpoint "http://tencent.example.com": plain http would send the UserSig unencrypted.*set allow_insecure_http = true`},
		{name: "endpoint with a path", config: strings.Replace(withCreds(""), srv.URL, srv.URL+"/v4", 1), want: `invalid endpoint .*/v4": it must not have a path, query or fragment`},
		{name: "endpoint ftp", config: strings.Replace(withCreds(""), srv.URL, "ftp://127.0.0.1", 1), want: `invalid endpoint "ftp://127.0.0.1": the scheme must be https`},
		{name: "provider sdk_app_id zero", config: testfixtures.Provider(srv.URL, "  sdk_app_id = 0") + callResource(okURL, startCall, ""), want: `Attribute sdk_app_id value must be between 1 and 4294967295, got: 0`},
		{name: "apps key not a number", config: testfixtures.Provider(srv.URL, `  apps = { "my-app" = { secret_key = "k" } }`) + callResource(okURL, startCall, ""), want: `key "my-app" is not one: SDKAppID "my-app" is not a decimal integer. Write the key as a quoted decimal number`},
		{name: "apps entry with empty key", config: testfixtures.Provider(srv.URL, `  apps = { "1400000001" = { secret_key = "" } }`) + callResource(okURL, startCall, ""), want: `apps\["1400000001"\].secret_key string length must be at least 1`},
		{name: "request_timeout without unit", config: withCreds(`  request_timeout = "10"`), want: `request_timeout "10" is not a duration: write a number with a unit, such as 500ms, 30s or 2m`},
		{name: "request_timeout negative", config: withCreds(`  request_timeout = "-1s"`), want: `request_timeout "-1s" is out of range: use a positive duration of at most 10m0s`},
		{name: "max_retries negative", config: withCreds(`  max_retries = -1`), want: `Attribute max_retries value must be between 0 and 100, got: -1`},
		{name: "retry waits reversed", config: withCreds("  retry_wait_min = \"2s\"\n  retry_wait_max = \"1s\""), want: `retry_wait_min \(2s\) is longer than retry_wait_max \(1s\); make retry_wait_min the shorter one`},
		{name: "rate_limit zero", config: withCreds(`  rate_limit = 0`), want: `Attribute rate_limit value must be between 0.010000 and 10000.000000, got: 0.000000`},

		// Import IDs.
		{name: "import unknown product", config: good + callResource(okURL, startCall, ""), importID: "1400000001/video", want: `Invalid Import ID.*import ID "1400000001/video" is not of the form <sdk_app_id>/<product> \(e.g. 1400000001/live\) or <product> alone for the provider's default app: unknown product "video"`},
		{name: "import non-numeric app", config: good + callResource(okURL, startCall, ""), importID: "app/call", want: `import ID "app/call": SDKAppID "app" is not a decimal integer; use <sdk_app_id>/<product>`},
		{name: "import three parts", config: good + callResource(okURL, startCall, ""), importID: "1/2/call", want: `import ID "1/2/call" has 3 parts separated by /; use <sdk_app_id>/<product>`},
		{name: "import empty app", config: good + callResource(okURL, startCall, ""), importID: "/call", want: `import ID "/call": the SDKAppID is empty; use <sdk_app_id>/<product>`},
		{name: "import negative app", config: good + callResource(okURL, startCall, ""), importID: "-1/call", want: `SDKAppID "-1" is negative; SDKAppIDs are positive integers`},
		{name: "import with a colon", config: good + callResource(okURL, startCall, ""), importID: "1400000001:call", want: `import ID "1400000001:call" is not of the form <sdk_app_id>/<product> \(e.g. 1400000001/live\) or <product> alone for the provider's default app \(separate the parts with /: 1400000001/call\)`},
		{name: "import swapped", config: good + callResource(okURL, startCall, ""), importID: "call/1400000001", want: `import ID "call/1400000001" is not of the form <sdk_app_id>/<product> \(e.g. 1400000001/live\) or <product> alone for the provider's default app \(the SDKAppID comes first: 1400000001/call\)`},
		{name: "import a live token", config: good + callResource(okURL, startCall, ""), importID: "1400000001/live_token", want: `import ID "1400000001/live_token" names a Live callback token, which tencentrtc_live_callback_token manages: import it into that resource \(terraform import tencentrtc_live_callback_token.<name> 1400000001/live_token\)`},
		{name: "import app over uint32", config: good + callResource(okURL, startCall, ""), importID: "4294967296/call", want: `SDKAppID "4294967296" is too large; SDKAppIDs are at most 4294967295`},
	}
	// The cases run in parallel inside one group, and t.Run of the group
	// returns only when all of them have finished: then the API must have
	// seen nothing.
	t.Run("cases", func(t *testing.T) {
		t.Run("validate", func(t *testing.T) {
			t.Parallel()
			checkValidateCases(t, good, validateCases)
		})
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				step := resource.TestStep{Config: tt.config, PlanOnly: true, ExpectError: testfixtures.Flexible(tt.want)}
				if tt.importID != "" {
					step = resource.TestStep{
						Config: tt.config, ResourceName: callbackConfigAddr, ImportState: true,
						ImportStateId: tt.importID, ExpectError: testfixtures.Flexible(tt.want),
					}
				}
				resource.UnitTest(t, resource.TestCase{
					ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
					Steps:                    []resource.TestStep{step},
				})
			})
		}
	})
	if n := srv.Stats().Total; n != 0 {
		t.Errorf("bad input reached the API: %d requests %v", n, srv.Stats().Requests)
	}
}

// badInputCase is a tencentrtc_callback_config whose attribute lines (HCL)
// Terraform's validation must reject with want (a regexp; a space matches
// any whitespace).
type badInputCase struct {
	name, lines, want string
}

// validateDiagnostics is what terraform validate -json says, in the fields
// both CLIs write.
type validateDiagnostics struct {
	Diagnostics []struct {
		Severity, Summary, Detail string
		Range                     *struct {
			Start struct{ Line int }
		}
		Snippet *struct{ Code string }
	}
}

// checkValidateCases writes one configuration with a resource per case
// (provider block good) and runs terraform validate -json once: a case
// passes when an error on its own resource block's lines matches its want
// (snippet, summary and detail, in this order), and every error belongs to
// a case. One CLI run instead of an init and a plan per case.
func checkValidateCases(t *testing.T, good string, cases []badInputCase) {
	var config strings.Builder
	config.WriteString(good)
	for i, c := range cases {
		fmt.Fprintf(&config, "\nresource \"tencentrtc_callback_config\" \"case%02d\" {\n%s\n}\n", i, c.lines)
	}
	// main.tf is RequiredProviders and then config; each case's block spans
	// these lines (1-based, both ends included).
	file := testfixtures.RequiredProviders + config.String()
	spans := make([][2]int, len(cases))
	for i, c := range cases {
		at := strings.Index(file, fmt.Sprintf("\"case%02d\" {", i))
		first := strings.Count(file[:at], "\n") + 1
		spans[i] = [2]int{first, first + strings.Count(c.lines, "\n") + 2}
	}
	w := newCLIWorkspace(t, config.String())
	res := w.mustRun(1, "validate", "-json", "-no-color")
	var out validateDiagnostics
	if err := json.Unmarshal([]byte(res.stdout), &out); err != nil {
		t.Fatalf("terraform validate -json: %v\n%s", err, res)
	}
	texts := make([][]string, len(cases))
	for _, d := range out.Diagnostics {
		if d.Severity != "error" {
			continue
		}
		text := d.Summary + "\n" + d.Detail
		if d.Snippet != nil {
			text = d.Snippet.Code + "\n" + text
		}
		owner := -1
		for i, span := range spans {
			if d.Range != nil && d.Range.Start.Line >= span[0] && d.Range.Start.Line <= span[1] {
				owner = i
			}
		}
		if owner < 0 {
			t.Errorf("an error outside every case's resource block:\n%s", text)
			continue
		}
		texts[owner] = append(texts[owner], text)
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := strings.Join(texts[i], "\n\n")
			if !testfixtures.Flexible(c.want).MatchString(got) {
				t.Errorf("want an error matching\n  %s\non resource case%02d, got:\n%s", c.want, i, got)
			}
		})
	}
}

// TestAcceptedInput: input that looks wrong but is valid applies. HCL turns
// a list into a set, so a repeated command word is one element and the API
// gets the word once; a plain http URL is accepted (with a warning).
func TestAcceptedInput(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, url, words  string // url and words HCL-quoted
		wantURL, wantWord string
	}{
		{"duplicate words", `"https://hooks.example.com/cb"`, `"Call.CallbackAfterStartCall", "Call.CallbackAfterStartCall"`,
			"https://hooks.example.com/cb", "Call.CallbackAfterStartCall"},
		{"plain http", `"http://hooks.example.com/"`, `"Call.CallbackAfterEndCall"`,
			"http://hooks.example.com/", "Call.CallbackAfterEndCall"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := startEmulator(t)
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: testfixtures.ProviderConfig(srv.URL) + callResource(tt.url, tt.words, ""),
					Check: resource.ComposeAggregateTestCheckFunc(
						resource.TestCheckResourceAttr(callbackConfigAddr, "callback_commands.#", "1"),
						checkEmulatorConfig(srv, testAppID, catalog.Call, tt.wantURL, tt.wantWord),
					),
				}},
			})
		})
	}
}
