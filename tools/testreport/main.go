// Command testreport reads `go test -json` output on stdin, prints what a
// reader needs (package results, the output of failed tests, each distinct
// skip reason once) and writes a summary file; with -table it prints the
// summaries of several runs as one table. `make test` runs every CLI leg
// through it:
//
//	go test -json ./internal/provider/ | testreport -label "OpenTofu 1.12.6" -summary out/tofu.json
//	testreport -label "terraform (PATH)" -unavailable "no terraform on PATH" -summary out/path.json
//	testreport -table out/*.json
//
// It exits 1 when a test or package failed, when the input holds no test
// events, or when fewer than -min-run tests ran (passed or failed).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testsummary"
)

func main() {
	label := flag.String("label", "", "name of this run in the summary (for example the CLI and its version)")
	summaryPath := flag.String("summary", "", "write the run's summary as JSON to this file")
	unavailable := flag.String("unavailable", "", "record the run as not possible for this reason, without reading stdin")
	minRun := flag.Int("min-run", 1, "fail when fewer tests than this ran")
	verbose := flag.Bool("v", false, "echo every line of the tests' output, as go test -v prints it")
	table := flag.Bool("table", false, "print the summaries named as arguments as a table")
	flag.Parse()

	if *table {
		if err := testsummary.PrintTable(os.Stdout, flag.Args()); err != nil {
			fmt.Fprintln(os.Stderr, "testreport:", err)
			os.Exit(1)
		}
		return
	}
	s := testsummary.Summary{Label: *label}
	if *unavailable != "" {
		s.Unavailable = *unavailable
	} else {
		r := newReader(os.Stdout)
		r.verbose = *verbose
		if err := r.read(os.Stdin); err != nil {
			fmt.Fprintln(os.Stderr, "testreport:", err)
			os.Exit(1)
		}
		s = r.summary(*label)
		s.Print(os.Stdout)
	}
	if *summaryPath != "" {
		if err := s.Write(*summaryPath); err != nil {
			fmt.Fprintln(os.Stderr, "testreport:", err)
			os.Exit(1)
		}
	}
	if s.Unavailable != "" {
		return
	}
	if msg := s.Verdict(*minRun); msg != "" {
		fmt.Fprintf(os.Stderr, "\nFAIL (%s): %s\n", *label, msg)
		os.Exit(1)
	}
}
