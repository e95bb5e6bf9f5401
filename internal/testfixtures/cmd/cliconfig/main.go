// Command cliconfig writes DIR/cli.tfrc, the CLI configuration whose
// dev_overrides point Terraform and OpenTofu at the provider binary in BINDIR,
// and prints its path: `TF_CLI_CONFIG_FILE=$(go run ./internal/testfixtures/cmd/cliconfig DIR BINDIR)`.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: cliconfig DIR BINDIR")
		os.Exit(2)
	}
	path, err := write(os.Args[1], os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "cliconfig:", err)
		os.Exit(1)
	}
	fmt.Println(path)
}

func write(dir, binDir string) (string, error) {
	bin, err := filepath.Abs(binDir)
	if err != nil {
		return "", err
	}
	return testfixtures.WriteCLIConfig(dir, bin)
}
