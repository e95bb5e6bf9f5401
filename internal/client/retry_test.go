package client

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

// failThen answers the first k requests with fault and the others with ok.
func failThen(k int, fault func(w http.ResponseWriter, r *http.Request), ok string) func(http.ResponseWriter, *http.Request, int, string) {
	return func(w http.ResponseWriter, r *http.Request, n int, _ string) {
		if n <= k {
			fault(w, r)
			return
		}
		write(w, ok)
	}
}

// writing answers with a fixed 200 JSON body, as a fault of failThen.
func writing(body string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, _ *http.Request) { write(w, body) }
}

func wantRequests(t *testing.T, srv *fakeServer, want int) {
	t.Helper()
	if n := len(srv.requests()); n != want {
		t.Errorf("%d requests, want %d", n, want)
	}
}

// wantDeleted deletes p's configuration, which must succeed after want
// requests.
func wantDeleted(t *testing.T, srv *fakeServer, p catalog.Product, want int) {
	t.Helper()
	if err := newTestClient(t, srv.URL).DeleteCallback(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	wantRequests(t, srv, want)
}

func TestRetriesAPICodes(t *testing.T) {
	ctx := context.Background()

	t.Run("logical fault for k requests then success", func(t *testing.T) {
		for _, code := range []int{100001, 60007, 60011, 60018, 60019, 70169, 70202, 70500} {
			t.Run(strconv.Itoa(code), func(t *testing.T) {
				srv := newFake(t, failThen(2, writing(v4Fail(code, "busy", "Id-f")), sampleV4GetCall))
				c := newTestClient(t, srv.URL)
				cfg, err := c.GetCallback(ctx, catalog.Call)
				if err != nil {
					t.Fatal(err)
				}
				if cfg.URL != "http://www.example.com/callback" {
					t.Errorf("config = %+v", cfg)
				}
				wantRequests(t, srv, 3)
				srv.checkRandomsFresh()
			})
		}
	})

	t.Run("v1 rate limit 70005 is retried", func(t *testing.T) {
		srv := newFake(t, failThen(1, writing(v1Fail(70005, "too fast", "r1")), sampleV1Delete))
		wantDeleted(t, srv, catalog.CallKit, 2)
	})

	t.Run("more faults than retries gives the last code and request ID", func(t *testing.T) {
		srv := newFake(t, func(w http.ResponseWriter, _ *http.Request, n int, _ string) {
			write(w, v4Fail(100001, "internal", fmt.Sprintf("Id-%d", n)))
		})
		c := newTestClient(t, srv.URL, func(o *Options) { o.MaxRetries = new(2) })
		err := c.DeleteCallback(ctx, catalog.Live)
		e := asAPI(t, err)
		if e.Code != 100001 || e.RequestID != "Id-3" || e.Attempts != 3 || !IsRetryable(err) {
			t.Errorf("error = %+v", e)
		}
		if !strings.Contains(err.Error(), "after 3 attempts") || !strings.Contains(err.Error(), "Id-3") {
			t.Errorf("text = %s", err)
		}
		wantRequests(t, srv, 3)
	})

	t.Run("non-retryable code is not retried", func(t *testing.T) {
		srv := newFake(t, answer(v4Fail(100002, "bad Url", "Id-1")))
		c := newTestClient(t, srv.URL)
		err := c.SetCallback(ctx, catalog.Call, CallbackConfig{URL: "x"})
		if e := asAPI(t, err); e.Code != 100002 || e.Attempts != 1 {
			t.Errorf("error = %+v", e)
		}
		wantRequests(t, srv, 1)
	})

	t.Run("expired UserSig is re-minted once", func(t *testing.T) {
		srv := newFake(t, failThen(1, writing(v4Fail(70001, "UserSig expired", "Id-e")), sampleV4OK))
		c := newTestClient(t, srv.URL)
		if err := c.DeleteCallback(ctx, catalog.Call); err != nil {
			t.Fatal(err)
		}
		if c.sigs.mints() != 2 {
			t.Errorf("minted %d, want 2", c.sigs.mints())
		}
	})

	t.Run("persistently expired UserSig is an auth error after one re-mint", func(t *testing.T) {
		srv := newFake(t, answer(v1Fail(70003, "expired", "r")))
		c := newTestClient(t, srv.URL)
		err := c.DeleteCallback(ctx, catalog.CallKit)
		if !IsAuth(err) || IsRetryable(err) {
			t.Fatalf("error = %v", err)
		}
		wantRequests(t, srv, 2)
	})
}

func TestRetriesTransport(t *testing.T) {
	ctx := context.Background()

	t.Run("HTTP 502 and 429 are retried, 400 is not", func(t *testing.T) {
		for _, tc := range []struct {
			status, wantRequests int
			wantErr              bool
		}{{502, 2, false}, {503, 2, false}, {429, 2, false}, {400, 1, true}, {404, 1, true}} {
			t.Run(strconv.Itoa(tc.status), func(t *testing.T) {
				srv := newFake(t, failThen(1, func(w http.ResponseWriter, _ *http.Request) {
					w.Header().Set("Content-Type", "text/html")
					w.WriteHeader(tc.status)
					_, _ = w.Write([]byte("<html><body>gateway\n error</body></html>"))
				}, sampleV4OK))
				c := newTestClient(t, srv.URL)
				err := c.DeleteCallback(ctx, catalog.Call)
				if (err != nil) != tc.wantErr {
					t.Fatalf("error = %v", err)
				}
				if err != nil {
					e := asAPI(t, err)
					if e.HTTPStatus != tc.status || !strings.Contains(e.Message, "gateway error") {
						t.Errorf("error = %+v", e)
					}
				}
				wantRequests(t, srv, tc.wantRequests)
			})
		}
	})

	t.Run("undecodable 200 answers are retried", func(t *testing.T) {
		for name, body := range map[string]string{
			"html":           "<html>proxy</html>",
			"half JSON":      sampleV4OK[:len(sampleV4OK)/2],
			"empty":          "",
			"no envelope":    `{"hello":1}`,
			"trailing bytes": sampleV4OK + "x",
		} {
			t.Run(name, func(t *testing.T) {
				wantDeleted(t, newFake(t, failThen(1, writing(body), sampleV4OK)), catalog.Call, 2)
			})
		}
	})

	t.Run("persistently undecodable answer is a retryable malformed-response error", func(t *testing.T) {
		srv := newFake(t, answer("<html>proxy</html>"))
		c := newTestClient(t, srv.URL, func(o *Options) { o.MaxRetries = new(1) })
		err := c.DeleteCallback(ctx, catalog.Call)
		if !errors.Is(err, ErrMalformedResponse) || !IsRetryable(err) {
			t.Fatalf("error = %v", err)
		}
		if e := asAPI(t, err); e.HTTPStatus != 200 || e.Attempts != 2 {
			t.Errorf("error = %+v", e)
		}
	})

	t.Run("truncated body on the wire is retried", func(t *testing.T) {
		srv := newFake(t, failThen(1, func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Length", strconv.Itoa(len(sampleV4OK)))
			w.WriteHeader(http.StatusOK)
			_, _ = w.Write([]byte(sampleV4OK[:20]))
			w.(http.Flusher).Flush()
			hangUp(t, w)
		}, sampleV4OK))
		wantDeleted(t, srv, catalog.Call, 2)
	})

	t.Run("dropped connection is retried", func(t *testing.T) {
		srv := newFake(t, failThen(2, func(w http.ResponseWriter, _ *http.Request) { hangUp(t, w) }, sampleV1Delete))
		wantDeleted(t, srv, catalog.CallKit, 3)
	})
}

func TestRetriesTimeouts(t *testing.T) {
	ctx := context.Background()

	t.Run("per-attempt timeout is retried", func(t *testing.T) {
		srv := newFake(t, failThen(1, func(_ http.ResponseWriter, r *http.Request) {
			select {
			case <-time.After(2 * time.Second):
			case <-r.Context().Done():
			}
		}, sampleV4OK))
		c := newTestClient(t, srv.URL, func(o *Options) { o.RequestTimeout = 100 * time.Millisecond })
		start := time.Now()
		if err := c.DeleteCallback(ctx, catalog.Call); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("took %s", d)
		}
	})

	t.Run("persistent timeouts give a timeout error", func(t *testing.T) {
		srv := newFake(t, func(w http.ResponseWriter, r *http.Request, _ int, _ string) {
			<-r.Context().Done()
		})
		c := newTestClient(t, srv.URL, func(o *Options) { o.RequestTimeout = 50 * time.Millisecond; o.MaxRetries = new(1) })
		err := c.DeleteCallback(ctx, catalog.Call)
		var ne net.Error
		if !errors.As(err, &ne) || !ne.Timeout() || !IsRetryable(err) {
			t.Fatalf("error = %v", err)
		}
		if !strings.Contains(err.Error(), "per-attempt timeout") {
			t.Errorf("text = %s", err)
		}
	})

	t.Run("a transport that reports only the context's error still gives the timeout error", func(t *testing.T) {
		hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			<-r.Context().Done()
			return nil, r.Context().Err()
		})}
		c := newTestClient(t, "http://127.0.0.1:1", func(o *Options) {
			o.HTTPClient, o.RequestTimeout, o.MaxRetries = hc, 20*time.Millisecond, new(0)
		})
		err := c.DeleteCallback(ctx, catalog.Call)
		var ne net.Error
		if !errors.As(err, &ne) || !ne.Timeout() || !strings.Contains(err.Error(), "per-attempt timeout") {
			t.Fatalf("error = %v", err)
		}
	})

	t.Run("cancellation during an attempt keeps the last answer", func(t *testing.T) {
		cctx, cancel := context.WithCancel(ctx)
		defer cancel()
		srv := newFake(t, func(w http.ResponseWriter, r *http.Request, n int, _ string) {
			if n == 1 {
				write(w, v4Fail(100001, "internal", "Id-1"))
				return
			}
			cancel()
			<-r.Context().Done()
		})
		err := newTestClient(t, srv.URL).DeleteCallback(cctx, catalog.Call)
		e := asAPI(t, err)
		if e.Code != 100001 || e.RequestID != "Id-1" || e.Attempts != 2 || !errors.Is(err, context.Canceled) {
			t.Errorf("error = %+v", e)
		}
	})

	t.Run("context cancellation stops retries quickly", func(t *testing.T) {
		srv := newFake(t, answer(v4Fail(100001, "internal", "Id-c")))
		c := newTestClient(t, srv.URL, func(o *Options) {
			o.RetryWaitMin, o.RetryWaitMax, o.MaxRetries = 2*time.Second, 2*time.Second, new(10)
		})
		cctx, cancel := context.WithCancel(ctx)
		time.AfterFunc(100*time.Millisecond, cancel)
		start := time.Now()
		err := c.DeleteCallback(cctx, catalog.Call)
		if d := time.Since(start); d > 500*time.Millisecond {
			t.Errorf("took %s after cancel", d)
		}
		if !errors.Is(err, context.Canceled) || IsRetryable(err) {
			t.Fatalf("error = %v", err)
		}
		if e := asAPI(t, err); e.Code != 100001 || e.RequestID != "Id-c" {
			t.Errorf("the last answer was lost: %+v", e)
		}
		wantRequests(t, srv, 1)
	})

	t.Run("canceled before the first attempt", func(t *testing.T) {
		srv := newFake(t, answer(sampleV4OK))
		c := newTestClient(t, srv.URL)
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		err := c.DeleteCallback(cctx, catalog.Call)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("error = %v", err)
		}
		if len(srv.requests()) != 0 {
			t.Error("a request was sent")
		}
	})

	t.Run("a rate-limiter wait past the budget ends the call with the budget's error", func(t *testing.T) {
		srv := newFake(t, answer(v4Fail(100001, "internal", "Id-l")))
		c := newTestClient(t, srv.URL, func(o *Options) { o.V4RateLimit, o.RetryBudget = 1, 300*time.Millisecond })
		err := c.DeleteCallback(ctx, catalog.Call)
		if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "retry budget") {
			t.Errorf("error = %v", err)
		}
		if n := len(srv.requests()); n != 1 {
			t.Errorf("%d requests, want 1: the second would wait past the budget", n)
		}
	})

	t.Run("retry budget bounds the total time", func(t *testing.T) {
		srv := newFake(t, answer(v4Fail(60007, "slow down", "Id-b")))
		c := newTestClient(t, srv.URL, func(o *Options) {
			o.RetryBudget, o.MaxRetries = 300*time.Millisecond, new(1000)
			o.RetryWaitMin, o.RetryWaitMax = 50*time.Millisecond, 100*time.Millisecond
		})
		start := time.Now()
		err := c.DeleteCallback(ctx, catalog.Call)
		if d := time.Since(start); d > time.Second {
			t.Errorf("took %s with a 300ms budget", d)
		}
		e := asAPI(t, err)
		if e.Code != 60007 || e.RequestID != "Id-b" || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("error = %v", err)
		}
		if !strings.Contains(err.Error(), "retry budget") {
			t.Errorf("text = %s", err)
		}
	})
}

func TestBackoff(t *testing.T) {
	minW, maxW := 100*time.Millisecond, 2*time.Second
	for attempt := range 40 {
		ceiling := maxW
		if attempt < 5 {
			ceiling = minW << attempt
		}
		for range 50 {
			d := backoff(minW, maxW, attempt, nil)
			if d < minW || d > ceiling {
				t.Fatalf("attempt %d: %s outside [%s, %s]", attempt, d, minW, ceiling)
			}
			if attempt > 0 && d < ceiling/2 {
				t.Fatalf("attempt %d: %s below half of %s", attempt, d, ceiling)
			}
		}
	}
	resp := &http.Response{StatusCode: http.StatusTooManyRequests, Header: http.Header{"Retry-After": {"1"}}}
	if d := backoff(minW, maxW, 0, resp); d != time.Second {
		t.Errorf("Retry-After ignored: %s", d)
	}
}

// TestLostResponse: the client is a plain verb mapping. A create whose answer
// was lost is retried, and the retry's 100300 reaches the caller unchanged,
// with no read of the stored configuration: adopting an identical one is the
// provider's policy (TestCreateAdoptsOrRefuses in internal/provider).
func TestLostResponse(t *testing.T) {
	ctx := context.Background()
	want := CallbackConfig{URL: "https://hooks.example.com/live", Commands: []string{"Live.CallbackAfterCreateRoom", "Live.CallbackAfterDestroyRoom"}}
	setTwice := []string{"/v4/live_config/set_callback", "/v4/live_config/set_callback"}

	for _, tc := range []struct {
		name       string
		product    catalog.Product
		firstFault func(t *testing.T, w http.ResponseWriter)
		wantPaths  []string
	}{
		{"dropped answer", catalog.Live, func(t *testing.T, w http.ResponseWriter) { hangUp(t, w) }, setTwice},
		{"502 answer (room)", catalog.Room, func(_ *testing.T, w http.ResponseWriter) { w.WriteHeader(http.StatusBadGateway) },
			[]string{"/v4/room_config/set_callback", "/v4/room_config/set_callback"}},
		{"undecodable answer", catalog.Live, func(_ *testing.T, w http.ResponseWriter) { write(w, `{"ActionStatus":"O`) }, setTwice},
		{"no earlier failure", catalog.Live, nil, []string{"/v4/live_config/set_callback"}},
		{"100001 first", catalog.Live, func(_ *testing.T, w http.ResponseWriter) { write(w, v4Fail(100001, "internal", "Id-i")) }, setTwice},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var sets atomic.Int32
			srv := newFake(t, func(w http.ResponseWriter, _ *http.Request, _ int, _ string) {
				if sets.Add(1) == 1 && tc.firstFault != nil {
					tc.firstFault(t, w)
					return
				}
				write(w, v4Fail(100300, "config already exists", "Id-x"))
			})
			c := newTestClient(t, srv.URL)
			cfg := want
			if tc.product == catalog.Room {
				cfg = CallbackConfig{URL: want.URL, Commands: []string{"Room.CallbackAfterCreateRoom", "Room.CallbackAfterDestroyRoom"}}
			}
			err := c.SetCallback(ctx, tc.product, cfg)
			if !IsAlreadyExists(err) {
				t.Fatalf("error = %v, want 100300", err)
			}
			var paths []string
			for _, r := range srv.requests() {
				paths = append(paths, r.Path)
			}
			if strings.Join(paths, " ") != strings.Join(tc.wantPaths, " ") {
				t.Errorf("paths = %v, want %v (no read: the client has no adoption policy)", paths, tc.wantPaths)
			}
		})
	}
}

// TestRetryOptions: the retry knobs' defaults and fix-ups live in the client
// (the provider copies its arguments as they are). nil MaxRetries is the
// default and 0 disables retries; a retry wait set alone wins over the
// other's default.
func TestRetryOptions(t *testing.T) {
	base := Options{SDKAppID: testApp, SecretKey: testKey}
	for _, tc := range []struct {
		name             string
		retries          *int
		minWait, maxWait time.Duration
		wantRetries      int
		wantMin, wantMax time.Duration
	}{
		{"defaults", nil, 0, 0, DefaultMaxRetries, DefaultRetryWaitMin, DefaultRetryWaitMax},
		{"0 retries", new(0), 0, 0, 0, DefaultRetryWaitMin, DefaultRetryWaitMax},
		{"only a low maximum lowers the minimum", new(2), 0, 50 * time.Millisecond, 2, 50 * time.Millisecond, 50 * time.Millisecond},
		{"only a high minimum raises the maximum", nil, 10 * time.Second, 0, DefaultMaxRetries, 10 * time.Second, 10 * time.Second},
		{"both reversed: the maximum is raised", nil, 2 * time.Second, time.Second, DefaultMaxRetries, 2 * time.Second, 2 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := base
			o.MaxRetries, o.RetryWaitMin, o.RetryWaitMax = tc.retries, tc.minWait, tc.maxWait
			got, err := o.withDefaults()
			if err != nil {
				t.Fatal(err)
			}
			if *got.MaxRetries != tc.wantRetries || got.RetryWaitMin != tc.wantMin || got.RetryWaitMax != tc.wantMax {
				t.Errorf("retries %d, waits [%s, %s], want %d, [%s, %s]", *got.MaxRetries, got.RetryWaitMin, got.RetryWaitMax, tc.wantRetries, tc.wantMin, tc.wantMax)
			}
		})
	}
	t.Run("negative retries are refused", func(t *testing.T) {
		o := base
		o.MaxRetries = new(-1)
		if _, err := New(o); err == nil || !strings.Contains(err.Error(), "use 0 to disable retries") {
			t.Errorf("error = %v", err)
		}
	})
	t.Run("0 retries sends one request", func(t *testing.T) {
		srv := newFake(t, answer(v4Fail(100001, "internal", "Id-0")))
		c := newTestClient(t, srv.URL, func(o *Options) { o.MaxRetries = new(0) })
		if e := asAPI(t, c.DeleteCallback(context.Background(), catalog.Call)); e.Code != 100001 || e.Attempts != 1 {
			t.Errorf("error = %+v", e)
		}
		wantRequests(t, srv, 1)
	})
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
