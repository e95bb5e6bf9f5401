package provider

import (
	"context"
	"fmt"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/client"
)

// This file turns the provider block into settings: environment variable
// fallbacks, defaults, and the checks that need more than one attribute.

// Environment variables of the provider block (ARCHITECTURE.md §User-facing names).
const (
	envSDKAppID   = "TENCENTRTC_SDK_APP_ID"
	envIdentifier = "TENCENTRTC_IDENTIFIER"
	envSecretKey  = "TENCENTRTC_SECRET_KEY" //nolint:gosec // a variable name, not a secret
	envRegion     = "TENCENTRTC_REGION"
	envEndpoint   = "TENCENTRTC_ENDPOINT"

	envAllowInsecureHTTP = "TENCENTRTC_ALLOW_INSECURE_HTTP"
)

// providerModel is the provider block. Its identifier and secret_key are
// the default app's credentials, the same pair as an apps entry.
type providerModel struct {
	SDKAppID types.Int64 `tfsdk:"sdk_app_id"`
	appModel
	Region            types.String `tfsdk:"region"`
	Endpoint          types.String `tfsdk:"endpoint"`
	AllowInsecureHTTP types.Bool   `tfsdk:"allow_insecure_http"`
	Apps              types.Map    `tfsdk:"apps"`
	tuningModel
}

// appModel is an entry of the apps map: one app's credentials.
type appModel struct {
	SecretKey  types.String `tfsdk:"secret_key"`
	Identifier types.String `tfsdk:"identifier"`
}

// settings is the provider configuration after environment fallbacks and
// defaults.
type settings struct {
	sdkAppID          uint64
	region            string
	endpoint          string
	allowInsecureHTTP bool
	apps              []appSettings
}

type appSettings struct {
	sdkAppID   uint64
	identifier string
	secretKey  string
	attr       path.Path // where its credentials were configured
}

// resolveSettings applies environment variables and defaults. Errors name
// the attribute, the variable and the offending value (never a secret).
func resolveSettings(ctx context.Context, cfg providerModel, diags *diag.Diagnostics) settings {
	s := settings{sdkAppID: defaultAppSetting(cfg, diags)}
	identifier := stringSetting(cfg.Identifier, envIdentifier, client.DefaultIdentifier)
	secretKey := secretKeySetting(cfg, diags)
	s.region, s.endpoint, s.allowInsecureHTTP = networkSettings(cfg, diags)

	if s.sdkAppID != 0 {
		s.apps = append(s.apps, appSettings{sdkAppID: s.sdkAppID, identifier: identifier, secretKey: secretKey, attr: path.Root("secret_key")})
	} else if secretKey != "" {
		diags.AddAttributeWarning(path.Root("secret_key"), "Unused Secret Key",
			fmt.Sprintf("secret_key (or %s) is set but sdk_app_id (%s) is not, so the key belongs to no app and is not used. Set sdk_app_id, or move the key into the apps map under its SDKAppID.", envSecretKey, envSDKAppID))
	}
	if !cfg.Apps.IsNull() {
		s.apps = appsSettings(ctx, cfg.Apps, s.apps, s.sdkAppID, identifier, secretKey != "", diags)
	}
	return s
}

// defaultAppSetting is the provider's sdk_app_id, or its environment
// variable; 0 when neither is set.
func defaultAppSetting(cfg providerModel, diags *diag.Diagnostics) uint64 {
	if !cfg.SDKAppID.IsNull() {
		return uint64(cfg.SDKAppID.ValueInt64()) // validated positive
	}
	v := os.Getenv(envSDKAppID)
	if v == "" {
		return 0
	}
	app, err := parseSDKAppID(v)
	if err != nil {
		diags.AddAttributeError(path.Root("sdk_app_id"), summaryInvalidProvider,
			fmt.Sprintf("The %s environment variable, used because sdk_app_id is not set, is %q: %s. Set it to your app's SDKAppID, or set sdk_app_id in the provider block.", envSDKAppID, v, err))
	}
	return app
}

// secretKeySetting is the default app's secret key. The attribute's own
// validator checks a configured key; a key from the environment is checked
// here, before it can sign anything.
func secretKeySetting(cfg providerModel, diags *diag.Diagnostics) string {
	secretKey := stringSetting(cfg.SecretKey, envSecretKey, "")
	if cfg.SecretKey.IsNull() {
		if problem := secretKeyWhitespace(secretKey); problem != "" {
			diags.AddAttributeError(path.Root("secret_key"), summaryInvalidSecretKey, fmt.Sprintf(
				"The %s environment variable, used because secret_key is not set, %s, so Tencent would refuse every request signed with it (error 70009). "+
					"Remove the whitespace from the variable, or set secret_key in the provider block with trimspace(), for example secret_key = trimspace(file(\"secret_key.txt\")).",
				envSecretKey, problem))
		}
	}
	return secretKey
}

// networkSettings are the region, the endpoint and allow_insecure_http.
func networkSettings(cfg providerModel, diags *diag.Diagnostics) (region, endpoint string, allowInsecureHTTP bool) {
	region = stringSetting(cfg.Region, envRegion, client.DefaultRegion)
	if cfg.Region.IsNull() && !slices.Contains(client.Regions(), region) {
		diags.AddAttributeError(path.Root("region"), summaryInvalidProvider,
			fmt.Sprintf("The %s environment variable, used because region is not set, is %q: %s.", envRegion, region, regionAdvice(region)))
	}
	endpoint = stringSetting(cfg.Endpoint, envEndpoint, "")
	allowInsecureHTTP = cfg.AllowInsecureHTTP.ValueBool()
	if v := os.Getenv(envAllowInsecureHTTP); cfg.AllowInsecureHTTP.IsNull() && v != "" {
		allow, err := strconv.ParseBool(v)
		if err != nil {
			diags.AddAttributeError(path.Root("allow_insecure_http"), summaryInvalidProvider,
				fmt.Sprintf("The %s environment variable, used because allow_insecure_http is not set, is %q: use true or false.", envAllowInsecureHTTP, v))
		}
		allowInsecureHTTP = allow
	}
	return region, endpoint, allowInsecureHTTP
}

// appsSettings adds the entries of the apps map to apps, in SDKAppID order.
// An entry for the default app replaces its keyless entry; one that repeats
// a key given in the provider block is an error.
func appsSettings(ctx context.Context, m types.Map, apps []appSettings, defaultApp uint64, identifier string, defaultHasKey bool, diags *diag.Diagnostics) []appSettings {
	entries := map[string]appModel{}
	diags.Append(m.ElementsAs(ctx, &entries, false)...)
	keys := make([]string, 0, len(entries))
	for k := range entries {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		app, err := parseSDKAppID(k)
		if err != nil {
			continue // reported by the key validator
		}
		a := entries[k]
		attr := path.Root("apps").AtMapKey(k)
		if app == defaultApp {
			if defaultHasKey {
				diags.AddAttributeError(attr, summaryInvalidProvider,
					fmt.Sprintf("SDKAppID %d is the provider's sdk_app_id, which already has a secret_key (or %s), and it is also in apps. Give its credentials in one place.", app, envSecretKey))
				continue
			}
			apps = slices.DeleteFunc(apps, func(x appSettings) bool { return x.sdkAppID == app })
		}
		id := identifier
		if !a.Identifier.IsNull() {
			id = a.Identifier.ValueString()
		}
		apps = append(apps, appSettings{sdkAppID: app, identifier: id, secretKey: a.SecretKey.ValueString(), attr: attr})
	}
	return apps
}

// stringSetting returns the configured value, else the environment variable,
// else def.
func stringSetting(v types.String, env, def string) string {
	if !v.IsNull() {
		return v.ValueString()
	}
	if e := os.Getenv(env); e != "" {
		return e
	}
	return def
}

// clientOptions are the options every app's client shares: the endpoints
// and the tuning knobs.
func clientOptions(cfg providerModel, s settings, diags *diag.Diagnostics) client.Options {
	var opts client.Options
	if err := cfg.apply(&opts); err != nil {
		diags.AddAttributeError(path.Root("retry_wait_min"), summaryInvalidProvider, err.Error()+".")
		return opts
	}
	endpoints, err := client.ResolveEndpoints(s.region, s.endpoint, s.allowInsecureHTTP)
	if err != nil {
		attr, env, v := "region", envRegion, cfg.Region
		if s.endpoint != "" {
			attr, env, v = "endpoint", envEndpoint, cfg.Endpoint
		}
		detail := strings.TrimSuffix(err.Error(), ".") + "."
		if v.IsNull() {
			detail = fmt.Sprintf("The %s environment variable is used because %s is not set: %s", env, attr, detail)
		}
		diags.AddAttributeError(path.Root(attr), summaryInvalidProvider, detail)
	}
	opts.Endpoints = endpoints
	return opts
}

// unknownAttributes names the top-level attributes whose value is unknown.
func unknownAttributes(cfg providerModel) []string {
	var out []string
	add := func(name string, unknown bool) {
		if unknown {
			out = append(out, name)
		}
	}
	add("sdk_app_id", cfg.SDKAppID.IsUnknown())
	add("identifier", cfg.Identifier.IsUnknown())
	add("secret_key", cfg.SecretKey.IsUnknown())
	add("region", cfg.Region.IsUnknown())
	add("endpoint", cfg.Endpoint.IsUnknown())
	add("allow_insecure_http", cfg.AllowInsecureHTTP.IsUnknown())
	add("apps", !cfg.Apps.IsNull() && !isFullyKnown(cfg.Apps))
	return append(out, cfg.unknownNames()...)
}

// addUnknownErrors reports each unknown attribute when Terraform cannot defer
// the provider's configuration.
func addUnknownErrors(diags *diag.Diagnostics, unknown []string) {
	for _, name := range unknown {
		diags.AddAttributeError(path.Root(name), summaryUnknownProvider,
			fmt.Sprintf("The provider cannot be configured because %s depends on a value that is not known until apply. "+
				"Use a value known at plan time (a literal, a variable or an environment variable), or apply the resources it depends on first with -target.", name))
	}
}

// isFullyKnown reports whether v and everything inside it is known.
func isFullyKnown(v attr.Value) bool {
	tv, err := v.ToTerraformValue(context.Background())
	return err == nil && tv.IsFullyKnown()
}
