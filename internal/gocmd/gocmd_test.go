package gocmd

import (
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	out, err := Run(t.Context(), t.TempDir(), "env", "GOOS")
	if err != nil || strings.TrimSpace(string(out)) == "" {
		t.Errorf("go env GOOS = %q, %v", out, err)
	}
	_, err = Run(t.Context(), t.TempDir(), "build", "./no-such-package")
	if err == nil || !strings.Contains(err.Error(), "go build ./no-such-package: exit status 1\n") || !strings.Contains(err.Error(), "no-such-package") {
		t.Errorf("a failed go build: %v; want the command, the status and go's message", err)
	}
}
