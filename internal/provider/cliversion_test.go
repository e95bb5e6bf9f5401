package provider

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/go-version"
)

// cliInfo is what the real-CLI tests need to know of TF_ACC_TERRAFORM_PATH.
type cliInfo struct {
	name    string // "Terraform" or "OpenTofu"
	version *version.Version
}

func (c cliInfo) String() string { return c.name + " " + c.version.String() }

var cliInfoOnce = sync.OnceValues(func() (cliInfo, error) {
	path := os.Getenv("TF_ACC_TERRAFORM_PATH")
	cmd := exec.Command(path, "version", "-json")
	cmd.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1")
	out, err := cmd.Output()
	if err != nil {
		return cliInfo{}, fmt.Errorf("%s version -json: %w", path, err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		return cliInfo{}, fmt.Errorf("%s version -json: %w", path, err)
	}
	parsed, err := version.NewVersion(v.Version)
	if err != nil {
		return cliInfo{}, err
	}
	name := "Terraform"
	if text, err := exec.Command(path, "version").Output(); err == nil && strings.HasPrefix(string(text), "OpenTofu") {
		name = "OpenTofu"
	}
	return cliInfo{name: name, version: parsed}, nil
})

// testCLI returns the CLI under test.
func testCLI(t *testing.T) cliInfo {
	t.Helper()
	info, err := cliInfoOnce()
	if err != nil {
		t.Fatal(err)
	}
	return info
}

// skipWithoutIdentity skips a real-CLI test on CLIs without resource identity.
func skipWithoutIdentity(t *testing.T) cliInfo {
	t.Helper()
	cli := testCLI(t)
	if cli.version.LessThan(version.Must(version.NewVersion("1.12.0"))) {
		t.Skipf("%s has no resource identity (Terraform and OpenTofu 1.12+): skipping", cli)
	}
	return cli
}

// skipWithoutQuery skips a real-CLI test on CLIs without `terraform query`.
func skipWithoutQuery(t *testing.T) cliInfo {
	t.Helper()
	cli := testCLI(t)
	if cli.name != "Terraform" || cli.version.LessThan(version.Must(version.NewVersion("1.14.0"))) {
		t.Skipf("%s has no `query` command (Terraform 1.14+ only): skipping", cli)
	}
	return cli
}
