package emulator

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/tencentyun/tls-sig-api-v2-golang/tencentyun"
)

const (
	testAppID   = 1400000001
	testAppKey  = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"
	testApp2ID  = 1400000002
	testApp2Key = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"
)

func testApps() []App {
	return []App{
		{SDKAppID: testAppID, SecretKey: testAppKey},
		{SDKAppID: testApp2ID, SecretKey: testApp2Key, Identifier: "admin2"},
	}
}

// testOptions knows both test apps. The limits are high so that only the
// rate-limit tests meet them; those set their own.
func testOptions() Options {
	return Options{Apps: testApps(), V4RateLimit: 1e6, V1RateLimit: 1e6}
}

// newTestEmulator builds an emulator with both test apps; mod adjusts the
// options.
func newTestEmulator(t *testing.T, mod func(*Options)) *Emulator {
	t.Helper()
	opts := testOptions()
	if mod != nil {
		mod(&opts)
	}
	e, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return e
}

func newTestServer(t *testing.T) *Server {
	t.Helper()
	s, err := NewServer(testOptions())
	if err != nil {
		t.Fatalf("NewServer: %v", err)
	}
	t.Cleanup(s.Close)
	return s
}

func mintSig(t testing.TB, app uint64, key, identifier string, expire int) string {
	t.Helper()
	sig, err := tencentyun.GenUserSig(int(app), key, identifier, expire)
	if err != nil {
		t.Fatalf("GenUserSig: %v", err)
	}
	return sig
}

// validQuery is a correctly signed query for the first test app.
func validQuery(t testing.TB) url.Values {
	return url.Values{
		"sdkappid":    {"1400000001"},
		"identifier":  {DefaultIdentifier},
		"usersig":     {mintSig(t, testAppID, testAppKey, DefaultIdentifier, 86400)},
		"random":      {"4294967295"},
		"contenttype": {"json"},
	}
}

type v4Resp struct {
	ActionStatus string
	ErrorInfo    string
	ErrorCode    int
	RequestID    string `json:"RequestId"`
	Response     json.RawMessage
}

type v1Resp struct {
	ErrorCode    int             `json:"errorCode"`
	ErrorMessage string          `json:"errorMessage"`
	RequestID    string          `json:"requestId"`
	Data         json.RawMessage `json:"data"`
}

// serve sends one request through the handler and returns the recorder.
func serve(e http.Handler, method, path string, q url.Values, body string) *httptest.ResponseRecorder {
	target := path
	if q != nil {
		target += "?" + q.Encode()
	}
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	r.RemoteAddr = "127.0.0.1:40000"
	w := httptest.NewRecorder()
	e.ServeHTTP(w, r)
	return w
}

// call sends one API request through e and decodes the answer into out:
// every logical answer of either family, success or failure, is HTTP 200 JSON.
func call(t *testing.T, e http.Handler, path string, q url.Values, body string, out any) {
	t.Helper()
	w := serve(e, http.MethodPost, path, q, body)
	if w.Code != http.StatusOK {
		t.Fatalf("%s: HTTP %d, want 200 for every logical answer", path, w.Code)
	}
	if err := json.Unmarshal(w.Body.Bytes(), out); err != nil {
		t.Fatalf("%s: answer is not JSON: %v: %s", path, err, w.Body)
	}
}

func callV4(t *testing.T, e http.Handler, path string, q url.Values, body string) v4Resp {
	t.Helper()
	var r v4Resp
	call(t, e, path, q, body, &r)
	checkV4Envelope(t, r)
	return r
}

func checkV4Envelope(t *testing.T, r v4Resp) {
	t.Helper()
	want := "OK"
	if r.ErrorCode != 0 {
		want = "FAIL"
		if r.ErrorInfo == "" {
			t.Errorf("ErrorCode %d with an empty ErrorInfo", r.ErrorCode)
		}
	}
	if r.ActionStatus != want {
		t.Errorf("ActionStatus = %q with ErrorCode %d", r.ActionStatus, r.ErrorCode)
	}
	if !requestIDPattern.MatchString(r.RequestID) {
		t.Errorf("RequestId %q does not look like Id-<32hex>-O-Seq-<n>", r.RequestID)
	}
}

func callV1(t *testing.T, e http.Handler, path string, q url.Values, body string) v1Resp {
	t.Helper()
	var r v1Resp
	call(t, e, path, q, body, &r)
	if !v1RequestIDPattern.MatchString(r.RequestID) {
		t.Errorf("requestId %q is not 32 hex digits", r.RequestID)
	}
	if r.ErrorCode == 0 && r.ErrorMessage != "Success" {
		t.Errorf("errorMessage = %q on success", r.ErrorMessage)
	}
	if r.ErrorCode != 0 && r.ErrorMessage == "" {
		t.Errorf("errorCode %d with an empty errorMessage", r.ErrorCode)
	}
	return r
}

// callAny calls a path of either family and returns the code and text of
// the answer.
func callAny(t *testing.T, e http.Handler, path string, q url.Values, body string) (int, string) {
	t.Helper()
	if strings.HasPrefix(path, "/v1/") {
		r := callV1(t, e, path, q, body)
		return r.ErrorCode, r.ErrorMessage
	}
	r := callV4(t, e, path, q, body)
	return r.ErrorCode, r.ErrorInfo
}

// answerCode reads the code of an answer by its family's exact key,
// ErrorCode (v4) or errorCode (v1); ok is false when there is none.
func answerCode(f family, b []byte) (code int, ok bool) {
	key := "ErrorCode"
	if f == familyV1 {
		key = "errorCode"
	}
	var m map[string]json.RawMessage
	ok = json.Unmarshal(b, &m) == nil && json.Unmarshal(m[key], &code) == nil
	return code, ok
}

// httpPost posts to a running server and returns the status and body.
func httpPost(t *testing.T, c *http.Client, target, body string) (int, []byte, error) {
	t.Helper()
	resp, err := c.Post(target, "application/json", strings.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

func fixedNow(ts int64) func() time.Time {
	return func() time.Time { return time.Unix(ts, 0) }
}
