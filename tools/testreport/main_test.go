package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testsummary"
)

// readFile runs the reader over a recorded `go test -json` stream (recorded
// from a throwaway package: see the testdata file names).
func readFile(t *testing.T, name string) (testsummary.Summary, string) {
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
	if v := s.Verdict(1); !strings.Contains(v, "TestFail") {
		t.Errorf("verdict = %q, want it to name TestFail", v)
	}
}

func TestBuildFailureFails(t *testing.T) {
	s, out := readFile(t, "buildfail.jsonl")
	if !strings.Contains(out, `cannot use "x"`) {
		t.Errorf("the compiler's message is not printed:\n%s", out)
	}
	if v := s.Verdict(0); !strings.Contains(v, "package(s) failed: fake") {
		t.Errorf("verdict = %q, want the failed package", v)
	}
}
