// Command examplecheck applies every example and every complete
// configuration shown in the docs to the emulator, then destroys it, once
// per CLI given:
//
//	go run ./tools/examplecheck [-root .] CLI...
//
// What it applies:
//   - every folder under examples/ with *.tf or *.tfquery.hcl files (the Go
//     program in examples/webhook-receiver has none), with its *.tfvars;
//   - every fenced ```hcl, ```terraform or ```tf block of README.md,
//     docs/**/*.md and examples/**/README.md that declares
//     `required_providers`: that is what marks a snippet as a complete
//     configuration (others are fragments of one). A block identical to a
//     file under examples/ is skipped: tfplugindocs copies those into docs/,
//     and the folder is applied already.
//
// How, per configuration and CLI, as a user would:
//  1. `go build ./cmd/tencentrtc-emulator` (once), then
//     `tencentrtc-emulator -listen 127.0.0.1:0 -app ID:KEY...`, reading the URL
//     from its first line. The apps are the `-app ID:KEY[:IDENTIFIER]` values
//     the configuration's comments or its folder's README give (the way it
//     says to start the emulator), else -app 1400000000:quickstart-key.
//  2. The CLI runs with only TENCENTRTC_ENDPOINT, TENCENTRTC_SDK_APP_ID and
//     TENCENTRTC_SECRET_KEY (the first app) set, plus TF_CLI_CONFIG_FILE
//     with dev_overrides to a freshly built provider (no registry, no init).
//     Nothing else: a configuration that needs variables ships a
//     terraform.tfvars.
//  3. A folder's setup/ folder (examples/README.md: it stands in for what
//     exists already, such as a configuration made in the console) is
//     applied first and destroyed last. Then `apply`, and the plan after it
//     must be empty (`plan -detailed-exitcode`); each *.tfquery.hcl runs with
//     `terraform query`; `destroy`, after which the state is empty and the
//     emulator holds no configuration and no Live token.
//  4. import-by-*.tf files are snippets of one configuration that may import
//     the same address: the steps above run once per such file (with it),
//     each time against a fresh emulator.
//
// A file that needs what a CLI lacks (terraform query, identity import,
// write-only attributes) is left out on that CLI, and the reason is printed
// once per CLI. `fmt -check` runs over examples/ with every CLI.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/gocmd"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

func main() {
	root := flag.String("root", ".", "the repository")
	summaryDir := flag.String("summary-dir", "", "write examples-N.json per CLI here, in tools/testreport's summary format (make test's table)")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: examplecheck [-root DIR] CLI...")
		os.Exit(2)
	}
	failures, err := run(*root, *summaryDir, flag.Args())
	if err != nil {
		fmt.Fprintln(os.Stderr, "examplecheck:", err)
		os.Exit(1)
	}
	if failures > 0 {
		fmt.Fprintf(os.Stderr, "\nFAIL: %d configuration(s) did not apply and destroy cleanly (see above)\n", failures)
		os.Exit(1)
	}
}

func run(root, summaryDir string, cliPaths []string) (int, error) {
	work, err := os.MkdirTemp("", "tencentrtc-examples-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(work)
	emulatorBin, cliConfig, err := build(root, work)
	if err != nil {
		return 0, err
	}
	units, err := collect(root)
	if err != nil {
		return 0, err
	}
	failures := 0
	for i, p := range cliPaths {
		c, err := newCLI(p)
		if err != nil {
			return 0, err
		}
		r := checkCLI(root, work, c, units, emulatorBin, cliConfig)
		failures += r.Failed
		if summaryDir != "" {
			if err := r.Write(filepath.Join(summaryDir, fmt.Sprintf("examples-%d.json", i))); err != nil {
				return 0, err
			}
		}
	}
	return failures, nil
}

// build: the provider (into a dev_overrides folder) and the emulator binary.
func build(root, work string) (string, string, error) {
	emulatorBin := filepath.Join(work, "tencentrtc-emulator")
	binDir := filepath.Join(work, "bin")
	for _, b := range [][]string{
		{"build", "-o", emulatorBin, "./cmd/tencentrtc-emulator"},
		{"build", "-o", filepath.Join(binDir, "terraform-provider-tencentrtc"), "."},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		_, err := gocmd.Run(ctx, root, b...)
		cancel()
		if err != nil {
			return "", "", err
		}
	}
	cfg, err := testfixtures.WriteCLIConfig(work, binDir)
	return emulatorBin, cfg, err
}

func collect(root string) ([]unit, error) {
	examples, err := exampleUnits(root)
	if err != nil {
		return nil, err
	}
	exampleTexts := map[string]bool{}
	for _, u := range examples {
		for _, text := range u.files {
			exampleTexts[normalize(text)] = true
		}
	}
	md := []string{"README.md"}
	for _, pattern := range []string{"docs/*.md", "docs/*/*.md", "examples/*/README.md", "examples/*/*/README.md"} {
		m, err := filepath.Glob(filepath.Join(root, pattern))
		if err != nil {
			return nil, err
		}
		for _, f := range m {
			rel, _ := filepath.Rel(root, f)
			md = append(md, rel)
		}
	}
	snippets, err := snippetUnits(root, md, exampleTexts)
	if err != nil {
		return nil, err
	}
	return append(examples, snippets...), nil
}
