package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/emuproc"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

// startEmulator starts tencentrtc-emulator with apps (ID:KEY[:IDENTIFIER]),
// as a user starts it; its log goes to stderr.
func startEmulator(bin string, apps []string, stderr io.Writer) (*emuproc.Process, error) {
	args := []string{"-listen", "127.0.0.1:0"}
	for _, a := range apps {
		args = append(args, "-app", a)
	}
	// runVariant stops it (SIGTERM, as a user would); no context cancels it.
	cmd := exec.CommandContext(context.Background(), bin, args...) //nolint:gosec // the emulator built by this tool
	cmd.Stderr = stderr
	return emuproc.Start(context.Background(), cmd, 20*time.Second)
}

// empty fails when the emulator still holds a configuration or a Live token.
func empty(emu *emuproc.Process) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	body, err := emu.Control(ctx, http.MethodGet, "/emulator/state", nil)
	if err != nil {
		return err
	}
	var state struct {
		Apps []struct {
			SDKAppID  uint64                     `json:"sdkappid"`
			Configs   map[string]json.RawMessage `json:"configs"`
			LiveToken json.RawMessage            `json:"live_token"`
		} `json:"apps"`
	}
	if err := json.Unmarshal(body, &state); err != nil {
		return fmt.Errorf("GET /emulator/state: %w", err)
	}
	var left []string
	for _, a := range state.Apps {
		for _, p := range sortedKeys(a.Configs) {
			left = append(left, fmt.Sprintf("%d/%s", a.SDKAppID, p))
		}
		if len(a.LiveToken) > 0 && string(a.LiveToken) != "null" {
			left = append(left, fmt.Sprintf("%d/live_token", a.SDKAppID))
		}
	}
	if len(left) > 0 {
		return fmt.Errorf("after destroy the emulator still holds %s", strings.Join(left, ", "))
	}
	return nil
}

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

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{"..."}, lines[len(lines)-n:]...)
	}
	return "    " + strings.Join(lines, "\n    ")
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

// plan splits a unit's files for c: the configuration, its import variants
// (import-by-*.tf, applied one at a time: two may import the same address)
// and its query files; files c cannot run are recorded in skipped.
type plan struct {
	base, imports, queries []string
}

func planFor(c cli, u unit, skipped map[string][]string) (plan, bool) {
	var p plan
	hasTF := false
	for _, name := range sortedKeys(u.files) {
		if reason, ok := c.unsupported(name, u.files[name]); ok {
			skipped[reason] = append(skipped[reason], u.name+"/"+name)
			continue
		}
		switch {
		case strings.HasSuffix(name, ".tfquery.hcl"):
			p.queries = append(p.queries, name)
		case strings.HasPrefix(name, "import-by-") && strings.HasSuffix(name, ".tf"):
			p.imports = append(p.imports, name)
		default:
			p.base = append(p.base, name)
			hasTF = hasTF || strings.HasSuffix(name, ".tf")
		}
	}
	return p, hasTF
}

// checkUnit runs a unit with c: once per import variant (or once), each
// time against a fresh emulator. It returns the steps run, "" when c can run
// none of the unit.
func checkUnit(dir string, c cli, u unit, emulatorBin, cliConfig string, skipped map[string][]string) (string, error) {
	p, ok := planFor(c, u, skipped)
	if !ok && len(p.queries) > 0 {
		return "", errors.New("query files but no configuration to run them with: add a terraform.tf " +
			"(required_providers, and a provider block whose apps cover the apps the query lists, with a terraform.tfvars)")
	}
	if !ok {
		return "", nil
	}
	variants := [][]string{nil}
	if len(p.imports) > 0 {
		variants = nil
		for _, f := range p.imports {
			variants = append(variants, []string{f})
		}
	}
	var steps []string
	for i, extra := range variants {
		files := append(append([]string(nil), p.base...), extra...)
		s, err := runVariant(filepath.Join(dir, fmt.Sprint(i)), c, u, files, p.queries, emulatorBin, cliConfig)
		if err != nil {
			return "", err
		}
		steps = append(steps, s)
	}
	return strings.Join(steps, "; "), nil
}

// runVariant: a fresh emulator; setup/ applied first (it stands in for what
// exists already); the files applied, the plan after empty; the queries;
// destroy, setup destroyed last; nothing left at the emulator.
func runVariant(dir string, c cli, u unit, files, queries []string, emulatorBin, cliConfig string) (string, error) {
	var log testfixtures.SyncBuffer
	withLog := func(err error) error {
		if log.String() == "" {
			return err
		}
		return fmt.Errorf("%w\n  emulator log (-app %s):\n%s", err, strings.Join(u.apps, " -app "), tail(redact(log.String(), u.apps), 15))
	}
	emu, err := startEmulator(emulatorBin, u.apps, &log)
	if err != nil {
		return "", withLog(err)
	}
	defer emu.Stop(10 * time.Second) //nolint:errcheck // a report of the run is made already
	steps, err := variantSteps(dir, c, u, files, queries, emu, cliConfig)
	if err != nil {
		err = withLog(err)
	}
	return steps, err
}

func variantSteps(dir string, c cli, u unit, files, queries []string, emu *emuproc.Process, cliConfig string) (string, error) {
	var setup *workspace
	var steps []string
	if len(u.setup) > 0 {
		w, err := prepare(filepath.Join(dir, "setup"), c, cliConfig, emu.URL, u.apps[0], u.setup, sortedKeys(u.setup))
		if err != nil {
			return "", err
		}
		if err := w.apply(); err != nil {
			return "", fmt.Errorf("setup/: %w", err)
		}
		setup = &w
		steps = append(steps, "setup")
	}
	w, err := prepare(filepath.Join(dir, "main"), c, cliConfig, emu.URL, u.apps[0], u.files, files)
	if err != nil {
		return "", err
	}
	if err := w.apply(); err != nil {
		return "", err
	}
	apply := "apply"
	for _, f := range files {
		if strings.HasPrefix(f, "import-by-") {
			apply += " with " + f
		}
	}
	steps = append(steps, apply, "empty plan")
	for _, q := range queries {
		if err := w.query(q, u.files[q]); err != nil {
			return "", err
		}
		steps = append(steps, "query "+q)
	}
	if err := w.destroy(); err != nil {
		return "", err
	}
	if setup != nil {
		if err := setup.destroy(); err != nil {
			return "", fmt.Errorf("setup/: %w", err)
		}
	}
	if err := empty(emu); err != nil {
		return "", err
	}
	return strings.Join(append(steps, "destroy"), ", "), nil
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

// redact hides the apps' secret keys in the emulator's log (it never logs
// them, but this output ends up in CI logs).
func redact(s string, apps []string) string {
	for _, a := range apps {
		if _, rest, ok := strings.Cut(a, ":"); ok {
			key, _, _ := strings.Cut(rest, ":")
			s = strings.ReplaceAll(s, key, "<secret>")
		}
	}
	return s
}
