package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/tfcli"
)

// workspace runs one CLI in one directory with only the documented
// environment variables of the provider.
type workspace struct {
	dir string
	cli cli
	env []string
}

func newWorkspace(dir string, c cli, cliConfig, endpoint, app string) workspace {
	id, key, _ := strings.Cut(app, ":")
	key, _, _ = strings.Cut(key, ":")
	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + os.Getenv("HOME"),
		"TMPDIR=" + os.TempDir(),
		"TF_CLI_CONFIG_FILE=" + cliConfig,
		"CHECKPOINT_DISABLE=1",
		"TENCENTRTC_ENDPOINT=" + endpoint,
		"TENCENTRTC_SDK_APP_ID=" + id,
		"TENCENTRTC_SECRET_KEY=" + key,
	}
	return workspace{dir: dir, cli: c, env: env}
}

func prepare(dir string, c cli, cliConfig, endpoint, app string, all map[string]string, names []string) (workspace, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return workspace{}, err
	}
	w := newWorkspace(dir, c, cliConfig, endpoint, app)
	for _, n := range names {
		if err := w.write(n, all[n]); err != nil {
			return workspace{}, err
		}
	}
	return w, nil
}

// run runs the CLI; the error carries the command and the end of its output.
func (w workspace) run(args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, w.cli.path, args...) //nolint:gosec // the CLI under test
	cmd.Dir = w.dir
	cmd.Env = w.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		text := devOverridesWarning.ReplaceAllString(string(out), "")
		return string(out), fmt.Errorf("%s %s: %w\n%s", filepath.Base(w.cli.path), strings.Join(args, " "), err, tail(text, 40))
	}
	return string(out), nil
}

func (w workspace) write(name, text string) error {
	return os.WriteFile(filepath.Join(w.dir, name), []byte(text), 0o600)
}

// devOverridesWarning is the CLI's notice about the dev_overrides this tool
// sets up: noise in a failure report.
var devOverridesWarning = regexp.MustCompile(`(?s)(│ )?Warning: Provider development overrides are in effect.*?published\s*(│\s*)?releases\.\n`)

// apply applies the workspace's configuration, and the plan after it must be
// empty.
func (w workspace) apply() error {
	if _, err := w.run("apply", "-auto-approve", "-input=false", "-no-color"); err != nil {
		return err
	}
	if _, err := w.run("plan", "-detailed-exitcode", "-input=false", "-no-color"); err != nil {
		return fmt.Errorf("the plan after apply is not empty: %w", err)
	}
	return nil
}

// destroy destroys, and the state must be empty after it.
func (w workspace) destroy() error {
	if _, err := w.run("destroy", "-auto-approve", "-input=false", "-no-color"); err != nil {
		return err
	}
	left, err := w.run("state", "list")
	if err != nil {
		return err
	}
	if strings.TrimSpace(left) != "" {
		return fmt.Errorf("destroy left resources in the state:\n%s", indent(left))
	}
	return nil
}

func (w workspace) query(name, text string) error {
	if err := w.write(name, text); err != nil {
		return err
	}
	defer os.Remove(filepath.Join(w.dir, name))
	_, err := w.run("query", "-no-color")
	return err
}

// tail is the end of s, indented for a report.
func tail(s string, n int) string {
	return indent(tfcli.Tail(s, n))
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n    ")
}
