package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/gocmd"
)

// profileRun runs one create-everything apply and one refreshing plan at the
// largest size over bench/profprovider, which writes CPU and heap profiles per
// plugin process, and prints the top functions of the merged profiles. The
// profiles stay in <results>/profile-<stamp>/ for `go tool pprof`.
func (h *harness) profileRun(ctx context.Context) error {
	if h.bins.profDir == "" {
		h.note("-profile needs the real provider; skipped in the floor self-test")
		return nil
	}
	n := slices.Max(h.opts.sizes)
	out := filepath.Join(h.opts.results, "profile-"+h.start.UTC().Format("20060102T150405Z"))
	if h.opts.results == "" {
		out = filepath.Join(h.work, "profile")
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	h.rep.Printf("\n== profile: apply and plan at N=%d over bench/profprovider ==\n", n)
	apps := benchApps(n)
	h.emu = newEmulator(h.bins.emulator, apps, h.tf.logDir)
	defer func() { h.emu.Stop(); h.emu = nil }()
	if err := h.emu.Start(ctx); err != nil {
		return err
	}
	ws, err := h.workspace(fmt.Sprintf("n%d", n), "prof", h.bins.profDir, map[string]string{"main.tf": rootModule(h.emu.url, apps)})
	if err != nil {
		return err
	}
	for _, step := range []string{"apply", "plan"} {
		dir := filepath.Join(out, step)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		ws.env = []string{"BENCH_PPROF_DIR=" + dir}
		var r tfRun
		if step == "apply" {
			r, err = h.tf.Apply(ctx, ws, h.opts.parallelism[0])
		} else {
			r, err = h.tf.Plan(ctx, ws)
		}
		if err != nil {
			return err
		}
		h.rep.Printf("profile %s wall %.3fs (profiling on)\n", step, r.Wall.Seconds())
		bin := filepath.Join(h.bins.profDir, pluginBinary)
		for _, kind := range []struct{ glob, flag string }{{"cpu-*.prof", ""}, {"heap-*.prof", "-sample_index=alloc_space"}} {
			files, _ := filepath.Glob(filepath.Join(dir, kind.glob))
			if len(files) == 0 {
				h.rep.Printf("profile %s: no %s written\n", step, kind.glob)
				continue
			}
			top, err := pprofTop(ctx, bin, kind.flag, files)
			if err != nil {
				return err
			}
			h.rep.Printf("profile %s %s (%d processes):\n%s\n", step, strings.TrimSuffix(kind.glob, "-*.prof"), len(files), top)
		}
	}
	h.rep.Printf("profiles: %s (go tool pprof -http=: %s <files>)\n", out, "<provider binary>")
	return nil
}

func pprofTop(ctx context.Context, bin, flag string, files []string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	args := []string{"tool", "pprof", "-top", "-nodecount=25"}
	if flag != "" {
		args = append(args, flag)
	}
	args = append(append(args, bin), files...)
	out, err := gocmd.Run(ctx, "", args...)
	return string(out), err
}
