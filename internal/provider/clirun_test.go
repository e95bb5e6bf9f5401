package provider

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

// Some tests need what resource.UnitTest cannot give: signals sent to the
// CLI mid-apply, -parallelism, TF_LOG of a provider running as its own
// process. They run the real CLI (TF_ACC_TERRAFORM_PATH) against the provider
// binary, built once per test process and wired in with dev_overrides, the
// way scripts/lib.sh does it.

var providerBinary struct {
	once sync.Once
	dir  string // holds terraform-provider-tencentrtc
	err  error
}

// providerBinaryDir builds the provider once and returns its directory.
func providerBinaryDir(t *testing.T) string {
	t.Helper()
	providerBinary.once.Do(func() {
		root, err := filepath.Abs(filepath.Join("..", ".."))
		if err != nil {
			providerBinary.err = err
			return
		}
		// Not t.TempDir: the binary outlives the test that builds it and
		// is shared by every test; TestMain removes it.
		dir, err := os.MkdirTemp(os.Getenv("TF_ACC_TEMP_DIR"), "provider-bin-") //nolint:usetesting // see above
		if err != nil {
			providerBinary.err = err
			return
		}
		providerBinary.dir = dir
		providerBinary.err = testfixtures.BuildProvider(context.Background(), root, dir)
	})
	if providerBinary.err != nil {
		t.Fatal(providerBinary.err)
	}
	return providerBinary.dir
}

// removeProviderBinary deletes the binary built by providerBinaryDir; TestMain
// calls it after the tests.
func removeProviderBinary() {
	if providerBinary.dir != "" {
		_ = os.RemoveAll(providerBinary.dir)
	}
}

// cliWorkspace is a directory with a configuration, a CLI config with
// dev_overrides, and the environment to run the CLI there.
type cliWorkspace struct {
	t   *testing.T
	dir string
	env []string
}

// newCLIWorkspace writes config (plus the required_providers block) to a
// fresh directory. extraEnv is appended to the environment (e.g. TF_LOG).
func newCLIWorkspace(t *testing.T, config string, extraEnv ...string) *cliWorkspace {
	t.Helper()
	bin := providerBinaryDir(t)
	dir := t.TempDir()
	rc, err := testfixtures.WriteCLIConfig(dir, bin)
	if err != nil {
		t.Fatal(err)
	}
	w := &cliWorkspace{t: t, dir: dir}
	w.writeConfig(config)
	// The caller's settings that would change what the CLI or the provider
	// do are dropped.
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "TF_LOG") && !strings.HasPrefix(kv, "TENCENTRTC_") && !strings.HasPrefix(kv, "TF_CLI_CONFIG_FILE=") {
			w.env = append(w.env, kv)
		}
	}
	w.env = append(w.env, "TF_CLI_CONFIG_FILE="+rc, "TF_IN_AUTOMATION=1", "TF_INPUT=0", "CHECKPOINT_DISABLE=1")
	w.env = append(w.env, extraEnv...)
	return w
}

// writeConfig replaces the workspace's main.tf.
func (w *cliWorkspace) writeConfig(config string) {
	w.t.Helper()
	if err := os.WriteFile(filepath.Join(w.dir, "main.tf"), []byte(testfixtures.RequiredProviders+config), 0o600); err != nil {
		w.t.Fatal(err)
	}
}

// cliResult is the outcome of one CLI run.
type cliResult struct {
	args           []string
	stdout, stderr string
	code           int
}

func (r cliResult) String() string {
	return fmt.Sprintf("%s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(r.args, " "), r.code, r.stdout, r.stderr)
}

// command prepares the CLI in its own process group, so that a signal can
// reach the CLI and its provider plugins together, as a terminal's Ctrl-C or
// a CI runner's kill does.
func (w *cliWorkspace) command(ctx context.Context, args ...string) (*exec.Cmd, *bytes.Buffer, *bytes.Buffer) {
	cmd := exec.CommandContext(ctx, os.Getenv("TF_ACC_TERRAFORM_PATH"), args...)
	cmd.Dir, cmd.Env = w.dir, w.env
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	return cmd, &stdout, &stderr
}

// run runs the CLI to completion (at most two minutes).
func (w *cliWorkspace) run(args ...string) cliResult {
	w.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd, stdout, stderr := w.command(ctx, args...)
	err := cmd.Run()
	if cmd.ProcessState == nil { // it never ran
		w.t.Fatalf("running %v: %v", args, err)
	}
	res := cliResult{args: args, stdout: stdout.String(), stderr: stderr.String(), code: cmd.ProcessState.ExitCode()}
	if ctx.Err() != nil {
		w.t.Fatalf("%v did not finish within two minutes:\n%s", args, res)
	}
	return res
}

// mustRun runs the CLI and fails the test unless it exits with want.
func (w *cliWorkspace) mustRun(want int, args ...string) cliResult {
	w.t.Helper()
	res := w.run(args...)
	if res.code != want {
		w.t.Fatalf("want exit %d from %s", want, res)
	}
	return res
}

// applyArgs and planArgs are the non-interactive forms.
func applyArgs(extra ...string) []string {
	return append([]string{"apply", "-auto-approve", "-no-color", "-input=false"}, extra...)
}

func planArgs(extra ...string) []string {
	return append([]string{"plan", "-no-color", "-input=false", "-detailed-exitcode"}, extra...)
}
