package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

func TestLiveCallbackToken(t *testing.T) {
	srv := startEmulator(t)
	id := fmt.Sprintf("%d/live_token", testAppID)

	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkLiveTokenAbsent(srv, testAppID),
		Steps: []resource.TestStep{
			{
				Config: testfixtures.ProviderConfig(srv.URL) + liveTokenConfig("first-token", ""),
				// The app is resolved at plan time, so the ID is known before apply.
				ConfigPlanChecks: expectPlan(liveTokenAddr, "", values{
					"id":         knownvalue.StringExact(id),
					"sdk_app_id": knownvalue.Int64Exact(testAppID),
				}),
				ConfigStateChecks: expectState(liveTokenAddr, values{
					"id":         knownvalue.StringExact(id),
					"sdk_app_id": knownvalue.Int64Exact(testAppID),
					"enabled":    knownvalue.Bool(true),
					"token_wo":   knownvalue.Null(),
				}, "token"),
				Check: checkLiveToken(srv, testAppID, emulator.LiveToken{Token: "first-token", Enabled: true}),
			},
			{
				ResourceName:      liveTokenAddr,
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				ResourceName:      liveTokenAddr,
				ImportState:       true,
				ImportStateId:     "live_token",
				ImportStateVerify: true,
			},
			{
				// terraform plan -generate-config-out writes no token (it is
				// sensitive), and the generated resource imports with no
				// change. The removed block keeps plugin-testing's copy of
				// the old address from being destroyed beside the import.
				Config:          testfixtures.ProviderConfig(srv.URL) + "removed {\n  from = " + liveTokenAddr + "\n  lifecycle {\n    destroy = false\n  }\n}\n",
				ResourceName:    liveTokenAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   id,
				GenerateConfig:  true,
			},
			{
				Config:           testfixtures.ProviderConfig(srv.URL) + liveTokenConfig("first-token", "enabled = false"),
				ConfigPlanChecks: expectPlan(liveTokenAddr, plancheck.ResourceActionUpdate, nil),
				Check:            checkLiveToken(srv, testAppID, emulator.LiveToken{Token: "first-token", Enabled: false}),
			},
			{
				// Rotation.
				Config:           testfixtures.ProviderConfig(srv.URL) + liveTokenConfig("second-token", "enabled = false"),
				ConfigPlanChecks: expectPlan(liveTokenAddr, plancheck.ResourceActionUpdate, nil, "token"),
				Check:            checkLiveToken(srv, testAppID, emulator.LiveToken{Token: "second-token", Enabled: false}),
			},
			{
				// enabled changed outside Terraform.
				PreConfig:        func() { srv.PutLiveToken(testAppID, emulator.LiveToken{Token: "second-token", Enabled: true}) },
				Config:           testfixtures.ProviderConfig(srv.URL) + liveTokenConfig("second-token", "enabled = false"),
				ConfigPlanChecks: expectPlan(liveTokenAddr, plancheck.ResourceActionUpdate, values{"enabled": knownvalue.Bool(false)}),
				Check:            checkLiveToken(srv, testAppID, emulator.LiveToken{Token: "second-token", Enabled: false}),
			},
			{
				// Token changed outside Terraform: a sensitive diff.
				PreConfig:        func() { srv.PutLiveToken(testAppID, emulator.LiveToken{Token: "rogue-token", Enabled: false}) },
				Config:           testfixtures.ProviderConfig(srv.URL) + liveTokenConfig("second-token", "enabled = false"),
				ConfigPlanChecks: expectPlan(liveTokenAddr, plancheck.ResourceActionUpdate, nil, "token"),
				Check:            checkLiveToken(srv, testAppID, emulator.LiveToken{Token: "second-token", Enabled: false}),
			},
			{
				// Deleted outside Terraform: the plan creates it again.
				PreConfig:        func() { srv.DeleteLiveToken(testAppID) },
				Config:           testfixtures.ProviderConfig(srv.URL) + liveTokenConfig("second-token", "enabled = false"),
				ConfigPlanChecks: expectPlan(liveTokenAddr, plancheck.ResourceActionCreate, nil),
				Check:            checkLiveToken(srv, testAppID, emulator.LiveToken{Token: "second-token", Enabled: false}),
			},
		},
	})
}

func TestLiveCallbackToken_unknownApp(t *testing.T) {
	srv := startEmulator(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: testfixtures.ProviderConfig(srv.URL) + `
resource "tencentrtc_live_callback_token" "test" {
  sdk_app_id = 1400000099
  token      = "some-token"
}
`,
			PlanOnly: true,
			ExpectError: testfixtures.Texts(
				"Missing Tencent RTC Credentials",
				"no credentials for SDKAppID 1400000099",
			),
		}},
	})
}

func TestLiveCallbackToken_writeOnly(t *testing.T) {
	srv := startEmulator(t)
	app2 := fmt.Sprintf("sdk_app_id = %d", testApp2ID)
	config := func(token string, version int, extra ...string) string {
		return testfixtures.ProviderConfig(srv.URL) + liveTokenWOConfig(token, version, append(extra, app2)...)
	}

	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkLiveTokenAbsent(srv, testApp2ID),
		Steps: []resource.TestStep{
			{
				Config:           config("wo-token-1", 1),
				ConfigPlanChecks: expectPlan(liveTokenAddr, "", values{"token_wo": knownvalue.Null()}),
				ConfigStateChecks: append(expectState(liveTokenAddr, values{
					"id":               knownvalue.StringExact(fmt.Sprintf("%d/live_token", testApp2ID)),
					"token":            knownvalue.Null(),
					"token_wo":         knownvalue.Null(),
					"token_wo_version": knownvalue.Int64Exact(1),
					"enabled":          knownvalue.Bool(true),
				}), expectStateLacks("wo-token-1")),
				Check: checkLiveToken(srv, testApp2ID, emulator.LiveToken{Token: "wo-token-1", Enabled: true}),
			},
			{
				// Rotation: a new version sends the new value.
				Config:            config("wo-token-2", 2),
				ConfigPlanChecks:  expectPlan(liveTokenAddr, plancheck.ResourceActionUpdate, nil),
				ConfigStateChecks: []statecheck.StateCheck{expectStateLacks("wo-token-2")},
				Check:             checkLiveToken(srv, testApp2ID, emulator.LiveToken{Token: "wo-token-2", Enabled: true}),
			},
			{
				// Without a version change a new write-only value is not
				// sent: that is the convention of write-only arguments.
				Config:           config("wo-token-3", 2),
				ConfigPlanChecks: expectEmptyPlan(),
				Check:            checkLiveToken(srv, testApp2ID, emulator.LiveToken{Token: "wo-token-2", Enabled: true}),
			},
			{
				// Token changed outside Terraform: token_wo_version shows a
				// change and apply sends token_wo again.
				PreConfig:         func() { srv.PutLiveToken(testApp2ID, emulator.LiveToken{Token: "rogue-token", Enabled: true}) },
				Config:            config("wo-token-3", 2),
				ConfigPlanChecks:  expectPlan(liveTokenAddr, plancheck.ResourceActionUpdate, values{"token_wo_version": knownvalue.Int64Exact(2)}),
				ConfigStateChecks: append(expectState(liveTokenAddr, values{"token_wo_version": knownvalue.Int64Exact(2)}), expectStateLacks("wo-token-3")),
				Check:             checkLiveToken(srv, testApp2ID, emulator.LiveToken{Token: "wo-token-3", Enabled: true}),
			},
			{
				// enabled changed outside Terraform is a plain diff.
				PreConfig:        func() { srv.PutLiveToken(testApp2ID, emulator.LiveToken{Token: "wo-token-3", Enabled: false}) },
				Config:           config("wo-token-3", 2),
				ConfigPlanChecks: expectPlan(liveTokenAddr, plancheck.ResourceActionUpdate, values{"enabled": knownvalue.Bool(true)}),
				Check:            checkLiveToken(srv, testApp2ID, emulator.LiveToken{Token: "wo-token-3", Enabled: true}),
			},
			{
				// An import reads the token into `token`, which the
				// write-only configuration does not have: the contract's
				// reason for ignoring token and token_wo_version here.
				ResourceName:            liveTokenAddr,
				ImportState:             true,
				ImportStateId:           fmt.Sprintf("%d/live_token", testApp2ID),
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"token", "token_wo_version"},
			},
			{
				// Switch to a token kept in the state.
				Config:            testfixtures.ProviderConfig(srv.URL) + liveTokenConfig("plain-token", app2),
				ConfigPlanChecks:  expectPlan(liveTokenAddr, plancheck.ResourceActionUpdate, nil),
				ConfigStateChecks: expectState(liveTokenAddr, values{"token_wo_version": knownvalue.Null()}),
				Check:             checkLiveToken(srv, testApp2ID, emulator.LiveToken{Token: "plain-token", Enabled: true}),
			},
			{
				// And back to write-only.
				Config:            config("wo-token-4", 1, "enabled = false"),
				ConfigPlanChecks:  expectPlan(liveTokenAddr, plancheck.ResourceActionUpdate, nil),
				ConfigStateChecks: append(expectState(liveTokenAddr, values{"token": knownvalue.Null()}), expectStateLacks("wo-token-4")),
				Check:             checkLiveToken(srv, testApp2ID, emulator.LiveToken{Token: "wo-token-4", Enabled: false}),
			},
		},
	})
}

// TestLiveCallbackToken_importWithoutToken: a token imported into a
// configuration with neither token nor token_wo (what terraform query
// -generate-config-out writes) plans no change and keeps the token read from
// Tencent; a later change of the token outside Terraform is taken in, a
// change of enabled is reverted; setting token_wo then moves the token out of
// the state.
func TestLiveCallbackToken_importWithoutToken(t *testing.T) {
	srv := startEmulator(t)
	srv.PutLiveToken(testAppID, emulator.LiveToken{Token: "imported-token", Enabled: true})
	bare := testfixtures.ProviderConfig(srv.URL) + `
resource "tencentrtc_live_callback_token" "test" {
  token   = null
  enabled = true
}
`
	importBlock := "import {\n  to = tencentrtc_live_callback_token.test\n  id = \"live_token\"\n}\n"

	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            bare + importBlock,
				ConfigPlanChecks:  expectPlan(liveTokenAddr, plancheck.ResourceActionNoop, nil),
				ConfigStateChecks: expectState(liveTokenAddr, values{"token": knownvalue.StringExact("imported-token")}, "token"),
				Check:             checkLiveToken(srv, testAppID, emulator.LiveToken{Token: "imported-token", Enabled: true}),
			},
			{
				// The token changed outside Terraform: taken into the state.
				PreConfig:         func() { srv.PutLiveToken(testAppID, emulator.LiveToken{Token: "rotated-token", Enabled: true}) },
				Config:            bare,
				ConfigPlanChecks:  expectEmptyPlan(),
				ConfigStateChecks: expectState(liveTokenAddr, values{"token": knownvalue.StringExact("rotated-token")}),
				Check:             checkLiveToken(srv, testAppID, emulator.LiveToken{Token: "rotated-token", Enabled: true}),
			},
			{
				// enabled changed outside Terraform: reverted, the token kept.
				PreConfig:        func() { srv.PutLiveToken(testAppID, emulator.LiveToken{Token: "rotated-token", Enabled: false}) },
				Config:           bare,
				ConfigPlanChecks: expectPlan(liveTokenAddr, plancheck.ResourceActionUpdate, values{"token": knownvalue.StringExact("rotated-token")}),
				Check:            checkLiveToken(srv, testAppID, emulator.LiveToken{Token: "rotated-token", Enabled: true}),
			},
			{
				// token_wo takes over: sent, and the token leaves the state.
				Config:            testfixtures.ProviderConfig(srv.URL) + liveTokenWOConfig("wo-after-import", 1),
				ConfigPlanChecks:  expectPlan(liveTokenAddr, plancheck.ResourceActionUpdate, values{"token": knownvalue.Null()}),
				ConfigStateChecks: append(expectState(liveTokenAddr, values{"token": knownvalue.Null()}), expectStateLacks("wo-after-import"), expectStateLacks("rotated-token")),
				Check:             checkLiveToken(srv, testAppID, emulator.LiveToken{Token: "wo-after-import", Enabled: true}),
			},
			{
				// Neither again, from write-only mode: no change, and the
				// token (never in the state) is read back.
				Config:            bare,
				ConfigStateChecks: expectState(liveTokenAddr, values{"token_wo_version": knownvalue.Null()}),
				Check:             checkLiveToken(srv, testAppID, emulator.LiveToken{Token: "wo-after-import", Enabled: true}),
			},
		},
	})
}

func TestLiveCallbackToken_invalidConfig(t *testing.T) {
	srv := startEmulator(t)
	long := strings.Repeat("x", liveTokenMaxLength+1)

	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      testfixtures.ProviderConfig(srv.URL) + `resource "tencentrtc_live_callback_token" "test" {}`,
				ExpectError: regexp.MustCompile(`(?s)Missing Live Callback Token.*Creating\s+tencentrtc_live_callback_token\s+needs\s+the\s+token:\s+set\s+token,\s+or\s+token_wo\..*import`),
			},
			{
				Config: testfixtures.ProviderConfig(srv.URL) + `
resource "tencentrtc_live_callback_token" "test" {
  token            = "a"
  token_wo         = "b"
  token_wo_version = 1
}`,
				ExpectError: regexp.MustCompile(`Invalid Attribute Combination`),
			},
			{
				Config:      testfixtures.ProviderConfig(srv.URL) + "resource \"tencentrtc_live_callback_token\" \"test\" {\n  token = \"a\"\n  token_wo_version = 1\n}",
				ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Combination.*"token_wo"\s+must\s+be\s+specified\s+when\s+"token_wo_version"`),
			},
			{
				Config:      testfixtures.ProviderConfig(srv.URL) + liveTokenConfig(long, ""),
				ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Value Length.*between 1 and 128`),
			},
			{
				Config:      testfixtures.ProviderConfig(srv.URL) + liveTokenConfig("t", "sdk_app_id = 1400009999"),
				ExpectError: regexp.MustCompile(`no credentials for SDKAppID 1400009999`),
			},
			{
				Config:        testfixtures.ProviderConfig(srv.URL) + liveTokenConfig("t", ""),
				ResourceName:  liveTokenAddr,
				ImportState:   true,
				ImportStateId: "1400000001/live",
				ExpectError:   regexp.MustCompile(`Invalid Import ID`),
			},
		},
	})
}

func TestLiveCallbackTokenSchema(t *testing.T) {
	resp := &fwresource.SchemaResponse{}
	NewLiveCallbackTokenResource().Schema(context.Background(), fwresource.SchemaRequest{}, resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("schema: %v", resp.Diagnostics)
	}
	if diags := resp.Schema.ValidateImplementation(context.Background()); diags.HasError() {
		t.Fatalf("schema implementation: %v", diags)
	}
	for name, a := range resp.Schema.Attributes {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("%s has no MarkdownDescription", name)
		}
	}
	if !resp.Schema.Attributes["token"].IsSensitive() {
		t.Error("token must be sensitive")
	}
	wo := resp.Schema.Attributes["token_wo"]
	if !wo.IsSensitive() || !wo.IsWriteOnly() {
		t.Error("token_wo must be sensitive and write-only")
	}
}

// TestTokenFingerprint: the fingerprint matches its token only, depends on
// the app's secret key and on a fresh salt (the same token gives another
// fingerprint each time), and the legacy plain SHA-256 still matches.
func TestTokenFingerprint(t *testing.T) {
	t.Parallel()
	key := []byte(testAppSecret)
	f := newTokenFingerprint(key, "xxxxyyyy")
	if !f.matches("xxxxyyyy") || f.matches("xxxxyyyz") {
		t.Fatal("matches")
	}
	other := f
	other.key = []byte(testApp2Secret)
	if other.matches("xxxxyyyy") {
		t.Error("a fingerprint matched under another secret key")
	}
	if g := newTokenFingerprint(key, "xxxxyyyy"); string(g.MAC) == string(f.MAC) || string(g.Salt) == string(f.Salt) {
		t.Error("two fingerprints of one token are equal: no salt")
	}
	raw, err := json.Marshal(f)
	if err != nil || strings.Contains(string(raw), "xxxxyyyy") || strings.Contains(string(raw), testAppSecret) {
		t.Fatalf("stored form %s (%v) holds a secret", raw, err)
	}
	legacy := tokenFingerprint{legacy: true, MAC: []byte("17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061")}
	if !legacy.matches("xxxxyyyy1669872112") || legacy.matches("xxxxyyyy") {
		t.Error("legacy SHA-256")
	}
}

func liveTokenConfig(token, extra string) string {
	return fmt.Sprintf(`
resource "tencentrtc_live_callback_token" "test" {
  token = %[1]q
  %[2]s
}
`, token, extra)
}

func liveTokenWOConfig(token string, version int, extra ...string) string {
	return fmt.Sprintf(`
resource "tencentrtc_live_callback_token" "test" {
  token_wo         = %[1]q
  token_wo_version = %[2]d
  %[3]s
}
`, token, version, strings.Join(extra, "\n  "))
}
