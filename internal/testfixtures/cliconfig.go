package testfixtures

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// BuildProvider builds the provider of the module at srcDir into
// binDir/terraform-provider-tencentrtc, the binary CLIConfig(binDir) points
// the CLI at; the error carries go build's output.
func BuildProvider(ctx context.Context, srcDir, binDir string) error {
	build := exec.CommandContext(ctx, "go", "build", "-o", filepath.Join(binDir, "terraform-provider-tencentrtc"), ".") //nolint:gosec // tests only: binDir is their temporary folder
	build.Dir = srcDir
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("go build of the provider in %s: %w\n%s", srcDir, err, out)
	}
	return nil
}

// CLIConfig is a Terraform/OpenTofu CLI configuration whose dev_overrides
// make the CLI use the tencentrtc provider binary in binDir: no registry, no
// init.
func CLIConfig(binDir string) string {
	return fmt.Sprintf(`provider_installation {
  dev_overrides {
    "registry.terraform.io/tencentrtc/tencentrtc" = %[1]q
    "registry.opentofu.org/tencentrtc/tencentrtc" = %[1]q
  }
  direct {}
}
`, binDir)
}

// WriteCLIConfig writes CLIConfig(binDir) to dir/cli.tfrc and returns its
// path, for TF_CLI_CONFIG_FILE.
func WriteCLIConfig(dir, binDir string) (string, error) {
	path := filepath.Join(dir, "cli.tfrc")
	return path, os.WriteFile(path, []byte(CLIConfig(binDir)), 0o600)
}
