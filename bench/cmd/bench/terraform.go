package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/tfcli"
)

// tfRun is what one terraform command cost.
type tfRun struct {
	Wall      time.Duration
	CPU       time.Duration // user+system of terraform and the plugins it reaped
	PeakKiB   int64         // highest VmHWM of the provider plugin processes
	ExitCode  int
	OutputLog string
}

// tfRunner runs a Terraform-compatible CLI with the benchmark's environment.
type tfRunner struct {
	cli        string
	pluginName string // provider binary file name, for the memory watch
	timeout    time.Duration
	poll       time.Duration
	logDir     string
	seq        int
}

// harnessSettings prefix the variables of the harness's environment that
// would change what Terraform or the provider do: TF_* (logging, plugin
// cache, CLI configuration, input variables), TENCENTRTC_* (provider
// defaults) and CHECKPOINT_*. No run inherits them.
var harnessSettings = []string{"TF_", "TENCENTRTC_", "CHECKPOINT_"}

// Run executes `cli args...` in ws and measures its wall time and the provider
// plugin's peak memory. okCodes lists the exit codes that count as success.
func (r *tfRunner) Run(ctx context.Context, ws *workspace, okCodes []int, args ...string) (tfRun, error) {
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()

	r.seq++
	logPath := filepath.Join(r.logDir, fmt.Sprintf("%03d-%s-%s.log", r.seq, ws.side, args[0]))
	out, err := os.Create(logPath)
	if err != nil {
		return tfRun{}, err
	}
	defer out.Close()

	cmd := exec.CommandContext(ctx, r.cli, args...)
	cmd.Dir = ws.dir
	cmd.Env = tfcli.Env(harnessSettings, append([]string{
		"TF_CLI_CONFIG_FILE=" + ws.cliConfig,
		"TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1",
	}, ws.env...)...)
	cmd.Stdout = out
	cmd.Stderr = out

	start := time.Now()
	if err := startGroup(cmd); err != nil {
		return tfRun{}, fmt.Errorf("start %s: %w", r.cli, err)
	}
	watch := newMemWatch(cmd.Process.Pid, r.pluginName, r.poll)
	watch.Start()
	waitErr := cmd.Wait()
	wall := time.Since(start)
	_ = killGroup(cmd) // plugins that outlived terraform
	peak := watch.Stop()

	res := tfRun{Wall: wall, PeakKiB: peak, OutputLog: logPath}
	if ps := cmd.ProcessState; ps != nil {
		// wait4's rusage of terraform includes the children it waited for:
		// the provider plugins. Less sensitive to a busy machine than wall time.
		res.CPU = ps.UserTime() + ps.SystemTime()
	}
	res.ExitCode, err = tfcli.ExitCode(waitErr)
	if err != nil {
		return res, fmt.Errorf("%s %s: %w", filepath.Base(r.cli), args[0], err)
	}
	if ctx.Err() != nil {
		return res, fmt.Errorf("%s %s in %s: %w", filepath.Base(r.cli), args[0], ws.dir, ctx.Err())
	}
	for _, c := range okCodes {
		if res.ExitCode == c {
			return res, nil
		}
	}
	return res, fmt.Errorf("%s %s (%s) exited %d; last output:\n%s", filepath.Base(r.cli), args[0], ws.side, res.ExitCode, tail(logPath, 40))
}

// tail returns the last n lines of the output log at path.
func tail(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return "(" + err.Error() + ")"
	}
	return tfcli.Tail(string(b), n)
}

// Common flags of every measured command (the brief's fixed set).
var commonFlags = []string{"-input=false", "-no-color", "-lock=false", "-refresh=true"}

// Plan runs a refreshing plan that must find nothing to change.
func (r *tfRunner) Plan(ctx context.Context, ws *workspace) (tfRun, error) {
	args := append([]string{"plan", "-detailed-exitcode"}, commonFlags...)
	res, err := r.Run(ctx, ws, []int{0, 2}, args...)
	if err == nil && res.ExitCode == 2 {
		err = fmt.Errorf("plan (%s) found changes where none were expected; last output:\n%s", ws.side, tail(res.OutputLog, 40))
	}
	return res, err
}

// Apply creates everything from an empty state.
func (r *tfRunner) Apply(ctx context.Context, ws *workspace, parallelism int) (tfRun, error) {
	args := append([]string{"apply", "-auto-approve", fmt.Sprintf("-parallelism=%d", parallelism)}, commonFlags...)
	return r.Run(ctx, ws, []int{0}, args...)
}

// cliVersion returns the first line of `cli version`.
func cliVersion(ctx context.Context, cli string) string {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	v, err := tfcli.Version(ctx, cli, tfcli.Env(harnessSettings, "TF_CLI_CONFIG_FILE=/dev/null", "CHECKPOINT_DISABLE=1"))
	if err != nil {
		return "unknown (" + err.Error() + ")"
	}
	return v
}
