package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"
)

// findCLI finds the CLI like scripts/cli.sh: TERRAFORM, else terraform on
// PATH, else OpenTofu from scripts/cli.sh tofu in the clone (which builds it
// once per machine when it is not cached; the user is told on out). It
// returns the path and "terraform" or "tofu".
func findCLI(ctx context.Context, root string, out io.Writer) (string, string, error) {
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

// newTF drives the CLI through terraform-exec in the demo's tf folder. Its
// environment is this process's (setEnv prepares it); on Ctrl-C the CLI gets
// an interrupt to stop cleanly, and 10 s to do so.
func (d *demo) newTF() (*tfexec.Terraform, error) {
	tf, err := tfexec.NewTerraform(filepath.Join(d.work, "tf"), d.cli)
	if err != nil {
		return nil, err
	}
	tf.SetStdout(&d.tfOut)
	tf.SetStderr(&d.tfOut)
	return tf, tf.SetWaitDelay(10 * time.Second)
}

func (d *demo) apply(ctx context.Context) (int, error) {
	return exitCode(d.tf.Apply(ctx, tfexec.Reattach(d.reattach)))
}

func (d *demo) destroy(ctx context.Context) (int, error) {
	return exitCode(d.tf.Destroy(ctx, tfexec.Reattach(d.reattach)))
}

// plan runs plan -detailed-exitcode: 2 means changes.
func (d *demo) plan(ctx context.Context) (int, error) {
	changes, err := d.tf.Plan(ctx, tfexec.Reattach(d.reattach))
	if changes {
		return 2, nil
	}
	return exitCode(err)
}

// exitCode is the CLI's exit code from what terraform-exec returned; err is
// set when the CLI did not run to an exit code.
func exitCode(err error) (int, error) {
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, nil
	case errors.As(err, &exit):
		return exit.ExitCode(), nil
	}
	return 0, err
}

// tfExpect runs one CLI command, shows it as typed (the CLI's name, then
// shown) and its trimmed output (only the lines that match keep, when keep
// is set) and fails unless it exits with want.
func (d *demo) tfExpect(ctx context.Context, want int, keep *regexp.Regexp, shown string, run func(context.Context) (int, error)) error {
	d.shown(d.cliName + " " + shown)
	d.tfOut.Reset()
	rc, err := run(ctx)
	if err != nil || ctx.Err() != nil {
		return fmt.Errorf("%s %s: %w", d.cliName, shown, errors.Join(err, ctx.Err()))
	}
	lines := trimTF(d.tfOut.String())
	if keep != nil && rc <= 2 {
		lines = filter(lines, keep)
	} else if len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	for _, l := range lines {
		d.say(d.redact("    " + l))
	}
	if rc != want {
		return fmt.Errorf("'%s %s' exited with %d, expected %d (full output above)", d.cliName, shown, rc, want)
	}
	if strings.HasSuffix(shown, "-detailed-exitcode") {
		d.say(fmt.Sprintf("    (exit code %d)", rc))
	}
	return nil
}

func filter(lines []string, keep *regexp.Regexp) []string {
	var out []string
	for _, l := range lines {
		if keep.MatchString(l) {
			out = append(out, l)
		}
	}
	return out
}

var (
	reLegendStart = regexp.MustCompile(`^(Terraform|OpenTofu) used the selected providers`)
	reActions     = regexp.MustCompile(`^(Terraform|OpenTofu) will perform the following actions:`)
	reBlank       = regexp.MustCompile(`^\s*$`)
)

// trimTF shortens the CLI output for reading: it drops the plan legend and
// boilerplate paragraphs, turns each warning into one line, and squeezes
// blank lines.
func trimTF(out string) []string {
	var lines []string
	blank := false
	emit := func(l string) {
		if reBlank.MatchString(l) {
			if !blank {
				lines = append(lines, "")
			}
			blank = true
			return
		}
		blank = false
		lines = append(lines, l)
	}
	var skipUntil func(string) bool // nil: not skipping
	var warn *warning
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		l := sc.Text()
		if warn != nil {
			done, consumed := warn.add(l)
			if done {
				emit("")
				emit(warn.line)
				emit("")
				warn = nil
			}
			if consumed {
				continue
			}
		}
		switch {
		case skipUntil != nil:
			if skipUntil(l) {
				skipUntil = nil
			}
		case strings.HasPrefix(l, "Warning: "):
			warn = &warning{line: l}
		case reLegendStart.MatchString(l):
			skipUntil = func(l string) bool { return strings.Contains(l, "will perform the following actions:") }
		case reActions.MatchString(l):
		case strings.Contains(l, "has compared your real infrastructure against your configuration"):
			skipUntil = reBlank.MatchString
		default:
			emit(l)
		}
	}
	if warn != nil {
		emit(warn.line)
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// warning condenses one warning as the CLI prints it without colour, the
// title, its context lines (indented: "  with ...", "  on FILE line N, in
// ...", the source), its detail paragraph and maybe "(and N more similar
// warnings elsewhere)", into "Warning: TITLE: FILE line N (and N more)".
type warning struct {
	line          string
	detail, ended bool // the detail paragraph started, ended
}

var reMore = regexp.MustCompile(`^\(and (\d+|one) more similar warnings? elsewhere\)`)

// add takes the next line of output: done when the warning is complete,
// consumed when l was part of it.
func (w *warning) add(l string) (done, consumed bool) {
	switch {
	case reBlank.MatchString(l):
		w.ended = w.detail
		return false, true
	case w.ended:
		if m := reMore.FindStringSubmatch(l); m != nil {
			w.line += " (and " + strings.Replace(m[1], "one", "1", 1) + " more)"
			return true, true
		}
		return true, false
	case strings.HasPrefix(l, "  "):
		if on, ok := strings.CutPrefix(l, "  on "); ok {
			file, _, _ := strings.Cut(on, ",")
			w.line += ": " + strings.TrimSuffix(file, ":")
		}
	default:
		w.detail = true
	}
	return false, true
}
