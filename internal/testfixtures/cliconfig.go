package testfixtures

import (
	"fmt"
	"os"
	"path/filepath"
)

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
