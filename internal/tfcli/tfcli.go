// Package tfcli locates a Terraform-compatible CLI (Terraform or OpenTofu)
// and prepares its runs, for the programs that shell out to it: the demo,
// the example check, the benchmark and the provider's CLI tests.
package tfcli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Find finds the CLI like scripts/cli.sh: TERRAFORM, else terraform on
// PATH, else OpenTofu from scripts/cli.sh tofu in the clone at root (which
// builds it once per machine when it is not cached; the user is told on
// out). It returns the path and "terraform" or "tofu".
func Find(ctx context.Context, root string, out io.Writer) (string, string, error) {
	if p := os.Getenv("TERRAFORM"); p != "" {
		if _, err := exec.LookPath(p); err != nil {
			return "", "", fmt.Errorf("TERRAFORM=%s is not an executable", p)
		}
		return p, "terraform", nil
	}
	if p, err := exec.LookPath("terraform"); err == nil {
		return p, "terraform", nil
	}
	fmt.Fprintln(out, "    Terraform is not on PATH: using OpenTofu from scripts/cli.sh tofu")
	fmt.Fprintln(out, "    (when it is not cached yet, scripts/cli.sh builds it from the Go module proxy: about 4 minutes, once per machine)")
	if root == "" {
		return "", "", errors.New("no Terraform-compatible CLI: put terraform on PATH, or run the demo from the clone so that scripts/cli.sh can build OpenTofu")
	}
	cmd := exec.CommandContext(ctx, filepath.Join(root, "scripts", "cli.sh"), "tofu") //nolint:gosec // the clone's own script
	cmd.Dir = root
	cmd.Stderr = os.Stderr
	path, err := cmd.Output()
	if err != nil {
		return "", "", fmt.Errorf("no Terraform-compatible CLI: put terraform on PATH or let scripts/cli.sh tofu build OpenTofu: %w", err)
	}
	return strings.TrimSpace(string(path)), "tofu", nil
}

// Version is the first line of `cli version` ("Terraform v1.11.4"), run with
// env (nil: this process's environment).
func Version(ctx context.Context, cli string, env []string) (string, error) {
	cmd := exec.CommandContext(ctx, cli, "version") //nolint:gosec // the CLI the caller chose
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("%s version: %w", cli, err)
	}
	first, _, _ := strings.Cut(string(out), "\n")
	return strings.TrimSpace(first), nil
}

// ExitCode is the exit code of a command that ran to its end, from the error
// of its Wait, Run or Output (0 for nil); err is set when the command did not
// run to an exit code (it did not start, or its output could not be read).
func ExitCode(waitErr error) (code int, err error) {
	var exit *exec.ExitError
	switch {
	case waitErr == nil:
		return 0, nil
	case errors.As(waitErr, &exit):
		return exit.ExitCode(), nil
	}
	return 0, waitErr
}

// Tail is the end of a CLI's output for an error report: its last n lines,
// after a "..." line when there were more.
func Tail(out string, n int) string {
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{"..."}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}

// Env is the environment of a CLI run: this process's variables except
// those whose names start with one of drop (settings of the caller's shell
// that would change what the CLI or the provider do), then set.
func Env(drop []string, set ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if !hasAnyPrefix(name, drop) {
			env = append(env, kv)
		}
	}
	return append(env, set...)
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
