package client

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

// TestNoSecretsInErrorsOrLogs drives the client through successes, retries,
// failures and transport errors with a capturing logger, then greps every log
// line and error text for the secret key, the UserSigs that were sent and the
// token.
func TestNoSecretsInErrorsOrLogs(t *testing.T) {
	ctx := context.Background()
	const token = "super-secret-token-1234"
	var sigs []string
	var errTexts []string
	logger := &captureLogger{}
	collect := func(srv *fakeServer) {
		for _, r := range srv.requests() {
			sigs = append(sigs, r.Query.Get("usersig"))
		}
	}
	record := func(err error) {
		if err != nil {
			errTexts = append(errTexts, err.Error())
		}
	}

	t.Run("successes, retries and failures", func(t *testing.T) {
		srv := newFake(t, func(w http.ResponseWriter, r *http.Request, n int, _ string) {
			switch {
			case n%4 == 1:
				write(w, v4Fail(100001, "internal", "Id-r"))
			case n%4 == 2:
				// A server (or proxy) that echoes the request URL and the token.
				w.WriteHeader(http.StatusBadGateway)
				_, _ = w.Write([]byte("bad gateway for " + r.URL.String() + " token " + token))
			case strings.Contains(r.URL.Path, "token"):
				write(w, v4Fail(70009, "sig "+r.URL.Query().Get("usersig")+" with token "+token+" refused", "Id-a"))
			default:
				write(w, v4Fail(70001, "expired", "Id-e"))
			}
		})
		c := newTestClient(t, srv.URL, func(o *Options) { o.Logger = logger; o.MaxRetries = new(3) })
		tok, on := token, true
		record(c.SetLiveCallbackToken(ctx, LiveCallbackTokenUpdate{Token: &tok, Enabled: &on}))
		record(c.SetLiveCallbackToken(ctx, LiveCallbackTokenUpdate{Token: &tok}))
		record(c.DeleteCallback(ctx, catalog.Call))
		_, err := c.GetCallback(ctx, catalog.Live)
		record(err)
		collect(srv)
	})

	t.Run("transport errors redact the URL", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		_ = ln.Close() // nothing listens: connection refused
		c := newTestClient(t, "http://"+addr, func(o *Options) { o.Logger = logger; o.MaxRetries = new(1) })
		err = c.DeleteCallback(ctx, catalog.Room)
		if err == nil {
			t.Fatal("no error")
		}
		record(err)
		if !IsRetryable(err) {
			t.Errorf("connection refused should be retryable: %v", err)
		}
		var ue *url.Error
		if !errors.As(err, &ue) {
			t.Fatalf("the *url.Error is not kept: %v", err)
		}
		if ue.URL != "http://"+addr+"/v4/room_config/delete_callback" {
			t.Errorf("url.Error URL = %q, want the path only", ue.URL)
		}
		if !strings.Contains(err.Error(), "/v4/room_config/delete_callback") {
			t.Errorf("the path is missing from %q", err)
		}
		sig, _ := c.sigs.get()
		sigs = append(sigs, sig)
	})

	if len(sigs) == 0 || len(logger.all()) == 0 || len(errTexts) < 5 {
		t.Fatalf("nothing to check: %d sigs, %d log lines, %d errors", len(sigs), len(logger.all()), len(errTexts))
	}
	texts := append(logger.all(), errTexts...)
	for _, s := range texts {
		for _, sig := range sigs {
			if strings.Contains(s, sig) {
				t.Errorf("a UserSig leaked into %q", s)
			}
		}
		for _, bad := range []string{testKey, token} {
			if strings.Contains(s, bad) {
				t.Errorf("%q leaked into %q", bad, s)
			}
		}
		if strings.Count(s, "usersig=") != strings.Count(s, "usersig=REDACTED") {
			t.Errorf("an unredacted usersig parameter in %q", s)
		}
	}
	var sawRetry, sawPath, sawCode, sawRequestID bool
	for _, s := range logger.all() {
		sawRetry = sawRetry || strings.HasPrefix(s, "WARN tencentrtc API attempt failed, retrying")
		sawPath = sawPath || strings.Contains(s, "path:/v4/live_config/set_callback_token")
		sawCode = sawCode || strings.Contains(s, "error_code:100001")
		sawRequestID = sawRequestID || strings.Contains(s, "request_id:Id-r")
	}
	if !sawRetry || !sawPath || !sawCode || !sawRequestID {
		t.Errorf("log fields missing (retry %v, path %v, code %v, request ID %v):\n%s", sawRetry, sawPath, sawCode, sawRequestID, strings.Join(logger.all(), "\n"))
	}
}
