package client

import (
	"context"
	"net/http"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

func TestRateLimit(t *testing.T) {
	// maxInWindow is the largest number of arrivals in any half-open window
	// [t, t+window) starting at an arrival.
	maxInWindow := func(reqs []seen, window time.Duration) int {
		most := 0
		for i := range reqs {
			n := 0
			for j := range reqs {
				if d := reqs[j].At.Sub(reqs[i].At); d >= 0 && d < window {
					n++
				}
			}
			most = max(most, n)
		}
		return most
	}

	// throttledBy replays the arrivals through a token bucket holding one
	// second of requests and counts those it would refuse.
	throttledBy := func(reqs []seen, limit float64) int {
		sort.Slice(reqs, func(i, j int) bool { return reqs[i].At.Before(reqs[j].At) })
		tokens, last, refused := limit, reqs[0].At, 0
		for _, r := range reqs {
			tokens = min(limit, tokens+r.At.Sub(last).Seconds()*limit)
			last = r.At
			if tokens < 1 {
				refused++
				continue
			}
			tokens--
		}
		return refused
	}

	for _, tc := range []struct {
		name    string
		product catalog.Product
		limit   float64
		reply   string
	}{
		{"v4: 50 concurrent callers at 25/s", catalog.Live, 25, sampleV4OK},
		{"v1: 50 concurrent callers at 20/s", catalog.CallKit, 20, sampleV1Delete},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newFake(t, answer(tc.reply))
			c := newTestClient(t, srv.URL, func(o *Options) {
				o.V4RateLimit, o.V1RateLimit = tc.limit, tc.limit
			})
			const callers = 50
			start := time.Now()
			concurrently(callers, func(int) {
				if err := c.DeleteCallback(context.Background(), tc.product); err != nil {
					t.Error(err)
				}
			})
			elapsed := time.Since(start)
			reqs := srv.requests()
			if len(reqs) != callers {
				t.Fatalf("%d requests, want %d", len(reqs), callers)
			}
			// Burst 1: the first request goes at once, each later one 1/limit after.
			if minimum := time.Duration(float64(callers-1) / tc.limit * float64(time.Second)); elapsed < minimum*95/100 {
				t.Errorf("%d calls took %s, the limiter allows no less than %s", callers, elapsed, minimum)
			}
			// A server that allows limit requests per second (a token bucket
			// of limit tokens, like the emulator's) throttles none of them.
			if n := throttledBy(reqs, tc.limit); n != 0 {
				t.Errorf("a %v/s token bucket would throttle %d requests", tc.limit, n)
			}
			// Sliding one-second windows. Sends are never early, but a sender
			// woken late (or a slow path to the server) bunches arrivals: a
			// window holds at most limit+1 plus limit*delay arrivals. Allow
			// 250 ms of such delay for a loaded test machine; the token-bucket
			// check above is the exact one.
			if n, most := maxInWindow(reqs, time.Second), int(tc.limit*1.25)+1; n > most {
				t.Errorf("the server saw %d requests within one second, limit %v (at most %d tolerated)", n, tc.limit, most)
			}
			srv.checkRandomsFresh()
		})
	}

	t.Run("retries wait on the limiter too", func(t *testing.T) {
		srv := newFake(t, func(w http.ResponseWriter, _ *http.Request, n int, _ string) {
			if n < 4 {
				write(w, v4Fail(100001, "internal", "Id"))
				return
			}
			write(w, sampleV4OK)
		})
		c := newTestClient(t, srv.URL, func(o *Options) { o.V4RateLimit = 10 })
		start := time.Now()
		if err := c.DeleteCallback(context.Background(), catalog.Room); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(start); d < 270*time.Millisecond {
			t.Errorf("4 attempts at 10/s took %s, want at least 300ms", d)
		}
	})

	t.Run("the families have separate limiters", func(t *testing.T) {
		srv := newFake(t, func(w http.ResponseWriter, r *http.Request, _ int, _ string) {
			if r.URL.Path == "/v1/callback/delete" {
				write(w, sampleV1Delete)
				return
			}
			write(w, sampleV4OK)
		})
		c := newTestClient(t, srv.URL, func(o *Options) { o.V1RateLimit = 1; o.V4RateLimit = 1000 })
		ctx := context.Background()
		if err := c.DeleteCallback(ctx, catalog.CallKit); err != nil { // takes the v1 token
			t.Fatal(err)
		}
		start := time.Now()
		for range 5 {
			if err := c.DeleteCallback(ctx, catalog.Call); err != nil {
				t.Fatal(err)
			}
		}
		if d := time.Since(start); d > 500*time.Millisecond {
			t.Errorf("v4 calls waited on the v1 limiter: %s", d)
		}
	})

	t.Run("waiting honours the context", func(t *testing.T) {
		srv := newFake(t, answer(sampleV1Delete))
		c := newTestClient(t, srv.URL, func(o *Options) { o.V1RateLimit = 0.1 })
		ctx := context.Background()
		if err := c.DeleteCallback(ctx, catalog.CallKit); err != nil {
			t.Fatal(err)
		}
		cctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
		defer cancel()
		start := time.Now()
		if err := c.DeleteCallback(cctx, catalog.CallKit); err == nil {
			t.Fatal("no error")
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("took %s", d)
		}
		if n := len(srv.requests()); n != 1 {
			t.Errorf("%d requests, want 1", n)
		}
	})
}

func TestEmulatorRateLimit(t *testing.T) {
	ctx := context.Background()
	run := func(t *testing.T, c *Client, callers int, p catalog.Product) {
		concurrently(callers, func(i int) {
			var err error
			if i%2 == 0 {
				err = c.SetCallback(ctx, p, emuConfigs[p][0])
			} else {
				_, err = c.GetCallback(ctx, p)
				if IsNotFound(err) {
					err = nil
				}
			}
			if err != nil {
				t.Error(err)
			}
		})
	}

	t.Run("50 concurrent v4 callers at the emulator's limit: none throttled", func(t *testing.T) {
		srv := startEmulator(t, emulator.Options{V4RateLimit: 20})
		c := emuClient(t, srv, func(o *Options) { o.V4RateLimit = 20 })
		run(t, c, 50, catalog.Call)
		if st := srv.Stats(); st.Throttled != 0 || st.Total != 50 {
			t.Errorf("stats = %+v, want 50 requests and 0 throttled", st)
		}
	})

	t.Run("50 concurrent v1 callers at the default 10/s: none throttled", func(t *testing.T) {
		if testing.Short() {
			t.Skip("takes 5 s")
		}
		srv := startEmulator(t, emulator.Options{})
		c := emuClient(t, srv)
		run(t, c, 50, catalog.CallKit)
		if st := srv.Stats(); st.Throttled != 0 || st.Total != 50 {
			t.Errorf("stats = %+v, want 50 requests and 0 throttled", st)
		}
	})

	t.Run("control: a client faster than the emulator is throttled", func(t *testing.T) {
		srv := startEmulator(t, emulator.Options{V4RateLimit: 5})
		c := emuClient(t, srv, func(o *Options) { o.V4RateLimit = 1000; o.MaxRetries = new(0) })
		concurrently(20, func(int) { _ = c.DeleteCallback(ctx, catalog.Live) })
		if st := srv.Stats(); st.Throttled == 0 {
			t.Errorf("stats = %+v: the emulator throttled nothing, so the zero above proves nothing", st)
		}
	})
}

// concurrently makes n calls at once, call(0) to call(n-1), and waits for
// them all.
func concurrently(n int, call func(i int)) {
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { call(i) })
	}
	wg.Wait()
}
