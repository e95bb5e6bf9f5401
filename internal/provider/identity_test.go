package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

// skipBelowIdentity skips identity steps on CLIs without resource identity
// (Terraform and OpenTofu before 1.12); plugin-testing prints the reason.
var skipBelowIdentity = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)}

const identityToken = "identity-test-token-4c1d8e0f2a7b" //nolint:gosec // G101: a test value

// identityImportConfig imports, by identity, the call configuration of the
// default app (sdk_app_id omitted), the live configuration of the second app
// and the second app's Live token.
func identityImportConfig(srv *emulator.Server) string {
	return testfixtures.ProviderConfig(srv.URL) + fmt.Sprintf(`
import {
  to       = tencentrtc_callback_config.call
  identity = { product = "call" }
}

resource "tencentrtc_callback_config" "call" {
  product           = "call"
  url               = "https://hooks.example.com/call"
  callback_commands = [%[1]q]
}

import {
  to       = tencentrtc_callback_config.live
  identity = { sdk_app_id = %[2]d, product = "live" }
}

resource "tencentrtc_callback_config" "live" {
  sdk_app_id        = %[2]d
  product           = "live"
  url               = "https://hooks.example.com/live"
  callback_commands = [%[3]q]
}

import {
  to       = tencentrtc_live_callback_token.t
  identity = { sdk_app_id = %[2]d }
}

resource "tencentrtc_live_callback_token" "t" {
  sdk_app_id = %[2]d
  token      = %[4]q
}
`, testfixtures.DocumentedWords(catalog.Call)[0], testApp2ID, testfixtures.DocumentedWords(catalog.Live)[0], identityToken)
}

// callbackIdentity is the identity of the callback configuration of app's
// product.
func callbackIdentity(app uint64, p catalog.Product) map[string]knownvalue.Check {
	return map[string]knownvalue.Check{
		"sdk_app_id": knownvalue.Int64Exact(int64(app)), //nolint:gosec // test IDs
		"product":    knownvalue.StringExact(string(p)),
	}
}

// TestResourceIdentity_importBlock imports existing objects with import
// blocks that carry an identity, one of them without sdk_app_id (the
// provider's default app). The import plans no change, writes nothing, and
// the state (terraform show -json) holds the identities.
func TestResourceIdentity_importBlock(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t)
	putEmulatorConfig(t, srv, testAppID, catalog.Call, "https://hooks.example.com/call", testfixtures.DocumentedWords(catalog.Call)[0])
	putEmulatorConfig(t, srv, testApp2ID, catalog.Live, "https://hooks.example.com/live", testfixtures.DocumentedWords(catalog.Live)[0])
	srv.PutLiveToken(testApp2ID, emulator.LiveToken{Token: identityToken, Enabled: true})

	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   skipBelowIdentity,
		Steps: []resource.TestStep{{
			Config: identityImportConfig(srv),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction("tencentrtc_callback_config.call", plancheck.ResourceActionNoop),
				plancheck.ExpectResourceAction("tencentrtc_callback_config.live", plancheck.ResourceActionNoop),
				plancheck.ExpectResourceAction("tencentrtc_live_callback_token.t", plancheck.ResourceActionNoop),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectIdentity("tencentrtc_callback_config.call", callbackIdentity(testAppID, catalog.Call)),
				statecheck.ExpectIdentity("tencentrtc_callback_config.live", callbackIdentity(testApp2ID, catalog.Live)),
				statecheck.ExpectIdentity("tencentrtc_live_callback_token.t", map[string]knownvalue.Check{
					"sdk_app_id": knownvalue.Int64Exact(testApp2ID),
				}),
				statecheck.ExpectKnownValue("tencentrtc_callback_config.call", tfjsonpath.New("id"), knownvalue.StringExact(fmt.Sprintf("%d/call", testAppID))),
			},
			Check: checkNoWrites(srv),
		}},
	})
}

// TestResourceIdentity_lifecycle: create sets the identity, and
// plugin-testing's import by identity (an import block with the identity
// taken from the state) imports the same object with the same identity.
func TestResourceIdentity_lifecycle(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   skipBelowIdentity,
		Steps: []resource.TestStep{
			{
				Config: testCallbackConfigResourceConfig(srv, "room", "https://hooks.example.com/room", testfixtures.DocumentedWords(catalog.Room)[0]) +
					liveTokenConfig(identityToken, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentityValue(callbackConfigAddr, tfjsonpath.New("sdk_app_id"), knownvalue.Int64Exact(testAppID)),
					statecheck.ExpectIdentityValue(callbackConfigAddr, tfjsonpath.New("product"), knownvalue.StringExact("room")),
					statecheck.ExpectIdentityValueMatchesState(liveTokenAddr, tfjsonpath.New("sdk_app_id")),
				},
			},
			{
				ResourceName:    callbackConfigAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
			{
				ResourceName:    liveTokenAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
		},
	})
}

// TestResourceIdentity_invalid: a bad import identity fails with the fix.
func TestResourceIdentity_invalid(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t)
	importBlock := func(identity string) string {
		return fmt.Sprintf(`
import {
  to       = tencentrtc_callback_config.test
  identity = { %s }
}
`, identity)
	}
	noDefaultApp := fmt.Sprintf(`
provider "tencentrtc" {
  endpoint = %q
  apps     = { "%d" = { secret_key = %q } }
}
`, srv.URL, testApp2ID, testApp2Secret)
	res := `
resource "tencentrtc_callback_config" "test" {
  sdk_app_id        = 1400000002
  product           = "call"
  url               = "https://hooks.example.com/call"
  callback_commands = ["Call.CallbackAfterEndCall"]
}
`
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   skipBelowIdentity,
		Steps: []resource.TestStep{
			{
				Config:      testCallbackConfigResourceConfig(srv, "call", "https://hooks.example.com/call", "Call.CallbackAfterEndCall") + importBlock(`product = "video"`),
				ExpectError: regexp.MustCompile(`(?s)Invalid Import Identity.*video`),
			},
			{
				Config:      noDefaultApp + res + importBlock(`product = "call"`),
				ExpectError: regexp.MustCompile(`(?s)Invalid Import Identity.*no\s+sdk_app_id.*no\s+default\s+sdk_app_id`),
			},
		},
	})
}
