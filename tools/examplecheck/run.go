package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"time"
)

// emulatorProc is a tencentrtc-emulator process, started as a user starts it.
type emulatorProc struct {
	cmd    *exec.Cmd
	url    string
	stderr bytes.Buffer
}

func startEmulator(bin string, apps []string) (*emulatorProc, error) {
	args := []string{"-listen", "127.0.0.1:0"}
	for _, a := range apps {
		args = append(args, "-app", a)
	}
	e := &emulatorProc{cmd: exec.Command(bin, args...)} //nolint:gosec // the emulator built by this tool
	e.cmd.Stderr = &e.stderr
	stdout, err := e.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := e.cmd.Start(); err != nil {
		return nil, err
	}
	first := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		if sc.Scan() {
			first <- sc.Text()
		}
		close(first)
		for sc.Scan() { //nolint:revive // drain
		}
	}()
	select {
	case line, ok := <-first:
		fields := strings.Fields(line)
		if !ok || len(fields) == 0 || !strings.HasPrefix(fields[len(fields)-1], "http://") {
			e.stop()
			return nil, fmt.Errorf("tencentrtc-emulator: unexpected first line %q; stderr: %s", line, e.stderr.String())
		}
		e.url = fields[len(fields)-1]
		return e, nil
	case <-time.After(20 * time.Second):
		e.stop()
		return nil, errors.New("tencentrtc-emulator printed no address within 20s")
	}
}

func (e *emulatorProc) stop() {
	_ = e.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = e.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = e.cmd.Process.Kill()
		<-done
	}
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

var importTo = regexp.MustCompile(`(?m)^\s*to\s*=\s*(\S+)`)

// importFile: the resources an import example adopts are removed from the
// state the apply left, then the example imports them again, and the plan
// after it must be empty.
func (w workspace) importFile(name, text string) error {
	for _, m := range importTo.FindAllStringSubmatch(text, -1) {
		if _, err := w.run("state", "rm", "-no-color", m[1]); err != nil {
			return fmt.Errorf("%s imports %s, which the example's configuration does not create: %w", name, m[1], err)
		}
	}
	if err := w.write(name, text); err != nil {
		return err
	}
	defer os.Remove(filepath.Join(w.dir, name))
	if _, err := w.run("apply", "-auto-approve", "-input=false", "-no-color"); err != nil {
		return err
	}
	if _, err := w.run("plan", "-detailed-exitcode", "-input=false", "-no-color"); err != nil {
		return fmt.Errorf("the plan after importing with %s is not empty: %w", name, err)
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

// checkUnit applies one configuration with c against a fresh emulator and
// returns the steps it ran ("" when c can run none of it).
func checkUnit(dir string, c cli, u unit, emulatorBin, cliConfig string, skipped map[string][]string) (string, error) {
	var base, imports, queries []string
	hasTF := false
	for _, name := range sortedKeys(u.files) {
		if reason, ok := c.unsupported(name, u.files[name]); ok {
			skipped[reason] = append(skipped[reason], u.name+"/"+name)
			continue
		}
		switch {
		case strings.HasSuffix(name, ".tfquery.hcl"):
			queries = append(queries, name)
		case strings.HasPrefix(name, "import-by-") && strings.HasSuffix(name, ".tf"):
			imports = append(imports, name)
		default:
			base = append(base, name)
			hasTF = hasTF || strings.HasSuffix(name, ".tf")
		}
	}
	if !hasTF {
		return "", nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	emu, err := startEmulator(emulatorBin, u.apps)
	if err != nil {
		return "", err
	}
	defer emu.stop()
	w := newWorkspace(dir, c, cliConfig, emu.url, u.apps[0])
	for _, name := range base {
		if err := w.write(name, u.files[name]); err != nil {
			return "", err
		}
	}
	steps, err := w.lifecycle(u, imports, queries)
	if err != nil && emu.stderr.Len() > 0 {
		err = fmt.Errorf("%w\n  emulator log (-app %s):\n%s", err, strings.Join(u.apps, " -app "), tail(redact(emu.stderr.String(), u.apps), 15))
	}
	return steps, err
}

func (w workspace) lifecycle(u unit, imports, queries []string) (string, error) {
	steps := []string{"apply"}
	if _, err := w.run("apply", "-auto-approve", "-input=false", "-no-color"); err != nil {
		return "", err
	}
	for _, name := range imports {
		if err := w.importFile(name, u.files[name]); err != nil {
			return "", err
		}
		steps = append(steps, "import "+name)
	}
	for _, name := range queries {
		if err := w.query(name, u.files[name]); err != nil {
			return "", err
		}
		steps = append(steps, "query "+name)
	}
	if _, err := w.run("destroy", "-auto-approve", "-input=false", "-no-color"); err != nil {
		return "", err
	}
	left, err := w.run("state", "list")
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(left) != "" {
		return "", fmt.Errorf("destroy left resources in the state:\n%s", indent(left))
	}
	return strings.Join(append(steps, "destroy"), ", "), nil
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
