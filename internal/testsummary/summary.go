// Package testsummary is the summary one test run leaves for make test's
// final table: tools/testreport writes one per `go test -json` run and
// prints the table, tools/examplecheck writes one per CLI (a configuration
// is a test).
package testsummary

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
)

// Summary is what one run leaves for the final table.
type Summary struct {
	Label          string   `json:"label"`
	Unavailable    string   `json:"unavailable,omitempty"`
	Packages       int      `json:"packages"`
	Events         int      `json:"events"`
	Run            int      `json:"run"`
	Passed         int      `json:"passed"`
	Failed         int      `json:"failed"`
	Skipped        int      `json:"skipped"`
	Seconds        float64  `json:"seconds"`
	FailedPackages []string `json:"failed_packages,omitempty"`
	FailedTests    []string `json:"failed_tests,omitempty"`
	SkipReasons    []Reason `json:"skip_reasons,omitempty"`
}

// Reason is one distinct skip message, how many tests gave it and one of them.
type Reason struct {
	Reason  string `json:"reason"`
	Count   int    `json:"count"`
	Example string `json:"example,omitempty"`
}

// Write stores s as indented JSON at path.
func (s Summary) Write(path string) error {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o600)
}

// Verdict is empty when the run passed, else why it did not.
func (s Summary) Verdict(minRun int) string {
	switch {
	case s.Events == 0:
		return "go test produced no test events (see its messages above)"
	case s.Failed > 0:
		return fmt.Sprintf("%d test(s) failed: %s", s.Failed, strings.Join(s.FailedTests, ", "))
	case len(s.FailedPackages) > 0:
		return "package(s) failed: " + strings.Join(s.FailedPackages, ", ")
	case s.Run < minRun:
		return fmt.Sprintf("%d test(s) ran, at least %d expected (%d skipped)", s.Run, minRun, s.Skipped)
	}
	return ""
}

// Print writes the end of one run: totals, then each skip reason once.
func (s Summary) Print(w io.Writer) {
	fmt.Fprintf(w, "%s: %d tests run (%d passed, %d failed), %d skipped, in %d packages, %.0fs\n",
		s.Label, s.Run, s.Passed, s.Failed, s.Skipped, s.Packages, s.Seconds)
	for _, r := range s.SkipReasons {
		fmt.Fprintf(w, "  skipped %3d x %s (e.g. %s)\n", r.Count, r.Reason, r.Example)
	}
}

// PrintTable prints the summaries stored at paths as one table, then the skip
// reasons and the runs not made, then the total over every run.
func PrintTable(w io.Writer, paths []string) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RUN\tTESTS RUN\tPASSED\tFAILED\tSKIPPED\tTIME\t")
	var notes []string
	var total Summary
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var s Summary
		if err := json.Unmarshal(b, &s); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		if s.Unavailable != "" {
			fmt.Fprintf(tw, "%s\t-\t-\t-\t-\t-\t\n", s.Label)
			notes = append(notes, fmt.Sprintf("%s: not run: %s", s.Label, s.Unavailable))
			continue
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%.0fs\t\n", s.Label, s.Run, s.Passed, s.Failed, s.Skipped, s.Seconds)
		total.Passed += s.Passed
		total.Failed += s.Failed
		total.Skipped += s.Skipped
		for _, r := range s.SkipReasons {
			notes = append(notes, fmt.Sprintf("%s: skipped %d x %s", s.Label, r.Count, r.Reason))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(notes) > 0 {
		fmt.Fprintln(w, "\nSkipped, and why:")
		for _, n := range notes {
			fmt.Fprintln(w, "  "+n)
		}
	}
	// The plain closing line CI runners read: every run of the table together.
	fmt.Fprintf(w, "\nTotal: %d passed, %d failed, %d skipped\n", total.Passed, total.Failed, total.Skipped)
	return nil
}
