package provider

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/list"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/client"
)

// fakeFleet is a listing of many apps without I/O: app i has the products
// configured[i] (indexes below perApp), and every product read is counted.
type fakeFleet struct {
	apps       []uint64
	configured map[uint64][]int
	failing    map[uint64]bool
	perApp     int

	reads       atomic.Int64
	inflight    atomic.Int64
	maxInflight atomic.Int64
}

func newFakeFleet(t *testing.T, n, perApp int) (*fakeFleet, *providerData) {
	t.Helper()
	f := &fakeFleet{configured: map[uint64][]int{}, failing: map[uint64]bool{}, perApp: perApp}
	data := &providerData{clients: map[uint64]*client.Client{}, secretKeys: map[uint64]string{}}
	for i := range n {
		app := uint64(1400000101 + i)
		f.apps = append(f.apps, app)
		for p := range perApp {
			if (i+p)%3 != 0 { // a varying subset per app
				f.configured[app] = append(f.configured[app], p)
			}
		}
		c, err := client.New(client.Options{SDKAppID: app, SecretKey: testAppSecret})
		if err != nil {
			t.Fatal(err)
		}
		data.clients[app] = c
	}
	return f, data
}

// read is the appReader: product by product, in order, until budget.
func (f *fakeFleet) read(ctx context.Context, app uint64, _ *client.Client, budget int) ([]list.ListResult, error) {
	n := f.inflight.Add(1)
	defer f.inflight.Add(-1)
	for m := f.maxInflight.Load(); n > m && !f.maxInflight.CompareAndSwap(m, n); m = f.maxInflight.Load() {
	}
	var out []list.ListResult
	for p := range f.perApp {
		if len(out) >= budget {
			break
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		f.reads.Add(1)
		time.Sleep(time.Duration(app%5) * 100 * time.Microsecond) // finish out of order
		if f.failing[app] {
			return nil, errors.New("code 70009")
		}
		if slices.Contains(f.configured[app], p) {
			out = append(out, list.ListResult{DisplayName: fmt.Sprintf("%d/%d", app, p)})
		}
	}
	return out, nil
}

// sequential returns the results in the stable order and the reads a
// one-by-one scan needs to find the first limit of them (0: all).
func (f *fakeFleet) sequential(limit int) ([]string, int64) {
	var names []string
	var reads int64
	for _, app := range f.apps {
		for p := range f.perApp {
			if limit > 0 && len(names) >= limit {
				return names, reads
			}
			reads++
			if f.failing[app] {
				break
			}
			if slices.Contains(f.configured[app], p) {
				names = append(names, fmt.Sprintf("%d/%d", app, p))
			}
		}
	}
	return names, reads
}

func collect(seq func(func(list.ListResult) bool)) (names []string, errs []string) {
	for r := range seq {
		if r.Diagnostics.HasError() {
			errs = append(errs, r.Diagnostics.Errors()[0].Detail())
			continue
		}
		names = append(names, r.DisplayName)
	}
	return names, errs
}

// TestListStream checks the scheduler without I/O: stable order whatever the
// completion order, the concurrency bound, and that a limit makes exactly the
// reads a one-by-one scan would make.
func TestListStream(t *testing.T) {
	t.Parallel()
	for _, limit := range []int{0, 1, 2, 5, 7, 40, 100, 1000} {
		t.Run(fmt.Sprintf("limit=%d", limit), func(t *testing.T) {
			t.Parallel()
			f, data := newFakeFleet(t, 60, 4)
			target := listTarget{data: data, apps: f.apps, perApp: f.perApp, limit: int64(limit), summary: "x", read: f.read}
			names, errs := collect(target.stream(context.Background()))
			wantNames, wantReads := f.sequential(limit)
			if len(errs) > 0 || !slices.Equal(names, wantNames) {
				t.Fatalf("results %v (errors %v), want %v", names, errs, wantNames)
			}
			if limit > 0 && f.reads.Load() != wantReads {
				t.Fatalf("limit %d: %d reads, want %d", limit, f.reads.Load(), wantReads)
			}
			if limit == 0 && f.reads.Load() != int64(60*4) {
				t.Fatalf("no limit: %d reads, want %d", f.reads.Load(), 60*4)
			}
			if m := f.maxInflight.Load(); m > listConcurrency {
				t.Fatalf("%d apps read at once, bound %d", m, listConcurrency)
			}
		})
	}
}

// TestListStream_failingApp: the other apps are all listed, in order, and
// the failing app's error comes last and names it.
func TestListStream_failingApp(t *testing.T) {
	t.Parallel()
	f, data := newFakeFleet(t, 10, 4)
	bad := f.apps[3]
	f.failing[bad] = true
	target := listTarget{data: data, apps: append(slices.Clone(f.apps), 1400009999), perApp: f.perApp, summary: "x", read: f.read}
	var all []list.ListResult
	for r := range target.stream(context.Background()) {
		all = append(all, r)
	}
	wantNames, _ := f.sequential(0)
	n := len(wantNames)
	if len(all) != n+2 {
		t.Fatalf("%d results, want %d and two errors", len(all), n)
	}
	var names []string
	for _, r := range all[:n] {
		names = append(names, r.DisplayName)
	}
	if !slices.Equal(names, wantNames) {
		t.Fatalf("results %v, want %v", names, wantNames)
	}
	for i, want := range []string{fmt.Sprintf("SDKAppID %d could not be listed", bad), "SDKAppID 1400009999 could not be listed: no credentials for SDKAppID 1400009999"} {
		d := all[n+i].Diagnostics
		if !d.HasError() || !strings.Contains(d.Errors()[0].Detail(), want) {
			t.Fatalf("error %d = %v, want it to contain %q", i, d, want)
		}
	}
}

// TestListStream_consumerStops: a consumer that stops early stops the reads
// and leaves no goroutine behind.
func TestListStream_consumerStops(t *testing.T) {
	f, data := newFakeFleet(t, 200, 4)
	before := runtime.NumGoroutine()
	target := listTarget{data: data, apps: f.apps, perApp: f.perApp, summary: "x", read: f.read}
	got := 0
	for range target.stream(context.Background()) {
		got++
		if got == 3 {
			break
		}
	}
	if r := f.reads.Load(); r >= 200*4 {
		t.Fatalf("%d reads after the consumer stopped at 3 results", r)
	}
	if after := runtime.NumGoroutine(); after > before {
		t.Fatalf("%d goroutines before, %d after the stream ended", before, after)
	}
}
