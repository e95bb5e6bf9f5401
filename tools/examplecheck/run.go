package main

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/emuproc"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testsummary"
)

// checkCLI applies every unit with one CLI.
func checkCLI(root, work string, c cli, units []unit, emulatorBin, cliConfig string) testsummary.Summary {
	fmt.Printf("\n%s (%s)\n", c, c.path)
	// A configuration is a test.
	r := testsummary.Summary{Label: "examples with " + c.String(), Events: 1}
	begin := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	fmtCmd := exec.CommandContext(ctx, c.path, "fmt", "-check", "-recursive", "-diff", "-no-color", "examples") //nolint:gosec // the CLI under test
	fmtCmd.Dir = root
	if out, err := fmtCmd.CombinedOutput(); err != nil {
		fmt.Printf("FAIL examples are not formatted (run `make fmt`):\n%s\n", tail(string(out), 40))
		r.Failed++
	}
	skipped := map[string][]string{}
	for i, u := range units {
		dir := filepath.Join(work, fmt.Sprintf("%s-%d", strings.ReplaceAll(c.String(), " ", "-"), i))
		start := time.Now()
		steps, err := checkUnit(dir, c, u, emulatorBin, cliConfig, skipped)
		switch {
		case err != nil:
			r.Failed++
			fmt.Printf("FAIL %s\n%s\n", u.name, indent(err.Error()))
		case steps == "":
			r.Skipped++
			fmt.Printf("skip %s: nothing %s can run\n", u.name, c)
		default:
			r.Passed++
			fmt.Printf("ok   %s (%s) %.1fs\n", u.name, steps, time.Since(start).Seconds())
		}
	}
	for _, reason := range sortedKeys(skipped) {
		fmt.Printf("left out on %s, which lacks %s: %s\n", c, reason, strings.Join(skipped[reason], ", "))
		r.SkipReasons = append(r.SkipReasons, testsummary.Reason{Reason: fmt.Sprintf("files left out (%s): %s", reason, strings.Join(skipped[reason], ", ")), Count: len(skipped[reason])})
	}
	r.Run = r.Passed + r.Failed
	r.Seconds = time.Since(begin).Seconds()
	return r
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
