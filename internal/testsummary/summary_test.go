package testsummary

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

func TestTooFewTestsFail(t *testing.T) {
	s := Summary{Events: 10, Run: 0, Skipped: 4}
	if v := s.Verdict(1); !strings.Contains(v, "0 test(s) ran, at least 1 expected (4 skipped)") {
		t.Errorf("verdict = %q", v)
	}
	if v := (Summary{}).Verdict(0); !strings.Contains(v, "no test events") {
		t.Errorf("empty input: verdict = %q", v)
	}
	if v := (Summary{Events: 3, Run: 2, Passed: 2}).Verdict(1); v != "" {
		t.Errorf("passing run: verdict = %q, want none", v)
	}
}

func TestTable(t *testing.T) {
	dir := t.TempDir()
	ran := filepath.Join(dir, "a.json")
	gone := filepath.Join(dir, "b.json")
	if err := (Summary{Label: "OpenTofu 1.12.6", Events: 9, Run: 7, Passed: 7, Skipped: 2,
		SkipReasons: []Reason{{Reason: "needs terraform query", Count: 2}}}).Write(ran); err != nil {
		t.Fatal(err)
	}
	if err := (Summary{Label: "terraform (PATH)", Unavailable: "no terraform on PATH"}).Write(gone); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := PrintTable(&out, []string{ran, gone}); err != nil {
		t.Fatal(err)
	}
	// The whole table: the rows (tabwriter pads every cell), the reasons and
	// the runs not made, the plain total line CI runners read.
	want := "RUN               TESTS RUN  PASSED  FAILED  SKIPPED  TIME  \n" +
		"OpenTofu 1.12.6   7          7       0       2        0s    \n" +
		"terraform (PATH)  -          -       -       -        -     \n" +
		"\nSkipped, and why:\n" +
		"  OpenTofu 1.12.6: skipped 2 x needs terraform query\n" +
		"  terraform (PATH): not run: no terraform on PATH\n" +
		"\nTotal: 7 passed, 0 failed, 2 skipped\n"
	if out.String() != want {
		t.Errorf("table:\n%s\nwant:\n%s", out.String(), want)
	}
}
