package main

import (
	"errors"
	"os"
	"path/filepath"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

// workspace is one root module directory bound to one provider binary.
type workspace struct {
	side      string // "ours" or "floor"
	dir       string
	cliConfig string   // TF_CLI_CONFIG_FILE with dev_overrides for this side
	env       []string // extra environment, inherited by the provider plugin
}

// workspace writes files (name → content) into a fresh directory
// work/<sub>/<side> bound to the provider binary in binDir.
func (h *harness) workspace(sub, side, binDir string, files map[string]string) (*workspace, error) {
	dir := filepath.Join(h.work, sub, side)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			return nil, err
		}
	}
	cfg, err := testfixtures.WriteCLIConfig(dir, binDir)
	if err != nil {
		return nil, err
	}
	return &workspace{side: side, dir: dir, cliConfig: cfg}, nil
}

// resetState removes the workspace's local state so the next apply creates
// every resource again.
func (ws *workspace) resetState() error {
	return ws.remove("terraform.tfstate", "terraform.tfstate.backup")
}

// remove deletes files of the workspace; a file already gone is fine.
func (ws *workspace) remove(names ...string) error {
	for _, name := range names {
		if err := os.Remove(filepath.Join(ws.dir, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}
