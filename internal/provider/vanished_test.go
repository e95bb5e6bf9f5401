package provider

import (
	"strings"
	"testing"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

// TestVanishedWarning: when a configuration or the token was deleted outside
// Terraform, the warning says so and that Terraform plans to create it again,
// in the same plan that shows the create (not "the next plan").
func TestVanishedWarning(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, resource, summary, want string
	}{
		{"callback config", testfixtures.CallbackConfigResource("test", testAppID, catalog.Live, "https://hooks.example.com/cb"), "Callback Configuration Not Found",
			"The live callback configuration of SDKAppID 1400000001 no longer exists; it was probably deleted outside Terraform, so it was removed from the state. While the resource stays in the configuration, Terraform plans to create it again."},
		{"live token", liveTokenConfig("vanishing-token-0123", ""), "Live Callback Token Not Found",
			"SDKAppID 1400000001 has no Live callback token any more; it was probably deleted outside Terraform, so it was removed from the state. Until a token is set again, Live callbacks carry no Sign. While the resource stays in the configuration, Terraform plans to create it again."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := startEmulator(t)
			w := newCLIWorkspace(t, testfixtures.ProviderConfig(srv.URL)+tt.resource)
			w.mustRun(0, applyArgs()...)
			srv.DeleteConfig(testAppID, catalog.Live)
			srv.DeleteLiveToken(testAppID)
			res := w.mustRun(2, planArgs()...)
			out := oneLine(res.stdout + res.stderr)
			if !strings.Contains(out, "Warning: "+tt.summary) || !strings.Contains(out, tt.want) || !strings.Contains(out, "will be created") {
				t.Errorf("want %q and a create in:\n%s", tt.want, res)
			}
			if strings.Contains(out, "next plan") {
				t.Errorf("the warning speaks of the next plan:\n%s", res)
			}
		})
	}
}
