// Command demo is `make demo` (go run ./demo): the provider's main job end to
// end against the local emulator.
//
//	start the emulator, the example webhook receiver and the provider in this
//	process -> apply -> empty plan -> an out-of-band change shows as drift ->
//	apply restores it -> import a configuration made outside Terraform ->
//	callbacks delivered and verified -> destroy -> stop everything.
//
// The only other program it runs is the Terraform CLI, which reaches the
// provider served here through TF_REATTACH_PROVIDERS: no provider build, no
// registry, no init. Terraform's files live in a temporary folder that is
// removed at the end; nothing is written into the clone and nothing is left
// running, also on failure or Ctrl-C. Network traffic goes to 127.0.0.1 only.
// The secrets are demo-only fixed strings and are never printed.
//
// The CLI: TERRAFORM=/path, else terraform on PATH, else OpenTofu from
// scripts/cli.sh tofu (TOFU=/path, else the cache, else built once per
// machine from the Go module proxy).
package main

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// The configuration the walkthrough applies; import/room.tf is added in step 5.
//
//go:embed main.tf import/room.tf
var tfFiles embed.FS

const (
	app       = 1400000000
	secretKey = "demo-only-secret-key-0123456789abcdef"
	liveToken = "demo-only-live-token-fedcba9876543210" //nolint:gosec // a demo-only token, never printed
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Stdout, os.Stderr))
}

// run runs the walkthrough and always stops what it started and removes its
// folder; it returns the exit code.
func run(ctx context.Context, stdout, stderr io.Writer) int {
	d, err := newDemo(stdout)
	if err != nil {
		fmt.Fprintf(stderr, "\nFAIL: %v\n", err)
		return 1
	}
	err = d.walkthrough(ctx)
	d.cleanup()
	if err != nil {
		if ctx.Err() != nil && errors.Is(err, context.Canceled) {
			err = errors.New("interrupted")
		}
		fmt.Fprintf(stderr, "\nFAIL: %v\n", err)
		fmt.Fprintf(stderr, "\nmake demo failed; the emulator, the receiver and the provider were stopped and %s removed.\n", d.work)
		return 1
	}
	return 0
}
