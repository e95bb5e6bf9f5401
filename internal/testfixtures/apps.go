package testfixtures

import (
	"fmt"
	"testing"

	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
)

// The two test apps every test emulator knows: fixed IDs and keys. The first
// is the provider's default app in ProviderConfig, the second sits in its
// apps map.
const (
	AppID      = 1400000001
	AppSecret  = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e" //nolint:gosec // G101: a fake key of the test apps
	App2ID     = 1400000002
	App2Secret = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0" //nolint:gosec // G101: a fake key of the test apps
)

// TestApps returns the two test apps.
func TestApps() []emulator.App {
	return []emulator.App{
		{SDKAppID: AppID, SecretKey: AppSecret},
		{SDKAppID: App2ID, SecretKey: App2Secret},
	}
}

// ExtraApps returns n more apps, SDKAppIDs from 1400000101, for tests that
// manage many apps at once.
func ExtraApps(n int) []emulator.App {
	apps := make([]emulator.App, n)
	for i := range apps {
		apps[i] = emulator.App{SDKAppID: uint64(1400000101 + i), SecretKey: fmt.Sprintf("key-of-app-%03d-%s", i, App2Secret[:16])}
	}
	return apps
}

// StartEmulator starts an in-process emulator that knows the test apps and
// the apps in opts, and closes it when the test ends.
func StartEmulator(t testing.TB, opts emulator.Options) *emulator.Server {
	t.Helper()
	opts.Apps = append(TestApps(), opts.Apps...)
	srv, err := emulator.NewServer(opts)
	if err != nil {
		t.Fatalf("start emulator: %v", err)
	}
	t.Cleanup(srv.Close)
	return srv
}
