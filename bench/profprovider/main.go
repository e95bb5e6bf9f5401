// Command profprovider is terraform-provider-tencentrtc with profiling: the
// real provider (internal/provider), served exactly as main.go serves it, that
// writes a CPU profile and a heap profile per plugin process into the
// directory named by BENCH_PPROF_DIR. The benchmark harness (-profile) runs it
// through Terraform so the profiles show where the provider spends its time
// under a real plan or apply. Without BENCH_PPROF_DIR it profiles nothing.
package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/tencentrtc/terraform-provider-tencentrtc/bench/memstat"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/provider"
)

func main() {
	stop, err := startProfiles(os.Getenv("BENCH_PPROF_DIR"))
	if err != nil {
		log.Fatal(err)
	}
	// BENCH_MEMSTATS_DIR: Go heap summary per plugin process (bench/memstat).
	stopMem := memstat.Start(os.Getenv("BENCH_MEMSTATS_DIR"), 20*time.Millisecond)
	err = providerserver.Serve(context.Background(), provider.New("bench-profile"), providerserver.ServeOpts{
		Address:         "registry.terraform.io/tencentrtc/tencentrtc",
		ProtocolVersion: 6,
	})
	// Serve returns after Terraform's graceful shutdown of the plugin.
	if merr := stopMem(); merr != nil {
		log.Print(merr)
	}
	if perr := stop(); perr != nil {
		log.Print(perr)
	}
	if err != nil {
		log.Fatal(err)
	}
}

// startProfiles starts CPU profiling into dir/cpu-<pid>.prof; the returned
// function stops it and writes dir/heap-<pid>.prof.
func startProfiles(dir string) (func() error, error) {
	if dir == "" {
		return func() error { return nil }, nil
	}
	pid := os.Getpid()
	cpu, err := os.Create(filepath.Join(dir, fmt.Sprintf("cpu-%d.prof", pid)))
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(cpu); err != nil {
		cpu.Close()
		return nil, err
	}
	return func() error {
		pprof.StopCPUProfile()
		if err := cpu.Close(); err != nil {
			return err
		}
		heap, err := os.Create(filepath.Join(dir, fmt.Sprintf("heap-%d.prof", pid)))
		if err != nil {
			return err
		}
		runtime.GC() // up-to-date in-use figures; alloc_* are cumulative anyway
		if err := pprof.WriteHeapProfile(heap); err != nil {
			heap.Close()
			return err
		}
		return heap.Close()
	}, nil
}
