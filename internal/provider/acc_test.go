package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/client"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

// Acceptance tests: run with `make testacc` (TF_ACC=1) against the app the
// environment names; see acc_helpers_test.go. None calls t.Parallel.

func TestAccCallbackConfig_call(t *testing.T)    { testAccCallbackConfigLifecycle(t, catalog.Call) }
func TestAccCallbackConfig_live(t *testing.T)    { testAccCallbackConfigLifecycle(t, catalog.Live) }
func TestAccCallbackConfig_room(t *testing.T)    { testAccCallbackConfigLifecycle(t, catalog.Room) }
func TestAccCallbackConfig_callkit(t *testing.T) { testAccCallbackConfigLifecycle(t, catalog.CallKit) }

// testAccCallbackConfigLifecycle: create, import (both ID forms), update of
// the URL and the words, a change made outside Terraform that the next apply
// reverts, and destroy, each checked through the API.
func testAccCallbackConfigLifecycle(t *testing.T, product catalog.Product) {
	a := newAccApp(t)
	p := string(product)
	w := testfixtures.DocumentedWords(product)
	urlA, urlB, urlDrift := accURL(p, "a"), accURL(p, "b?run=acc"), accURL(p, "changed-outside-terraform")

	resource.Test(t, resource.TestCase{
		PreCheck:                 a.preCheck(false, product),
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             a.checkNoConfig(product),
		Steps: []resource.TestStep{
			{
				Config: accCallbackConfig(p, urlA, w[0], w[1]),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(callbackConfigAddr, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(callbackConfigAddr, tfjsonpath.New("product"), knownvalue.StringExact(p)),
					statecheck.ExpectKnownValue(callbackConfigAddr, tfjsonpath.New("url"), knownvalue.StringExact(urlA)),
					statecheck.ExpectKnownValue(callbackConfigAddr, tfjsonpath.New("callback_commands"), stringSetCheck(w[0], w[1])),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					a.checkID(callbackConfigAddr, p),
					a.checkConfig(product, urlA, w[0], w[1]),
				),
			},
			{
				ResourceName:      callbackConfigAddr,
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				// The short form, for the provider's default app.
				ResourceName:      callbackConfigAddr,
				ImportState:       true,
				ImportStateId:     p,
				ImportStateVerify: true,
			},
			{
				Config: accCallbackConfig(p, urlB, w[0], w[2]),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(callbackConfigAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(callbackConfigAddr, tfjsonpath.New("url"), knownvalue.StringExact(urlB)),
					statecheck.ExpectKnownValue(callbackConfigAddr, tfjsonpath.New("callback_commands"), stringSetCheck(w[0], w[2])),
				},
				Check: a.checkConfig(product, urlB, w[0], w[2]),
			},
			{
				PreConfig: func() { a.putConfig(product, urlDrift, w[1]) },
				Config:    accCallbackConfig(p, urlB, w[0], w[2]),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(callbackConfigAddr, plancheck.ResourceActionUpdate),
				}},
				Check: a.checkConfig(product, urlB, w[0], w[2]),
			},
		},
	})
}

// TestAccLiveCallbackToken: create, import, update of enabled, rotation and
// destroy, checked through the API.
func TestAccLiveCallbackToken(t *testing.T) {
	a := newAccApp(t)
	first, second := accToken(t), accToken(t)

	resource.Test(t, resource.TestCase{
		PreCheck:                 a.preCheck(true),
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             a.checkNoToken(),
		Steps: []resource.TestStep{
			{
				Config: accProviderBlock + liveTokenConfig(first, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(liveTokenAddr, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
					statecheck.ExpectSensitiveValue(liveTokenAddr, tfjsonpath.New("token")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					a.checkID(liveTokenAddr, liveTokenIDSuffix),
					a.checkToken(client.LiveCallbackToken{Token: first, Enabled: true}),
				),
			},
			{
				ResourceName:      liveTokenAddr,
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				ResourceName:      liveTokenAddr,
				ImportState:       true,
				ImportStateId:     liveTokenIDSuffix,
				ImportStateVerify: true,
			},
			{
				Config: accProviderBlock + liveTokenConfig(first, "enabled = false"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(liveTokenAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(liveTokenAddr, tfjsonpath.New("enabled"), knownvalue.Bool(false)),
				},
				Check: a.checkToken(client.LiveCallbackToken{Token: first, Enabled: false}),
			},
			{
				Config: accProviderBlock + liveTokenConfig(second, "enabled = false"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(liveTokenAddr, plancheck.ResourceActionUpdate),
				}},
				Check: a.checkToken(client.LiveCallbackToken{Token: second, Enabled: false}),
			},
		},
	})
}

// TestAccCallbackConfigDataSource subscribes a room configuration to every
// word the commands data source lists (so the catalogue is checked against
// the API) and reads it back with the config data source.
func TestAccCallbackConfigDataSource(t *testing.T) {
	a := newAccApp(t)
	url := accURL("room", "data-source")
	names := testfixtures.DocumentedWords(catalog.Room)

	resource.Test(t, resource.TestCase{
		PreCheck:                 a.preCheck(false, catalog.Room),
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             a.checkNoConfig(catalog.Room),
		Steps: []resource.TestStep{{
			Config: accProviderBlock + fmt.Sprintf(`
data "tencentrtc_callback_commands" "room" {
  product = "room"
}

resource "tencentrtc_callback_config" "test" {
  product           = "room"
  url               = %[1]q
  callback_commands = data.tencentrtc_callback_commands.room.names
}

data "tencentrtc_callback_config" "test" {
  product    = tencentrtc_callback_config.test.product
  depends_on = [tencentrtc_callback_config.test]
}
`, url),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(callbackConfigDataAddr, tfjsonpath.New("url"), knownvalue.StringExact(url)),
				statecheck.ExpectKnownValue(callbackConfigDataAddr, tfjsonpath.New("callback_commands"), stringSetCheck(names...)),
				statecheck.CompareValuePairs(callbackConfigDataAddr, tfjsonpath.New("id"), callbackConfigAddr, tfjsonpath.New("id"), compare.ValuesSame()),
				statecheck.CompareValuePairs(callbackConfigDataAddr, tfjsonpath.New("sdk_app_id"), callbackConfigAddr, tfjsonpath.New("sdk_app_id"), compare.ValuesSame()),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				a.checkID(callbackConfigDataAddr, "room"),
				a.checkConfig(catalog.Room, url, names...),
			),
		}},
	})
}

// TestAccCallbackCommandsDataSource lists the words of every product; it
// calls no API, but runs through the provider configured from the
// environment like the others.
func TestAccCallbackCommandsDataSource(t *testing.T) {
	a := newAccApp(t)
	var cfg strings.Builder
	cfg.WriteString(accProviderBlock)
	var checks []statecheck.StateCheck
	for _, p := range catalog.Products {
		fmt.Fprintf(&cfg, "\ndata \"tencentrtc_callback_commands\" %[1]q {\n  product = %[1]q\n}\n", p)
		addr := "data.tencentrtc_callback_commands." + string(p)
		checks = append(checks,
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("names"), stringSetCheck(testfixtures.DocumentedWords(p)...)),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("commands"), knownvalue.ListSizeExact(len(catalog.Commands(p)))),
		)
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 a.preCheck(false),
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    []resource.TestStep{{Config: cfg.String(), ConfigStateChecks: checks}},
	})
}

func accCallbackConfig(product, url string, words ...string) string {
	return accProviderBlock + fmt.Sprintf(`
resource "tencentrtc_callback_config" "test" {
  product           = %[1]q
  url               = %[2]q
  callback_commands = [%[3]s]
}
`, product, url, testfixtures.Quoted(words))
}
