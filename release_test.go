package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestReleaseNotes: the release workflow publishes the tag's section of
// CHANGELOG.md (.github/release-notes.awk), and GoReleaser is set up to use it.
func TestReleaseNotes(t *testing.T) {
	changelog := filepath.Join(t.TempDir(), "CHANGELOG.md")
	sample := "# Changelog\n\nIntro.\n\n## Unreleased\n\n* next\n\n" +
		"## 0.2.0 (May 1, 2027)\n\nFEATURES:\n\n* two\n\n## 0.1.0 (November 22, 2026)\n\n* one\n"
	if err := os.WriteFile(changelog, []byte(sample), 0o600); err != nil {
		t.Fatal(err)
	}
	notes := func(version, file string) (string, error) {
		out, err := exec.CommandContext(t.Context(), "awk", "-v", "version="+version, "-f", ".github/release-notes.awk", file).Output()
		return string(out), err
	}
	for version, want := range map[string]string{
		"0.2.0": "FEATURES:\n\n* two\n\n",
		"0.1.0": "* one\n",
	} {
		if got, err := notes(version, changelog); err != nil || got != want {
			t.Errorf("notes of %s = %q, %v; want %q", version, got, err, want)
		}
	}
	if got, err := notes("0.3.0", changelog); err == nil {
		t.Errorf("notes of a version without a section = %q, want an error that fails the release", got)
	}
	// The real CHANGELOG: its first release, without the next heading.
	got, err := notes("0.1.0", "CHANGELOG.md")
	if err != nil || !strings.HasPrefix(got, "FEATURES:\n") || strings.Contains(got, "\n## ") {
		t.Errorf("notes of 0.1.0 from CHANGELOG.md = %.80q..., %v; want its section, from FEATURES: on", got, err)
	}

	workflow, err := os.ReadFile(".github/workflows/release.yml")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`-v version="${GITHUB_REF_NAME#v}" -f .github/release-notes.awk CHANGELOG.md > "$RUNNER_TEMP/release-notes.md"`,
		`--release-notes=${{ runner.temp }}/release-notes.md`} {
		if !strings.Contains(string(workflow), want) {
			t.Errorf("release.yml does not contain %s", want)
		}
	}
	// GoReleaser reads --release-notes in its changelog step: disabling the
	// step publishes an empty release text.
	cfg, err := os.ReadFile(".goreleaser.yml")
	if err != nil {
		t.Fatal(err)
	}
	if regexp.MustCompile(`(?m)^changelog:\n(\s+#.*\n)*\s+disable:\s*true`).Match(cfg) {
		t.Error(".goreleaser.yml disables the changelog step, which drops the release notes")
	}
}
