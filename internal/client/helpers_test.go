package client

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tencentyun/tls-sig-api-v2-golang/tencentyun"
)

// The sample app of the UserSig test vector (API.md §UserSig); the key is the
// library README's sample key.
const (
	testApp = 1400000000
	testKey = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"
)

// Sample packets of API.md §Verbs per product, byte for byte.
const (
	sampleV4OK        = `{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"RequestId":"Id-8c9858f01e954611ae2d4c1b1ed7d583-O-Seq-52720"}`
	sampleV4GetCall   = `{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"RequestId":"Id-8c9858f01e954611ae2d4c1b1ed7d583-O-Seq-52720","Response":{"Url":"http://www.example.com/callback","CallbackCommandList":["Call.CallbackAfterStartCall","Call.CallbackAfterEndCall"]}}`
	sampleV4GetToken  = `{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"RequestId":"Id-8c9858f01e954611ae2d4c1b1ed7d583-O-Seq-52720","Response":{"Token":"xxxxyyyy","IsTokenEnable":true}}`
	sampleV1Set       = `{"errorCode":0,"errorMessage":"Success","requestId":"a1d8543a9b1daef5d0f0c21517a4bc0a","data":"http://www.example.com/callback"}`
	sampleV1Get       = `{"errorCode":0,"errorMessage":"Success","requestId":"355c3c394f0602ed81a13c34999abebb","data":{"actions":["call_busy","normal_end"],"address":"http://www.example.com/callback"}}`
	sampleV1Update    = `{"errorCode":0,"errorMessage":"Success","requestId":"355c3c394f0602ed81a13c34999abebc","data":"https://www.example2.com/callback"}`
	sampleV1Delete    = `{"errorCode":0,"errorMessage":"Success","requestId":"5b0fa500064397cad3554506e27e18e1","data":""}`
	sampleV4SetCall   = `{"Url":"http://www.example.com/callback","CallbackCommandList":["Call.CallbackAfterStartCall","Call.CallbackAfterEndCall","Call.CallbackAfterMemberChanged"]}`
	sampleV4SetLive   = `{"Url":"http://www.example.com/callback","CallbackCommandList":["Live.CallbackAfterCreateRoom","Live.CallbackAfterDestroyRoom","Live.CallbackAfterMemberStateChanged"]}`
	sampleV4SetRoom   = `{"Url":"http://www.example.com/callback","CallbackCommandList":["Room.CallbackAfterMemberLeave","Mic.CallbackAfterSeatInfoChanged"]}`
	sampleV1SetBody   = `{"address":"http://www.example.com/callback","actions":["call_busy","normal_end","caller_start_call","invite_user","callee_reject_call"]}`
	sampleV1UpdateReq = `{"address":"https://www.example2.com/callback","actions":["call_busy","cancel","normal_end"]}`
)

func v4Fail(code int, info, requestID string) string {
	return fmt.Sprintf(`{"ActionStatus":"FAIL","ErrorInfo":%q,"ErrorCode":%d,"RequestId":%q}`, info, code, requestID)
}

func v1Fail(code int, msg, requestID string) string {
	return fmt.Sprintf(`{"errorCode":%d,"errorMessage":%q,"requestId":%q,"data":null}`, code, msg, requestID)
}

// seen is one request as the fake server received it.
type seen struct {
	Path  string
	Query url.Values
	Body  string
	At    time.Time
}

// fakeServer is an httptest server that checks what every request of the
// client must carry (method, headers, every query parameter, a valid UserSig,
// a fresh random) and records it; handle answers.
type fakeServer struct {
	*httptest.Server
	t      *testing.T
	handle func(w http.ResponseWriter, r *http.Request, n int, body string)

	mu      sync.Mutex
	reqs    []seen
	randoms map[string]int
}

func newFake(t *testing.T, handle func(w http.ResponseWriter, r *http.Request, n int, body string)) *fakeServer {
	t.Helper()
	f := &fakeServer{t: t, handle: handle, randoms: map[string]int{}}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeServer) serve(w http.ResponseWriter, r *http.Request) {
	at := time.Now()
	t := f.t
	b, _ := io.ReadAll(r.Body)
	q := r.URL.Query()
	if r.Method != http.MethodPost {
		t.Errorf("method = %s, want POST", r.Method)
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
	if ua := r.Header.Get("User-Agent"); !strings.HasPrefix(ua, "terraform-provider-tencentrtc") {
		t.Errorf("User-Agent = %q", ua)
	}
	keys := make([]string, 0, len(q))
	for k, v := range q {
		keys = append(keys, k)
		if len(v) != 1 {
			t.Errorf("query %s has %d values", k, len(v))
		}
	}
	sort.Strings(keys)
	if got := strings.Join(keys, ","); got != "contenttype,identifier,random,sdkappid,usersig" {
		t.Errorf("query keys = %s", got)
	}
	if q.Get("sdkappid") != strconv.Itoa(testApp) {
		t.Errorf("sdkappid = %q", q.Get("sdkappid"))
	}
	if q.Get("contenttype") != "json" {
		t.Errorf("contenttype = %q", q.Get("contenttype"))
	}
	if err := tencentyun.VerifyUserSig(testApp, testKey, q.Get("identifier"), q.Get("usersig"), time.Now()); err != nil {
		t.Errorf("usersig does not verify for identifier %q: %v", q.Get("identifier"), err)
	}
	if _, err := strconv.ParseUint(q.Get("random"), 10, 32); err != nil {
		t.Errorf("random %q is not a uint32: %v", q.Get("random"), err)
	}
	if !json.Valid(b) {
		t.Errorf("body is not JSON: %q", b)
	}
	f.mu.Lock()
	f.reqs = append(f.reqs, seen{Path: r.URL.Path, Query: q, Body: string(b), At: at})
	n := len(f.reqs)
	f.randoms[q.Get("random")]++
	f.mu.Unlock()
	f.handle(w, r, n, string(b))
}

func (f *fakeServer) requests() []seen {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]seen(nil), f.reqs...)
}

// checkRandomsFresh fails when two requests carried the same random.
func (f *fakeServer) checkRandomsFresh() {
	f.t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	for r, n := range f.randoms {
		if n > 1 {
			f.t.Errorf("random %s was sent %d times", r, n)
		}
	}
}

// answer writes a fixed 200 JSON body.
func answer(body string) func(http.ResponseWriter, *http.Request, int, string) {
	return func(w http.ResponseWriter, _ *http.Request, _ int, _ string) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, body)
	}
}

func write(w http.ResponseWriter, body string) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = io.WriteString(w, body)
}

// hangUp closes the connection without answering.
func hangUp(t *testing.T, w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		t.Fatal("no hijacker")
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		t.Fatal(err)
	}
	_ = conn.Close()
}

// newTestClient points a client at base for both families, with short waits.
func newTestClient(t *testing.T, base string, mod ...func(*Options)) *Client {
	t.Helper()
	opts := Options{
		SDKAppID:     testApp,
		SecretKey:    testKey,
		Endpoints:    Endpoints{V4: base, V1: base},
		RetryWaitMin: time.Millisecond,
		RetryWaitMax: 5 * time.Millisecond,
		V4RateLimit:  10000,
		V1RateLimit:  10000,
	}
	return buildClient(t, opts, mod...)
}

// buildClient builds a client from opts adjusted by mod, and fails the test
// when New refuses them.
func buildClient(t *testing.T, opts Options, mod ...func(*Options)) *Client {
	t.Helper()
	for _, m := range mod {
		m(&opts)
	}
	c, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func asAPI(t *testing.T, err error) *APIError {
	t.Helper()
	e, ok := asAPIError(err)
	if !ok {
		t.Fatalf("error %v (%T) is not an *APIError", err, err)
	}
	return e
}

// captureLogger records every log event as text.
type captureLogger struct {
	mu    sync.Mutex
	lines []string
}

func (l *captureLogger) add(level, msg string, fields map[string]any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf("%s %s %v", level, msg, fields))
}

func (l *captureLogger) Debug(_ context.Context, msg string, f map[string]any) {
	l.add("DEBUG", msg, f)
}
func (l *captureLogger) Warn(_ context.Context, msg string, f map[string]any) { l.add("WARN", msg, f) }

func (l *captureLogger) all() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.lines...)
}
