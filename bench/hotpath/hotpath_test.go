// Package hotpath holds Go benchmarks of the per-request path of the API
// client and the emulator, for CPU and memory profiles:
//
//	go test -run '^$' -bench . -benchmem -cpuprofile cpu.prof -memprofile mem.prof ./bench/hotpath
//	go tool pprof -top hotpath.test cpu.prof
//
// BenchmarkEndToEnd drives the real client against the in-process emulator
// over loopback HTTP with many concurrent callers, as a large refresh does;
// BenchmarkClientOnly replaces the emulator by a canned answer and
// BenchmarkEmulatorOnly calls the emulator's handler without a network, so a
// hot spot can be attributed to one side. Rate limits are lifted on both sides:
// the benchmarks measure cost per request, not the configured pacing.
package hotpath

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tencentyun/tls-sig-api-v2-golang/tencentyun"

	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/client"
)

const (
	apps      = 100
	firstApp  = 1400000001
	secret    = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	unlimited = 1e9 // requests per second: no pacing in a cost benchmark
)

var products = []catalog.Product{catalog.Call, catalog.Live, catalog.Room}

func config(app uint64, p catalog.Product) client.CallbackConfig {
	var words []string
	for _, c := range catalog.Commands(p)[:2] {
		words = append(words, c.Name)
	}
	return client.CallbackConfig{URL: fmt.Sprintf("https://hooks.example.com/trtc/%d/%s", app, p), Commands: words}
}

// newEmulator starts an emulator with every app and a configuration per
// product, like the state after the benchmark's apply.
func newEmulator(tb testing.TB) *emulator.Server {
	tb.Helper()
	opts := emulator.Options{V4RateLimit: unlimited, V1RateLimit: unlimited}
	for i := range apps {
		opts.Apps = append(opts.Apps, emulator.App{SDKAppID: uint64(firstApp + i), SecretKey: secret})
	}
	srv, err := emulator.NewServer(opts)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(srv.Close)
	for i := range apps {
		app := uint64(firstApp + i)
		for _, p := range products {
			c := config(app, p)
			if err := srv.PutConfig(app, p, emulator.CallbackConfig{URL: c.URL, Commands: c.Commands}); err != nil {
				tb.Fatal(err)
			}
		}
	}
	return srv
}

// newClients builds one client per app on one shared transport, as the
// provider's Configure does.
func newClients(tb testing.TB, baseURL string) []*client.Client {
	tb.Helper()
	ep, err := client.ResolveEndpoints("", baseURL, false)
	if err != nil {
		tb.Fatal(err)
	}
	hc := client.NewHTTPClient()
	out := make([]*client.Client, apps)
	for i := range out {
		c, err := client.New(client.Options{
			SDKAppID:    uint64(firstApp + i),
			SecretKey:   secret,
			Endpoints:   ep,
			HTTPClient:  hc,
			V4RateLimit: unlimited,
			V1RateLimit: unlimited,
		})
		if err != nil {
			tb.Fatal(err)
		}
		out[i] = c
	}
	return out
}

// runParallel calls op from 10 goroutines per CPU (Terraform's default
// -parallelism is 10), spreading calls over apps and products.
func runParallel(b *testing.B, op func(ctx context.Context, c *client.Client, p catalog.Product) error, clients []*client.Client) {
	b.Helper()
	var next atomic.Uint64
	ctx := context.Background()
	b.SetParallelism(10)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := next.Add(1)
			c := clients[i%uint64(len(clients))]
			p := products[(i/uint64(len(clients)))%uint64(len(products))]
			if err := op(ctx, c, p); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

func get(ctx context.Context, c *client.Client, p catalog.Product) error {
	_, err := c.GetCallback(ctx, p)
	return err
}

func set(ctx context.Context, c *client.Client, p catalog.Product) error {
	if p != catalog.Call { // live/room set is create-only; update is the steady-state write
		return c.UpdateCallback(ctx, p, config(c.SDKAppID(), p))
	}
	return c.SetCallback(ctx, p, config(c.SDKAppID(), p))
}

// BenchmarkEndToEnd: real client, real emulator, loopback HTTP.
func BenchmarkEndToEnd(b *testing.B) {
	srv := newEmulator(b)
	clients := newClients(b, srv.URL)
	b.Run("get_callback", func(b *testing.B) { runParallel(b, get, clients) })
	b.Run("set_or_update_callback", func(b *testing.B) { runParallel(b, set, clients) })
}

// BenchmarkClientOnly: real client against a handler that answers every
// request with a canned successful get_callback answer recorded from the
// emulator.
func BenchmarkClientOnly(b *testing.B) {
	target, _ := signedGet(b)
	probe := httptest.NewRecorder()
	newEmulator(b).ServeHTTP(probe, httptest.NewRequest(http.MethodPost, target, strings.NewReader("{}")))
	answer := probe.Body.Bytes()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(answer)
	}))
	b.Cleanup(srv.Close)
	clients := newClients(b, srv.URL)
	// The canned answer must decode, so the benchmark measures the success path.
	if _, err := clients[0].GetCallback(context.Background(), catalog.Call); err != nil {
		b.Fatalf("canned answer %s does not decode: %v", answer, err)
	}
	b.Run("get_callback", func(b *testing.B) { runParallel(b, get, clients) })
}

// signedGet returns the path and query of a valid get_callback request of the
// first app, and its UserSig.
func signedGet(tb testing.TB) (target, sig string) {
	tb.Helper()
	sig, err := tencentyun.GenUserSig(firstApp, secret, emulator.DefaultIdentifier, 86400)
	if err != nil {
		tb.Fatal(err)
	}
	return fmt.Sprintf("/v4/call_config/get_callback?sdkappid=%d&identifier=%s&usersig=%s&random=12345&contenttype=json",
		firstApp, emulator.DefaultIdentifier, url.QueryEscape(sig)), sig
}

// BenchmarkEmulatorOnly: the emulator's handler without a network, with
// signed requests built before the timer starts.
func BenchmarkEmulatorOnly(b *testing.B) {
	srv := newEmulator(b)
	target, _ := signedGet(b)
	probe := httptest.NewRecorder()
	srv.ServeHTTP(probe, httptest.NewRequest(http.MethodPost, target, strings.NewReader("{}")))
	if !strings.Contains(probe.Body.String(), `"ErrorCode":0`) {
		b.Fatalf("probe request failed: %s", probe.Body.String())
	}
	b.Run("get_callback", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				w := httptest.NewRecorder()
				srv.ServeHTTP(w, httptest.NewRequest(http.MethodPost, target, strings.NewReader("{}")))
			}
		})
	})
}

// BenchmarkUserSig isolates the two UserSig operations of a request: the
// client mints once per process and app (cached), the emulator verifies on
// every request.
func BenchmarkUserSig(b *testing.B) {
	_, sig := signedGet(b)
	b.Run("mint", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := tencentyun.GenUserSig(firstApp, secret, emulator.DefaultIdentifier, 86400); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("verify", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := tencentyun.VerifyUserSig(firstApp, secret, emulator.DefaultIdentifier, sig, time.Now()); err != nil {
				b.Fatal(err)
			}
		}
	})
}
