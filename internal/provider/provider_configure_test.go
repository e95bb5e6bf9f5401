package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

// commandsDataSource makes Terraform configure the provider without needing
// any credentials.
const commandsDataSource = `
data "tencentrtc_callback_commands" "test" {
  product = "call"
}
`

// clearProviderEnv unsets the provider's environment variables for the test.
// Tests that use it cannot run in parallel (t.Setenv).
func clearProviderEnv(t *testing.T) {
	for _, env := range []string{envSDKAppID, envIdentifier, envSecretKey, envRegion, envEndpoint, envAllowInsecureHTTP} {
		t.Setenv(env, "")
	}
}

func TestProvider_environment(t *testing.T) {
	srv := startEmulator(t)
	clearProviderEnv(t)
	t.Setenv(envSDKAppID, fmt.Sprint(testAppID))
	t.Setenv(envSecretKey, testAppSecret)
	t.Setenv(envEndpoint, srv.URL)
	t.Setenv(envIdentifier, "administrator")
	t.Setenv(envRegion, "singapore")

	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkEmulatorHasNoConfig(srv, testAppID, catalog.Room),
		Steps: []resource.TestStep{{
			Config: `
provider "tencentrtc" {}

resource "tencentrtc_callback_config" "test" {
  product           = "room"
  url               = "https://hooks.example.com/room"
  callback_commands = ["Room.CallbackAfterMemberEnter"]
}
`,
			ConfigStateChecks: expectState(callbackConfigAddr, values{"sdk_app_id": knownvalue.Int64Exact(testAppID)}),
			Check:             checkEmulatorConfig(srv, testAppID, catalog.Room, "https://hooks.example.com/room", "Room.CallbackAfterMemberEnter"),
		}},
	})
}

func TestProvider_configurationErrors(t *testing.T) {
	srv := startEmulator(t)
	clearProviderEnv(t)
	tests := []struct {
		name, provider string
		env            map[string]string
		want           string
	}{
		{
			name:     "sdk app id from env not a number",
			provider: fmt.Sprintf(`endpoint = %q`, srv.URL),
			env:      map[string]string{envSDKAppID: "abc"},
			want:     `The TENCENTRTC_SDK_APP_ID environment variable is "abc": SDKAppID "abc" is not a decimal integer. Set it to your app's SDKAppID, such as 1400000001. (It is used because the provider block does not set sdk_app_id`,
		},
		{
			name:     "region from env unknown",
			provider: fmt.Sprintf(`endpoint = %q`, srv.URL),
			env:      map[string]string{envRegion: "mars"},
			want:     `The TENCENTRTC_REGION environment variable is "mars": use one of china, singapore`,
		},
		{
			name:     "region attribute unknown",
			provider: `region = "mars"`,
			want:     `region is "mars": use one of china, singapore, seoul, frankfurt, silicon-valley, jakarta.`,
		},
		{
			name:     "region attribute a Tencent Cloud region ID",
			provider: `region = "ap-singapore"`,
			want:     `"ap-singapore" is the singapore data center: write "singapore".`,
		},
		{
			name:     "region from env a Tencent Cloud region ID",
			provider: fmt.Sprintf(`endpoint = %q`, srv.URL),
			env:      map[string]string{envRegion: "na-siliconvalley"},
			want:     `is "na-siliconvalley": use one of china, singapore, seoul, frankfurt, silicon-valley, jakarta. "na-siliconvalley" is the silicon-valley data center: write "silicon-valley".`,
		},
		{
			name:     "insecure endpoint",
			provider: `endpoint = "http://tencent.example.com"`,
			want:     `insecure endpoint "http://tencent.example.com": plain http would send the UserSig unencrypted`,
		},
		{
			name:     "insecure endpoint from env",
			provider: ``,
			env:      map[string]string{envEndpoint: "http://tencent.example.com"},
			want:     `The TENCENTRTC_ENDPOINT environment variable is not usable: insecure endpoint`,
		},
		{
			name:     "allow insecure http from env not a bool",
			provider: `endpoint = "http://tencent.example.com"`,
			env:      map[string]string{envAllowInsecureHTTP: "yes please"},
			want:     `The TENCENTRTC_ALLOW_INSECURE_HTTP environment variable is "yes please": use true or false. (It is used because the provider block does not set allow_insecure_http`,
		},
		{
			name:     "allow insecure http false in the block wins over the env",
			provider: "endpoint = \"http://tencent.example.com\"\nallow_insecure_http = false",
			env:      map[string]string{envAllowInsecureHTTP: "true"},
			want:     `insecure endpoint "http://tencent.example.com"`,
		},
		{
			name:     "apps key not an SDKAppID",
			provider: `apps = { "my-app" = { secret_key = "k" } }`,
			want:     `The apps map is keyed by SDKAppID, but key "my-app" is not one`,
		},
		{
			name: "credentials twice",
			provider: fmt.Sprintf(`
  endpoint   = %[1]q
  sdk_app_id = %[2]d
  secret_key = %[3]q
  apps       = { "%[2]d" = { secret_key = %[3]q } }`, srv.URL, testAppID, testAppSecret),
			want: `SDKAppID 1400000001 is the provider's sdk_app_id, which already has a secret_key`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      "provider \"tencentrtc\" {\n" + tt.provider + "\n}\n" + commandsDataSource,
					PlanOnly:    true,
					ExpectError: testfixtures.Texts(tt.want),
				}},
			})
		})
	}
}

// TestProvider_allowInsecureHTTPFromEnvironment: TENCENTRTC_ALLOW_INSECURE_HTTP
// accepts a plain http endpoint on a non-loopback host, like the attribute.
func TestProvider_allowInsecureHTTPFromEnvironment(t *testing.T) {
	clearProviderEnv(t)
	t.Setenv(envAllowInsecureHTTP, "true")
	t.Setenv(envEndpoint, "http://tencent.example.com")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            "provider \"tencentrtc\" {}\n" + commandsDataSource,
			ConfigStateChecks: expectState("data.tencentrtc_callback_commands.test", values{"product": knownvalue.StringExact("call")}),
		}},
	})
}

// TestProvider_unknownConfiguration: a provider value unknown at plan time
// is an error that names the attribute (Terraform does not offer deferral
// without an experiment).
func TestProvider_unknownConfiguration(t *testing.T) {
	srv := startEmulator(t)
	clearProviderEnv(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
resource "terraform_data" "app" {
  input = %[2]d
}

provider "tencentrtc" {
  endpoint   = %[1]q
  sdk_app_id = terraform_data.app.output
  secret_key = %[3]q
}
`, srv.URL, testAppID, testAppSecret) + commandsDataSource,
			PlanOnly:    true,
			ExpectError: testfixtures.Texts("Unknown Provider Configuration Value", "sdk_app_id depends on a value that is not known until apply"),
		}},
	})
}
