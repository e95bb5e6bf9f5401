// Package memstat records a plugin process's Go heap over its life, for the
// benchmark's memory investigation: the largest live heap (what survived the
// last GC), the largest heap including garbage not yet collected, the largest
// heap goal, and the totals allocated and collected. Start it from main with
// the file named by BENCH_MEMSTATS_DIR; the summary is written when the
// returned stop function runs (after Serve returns), together with a heap
// profile memstat-heap-<pid>.prof (alloc_space: where every allocated byte
// came from), and memstat-peak-<pid>.prof, written whenever the live heap
// grew by 20 % (inuse_space: what the largest live heap holds).
package memstat

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"sync"
	"time"
)

// Summary is written as JSON to <dir>/memstat-<pid>.json.
type Summary struct {
	PeakLiveHeapMB float64 `json:"peak_live_heap_mb"` // /gc/heap/live:bytes after a GC
	PeakHeapMB     float64 `json:"peak_heap_mb"`      // heap objects incl. unswept garbage
	PeakHeapGoalMB float64 `json:"peak_heap_goal_mb"` // GOGC target
	PeakTotalMB    float64 `json:"peak_total_mb"`     // all memory mapped by the runtime
	AllocatedMB    float64 `json:"allocated_mb"`      // cumulative
	GCCycles       uint64  `json:"gc_cycles"`
	GCCPUSeconds   float64 `json:"gc_cpu_s"`   // /cpu/classes/gc/total:cpu-seconds
	UserCPUSeconds float64 `json:"user_cpu_s"` // /cpu/classes/user:cpu-seconds
	PeakGoroutines uint64  `json:"peak_goroutines"`
	Samples        int     `json:"samples"`
}

// metricNames are the runtime/metrics samples, in the order sampler.read
// uses them.
var metricNames = []string{
	"/gc/heap/live:bytes",
	"/memory/classes/heap/objects:bytes",
	"/gc/heap/goal:bytes",
	"/memory/classes/total:bytes",
	"/gc/heap/allocs:bytes",
	"/gc/cycles/total:gc-cycles",
	"/cpu/classes/gc/total:cpu-seconds",
	"/cpu/classes/user:cpu-seconds",
	"/sched/goroutines:goroutines",
}

const mb = 1e6

// sampler accumulates a Summary from periodic runtime/metrics reads.
type sampler struct {
	dir          string
	samples      []metrics.Sample
	mu           sync.Mutex
	s            Summary
	peakProfiled float64
}

// Start samples every interval until stop; dir "" does nothing.
func Start(dir string, interval time.Duration) (stop func() error) {
	if dir == "" {
		return func() error { return nil }
	}
	sm := &sampler{dir: dir, samples: make([]metrics.Sample, len(metricNames))}
	for i, n := range metricNames {
		sm.samples[i].Name = n
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				sm.read()
			}
		}
	}()
	return func() error {
		close(done)
		wg.Wait()
		sm.read()
		return sm.write()
	}
}

// value returns sample i as a float64.
func (sm *sampler) value(i int) float64 {
	switch sm.samples[i].Value.Kind() {
	case metrics.KindUint64:
		return float64(sm.samples[i].Value.Uint64())
	case metrics.KindFloat64:
		return sm.samples[i].Value.Float64()
	default:
		return 0
	}
}

// read takes one sample and folds it into the summary.
func (sm *sampler) read() {
	sm.mu.Lock()
	defer sm.mu.Unlock()
	metrics.Read(sm.samples)
	val := sm.value
	s := &sm.s
	s.PeakLiveHeapMB = max(s.PeakLiveHeapMB, val(0)/mb)
	s.PeakHeapMB = max(s.PeakHeapMB, val(1)/mb)
	s.PeakHeapGoalMB = max(s.PeakHeapGoalMB, val(2)/mb)
	s.PeakTotalMB = max(s.PeakTotalMB, val(3)/mb)
	s.AllocatedMB = val(4) / mb
	s.GCCycles = uint64(val(5))
	s.GCCPUSeconds = val(6)
	s.UserCPUSeconds = val(7)
	s.PeakGoroutines = max(s.PeakGoroutines, uint64(val(8)))
	s.Samples++
	if live := val(0); live > 1.2*sm.peakProfiled && live > 20*mb {
		// The heap profile's inuse figures are those of the last GC, so
		// a profile written now shows what the peak live heap holds.
		sm.peakProfiled = live
		sm.writePeak()
	}
}

// writePeak writes the heap profile of the largest live heap so far.
func (sm *sampler) writePeak() {
	f, err := os.Create(filepath.Join(sm.dir, fmt.Sprintf("memstat-peak-%d.prof", os.Getpid())))
	if err != nil {
		return
	}
	_ = pprof.WriteHeapProfile(f)
	_ = f.Close()
}

// write writes the summary and the final heap profile.
func (sm *sampler) write() error {
	pid := os.Getpid()
	sm.mu.Lock()
	b, err := json.MarshalIndent(sm.s, "", "  ")
	sm.mu.Unlock()
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(sm.dir, fmt.Sprintf("memstat-%d.json", pid)), b, 0o600); err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(sm.dir, fmt.Sprintf("memstat-heap-%d.prof", pid)))
	if err != nil {
		return err
	}
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
