package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"time"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/tfcli"
)

// tfExpect runs the CLI in the demo folder, shows the command and its
// trimmed output (only the lines that match keep, when keep is set) and
// fails unless it exits with want.
func (d *demo) tfExpect(ctx context.Context, want int, keep *regexp.Regexp, args ...string) error {
	d.shown(d.cliName + " " + strings.Join(args, " "))
	cmd := exec.CommandContext(ctx, d.cli, append(args, "-no-color", "-compact-warnings")...) //nolint:gosec // the CLI found like scripts/cli.sh finds it
	cmd.Dir = filepath.Join(d.work, "tf")
	cmd.Env = d.cliEnv
	// On Ctrl-C the CLI gets an interrupt to stop cleanly, as in a shell.
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGINT) }
	cmd.WaitDelay = 10 * time.Second
	out, err := cmd.CombinedOutput()
	rc, err := tfcli.ExitCode(err)
	if err != nil || ctx.Err() != nil {
		return fmt.Errorf("%s %s: %w", d.cliName, strings.Join(args, " "), errors.Join(err, ctx.Err()))
	}
	lines := trimTF(string(out))
	if keep != nil && rc <= 2 {
		lines = filter(lines, keep)
	} else if len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	for _, l := range lines {
		d.say(d.redact("    " + l))
	}
	if rc != want {
		return fmt.Errorf("'%s %s' exited with %d, expected %d (full output above)", d.cliName, strings.Join(args, " "), rc, want)
	}
	if args[len(args)-1] == "-detailed-exitcode" {
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
// boilerplate paragraphs, turns the -compact-warnings summary into one line
// per warning, and squeezes blank lines.
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
	var warnings *warningBlock
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		l := sc.Text()
		switch {
		case warnings != nil:
			if done := warnings.add(l); done {
				for _, w := range warnings.lines() {
					emit(w)
				}
				warnings = nil
			}
		case skipUntil != nil:
			if skipUntil(l) {
				skipUntil = nil
			}
		case strings.TrimRight(l, " \t") == "Warnings:":
			warnings = &warningBlock{}
		case reLegendStart.MatchString(l):
			skipUntil = func(l string) bool { return strings.Contains(l, "will perform the following actions:") }
		case reActions.MatchString(l):
		case strings.Contains(l, "has compared your real infrastructure against your configuration"):
			skipUntil = reBlank.MatchString
		default:
			emit(l)
		}
	}
	return lines
}

// warningBlock collects a -compact-warnings summary: "- Title" items, each
// with an "  on FILE line N" location, until "To see the full warning notes".
type warningBlock struct {
	items []string
}

func (w *warningBlock) add(l string) (done bool) {
	switch {
	case strings.HasPrefix(l, "To see the full warning notes"):
		return true
	case strings.HasPrefix(l, "- "):
		w.items = append(w.items, "Warning: "+l[2:])
	case strings.HasPrefix(l, "  on ") && len(w.items) > 0:
		w.items[len(w.items)-1] += ": " + l[5:]
	}
	return false
}

func (w *warningBlock) lines() []string { return w.items }
