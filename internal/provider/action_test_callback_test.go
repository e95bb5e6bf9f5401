package provider

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
	"github.com/tencentrtc/terraform-provider-tencentrtc/examples/webhook-receiver/receiver"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

// Live tokens of the action tests: the ones the emulator holds for app 1
// and (disabled) app 2, and one given in the action's config.
const (
	actionAppToken   = "tok-act-Ap7Qm2Xv9Lr4Kd1Wn6"
	actionGivenToken = "tok-act-Gv3Hs8Bf5Yc0Ge2Vp7"
	actionApp2Token  = "tok-act-Ep4Jw1Nz6Tq9Ux3Mk8"
)

// noActions is why action tests skip on cli, or "": actions are Terraform
// 1.14+ only (OpenTofu has none).
func noActions(cli cliInfo) string {
	if cli.name == "Terraform" && !cli.version.LessThan(version.Must(version.NewVersion("1.14.0"))) {
		return ""
	}
	return cli.String() + " has no actions (Terraform 1.14+ only): skipping"
}

// skipWithoutActions skips a real-CLI test on CLIs without actions.
func skipWithoutActions(t *testing.T) {
	t.Helper()
	if reason := noActions(testCLI(t)); reason != "" {
		t.Skip(reason)
	}
}

// skipBelowActions skips plugin-testing cases on CLIs without actions, with
// that reason (tfversion.SkipBelow alone would let OpenTofu 1.14 through).
var skipBelowActions = []tfversion.TerraformVersionCheck{skipNoActions{}, tfversion.SkipBelow(tfversion.Version1_14_0)}

type skipNoActions struct{}

func (skipNoActions) CheckTerraformVersion(_ context.Context, _ tfversion.CheckTerraformVersionRequest, resp *tfversion.CheckTerraformVersionResponse) {
	if cli, err := cliInfoOnce(); err == nil {
		resp.Skip = noActions(cli)
	}
}

// callbackRecorder is a receiver that records every request and answers
// with handler.
type callbackRecorder struct {
	*httptest.Server
	mu   sync.Mutex
	got  []recordedCallback
	hold chan struct{} // closed at cleanup, releases handlers that wait on it
}

type recordedCallback struct {
	path  string
	query url.Values
	raw   string
	body  map[string]any
}

func newCallbackRecorder(t *testing.T, handler http.Handler) *callbackRecorder {
	rc := &callbackRecorder{hold: make(chan struct{})}
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		var body map[string]any
		_ = json.Unmarshal(b, &body)
		rc.mu.Lock()
		rc.got = append(rc.got, recordedCallback{r.URL.Path, r.URL.Query(), r.URL.RawQuery, body})
		rc.mu.Unlock()
		r.Body = io.NopCloser(bytes.NewReader(b))
		handler.ServeHTTP(w, r)
	}))
	t.Cleanup(func() { close(rc.hold); rc.Close() })
	return rc
}

func (rc *callbackRecorder) requests() []recordedCallback {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]recordedCallback(nil), rc.got...)
}

// last is the last callback received; the test fails when there is none.
func (rc *callbackRecorder) last(t *testing.T) recordedCallback {
	t.Helper()
	got := rc.requests()
	if len(got) == 0 {
		t.Fatalf("the receiver %s got no callback", rc.URL)
	}
	return got[len(got)-1]
}

func answer(status int, body string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	})
}

const documentedOK = `{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}`

// checkSign recomputes Sign = hex(sha256(token + RequestTime)) from the
// callback's query, and checks RequestTime is now.
func checkSign(t *testing.T, cb recordedCallback, token string) {
	t.Helper()
	rt := cb.query.Get("RequestTime")
	secs, err := strconv.ParseInt(rt, 10, 64)
	if err != nil || time.Since(time.Unix(secs, 0)).Abs() > time.Minute {
		t.Fatalf("RequestTime %q is not now", rt)
	}
	sum := sha256.Sum256([]byte(token + rt))
	if got, want := cb.query.Get("Sign"), hex.EncodeToString(sum[:]); got != want {
		t.Fatalf("Sign = %q, want sha256(token + RequestTime) = %q (query %s)", got, want, cb.raw)
	}
}

func checkQuery(t *testing.T, cb recordedCallback, want string) {
	t.Helper()
	if !strings.HasPrefix(cb.raw, want) {
		t.Errorf("query\n got %s\nwant %s...", cb.raw, want)
	}
	if s := cb.query.Has("Sign") || cb.query.Has("RequestTime"); s != strings.Contains(want, "Sign") {
		t.Errorf("query %s: signed %v, want %v", cb.raw, s, !s)
	}
}

func v4TestQuery(app uint64, command string) string {
	return fmt.Sprintf("SdkAppid=%d&CallbackCommand=%s&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI", app, command)
}

// actionBlock is an action "tencentrtc_test_callback" named name with the
// given config lines.
func actionBlock(name, product, url string, lines ...string) string {
	return fmt.Sprintf("\naction \"tencentrtc_test_callback\" %q {\n  config {\n    product = %q\n    url     = %q\n%s  }\n}\n",
		name, product, url, strings.Join(append(lines, ""), "\n"))
}

func invokeArgs(name string) []string {
	return applyArgs("-invoke=action.tencentrtc_test_callback." + name)
}

// TestTestCallbackAction_invoke runs `terraform apply -invoke` against
// receivers that answer as documented, with HTTP 500, with ActionStatus FAIL,
// too late and with a redirect, and checks the query, the body and the
// Live signature of what they received. The whole run is TF_LOG=trace, and
// no output or log line may hold a token.
func TestTestCallbackAction_invoke(t *testing.T) {
	skipWithoutActions(t)
	t.Parallel()
	srv := startEmulator(t)
	srv.PutLiveToken(testAppID, emulator.LiveToken{Token: actionAppToken, Enabled: true})
	srv.PutLiveToken(testApp2ID, emulator.LiveToken{Token: actionApp2Token, Enabled: false})

	ok := newCallbackRecorder(t, answer(200, documentedOK))
	status500 := newCallbackRecorder(t, answer(500, "internal error: the database is down"))
	fail := newCallbackRecorder(t, answer(200, `{"ActionStatus":"FAIL","ErrorInfo":"unknown app","ErrorCode":1}`))
	var slow *callbackRecorder
	slow = newCallbackRecorder(t, http.HandlerFunc(func(http.ResponseWriter, *http.Request) { <-slow.hold }))
	redirect := newCallbackRecorder(t, http.RedirectHandler(ok.URL+"/moved", http.StatusFound))

	config := testfixtures.ProviderConfig(srv.URL) + `
variable "token" {
  type      = string
  sensitive = true
}
` + actionBlock("call", "call", ok.URL+"/call") +
		actionBlock("live", "live", ok.URL+"/live") +
		actionBlock("live_given", "live", ok.URL+"/live?k=v", "    token   = var.token") +
		actionBlock("live_mic", "live", ok.URL+"/live", "    command = \"Mic.CallbackAfterSeatInfoChanged\"") +
		actionBlock("live_disabled", "live", ok.URL+"/live", fmt.Sprintf("    sdk_app_id = %d", testApp2ID)) +
		actionBlock("room", "room", ok.URL+"/room") +
		actionBlock("callkit", "callkit", ok.URL+"/callkit") +
		actionBlock("status500", "call", status500.URL+"/call") +
		actionBlock("fail", "room", fail.URL+"/room") +
		actionBlock("slow", "call", slow.URL+"/call") +
		actionBlock("redirect", "call", redirect.URL+"/call")
	logPath := filepath.Join(t.TempDir(), "tf.log")
	w := newCLIWorkspace(t, config, "TF_LOG=TRACE", "TF_LOG_PATH="+logPath, "TF_VAR_token="+actionGivenToken)
	var outputs []cliResult
	invoke := func(want int, name string) (cliResult, recordedCallback) {
		t.Helper()
		res := w.mustRun(want, invokeArgs(name)...)
		outputs = append(outputs, res)
		return res, ok.last(t)
	}

	res, cb := invoke(0, "call")
	checkQuery(t, cb, v4TestQuery(testAppID, "Call.CallbackAfterStartCall"))
	if cb.path != "/call" || cb.body["CallbackCommand"] != "Call.CallbackAfterStartCall" || cb.body["CallInfo"] == nil {
		t.Errorf("call callback %s %v", cb.path, cb.body)
	}
	for _, want := range []string{"Sending the call callback Call.CallbackAfterStartCall (SdkAppid 1400000001, unsigned) to " + ok.URL + "/call", "answered HTTP 200 in", `"{\"ActionStatus\":\"OK\"`} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("the progress lacks %q:\n%s", want, res.stdout)
		}
	}

	_, cb = invoke(0, "live")
	checkQuery(t, cb, v4TestQuery(testAppID, "Live.CallbackAfterCreateRoom")+"&Sign=")
	checkSign(t, cb, actionAppToken)
	_, cb = invoke(0, "live_given")
	checkQuery(t, cb, "k=v&"+v4TestQuery(testAppID, "Live.CallbackAfterCreateRoom")+"&Sign=")
	checkSign(t, cb, actionGivenToken)
	_, cb = invoke(0, "live_mic")
	checkQuery(t, cb, v4TestQuery(testAppID, "Mic.CallbackAfterSeatInfoChanged")+"&Sign=")
	checkSign(t, cb, actionAppToken)
	res, cb = invoke(0, "live_disabled")
	checkQuery(t, cb, v4TestQuery(testApp2ID, "Live.CallbackAfterCreateRoom"))
	if !strings.Contains(res.stdout, "is disabled: the callback goes unsigned") {
		t.Errorf("no word of the disabled token:\n%s", res.stdout)
	}
	_, cb = invoke(0, "room")
	checkQuery(t, cb, v4TestQuery(testAppID, "Room.CallbackAfterCreateRoom"))
	_, cb = invoke(0, "callkit")
	checkQuery(t, cb, fmt.Sprintf("sdkappid=%d&command=normal_end&contenttype=json&clientip=127.0.0.1&optplatform=Web", testAppID))
	if cb.body["CallResult"] != "normal_end" || cb.body["CallbackCommand"] != nil {
		t.Errorf("callkit body %v", cb.body)
	}
	received := len(ok.requests())

	for _, tt := range []struct {
		name string
		want []string
	}{
		{"status500", []string{"Test Callback Failed", "POST " + status500.URL + "/call", "the receiver answered HTTP 500", `First bytes of the answer: "internal error: the database is down"`, `expects HTTP 200 with {"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}`}},
		{"fail", []string{"POST " + fail.URL + "/room", `the receiver answered ActionStatus "FAIL", ErrorCode 1`, "HTTP status: 200", `"ErrorInfo\":\"unknown app\"`}},
		{"slow", []string{"POST " + slow.URL + "/call", "got no answer after 2", "no answer within 2s, Tencent's callback timeout"}},
		{"redirect", []string{"POST " + redirect.URL + "/call", "the receiver answered HTTP 302"}},
	} {
		res, _ := invoke(1, tt.name)
		for _, want := range tt.want {
			if !testfixtures.Texts(want).MatchString(res.stderr) {
				t.Errorf("%s: the error lacks %q:\n%s", tt.name, want, res.stderr)
			}
		}
	}
	if n := len(ok.requests()); n != received {
		t.Errorf("the redirect was followed: the OK receiver got %d more callbacks", n-received)
	}
	checkTokensNeverShown(t, outputs, readFile(t, logPath))
}

// checkTokensNeverShown greps the CLI's outputs and TRACE log for the
// tokens.
func checkTokensNeverShown(t *testing.T, outputs []cliResult, logText string) {
	t.Helper()
	if !strings.Contains(logText, "Test callback sent") || !strings.Contains(logText, "v4/live_config/get_callback_token") {
		t.Fatalf("the TRACE log lacks the action's lines: the check would pass vacuously (%d bytes)", len(logText))
	}
	haystacks := map[string]string{"TF_LOG_PATH log": logText}
	for i, res := range outputs {
		haystacks[fmt.Sprintf("output #%d %s", i, strings.Join(res.args, " "))] = res.stdout + res.stderr
	}
	for where, text := range haystacks {
		for _, token := range []string{actionAppToken, actionGivenToken, actionApp2Token} {
			if strings.Contains(text, token) {
				t.Errorf("%s shows token %s", where, token)
			}
		}
	}
	if plan := outputs[2].stdout; !testfixtures.Texts("token", "= (sensitive value)").MatchString(plan) {
		t.Errorf("the plan of live_given should show token as a sensitive value:\n%s", plan)
	}
}

// TestTestCallbackAction_trigger checks every URL a tencentrtc_callback_config
// gets through an action_trigger after_create and after_update: a receiver
// that answers as documented passes, one that answers HTTP 500 fails the
// apply.
func TestTestCallbackAction_trigger(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t)
	srv.PutLiveToken(testAppID, emulator.LiveToken{Token: actionAppToken, Enabled: true})
	first := newCallbackRecorder(t, answer(200, documentedOK))
	second := newCallbackRecorder(t, answer(200, documentedOK))
	broken := newCallbackRecorder(t, answer(500, "down"))
	words := testfixtures.SampleWords(catalog.Live)
	config := func(u string) string {
		return testfixtures.ProviderConfig(srv.URL) + fmt.Sprintf(`
locals {
  url = %[1]q
}

resource "tencentrtc_callback_config" "test" {
  product           = "live"
  url               = local.url
  callback_commands = [%[2]s]

  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.tencentrtc_test_callback.check]
    }
  }
}
`, u, testfixtures.Quoted(words)) + actionBlock("check", "live", "${local.url}")
	}
	received := func(rc *callbackRecorder, n int) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if got := len(rc.requests()); got != n {
				return fmt.Errorf("%s got %d callbacks, want %d", rc.URL, got, n)
			}
			checkSign(t, rc.last(t), actionAppToken)
			return nil
		}
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   skipBelowActions,
		Steps: []resource.TestStep{
			{Config: config(first.URL + "/live"), Check: received(first, 1)},
			{Config: config(second.URL + "/live"), Check: resource.ComposeTestCheckFunc(received(second, 1), received(first, 1))},
			{Config: config(broken.URL + "/live"), ExpectError: testfixtures.Texts("Test Callback Failed", "the receiver answered HTTP 500")},
			{Config: config(first.URL + "/live"), Check: resource.ComposeTestCheckFunc(received(first, 2), received(broken, 1),
				checkEmulatorConfig(srv, testAppID, catalog.Live, first.URL+"/live", words...))},
		},
	})
}

// TestTestCallbackAction_webhookReceiver runs the action against the example
// webhook receiver users copy: it accepts every product's test callback,
// the Live one signed with the app's token, and refuses one signed with
// another token.
func TestTestCallbackAction_webhookReceiver(t *testing.T) {
	skipWithoutActions(t)
	t.Parallel()
	srv := startEmulator(t)
	srv.PutLiveToken(testAppID, emulator.LiveToken{Token: actionAppToken, Enabled: true})
	var logs testfixtures.SyncBuffer
	rc := httptest.NewServer(&receiver.Receiver{SDKAppID: testAppID, Token: actionAppToken, Log: log.New(&logs, "", 0)})
	t.Cleanup(rc.Close)
	config := testfixtures.ProviderConfig(srv.URL)
	for _, p := range catalog.Products {
		config += actionBlock(string(p), string(p), rc.URL+"/"+string(p))
	}
	config += actionBlock("wrong_token", "live", rc.URL+"/live", fmt.Sprintf("    token = %q", actionGivenToken))
	w := newCLIWorkspace(t, config)
	for _, p := range catalog.Products {
		w.mustRun(0, invokeArgs(string(p))...)
	}
	res := w.mustRun(1, invokeArgs("wrong_token")...)
	if !strings.Contains(res.stderr, "HTTP 403") || !strings.Contains(res.stderr, "signature mismatch") {
		t.Errorf("a wrong token should be refused with the receiver's reason:\n%s", res.stderr)
	}
	if n := strings.Count(logs.String(), "ACCEPTED"); n != len(catalog.Products) || !strings.Contains(logs.String(), "signature valid") {
		t.Errorf("the receiver accepted %d callbacks, want %d with one signed:\n%s", n, len(catalog.Products), logs.String())
	}
}
