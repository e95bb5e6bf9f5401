// Package gocmd runs the go command for the programs and tests that build
// this module's binaries or read their profiles (the benchmark, the example
// check, the emulator command's test, the provider's CLI tests).
package gocmd

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
)

// Run runs `go args...` in dir ("" for the current directory) and returns
// its combined output; the error names the command and carries the output.
func Run(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		return out, fmt.Errorf("go %s: %w\n%s", strings.Join(args, " "), err, out)
	}
	return out, nil
}
