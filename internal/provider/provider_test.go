package provider

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

// The tests in this package run the provider through a real Terraform or
// OpenTofu CLI (terraform-plugin-testing, resource.UnitTest) against an
// in-process emulator. TestMain refuses to run without a CLI: a suite that
// silently skips is a hidden failure.
func TestMain(m *testing.M) {
	if err := prepareCLI(); err != nil {
		fmt.Fprintln(os.Stderr, "FAIL: "+err.Error())
		os.Exit(1)
	}
	code := m.Run()
	removeProviderBinary()
	os.Exit(code)
}

// prepareCLI resolves the CLI the tests use and makes the environment
// deterministic (ARCHITECTURE.md §Toolchain and test environment): a CLI config file that exists, no forced
// downloads.
func prepareCLI() error {
	if v := os.Getenv("TF_ACC_TERRAFORM_VERSION"); v != "" {
		return fmt.Errorf("TF_ACC_TERRAFORM_VERSION=%s would make terraform-plugin-testing download a CLI; unset it and set TF_ACC_TERRAFORM_PATH (make test does this)", v)
	}
	if cfg := os.Getenv("TF_CLI_CONFIG_FILE"); cfg == "" || !fileExists(cfg) {
		_ = os.Setenv("TF_CLI_CONFIG_FILE", os.DevNull)
	}
	path := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if path == "" {
		found, err := exec.LookPath("terraform")
		if err != nil {
			return fmt.Errorf("no Terraform-compatible CLI: TF_ACC_TERRAFORM_PATH is unset and no terraform is on PATH. Run `make test`, which finds Terraform or builds OpenTofu, or set TF_ACC_TERRAFORM_PATH to a terraform or tofu binary")
		}
		path = found
	}
	if !fileExists(path) {
		return fmt.Errorf("TF_ACC_TERRAFORM_PATH=%s does not exist", path)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	_ = os.Setenv("TF_ACC_TERRAFORM_PATH", abs)
	if strings.Contains(filepath.Base(abs), "tofu") && os.Getenv("TF_ACC_PROVIDER_HOST") == "" {
		_ = os.Setenv("TF_ACC_PROVIDER_HOST", "registry.opentofu.org")
	}
	if os.Getenv("TF_ACC_TEMP_DIR") == "" {
		dir := filepath.Join(os.TempDir(), "tencentrtc-acc")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		_ = os.Setenv("TF_ACC_TEMP_DIR", dir)
	}
	return nil
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// testAccProtoV6ProviderFactories serves the provider in-process.
var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"tencentrtc": providerserver.NewProtocol6WithError(New("test")()),
}

// Test apps: fixed IDs and keys, known to every test emulator.
const (
	testAppID      = testfixtures.AppID
	testAppSecret  = testfixtures.AppSecret
	testApp2ID     = testfixtures.App2ID
	testApp2Secret = testfixtures.App2Secret
)

// The addresses of the resources and the data source that the tests
// declare as "test".
const (
	callbackConfigAddr     = "tencentrtc_callback_config.test"
	liveTokenAddr          = "tencentrtc_live_callback_token.test"
	callbackConfigDataAddr = "data.tencentrtc_callback_config.test"
)

// startEmulator starts an in-process emulator that knows both test apps and
// is closed when the test ends.
func startEmulator(t *testing.T) *emulator.Server {
	t.Helper()
	return testfixtures.StartEmulator(t, emulator.Options{})
}
