package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testsummary"
)

// event is one line of `go test -json` (cmd/test2json).
type event struct {
	Time       time.Time
	Action     string
	Package    string
	ImportPath string // build-output and build-fail events
	Test       string
	Elapsed    float64
	Output     string
}

type testState struct {
	output []string
	action string // pass, fail or skip once finished
}

type pkgState struct {
	output  []string
	action  string
	elapsed float64
}

// reader follows one `go test -json` stream.
type reader struct {
	out         io.Writer
	verbose     bool                             // echo every output line, as go test -v does
	tests       map[string]map[string]*testState // package -> test name -> state
	pkgs        map[string]*pkgState
	pkgOrder    []string
	buildOutput map[string][]string
	reasons     map[string]*testsummary.Reason
	first, last time.Time
	events      int
}

func newReader(out io.Writer) *reader {
	return &reader{
		out:         out,
		tests:       map[string]map[string]*testState{},
		pkgs:        map[string]*pkgState{},
		buildOutput: map[string][]string{},
		reasons:     map[string]*testsummary.Reason{},
	}
}

func (r *reader) read(in io.Reader) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for sc.Scan() {
		line := sc.Bytes()
		var e event
		if len(line) == 0 || line[0] != '{' || json.Unmarshal(line, &e) != nil {
			fmt.Fprintln(r.out, string(line)) // not test2json: go's own messages
			continue
		}
		r.handle(e)
	}
	return sc.Err()
}

func (r *reader) handle(e event) {
	r.events++
	if r.verbose && e.Action == "output" {
		fmt.Fprint(r.out, e.Output)
	}
	if !e.Time.IsZero() {
		if r.first.IsZero() {
			r.first = e.Time
		}
		r.last = e.Time
	}
	switch {
	case e.Action == "build-output":
		r.buildOutput[e.ImportPath] = append(r.buildOutput[e.ImportPath], e.Output)
	case e.Action == "build-fail":
		fmt.Fprintf(r.out, "BUILD FAILED %s\n%s", e.ImportPath, strings.Join(r.buildOutput[e.ImportPath], ""))
	case e.Test != "":
		r.handleTest(e)
	case e.Package != "":
		r.handlePackage(e)
	}
}

func (r *reader) handleTest(e event) {
	tests := r.tests[e.Package]
	if tests == nil {
		tests = map[string]*testState{}
		r.tests[e.Package] = tests
	}
	t := tests[e.Test]
	if t == nil {
		t = &testState{}
		tests[e.Test] = t
	}
	switch e.Action {
	case "output":
		t.output = append(t.output, e.Output)
	case "pass":
		t.action, t.output = e.Action, nil
	case "fail":
		t.action = e.Action
		if r.verbose {
			break // already echoed
		}
		fmt.Fprintf(r.out, "\n--- FAIL: %s (%s)\n", e.Test, e.Package)
		for _, l := range t.output {
			if !isFrameLine(l) {
				fmt.Fprint(r.out, l)
			}
		}
		t.output = nil
	case "skip":
		t.action = e.Action
		t.output = skipReasonLines(t.output)
	}
}

func (r *reader) handlePackage(e event) {
	p := r.pkgs[e.Package]
	if p == nil {
		p = &pkgState{}
		r.pkgs[e.Package] = p
		r.pkgOrder = append(r.pkgOrder, e.Package)
	}
	switch e.Action {
	case "output":
		p.output = append(p.output, e.Output)
	case "pass":
		p.action, p.elapsed = e.Action, e.Elapsed
		if !r.verbose {
			fmt.Fprintf(r.out, "ok   %s %.1fs\n", e.Package, e.Elapsed)
		}
	case "fail":
		p.action, p.elapsed = e.Action, e.Elapsed
		if r.verbose {
			break
		}
		fmt.Fprintf(r.out, "FAIL %s %.1fs\n", e.Package, e.Elapsed)
		for _, l := range p.output {
			if !isFrameLine(l) && strings.TrimSpace(l) != "FAIL" {
				fmt.Fprint(r.out, "     "+l)
			}
		}
	case "skip":
		p.action = e.Action
	}
}

// isFrameLine tells the lines that go test writes around a test's own output.
func isFrameLine(l string) bool {
	t := strings.TrimSpace(l)
	for _, p := range []string{"=== RUN", "=== PAUSE", "=== CONT", "=== NAME"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

var locationPrefix = regexp.MustCompile(`^\S+\.go:\d+: `)

// skipReasonLines keeps what the test said before it skipped, without
// go test's frame lines and the file:line prefixes.
func skipReasonLines(output []string) []string {
	var out []string
	for _, l := range output {
		t := strings.TrimSpace(l)
		if t == "" || isFrameLine(l) || strings.HasPrefix(t, "--- SKIP") {
			continue
		}
		out = append(out, locationPrefix.ReplaceAllString(t, ""))
	}
	return out
}

// summary counts leaf tests only: a test with subtests is their frame, and
// counting it too would count its work twice.
func (r *reader) summary(label string) testsummary.Summary {
	s := testsummary.Summary{Label: label, Packages: len(r.pkgs), Events: r.events}
	if !r.first.IsZero() {
		s.Seconds = r.last.Sub(r.first).Seconds()
	}
	for _, pkg := range r.pkgOrder {
		if r.pkgs[pkg].action == "fail" {
			s.FailedPackages = append(s.FailedPackages, pkg)
		}
	}
	for _, tests := range r.tests {
		names := make([]string, 0, len(tests))
		for n := range tests {
			names = append(names, n)
		}
		sort.Strings(names)
		for i, n := range names {
			if i+1 < len(names) && strings.HasPrefix(names[i+1], n+"/") {
				continue // has subtests
			}
			r.count(&s, n, tests[n])
		}
	}
	for _, reason := range r.reasons {
		s.SkipReasons = append(s.SkipReasons, *reason)
	}
	sort.Slice(s.SkipReasons, func(i, j int) bool {
		a, b := s.SkipReasons[i], s.SkipReasons[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Reason < b.Reason
	})
	sort.Strings(s.FailedTests)
	return s
}

func (r *reader) count(s *testsummary.Summary, name string, t *testState) {
	switch t.action {
	case "pass":
		s.Run++
		s.Passed++
	case "fail":
		s.Run++
		s.Failed++
		s.FailedTests = append(s.FailedTests, name)
	case "skip":
		s.Skipped++
		reason := strings.Join(t.output, " ")
		if reason == "" {
			reason = "(the test gave no reason)"
		}
		if r.reasons[reason] == nil {
			r.reasons[reason] = &testsummary.Reason{Reason: reason, Example: name}
		}
		r.reasons[reason].Count++
	default:
		// Started but never finished: a crash or a timeout killed the binary.
		s.Failed++
		s.FailedTests = append(s.FailedTests, name+" (did not finish)")
	}
}
