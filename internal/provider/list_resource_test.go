package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

// skipBelowQuery skips query steps on CLIs without `terraform query`
// (Terraform before 1.14, and OpenTofu: plugin-testing compares version
// numbers only, and OpenTofu 1.12 is below 1.14).
var skipBelowQuery = []tfversion.TerraformVersionCheck{skipOpenTofu{}, tfversion.SkipBelow(tfversion.Version1_14_0)}

// skipOpenTofu skips on OpenTofu, which has no `query` command in any
// version, with that reason rather than a version comparison.
type skipOpenTofu struct{}

func (skipOpenTofu) CheckTerraformVersion(_ context.Context, _ tfversion.CheckTerraformVersionRequest, resp *tfversion.CheckTerraformVersionResponse) {
	if cli, err := cliInfoOnce(); err == nil && cli.name == "OpenTofu" {
		resp.Skip = cli.String() + " has no `query` command (Terraform 1.14+ only): skipping"
	}
}

func listBlocks(config string) string {
	return fmt.Sprintf(`
list "tencentrtc_callback_config" "all" {
  provider         = tencentrtc
  include_resource = true
%[1]s
}

list "tencentrtc_live_callback_token" "all" {
  provider         = tencentrtc
  include_resource = true
}
`, config)
}

func byCallbackIdentity(app uint64, p catalog.Product) queryfilter.QueryFilter {
	return queryfilter.ByResourceIdentity(callbackIdentity(app, p))
}

// TestListResource_query lists what was configured out of band: every app
// with credentials by default, products without a configuration skipped, the
// full resource with include_resource, the token never returned; then a
// narrowed config {}.
func TestListResource_query(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t)
	putEmulatorConfig(t, srv, testAppID, catalog.Call, "https://hooks.example.com/a/call", testfixtures.DocumentedWords(catalog.Call)[0])
	putEmulatorConfig(t, srv, testAppID, catalog.Room, "https://hooks.example.com/a/room", testfixtures.DocumentedWords(catalog.Room)[0])
	putEmulatorConfig(t, srv, testApp2ID, catalog.Live, "https://hooks.example.com/b/live", testfixtures.DocumentedWords(catalog.Live)[0])
	putEmulatorConfig(t, srv, testApp2ID, catalog.CallKit, "https://hooks.example.com/b/callkit", testfixtures.DocumentedWords(catalog.CallKit)[0])
	srv.PutLiveToken(testApp2ID, emulator.LiveToken{Token: identityToken, Enabled: false})

	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   skipBelowQuery,
		Steps: []resource.TestStep{
			{
				Query:  true,
				Config: testfixtures.ProviderConfig(srv.URL) + listBlocks(""),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("tencentrtc_callback_config.all", 4),
					querycheck.ExpectIdentity("tencentrtc_callback_config.all", callbackIdentity(testApp2ID, catalog.CallKit)),
					querycheck.ExpectResourceDisplayName("tencentrtc_callback_config.all", byCallbackIdentity(testAppID, catalog.Room),
						knownvalue.StringExact(fmt.Sprintf("%d/room", testAppID))),
					querycheck.ExpectResourceKnownValues("tencentrtc_callback_config.all", byCallbackIdentity(testApp2ID, catalog.Live), []querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("url"), KnownValue: knownvalue.StringExact("https://hooks.example.com/b/live")},
						{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact(fmt.Sprintf("%d/live", testApp2ID))},
						{Path: tfjsonpath.New("callback_commands"), KnownValue: stringSetCheck(testfixtures.DocumentedWords(catalog.Live)[0])},
					}),
					querycheck.ExpectLength("tencentrtc_live_callback_token.all", 1),
					querycheck.ExpectResourceKnownValues("tencentrtc_live_callback_token.all", queryfilter.ByDisplayName(knownvalue.StringExact(fmt.Sprintf("%d/live_token", testApp2ID))), []querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("enabled"), KnownValue: knownvalue.Bool(false)},
						{Path: tfjsonpath.New("token"), KnownValue: knownvalue.Null()},
					}),
					// Every object at the emulator, once: 4 configurations and 1 token.
					querycheck.ExpectTotalLengthForMatching(regexp.MustCompile(`tencentrtc_\w+\.all$`), 5),
				},
			},
			{
				Query: true,
				Config: testfixtures.ProviderConfig(srv.URL) + listBlocks(fmt.Sprintf(`  config {
    sdk_app_ids = [%d]
    products    = ["callkit", "call", "callkit"]
  }`, testApp2ID)),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("tencentrtc_callback_config.all", 1),
					querycheck.ExpectIdentity("tencentrtc_callback_config.all", callbackIdentity(testApp2ID, catalog.CallKit)),
				},
			},
		},
	})
}

// TestListResource_invalidConfig: bad config {} values fail with the
// attribute named.
func TestListResource_invalidConfig(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   skipBelowQuery,
		Steps: []resource.TestStep{
			{
				Query:       true,
				Config:      testfixtures.ProviderConfig(srv.URL) + listBlocks(`  config { products = ["video"] }`),
				ExpectError: regexp.MustCompile(`(?s)Invalid Product.*"video"`),
			},
			{
				Query:       true,
				Config:      testfixtures.ProviderConfig(srv.URL) + listBlocks(`  config { sdk_app_ids = [0] }`),
				ExpectError: regexp.MustCompile(`(?s)sdk_app_ids`),
			},
		},
	})
}
