package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

// updatePaths are the API paths of the update verb per product (API.md §Verbs per product):
// call updates with its upsert set verb.
var updatePaths = map[catalog.Product]string{
	catalog.Call:    "/v4/call_config/set_callback",
	catalog.Live:    "/v4/live_config/update_callback",
	catalog.Room:    "/v4/room_config/update_callback",
	catalog.CallKit: "/v1/callback/update",
}

// TestCallbackConfigResource walks every product through its life cycle:
// create, the three import styles, updates, a reorder that must not diff,
// out-of-band change and delete, and destroy, checking the emulator each time.
func TestCallbackConfigResource(t *testing.T) {
	t.Parallel()
	for _, product := range catalog.Products {
		t.Run(string(product), func(t *testing.T) {
			t.Parallel()
			testCallbackConfigLifecycle(t, product)
		})
	}
}

func testCallbackConfigLifecycle(t *testing.T, product catalog.Product) {
	srv := startEmulator(t)
	w := testfixtures.DocumentedWords(product)
	p := string(product)
	id := fmt.Sprintf("%d/%s", testAppID, p)
	urlA := "https://hooks.example.com/" + p
	urlB := "https://hooks2.example.com/" + p + "?team=rtc"

	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkEmulatorHasNoConfig(srv, testAppID, product),
		Steps: []resource.TestStep{
			{
				Config: testCallbackConfigResourceConfig(srv, p, urlA, w[0], w[1]),
				// id and sdk_app_id are resolved at plan time by ModifyPlan.
				ConfigPlanChecks: expectPlan(callbackConfigAddr, plancheck.ResourceActionCreate, values{
					"id":         knownvalue.StringExact(id),
					"sdk_app_id": knownvalue.Int64Exact(testAppID),
				}),
				ConfigStateChecks: expectState(callbackConfigAddr, values{
					"id":                knownvalue.StringExact(id),
					"sdk_app_id":        knownvalue.Int64Exact(testAppID),
					"product":           knownvalue.StringExact(p),
					"url":               knownvalue.StringExact(urlA),
					"callback_commands": stringSetCheck(w[0], w[1]),
				}),
				Check: checkEmulatorConfig(srv, testAppID, product, urlA, w[0], w[1]),
			},
			{
				ResourceName:      callbackConfigAddr,
				ImportState:       true,
				ImportStateId:     id,
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
				ResourceName:    callbackConfigAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   id,
			},
			{
				// terraform plan -generate-config-out: the generated
				// configuration must plan a no-op import. plugin-testing
				// imports into a new address while the state keeps the old
				// one; the removed block forgets it, so that it is not also
				// destroyed (which the provider refuses: one owner per target).
				Config:          testfixtures.ProviderConfig(srv.URL) + "removed {\n  from = " + callbackConfigAddr + "\n  lifecycle {\n    destroy = false\n  }\n}\n",
				ResourceName:    callbackConfigAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   id,
				GenerateConfig:  true,
			},
			{
				Config:            testCallbackConfigResourceConfig(srv, p, urlB, w[0], w[1]),
				ConfigPlanChecks:  expectPlan(callbackConfigAddr, plancheck.ResourceActionUpdate, nil),
				ConfigStateChecks: expectState(callbackConfigAddr, values{"url": knownvalue.StringExact(urlB)}),
				Check: resource.ComposeTestCheckFunc(
					checkEmulatorConfig(srv, testAppID, product, urlB, w[0], w[1]),
					checkEmulatorServed(srv, updatePaths[product]),
				),
			},
			{
				// Add a word.
				Config:           testCallbackConfigResourceConfig(srv, p, urlB, w[0], w[1], w[2]),
				ConfigPlanChecks: expectPlan(callbackConfigAddr, plancheck.ResourceActionUpdate, nil),
				Check:            checkEmulatorConfig(srv, testAppID, product, urlB, w[0], w[1], w[2]),
			},
			{
				// Remove a word.
				Config:           testCallbackConfigResourceConfig(srv, p, urlB, w[1], w[2]),
				ConfigPlanChecks: expectPlan(callbackConfigAddr, plancheck.ResourceActionUpdate, nil),
				ConfigStateChecks: expectState(callbackConfigAddr, values{
					"callback_commands": stringSetCheck(w[1], w[2]),
				}),
				Check: checkEmulatorConfig(srv, testAppID, product, urlB, w[1], w[2]),
			},
			{
				// Order never causes a diff.
				Config:           testCallbackConfigResourceConfig(srv, p, urlB, w[2], w[1]),
				ConfigPlanChecks: expectEmptyPlan(),
			},
			{
				// Changed outside Terraform: the plan puts it back.
				PreConfig: func() {
					putEmulatorConfig(t, srv, testAppID, product, "https://elsewhere.example.com/x", w[0])
				},
				Config: testCallbackConfigResourceConfig(srv, p, urlB, w[2], w[1]),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectNonEmptyPlan(),
					plancheck.ExpectResourceAction(callbackConfigAddr, plancheck.ResourceActionUpdate),
				}},
				Check: checkEmulatorConfig(srv, testAppID, product, urlB, w[1], w[2]),
			},
			{
				// Deleted outside Terraform: the plan creates it again.
				PreConfig:        func() { srv.DeleteConfig(testAppID, product) },
				Config:           testCallbackConfigResourceConfig(srv, p, urlB, w[2], w[1]),
				ConfigPlanChecks: expectPlan(callbackConfigAddr, plancheck.ResourceActionCreate, nil),
				Check:            checkEmulatorConfig(srv, testAppID, product, urlB, w[1], w[2]),
			},
		},
	})
}

// TestCallbackConfigResource_secondApp manages a configuration of an app
// whose credentials come from the provider's apps map.
func TestCallbackConfigResource_secondApp(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t)
	id := fmt.Sprintf("%d/call", testApp2ID)
	config := testfixtures.ProviderConfig(srv.URL) + fmt.Sprintf(`
resource "tencentrtc_callback_config" "test" {
  sdk_app_id        = %[1]d
  product           = "call"
  url               = "https://hooks.example.com/app2"
  callback_commands = ["Call.CallbackAfterEndCall"]
}
`, testApp2ID)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkEmulatorHasNoConfig(srv, testApp2ID, catalog.Call),
		Steps: []resource.TestStep{
			{
				Config:            config,
				ConfigStateChecks: expectState(callbackConfigAddr, values{"id": knownvalue.StringExact(id), "sdk_app_id": knownvalue.Int64Exact(testApp2ID)}),
				Check: resource.ComposeTestCheckFunc(
					checkEmulatorConfig(srv, testApp2ID, catalog.Call, "https://hooks.example.com/app2", "Call.CallbackAfterEndCall"),
					checkEmulatorHasNoConfig(srv, testAppID, catalog.Call),
				),
			},
			{
				ResourceName:      callbackConfigAddr,
				ImportState:       true,
				ImportStateId:     id,
				ImportStateVerify: true,
			},
			{
				// Drift in the second app is detected and repaired.
				PreConfig: func() {
					putEmulatorConfig(t, srv, testApp2ID, catalog.Call, "https://elsewhere.example.com/", "Call.CallbackAfterStartCall")
				},
				Config:           config,
				ConfigPlanChecks: expectPlan(callbackConfigAddr, plancheck.ResourceActionUpdate, nil),
				Check:            checkEmulatorConfig(srv, testApp2ID, catalog.Call, "https://hooks.example.com/app2", "Call.CallbackAfterEndCall"),
			},
			{
				// Moving to another app replaces the configuration.
				Config:           testCallbackConfigResourceConfig(srv, "call", "https://hooks.example.com/app2", "Call.CallbackAfterEndCall"),
				ConfigPlanChecks: expectPlan(callbackConfigAddr, plancheck.ResourceActionDestroyBeforeCreate, nil),
				Check: resource.ComposeTestCheckFunc(
					checkEmulatorConfig(srv, testAppID, catalog.Call, "https://hooks.example.com/app2", "Call.CallbackAfterEndCall"),
					checkEmulatorHasNoConfig(srv, testApp2ID, catalog.Call),
				),
			},
		},
	})
}

// TestCallbackConfigResource_missingCredentials: a resource naming an app the
// provider has no key for fails at plan time, pointing at sdk_app_id.
func TestCallbackConfigResource_missingCredentials(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: testfixtures.ProviderConfig(srv.URL) + `
resource "tencentrtc_callback_config" "test" {
  sdk_app_id        = 1400000099
  product           = "call"
  url               = "https://hooks.example.com/"
  callback_commands = ["Call.CallbackAfterEndCall"]
}
`,
				PlanOnly: true,
				ExpectError: testfixtures.Texts(
					"Missing Tencent RTC Credentials",
					"no credentials for SDKAppID 1400000099 (the provider has credentials for: 1400000001, 1400000002)",
					`apps = { "1400000099" = { secret_key = ... } }`,
				),
			},
			{
				// The default app without a key: the data source that
				// needs no key works, a resource fails naming the fix.
				Config: fmt.Sprintf(`
provider "tencentrtc" {
  endpoint   = %[1]q
  sdk_app_id = %[2]d
}

data "tencentrtc_callback_commands" "test" {
  product = "live"
}

resource "tencentrtc_callback_config" "test" {
  product           = "call"
  url               = "https://hooks.example.com/"
  callback_commands = ["Call.CallbackAfterEndCall"]
}
`, srv.URL, testAppID),
				PlanOnly:    true,
				ExpectError: testfixtures.Texts("SDKAppID 1400000001 is the provider's sdk_app_id but the provider has no secret_key for it: set secret_key in the provider block or the TENCENTRTC_SECRET_KEY environment variable"),
			},
		},
	})
}

// TestCallbackConfigResource_validation: mistakes fail at plan time with
// texts that say what to do, and reach no API.
func TestCallbackConfigResource_validation(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t)
	tests := []struct {
		name, product, url string
		words              []string
		want               string
	}{
		{"bad url", "call", "ftp://hooks.example.com", []string{"Call.CallbackAfterEndCall"},
			`url "ftp://hooks.example.com" is not a usable callback URL: it must start with https://`},
		{"url without host", "call", "https://", []string{"Call.CallbackAfterEndCall"}, "it has no host"},
		{"unknown word", "live", "https://hooks.example.com", []string{"Live.CallbackAfterCreatRoom"},
			`"Live.CallbackAfterCreatRoom" is not a callback command word of product "live"; did you mean "Live.CallbackAfterCreateRoom"?`},
		{"wrong product", "room", "https://hooks.example.com", []string{"Call.CallbackAfterStartCall"},
			`it belongs to product "call"`},
		{"empty set", "callkit", "https://hooks.example.com", nil, "callback_commands is empty, but a callback configuration sends at least one event. To stop the callbacks of this product, remove the resource instead"},
		{"empty word", "callkit", "https://hooks.example.com", []string{""}, "a command word must not be empty"},
		{"bad product", "chat", "https://hooks.example.com", []string{"x"}, `product "chat" is not one of call, live, room, callkit.`},
	}
	steps := make([]resource.TestStep, 0, len(tests))
	for _, tt := range tests {
		steps = append(steps, resource.TestStep{
			Config:      testCallbackConfigResourceConfig(srv, tt.product, tt.url, tt.words...),
			PlanOnly:    true,
			ExpectError: testfixtures.Texts(tt.want),
		})
	}
	// Every step above fails at plan, so the state stays empty and a
	// CheckDestroy would never run: a last step that applies nothing checks
	// that no request reached the API.
	steps = append(steps, resource.TestStep{
		Config: testfixtures.ProviderConfig(srv.URL),
		Check:  checkNoRequests(srv, "validation errors"),
	})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    steps,
	})
}

func testCallbackConfigResourceConfig(srv *emulator.Server, product, url string, words ...string) string {
	return testfixtures.ProviderConfig(srv.URL) + fmt.Sprintf(`
resource "tencentrtc_callback_config" "test" {
  product           = %[1]q
  url               = %[2]q
  callback_commands = [%[3]s]
}
`, product, url, testfixtures.Quoted(words))
}
