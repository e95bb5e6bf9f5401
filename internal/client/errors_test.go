package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

// TestErrorCodes sends every documented code to the client and checks the
// typed error and the helpers' answers.
func TestErrorCodes(t *testing.T) {
	type want struct{ notFound, exists, retryable, auth bool }
	v4 := map[int]want{
		100001: {retryable: true},
		100002: {},
		100300: {exists: true},
		100301: {notFound: true},
		100302: {notFound: true},
		60002:  {}, 60003: {}, 60004: {}, 60005: {}, 60006: {},
		60007: {retryable: true},
		60008: {}, 60009: {},
		60010: {auth: true},
		60011: {retryable: true},
		60012: {}, 60013: {}, 60014: {}, 60015: {}, 60016: {}, 60017: {},
		60018: {retryable: true},
		60019: {retryable: true},
		60020: {},
		70001: {auth: true}, 70002: {auth: true}, 70003: {auth: true}, 70005: {auth: true},
		70009: {auth: true}, 70013: {auth: true}, 70014: {auth: true}, 70016: {auth: true},
		70020: {auth: true}, 70050: {auth: true}, 70052: {auth: true},
		70051: {}, 70107: {}, 70114: {},
		70169: {retryable: true}, 70202: {retryable: true},
		70206: {}, 70398: {}, 70402: {},
		70403: {auth: true},
		70500: {retryable: true},
		999:   {},
	}
	v1 := map[int]want{
		50001:  {},
		70001:  {}, // v1: bad address / parameter, not a UserSig problem
		70002:  {auth: true},
		70003:  {auth: true},
		70004:  {auth: true},
		70005:  {retryable: true}, // v1: rate limit, not a UserSig problem
		999:    {notFound: true},
		100300: {}, 100301: {},
		12345: {},
	}
	run := func(t *testing.T, family string, code int, w want) {
		srv := newFake(t, func(w http.ResponseWriter, _ *http.Request, _ int, _ string) {
			if family == FamilyV1 {
				write(w, v1Fail(code, "server says no", "req-1"))
			} else {
				write(w, v4Fail(code, "server says no", "Id-1-O-Seq-1"))
			}
		})
		c := newTestClient(t, srv.URL, func(o *Options) { o.MaxRetries = new(0) })
		p, path, reqID := catalog.Live, "v4/live_config/get_callback", "Id-1-O-Seq-1"
		if family == FamilyV1 {
			p, path, reqID = catalog.CallKit, "v1/callback/get", "req-1"
		}
		_, err := c.GetCallback(context.Background(), p)
		e := asAPI(t, fmt.Errorf("wrapped: %w", err))
		if e.Family != family || e.Path != path || e.Code != code || e.Message != "server says no" || e.RequestID != reqID || e.HTTPStatus != http.StatusOK {
			t.Errorf("APIError = %+v", e)
		}
		wrapped := fmt.Errorf("provider: %w", err)
		got := want{IsNotFound(wrapped), IsAlreadyExists(wrapped), IsRetryable(wrapped), IsAuth(wrapped)}
		if got != w {
			t.Errorf("helpers = %+v, want %+v", got, w)
		}
		msg := err.Error()
		for _, s := range []string{path, fmt.Sprint(code), "server says no", reqID} {
			if !strings.Contains(msg, s) {
				t.Errorf("error text %q lacks %q", msg, s)
			}
		}
		// The text says what the code means; what to check is the
		// provider's one text (TestAPIErrorDetail/every auth code).
		if hint := codeHint(family, code); w.auth && (hint == "" || !strings.Contains(msg, "("+hint+")")) {
			t.Errorf("auth error text %q does not say what code %d means", msg, code)
		}
		if strings.Contains(msg, testKey) {
			t.Error("error text contains the secret key")
		}
	}
	for code, w := range v4 {
		t.Run(fmt.Sprintf("v4 %d", code), func(t *testing.T) { run(t, FamilyV4, code, w) })
	}
	for code, w := range v1 {
		t.Run(fmt.Sprintf("v1 %d", code), func(t *testing.T) { run(t, FamilyV1, code, w) })
	}
}

func TestErrorText(t *testing.T) {
	t.Run("logical code names path, code, hint, info and request ID", func(t *testing.T) {
		e := &APIError{Family: FamilyV4, Path: "v4/live_config/set_callback", Code: 100300, Message: "config exists", RequestID: "Id-1", HTTPStatus: 200}
		want := "v4/live_config/set_callback: error 100300 (a callback configuration already exists): config exists [request ID Id-1]"
		if e.Error() != want {
			t.Errorf("got  %s\nwant %s", e.Error(), want)
		}
	})
	t.Run("auth code says what it means, once, and gives no advice", func(t *testing.T) {
		// What to check is the caller's text (the provider's nextStep):
		// saying it here too repeated it in every diagnostic.
		e := &APIError{Family: FamilyV4, Path: "v4/call_config/get_callback", Code: 70009, HTTPStatus: 200}
		want := "v4/call_config/get_callback: error 70009 (the UserSig was not signed with this app's key)"
		if e.Error() != want {
			t.Errorf("got  %s\nwant %s", e.Error(), want)
		}
	})
	t.Run("v1 70001 is a parameter error, not a UserSig one", func(t *testing.T) {
		e := &APIError{Family: FamilyV1, Path: "v1/callback/set", Code: 70001}
		if !strings.Contains(e.Error(), "http://") || strings.Contains(e.Error(), "UserSig") {
			t.Errorf("text = %s", e.Error())
		}
	})
	t.Run("HTTP status", func(t *testing.T) {
		e := &APIError{Family: FamilyV4, Path: "v4/x", HTTPStatus: 502, Message: "bad gateway page", Attempts: 3}
		if got := e.Error(); got != `v4/x: unexpected HTTP status 502 Bad Gateway: "bad gateway page" (after 3 attempts)` {
			t.Errorf("text = %s", got)
		}
		if !IsRetryable(e) || !IsRetryable(&APIError{HTTPStatus: 429}) || IsRetryable(&APIError{HTTPStatus: 404}) {
			t.Error("status retryability")
		}
	})
	t.Run("stop reason after a code", func(t *testing.T) {
		e := &APIError{Family: FamilyV4, Path: "v4/x", Code: 100001, Attempts: 2, Err: context.Canceled}
		if !strings.HasSuffix(e.Error(), "(after 2 attempts); gave up: context canceled") {
			t.Errorf("text = %s", e.Error())
		}
		if !errors.Is(e, context.Canceled) || IsRetryable(e) {
			t.Error("canceled call must unwrap to context.Canceled and not be retryable")
		}
	})
	t.Run("transport classification", func(t *testing.T) {
		for _, tc := range []struct {
			err  error
			want bool
		}{
			{io.ErrUnexpectedEOF, true},
			{syscall.ECONNRESET, true},
			{&net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}, true},
			{&attemptTimeoutError{}, true},
			{context.DeadlineExceeded, true},
			{context.Canceled, false},
			{&net.DNSError{IsNotFound: true}, false},
			{ErrMalformedResponse, true},
			{errors.New("something else"), false},
		} {
			if got := IsRetryable(&APIError{Err: tc.err}); got != tc.want {
				t.Errorf("IsRetryable(%v) = %v", tc.err, got)
			}
		}
	})
	t.Run("helpers reject non-API errors", func(t *testing.T) {
		err := errors.New("x")
		if IsNotFound(err) || IsAlreadyExists(err) || IsAuth(err) || IsRetryable(nil) {
			t.Error("helper answered true")
		}
	})
	t.Run("redaction", func(t *testing.T) {
		got := redactText(`GET /v4/x?usersig=abc*-_&random=1 key=SECRETKEY`, "SECRETKEY")
		if got != `GET /v4/x?usersig=REDACTED&random=1 key=REDACTED` {
			t.Errorf("redactText = %s", got)
		}
		if redactURL("http://h/v4/x?usersig=a#f") != "http://h/v4/x" {
			t.Error("redactURL")
		}
	})
}
