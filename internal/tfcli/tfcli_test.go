package tfcli

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// fakeCLI writes an executable script named name that prints what a CLI's
// `version` prints, with $LABEL from its environment.
func fakeCLI(t *testing.T, name string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	script := "#!/bin/sh\necho \"Terraform v1.2.3$LABEL\"\necho on linux_amd64\n"
	if err := os.WriteFile(path, []byte(script), 0o700); err != nil { //nolint:gosec // an executable script
		t.Fatal(err)
	}
	return path
}

func TestEnv(t *testing.T) {
	t.Setenv("TF_LOG", "trace")
	t.Setenv("TF_LOG_PROVIDER", "trace")
	t.Setenv("TENCENTRTC_SECRET_KEY", "k")
	t.Setenv("TF_IN_AUTOMATION", "1")
	env := Env([]string{"TF_LOG", "TENCENTRTC_"}, "TF_CLI_CONFIG_FILE=/dev/null")
	for _, kv := range env {
		if strings.HasPrefix(kv, "TF_LOG") || strings.HasPrefix(kv, "TENCENTRTC_") {
			t.Errorf("Env kept %s", kv)
		}
	}
	if !slices.Contains(env, "TF_IN_AUTOMATION=1") || env[len(env)-1] != "TF_CLI_CONFIG_FILE=/dev/null" {
		t.Errorf("Env dropped a variable it should keep, or did not end with the set ones: %q", env)
	}
}

func TestVersion(t *testing.T) {
	cli := fakeCLI(t, "terraform")
	got, err := Version(t.Context(), cli, []string{"LABEL= (from env)"})
	if err != nil || got != "Terraform v1.2.3 (from env)" {
		t.Errorf("Version = %q, %v; want the first line, run with env", got, err)
	}
	if _, err := Version(t.Context(), filepath.Join(t.TempDir(), "missing"), nil); err == nil {
		t.Error("Version of a missing CLI: no error")
	}
}

func TestTail(t *testing.T) {
	if got := Tail("a\nb\nc\n", 2); got != "...\nb\nc" {
		t.Errorf("Tail of 3 lines, 2 kept = %q", got)
	}
	if got := Tail("a\nb\n", 2); got != "a\nb" {
		t.Errorf("Tail of 2 lines, 2 kept = %q", got)
	}
}

func TestExitCode(t *testing.T) {
	for script, want := range map[string]int{"exit 0": 0, "exit 2": 2} {
		if code, err := ExitCode(exec.Command("sh", "-c", script).Run()); code != want || err != nil {
			t.Errorf("%s: ExitCode = %d, %v; want %d", script, code, err, want)
		}
	}
	if _, err := ExitCode(exec.Command(filepath.Join(t.TempDir(), "missing")).Run()); err == nil {
		t.Error("a command that did not start: no error")
	}
}

func TestFind(t *testing.T) {
	var said strings.Builder
	cli := fakeCLI(t, "terraform")
	t.Setenv("TERRAFORM", cli)
	if p, name, err := Find(t.Context(), "", &said); p != cli || name != "terraform" || err != nil {
		t.Errorf("TERRAFORM set: Find = %q, %q, %v", p, name, err)
	}
	t.Setenv("TERRAFORM", filepath.Join(t.TempDir(), "missing"))
	if _, _, err := Find(t.Context(), "", &said); err == nil || !strings.Contains(err.Error(), "is not an executable") {
		t.Errorf("TERRAFORM missing: %v", err)
	}
	t.Setenv("TERRAFORM", "")
	t.Setenv("PATH", filepath.Dir(cli))
	if p, name, err := Find(t.Context(), "", &said); p != cli || name != "terraform" || err != nil {
		t.Errorf("terraform on PATH: Find = %q, %q, %v", p, name, err)
	}
	t.Setenv("PATH", t.TempDir())
	if _, _, err := Find(t.Context(), "", &said); err == nil || !strings.Contains(err.Error(), "no Terraform-compatible CLI") {
		t.Errorf("no CLI and no clone: %v", err)
	}
	if !strings.HasPrefix(said.String(), "    Terraform is not on PATH: using OpenTofu") {
		t.Errorf("the user was not told about OpenTofu: %q", said.String())
	}
}
