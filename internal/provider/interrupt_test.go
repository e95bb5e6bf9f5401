package provider

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

// Interrupted applies. An apply of 32 configurations (8 apps x 4 products)
// runs against creates slowed down by the emulator, and is stopped half-way:
// by SIGINT to the CLI's process group (a terminal's Ctrl-C), or by SIGKILL to
// the whole group (a CI runner or a machine going away). The next apply
// converges without manual import, and the emulator then holds exactly the
// configured configurations: none lost, none duplicated, none left behind.
//
// After an interrupt the state may lack creates that the API applied (always
// after SIGKILL; after SIGINT when a cancelled create's write had landed).
// The next apply's create reads first and adopts a configuration that is
// exactly the planned one (URL and command words), and only then: that is
// what a lost create answer or a killed apply leaves behind, and adopting it
// changes nothing at Tencent, so nothing can be taken from someone else. A
// configuration that differs in anything fails with the import hint of the
// contract (TestCreateNeverReplaces).
func TestInterrupt(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name   string
		signal syscall.Signal
	}{
		{"SIGINT", syscall.SIGINT},
		{"SIGKILL", syscall.SIGKILL},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			testInterruptedApply(t, tt.signal)
		})
	}
}

var interruptProducts = catalog.Products

func testInterruptedApply(t *testing.T, sig syscall.Signal) {
	apps := testfixtures.ExtraApps(8)
	srv := testfixtures.StartEmulator(t, emulator.Options{Apps: apps})
	const urlBase = "https://hooks.example.com"
	total := len(apps) * len(interruptProducts)
	w := newCLIWorkspace(t, testfixtures.MultiApp{Endpoint: srv.URL, Apps: apps, Products: interruptProducts, URLBase: urlBase}.HCL())

	// Every create takes 700 ms; with -parallelism=8 the apply needs about
	// three seconds, so the signal lands in the middle of it.
	for _, p := range createPaths {
		srv.InjectFault(emulator.Fault{Kind: emulator.FaultDelay, Delay: 700 * time.Millisecond, PathPrefix: p, Count: total})
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd, stdout, stderr := w.command(ctx, applyArgs("-parallelism=8")...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pgid := cmd.Process.Pid
	created := waitFor(t, 60*time.Second, func() bool { return countConfigs(srv, apps) >= 8 })
	if !created {
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		_ = cmd.Wait()
		t.Fatalf("the apply made no progress:\nstdout:\n%s\nstderr:\n%s", stdout, stderr)
	}
	if err := syscall.Kill(-pgid, sig); err != nil {
		t.Fatalf("signal: %v", err)
	}
	err := cmd.Wait()
	if ctx.Err() != nil {
		t.Fatalf("the CLI did not exit after %s:\nstdout:\n%s\nstderr:\n%s", sig, stdout, stderr)
	}
	if err == nil {
		t.Fatalf("the apply succeeded although it was interrupted by %s after %d of %d creates; interrupt earlier", sig, countConfigs(srv, apps), total)
	}
	interruptedAt := countConfigs(srv, apps)
	t.Logf("%s: %d of %d configurations existed when the CLI exited (%v)", sig, interruptedAt, total, err)
	if sig == syscall.SIGINT && !strings.Contains(stdout.String()+stderr.String(), "nterrupt") {
		t.Errorf("the CLI did not report the interrupt:\nstdout:\n%s\nstderr:\n%s", stdout, stderr)
	}
	checkNoProviderProcess(t)

	// The state records only what the API confirmed, so it never holds more
	// than exists. It may hold less, after either signal: the interrupt
	// cancels creates in flight, and one whose write already landed is
	// reported as failed (the API cannot say otherwise); the next apply
	// adopts it, because it is identical to the plan.
	inState := stateCount(w)
	t.Logf("%s: the state holds %d of them", sig, inState)
	if inState > interruptedAt {
		t.Errorf("after %s the state holds %d resources but the emulator only %d configurations", sig, inState, interruptedAt)
	}

	// The next apply, without faults, converges; then the plan is empty.
	srv.ClearFaults()
	w.mustRun(0, applyArgs("-parallelism=8")...)
	checkEmulatorHoldsExactly(t, srv, apps, interruptProducts, urlBase)
	w.mustRun(0, planArgs()...)
	if n := stateCount(w); n != total {
		t.Errorf("state lists %d resources, want %d", n, total)
	}

	// Destroy removes everything, from the state and from the emulator.
	w.mustRun(0, "destroy", "-auto-approve", "-no-color", "-input=false")
	checkEmulatorHoldsExactly(t, srv, apps, nil, urlBase)
}

// stateCount is the number of resources in the workspace's state.
func stateCount(w *cliWorkspace) int {
	res := w.run("state", "list")
	if res.code != 0 && !strings.Contains(res.stderr, "No state file") {
		w.t.Fatalf("state list: %s", res)
	}
	return len(strings.Fields(res.stdout))
}

// countConfigs counts the configurations the emulator holds for apps.
func countConfigs(srv *emulator.Server, apps []emulator.App) int {
	n := 0
	for _, a := range apps {
		for _, p := range interruptProducts {
			if _, ok := srv.Config(a.SDKAppID, p); ok {
				n++
			}
		}
	}
	return n
}

// waitFor polls cond every 20 ms until it holds or timeout passes.
func waitFor(t *testing.T, timeout time.Duration, cond func() bool) bool {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(20 * time.Millisecond)
	}
	return true
}

// checkNoProviderProcess fails if a process of the test's provider binary is
// still running (a zombie awaiting its parent does not count: it runs
// nothing). Killed processes need a moment to go, so it polls.
func checkNoProviderProcess(t *testing.T) {
	t.Helper()
	bin := filepath.Join(providerBinary.dir, "terraform-provider-tencentrtc")
	var alive []string
	gone := waitFor(t, 10*time.Second, func() bool {
		alive = alive[:0]
		entries, err := os.ReadDir("/proc")
		if err != nil {
			return true // not Linux: nothing to check
		}
		for _, e := range entries {
			exe, err := os.Readlink(filepath.Join("/proc", e.Name(), "exe"))
			if err == nil && exe == bin {
				alive = append(alive, e.Name())
			}
		}
		return len(alive) == 0
	})
	if !gone {
		t.Errorf("provider processes still running after the CLI exited: pids %v", alive)
	}
}
