package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/gocmd"
)

const pluginBinary = "terraform-provider-tencentrtc"

// binaries are the programs under test. Each provider sits alone in its own
// directory under the name Terraform expects, for dev_overrides.
type binaries struct {
	oursDir  string
	floorDir string
	profDir  string // provider build that writes profiles; "" unless -profile
	emulator string // "" when ours is the floor
}

// build compiles the binaries into dir (or copies the prebuilt ones given by
// flags). One `go build` of all main packages compiles and links them in
// parallel; its output names come from the package paths.
func build(ctx context.Context, o *options, dir string) (binaries, error) {
	b := binaries{oursDir: filepath.Join(dir, "ours"), floorDir: filepath.Join(dir, "floor")}
	out := filepath.Join(dir, "out")
	for _, d := range []string{b.oursDir, b.floorDir, out} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return b, err
		}
	}
	type target struct {
		pkg, built, prebuilt string
		dests                []string
	}
	floor := target{"./bench/floor", "floor", o.floor, []string{filepath.Join(b.floorDir, pluginBinary)}}
	var targets []target
	if o.ours == "floor" {
		floor.dests = append(floor.dests, filepath.Join(b.oursDir, pluginBinary))
		targets = []target{floor}
	} else {
		b.emulator = filepath.Join(dir, "tencentrtc-emulator")
		targets = []target{
			floor,
			{".", pluginBinary, o.provider, []string{filepath.Join(b.oursDir, pluginBinary)}},
			{"./cmd/tencentrtc-emulator", "tencentrtc-emulator", o.emulator, []string{b.emulator}},
		}
	}
	var pkgs []string
	for _, t := range targets {
		if t.prebuilt == "" {
			pkgs = append(pkgs, t.pkg)
		}
	}
	start := time.Now()
	if len(pkgs) > 0 {
		// Release flags (as goreleaser and make build), the same for both
		// providers so neither gains from a different binary layout.
		if err := goBuild(ctx, o.root, append([]string{"-trimpath", "-ldflags", "-s -w", "-o", out + "/"}, pkgs...)); err != nil {
			return b, err
		}
	}
	for _, t := range targets {
		src := t.prebuilt
		if src == "" {
			src = filepath.Join(out, t.built)
		}
		for _, d := range t.dests {
			if err := copyFile(src, d); err != nil {
				return b, err
			}
		}
	}
	if o.profile && o.ours != "floor" {
		b.profDir = filepath.Join(dir, "prof")
		if err := os.MkdirAll(b.profDir, 0o755); err != nil {
			return b, err
		}
		// With symbols, for pprof.
		if err := goBuild(ctx, o.root, []string{"-o", filepath.Join(b.profDir, pluginBinary), "./bench/profprovider"}); err != nil {
			return b, err
		}
	}
	fmt.Printf("built the providers and the emulator in %.1fs\n", time.Since(start).Seconds())
	return b, nil
}

func goBuild(ctx context.Context, root string, args []string) error {
	_, err := gocmd.Run(ctx, root, append([]string{"build"}, args...)...)
	return err
}

func copyFile(src, dest string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dest, data, 0o755)
}
