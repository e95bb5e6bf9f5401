package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

func TestCallbackConfigDataSource(t *testing.T) {
	srv := startEmulator(t)
	putEmulatorConfig(t, srv, testAppID, catalog.CallKit, "https://hooks.example.com/callkit", "normal_end", "call_busy")

	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// A configuration made elsewhere (v1 callkit API).
				Config: testfixtures.ProviderConfig(srv.URL) + callbackConfigData("callkit"),
				ConfigStateChecks: expectState(callbackConfigDataAddr, values{
					"id":                knownvalue.StringExact(fmt.Sprintf("%d/callkit", testAppID)),
					"sdk_app_id":        knownvalue.Int64Exact(testAppID),
					"url":               knownvalue.StringExact("https://hooks.example.com/callkit"),
					"callback_commands": stringSetCheck("call_busy", "normal_end"),
				}),
			},
			{
				// Read after a resource create, in another app.
				Config: testfixtures.ProviderConfig(srv.URL) + fmt.Sprintf(`
resource "tencentrtc_callback_config" "live" {
  sdk_app_id        = %[1]d
  product           = "live"
  url               = "https://hooks.example.com/live"
  callback_commands = ["Live.CallbackAfterCreateRoom", "Live.CallbackAfterDestroyRoom"]
}

data "tencentrtc_callback_config" "test" {
  sdk_app_id = tencentrtc_callback_config.live.sdk_app_id
  product    = tencentrtc_callback_config.live.product
}
`, testApp2ID),
				ConfigStateChecks: expectState(callbackConfigDataAddr, values{
					"id":                knownvalue.StringExact(fmt.Sprintf("%d/live", testApp2ID)),
					"url":               knownvalue.StringExact("https://hooks.example.com/live"),
					"callback_commands": stringSetCheck("Live.CallbackAfterCreateRoom", "Live.CallbackAfterDestroyRoom"),
				}),
			},
		},
	})
}

func TestCallbackConfigDataSource_missing(t *testing.T) {
	srv := startEmulator(t)

	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      testfixtures.ProviderConfig(srv.URL) + callbackConfigData("room"),
				ExpectError: regexp.MustCompile(`(?s)Callback Configuration Not Found.*SDKAppID 1400000001 has no callback\s+configuration for product "room".*tencentrtc_callback_config\s+resource`),
			},
			{
				Config:      testfixtures.ProviderConfig(srv.URL) + callbackConfigData("video"),
				ExpectError: regexp.MustCompile(`(?s)Invalid Product.*product "video" is not one of call, live, room, callkit`),
			},
			{
				// Errors of a data source speak of a data source.
				PreConfig: func() {
					srv.InjectFault(emulator.Fault{Kind: emulator.FaultErrorCode, Code: 100002, PathPrefix: "/v4/room_config/get_callback"})
				},
				Config:      testfixtures.ProviderConfig(srv.URL) + callbackConfigData("room"),
				ExpectError: regexp.MustCompile(`(?s)Unable to Read Callback Configuration Data Source.*error\s+100002`),
			},
			{
				Config: fmt.Sprintf(`
provider "tencentrtc" {
  endpoint = %q
}
`, srv.URL) + callbackConfigData("room"),
				ExpectError: testfixtures.Texts("no SDKAppID: set sdk_app_id in this block, or sdk_app_id in the provider block"),
			},
		},
	})
}

// callbackConfigData is the data source "test" reading product of the
// provider's default app.
func callbackConfigData(product string) string {
	return fmt.Sprintf(`
data "tencentrtc_callback_config" "test" {
  product = %q
}
`, product)
}
