package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readFile runs the reader over a recorded `go test -json` stream (recorded
// from a throwaway package: see the testdata file names).
func readFile(t *testing.T, name string) (Summary, string) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out bytes.Buffer
	r := newReader(&out)
	if err := r.read(f); err != nil {
		t.Fatal(err)
	}
	return r.summary("fake"), out.String()
}

func TestCountsLeafTestsAndSkipReasons(t *testing.T) {
	s, out := readFile(t, "mixed.jsonl")
	// TestPass, TestFail, TestParent/b ran; TestSkip and TestParent/a
	// skipped; TestParent is a frame and not counted.
	if s.Run != 3 || s.Passed != 2 || s.Failed != 1 || s.Skipped != 2 {
		t.Errorf("run/passed/failed/skipped = %d/%d/%d/%d, want 3/2/1/2", s.Run, s.Passed, s.Failed, s.Skipped)
	}
	want := map[string]string{
		"Terraform CLI version 1.11.4 is below minimum version 1.12.0: skipping test": "TestSkip",
		"takes 5 s": "TestParent/a",
	}
	if len(s.SkipReasons) != len(want) {
		t.Fatalf("skip reasons = %+v, want %v", s.SkipReasons, want)
	}
	for _, r := range s.SkipReasons {
		if want[r.Reason] != r.Example || r.Count != 1 {
			t.Errorf("skip reason %+v not expected (want %v)", r, want)
		}
	}
	if !strings.Contains(out, "--- FAIL: TestFail (fake)\n    a_test.go:4: detail\n    a_test.go:4: boom\n") {
		t.Errorf("the failed test's output is not printed:\n%s", out)
	}
	if strings.Contains(out, "=== RUN") {
		t.Errorf("frame lines printed:\n%s", out)
	}
	if v := s.verdict(1); !strings.Contains(v, "TestFail") {
		t.Errorf("verdict = %q, want it to name TestFail", v)
	}
}

func TestBuildFailureFails(t *testing.T) {
	s, out := readFile(t, "buildfail.jsonl")
	if !strings.Contains(out, `cannot use "x"`) {
		t.Errorf("the compiler's message is not printed:\n%s", out)
	}
	if v := s.verdict(0); !strings.Contains(v, "package(s) failed: fake") {
		t.Errorf("verdict = %q, want the failed package", v)
	}
}

func TestTooFewTestsFail(t *testing.T) {
	s := Summary{Events: 10, Run: 0, Skipped: 4}
	if v := s.verdict(1); !strings.Contains(v, "0 test(s) ran, at least 1 expected (4 skipped)") {
		t.Errorf("verdict = %q", v)
	}
	if v := (Summary{}).verdict(0); !strings.Contains(v, "no test events") {
		t.Errorf("empty input: verdict = %q", v)
	}
	if v := (Summary{Events: 3, Run: 2, Passed: 2}).verdict(1); v != "" {
		t.Errorf("passing run: verdict = %q, want none", v)
	}
}

func TestTable(t *testing.T) {
	dir := t.TempDir()
	ran := filepath.Join(dir, "a.json")
	gone := filepath.Join(dir, "b.json")
	if err := writeSummary(ran, Summary{Label: "OpenTofu 1.12.6", Events: 9, Run: 7, Passed: 7, Skipped: 2,
		SkipReasons: []Reason{{Reason: "needs terraform query", Count: 2}}}); err != nil {
		t.Fatal(err)
	}
	if err := writeSummary(gone, Summary{Label: "terraform (PATH)", Unavailable: "no terraform on PATH"}); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := printTable(&out, []string{ran, gone}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"OpenTofu 1.12.6   7          7       0       2",
		"terraform (PATH)  -",
		"OpenTofu 1.12.6: skipped 2 x needs terraform query",
		"terraform (PATH): not run: no terraform on PATH",
		"\nTotal: 7 passed, 0 failed, 2 skipped\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, out.String())
		}
	}
}
