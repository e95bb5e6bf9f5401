package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"strings"
	"time"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/emuproc"
)

// startEmulator starts tencentrtc-emulator with apps (ID:KEY[:IDENTIFIER]),
// as a user starts it; its log goes to stderr.
func startEmulator(bin string, apps []string, stderr io.Writer) (*emuproc.Process, error) {
	args := []string{"-listen", "127.0.0.1:0"}
	for _, a := range apps {
		args = append(args, "-app", a)
	}
	// runVariant stops it (SIGTERM, as a user would); no context cancels it.
	cmd := exec.CommandContext(context.Background(), bin, args...) //nolint:gosec // the emulator built by this tool
	cmd.Stderr = stderr
	return emuproc.Start(context.Background(), cmd, 20*time.Second)
}

// empty fails when the emulator still holds a configuration or a Live token.
func empty(emu *emuproc.Process) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	body, err := emu.Control(ctx, http.MethodGet, "/emulator/state", nil)
	if err != nil {
		return err
	}
	var state struct {
		Apps []struct {
			SDKAppID  uint64                     `json:"sdkappid"`
			Configs   map[string]json.RawMessage `json:"configs"`
			LiveToken json.RawMessage            `json:"live_token"`
		} `json:"apps"`
	}
	if err := json.Unmarshal(body, &state); err != nil {
		return fmt.Errorf("GET /emulator/state: %w", err)
	}
	var left []string
	for _, a := range state.Apps {
		for _, p := range sortedKeys(a.Configs) {
			left = append(left, fmt.Sprintf("%d/%s", a.SDKAppID, p))
		}
		if len(a.LiveToken) > 0 && string(a.LiveToken) != "null" {
			left = append(left, fmt.Sprintf("%d/live_token", a.SDKAppID))
		}
	}
	if len(left) > 0 {
		return fmt.Errorf("after destroy the emulator still holds %s", strings.Join(left, ", "))
	}
	return nil
}

// redact hides the apps' secret keys in the emulator's log (it never logs
// them, but this output ends up in CI logs).
func redact(s string, apps []string) string {
	for _, a := range apps {
		if _, rest, ok := strings.Cut(a, ":"); ok {
			key, _, _ := strings.Cut(rest, ":")
			s = strings.ReplaceAll(s, key, "<secret>")
		}
	}
	return s
}
