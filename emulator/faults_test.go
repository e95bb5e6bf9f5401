package emulator

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

func TestFaults(t *testing.T) {
	s := newTestServer(t)
	q := validQuery(t)
	setURL := s.URL + "/v4/call_config/set_callback?" + q.Encode()
	v1URL := s.URL + "/v1/callback/set?" + q.Encode()
	body := configBody("https://a.example/cb", "Call.CallbackAfterStartCall")
	v1Body := `{"address":"https://a.example/cb","actions":["cancel"]}`
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}

	tests := []struct {
		name    string
		fault   Fault
		target  string
		body    string
		applied bool
		check   func(t *testing.T, status int, b []byte, err error)
	}{
		{"http_status", Fault{Kind: FaultHTTPStatus, Status: 502}, setURL, body, false, func(t *testing.T, status int, b []byte, err error) {
			if err != nil || status != 502 || json.Valid(b) {
				t.Errorf("HTTP %d err %v body %q, want a non-JSON 502", status, err, b)
			}
		}},
		{"http_status default", Fault{Kind: FaultHTTPStatus}, setURL, body, false, func(t *testing.T, status int, _ []byte, _ error) {
			if status != 502 {
				t.Errorf("HTTP %d, want 502", status)
			}
		}},
		{"non_json", Fault{Kind: FaultNonJSON}, setURL, body, false, func(t *testing.T, status int, b []byte, err error) {
			if err != nil || status != 200 || json.Valid(b) || !strings.Contains(string(b), "<html>") {
				t.Errorf("HTTP %d body %q, want a 200 HTML page", status, b)
			}
		}},
		{"error_code v4", Fault{Kind: FaultErrorCode, Code: 100001}, setURL, body, false, wantCode(familyV4, codeV4Internal)},
		{"error_code v1", Fault{Kind: FaultErrorCode, Code: 50001}, v1URL, v1Body, false, wantCode(familyV1, 50001)},
		{"throttle v4", Fault{Kind: FaultThrottle}, setURL, body, false, wantCode(familyV4, codeV4RateLimited)},
		{"throttle v1", Fault{Kind: FaultThrottle}, v1URL, v1Body, false, wantCode(familyV1, codeV1RateLimited)},
		{"delay", Fault{Kind: FaultDelay, Delay: 50 * time.Millisecond}, setURL, body, true, wantCode(familyV4, 0)},
		{"drop", Fault{Kind: FaultDrop}, setURL, body, false, wantTransportError},
		{"drop_after_apply", Fault{Kind: FaultDropAfterApply}, setURL, body, true, wantTransportError},
		{"truncate", Fault{Kind: FaultTruncate}, setURL, body, true, func(t *testing.T, status int, b []byte, err error) {
			if !errors.Is(err, io.ErrUnexpectedEOF) || status != 200 || len(b) == 0 || json.Valid(b) {
				t.Errorf("HTTP %d err %v body %q, want half a JSON body then EOF", status, err, b)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s.DeleteConfig(testAppID, catalog.Call)
			s.DeleteConfig(testAppID, catalog.CallKit)
			s.ResetStats()
			s.InjectFault(tt.fault)
			start := time.Now()
			status, b, err := httpPost(t, client, tt.target, tt.body)
			tt.check(t, status, b, err)
			if tt.fault.Kind == FaultDelay && time.Since(start) < tt.fault.Delay {
				t.Errorf("answered after %v, want at least %v", time.Since(start), tt.fault.Delay)
			}
			p := catalog.Call
			if strings.Contains(tt.target, "/v1/") {
				p = catalog.CallKit
			}
			if _, found := s.Config(testAppID, p); found != tt.applied {
				t.Errorf("request applied = %v, want %v", found, tt.applied)
			}
			if st := s.Stats(); st.Faults != 1 || st.Total != 1 {
				t.Errorf("stats %+v, want 1 fault of 1 request", st)
			}
			// The fault is used up: the next request is served normally.
			if status, b, err := httpPost(t, client, setURL, body); err != nil || status != 200 || !strings.Contains(string(b), `"ActionStatus":"OK"`) {
				t.Errorf("next request: HTTP %d %s %v", status, b, err)
			}
		})
	}
}

func TestFaultMatching(t *testing.T) {
	e := newTestEmulator(t, nil)
	q := validQuery(t)
	e.InjectFault(Fault{Kind: FaultErrorCode, Code: 100001, Count: 2, PathPrefix: "/v4/live_config/"})
	e.InjectFault(Fault{Kind: FaultErrorCode, Code: 60018, SDKAppID: testApp2ID})
	if r := callV4(t, e, "/v4/call_config/get_callback", q, `{}`); r.ErrorCode != codeV4NotFound {
		t.Errorf("call path hit the live fault: %d", r.ErrorCode)
	}
	for i := range 2 {
		if r := callV4(t, e, "/v4/live_config/get_callback", q, `{}`); r.ErrorCode != codeV4Internal {
			t.Errorf("live request %d: code %d, want 100001", i, r.ErrorCode)
		}
	}
	if r := callV4(t, e, "/v4/live_config/get_callback", q, `{}`); r.ErrorCode != codeV4NotFound {
		t.Errorf("third live request: code %d, want the fault used up", r.ErrorCode)
	}
	if got := e.Faults(); len(got) != 1 || got[0].SDKAppID != testApp2ID {
		t.Errorf("remaining faults %+v", got)
	}
	e.ClearFaults()
	if got := e.Faults(); len(got) != 0 {
		t.Errorf("faults after ClearFaults: %+v", got)
	}
}

func TestFaultDelayHonoursContext(t *testing.T) {
	s := newTestServer(t)
	s.InjectFault(Fault{Kind: FaultDelay, Delay: 10 * time.Second})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, s.URL+"/v4/call_config/get_callback?"+validQuery(t).Encode(), strings.NewReader(`{}`))
	start := time.Now()
	if _, err := http.DefaultClient.Do(req); err == nil {
		t.Fatal("want a timeout")
	}
	if time.Since(start) > 5*time.Second {
		t.Fatal("the delay did not end with the client's context")
	}
	// Close must not hang on the abandoned handler.
	done := make(chan struct{})
	go func() { s.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Close hung")
	}
}

// wantCode expects an HTTP 200 answer of family f with the code.
func wantCode(f family, code int) func(*testing.T, int, []byte, error) {
	return func(t *testing.T, status int, b []byte, err error) {
		t.Helper()
		if got, ok := answerCode(f, b); err != nil || status != 200 || !ok || got != code {
			t.Errorf("HTTP %d err %v body %s, want %s code %d", status, err, b, f, code)
		}
	}
}

func wantTransportError(t *testing.T, status int, b []byte, err error) {
	t.Helper()
	if err == nil {
		t.Errorf("HTTP %d body %q, want a dropped connection", status, b)
	}
}

// TestInjectFaultWhileRequestsRun injects a fault while another goroutine's
// requests take faults, as a test does against a running apply. Its check is
// the race detector's (make test runs it with -race): InjectFault once read
// the queued fault's Count for its log after unlocking, while a request's
// takeFault decremented it.
func TestInjectFaultWhileRequestsRun(t *testing.T) {
	e := newTestEmulator(t, nil)
	taken := make(chan Fault)
	go func() {
		for {
			if f, ok := e.takeFault("/v4/call_config/set_callback", testAppID); ok {
				taken <- f
				return
			}
			runtime.Gosched()
		}
	}()
	e.InjectFault(Fault{Kind: FaultThrottle, PathPrefix: "/v4/call_config/"})
	if f := <-taken; f.Kind != FaultThrottle || f.Count != 1 {
		t.Errorf("took %+v, want the injected throttle fault with count 1", f)
	}
	if left := e.Faults(); len(left) != 0 {
		t.Errorf("faults left after their one use: %+v", left)
	}
}
