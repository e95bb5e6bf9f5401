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
	"github.com/hashicorp/terraform-plugin-go/tftypes"

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
	invalidApp := diags.HasError()
	identifier := stringSetting(cfg.Identifier, envIdentifier, client.DefaultIdentifier)
	secretKey := secretKeySetting(cfg, diags)
	s.region, s.endpoint, s.allowInsecureHTTP = networkSettings(cfg, diags)

	switch {
	case s.sdkAppID != 0:
		s.apps = append(s.apps, appSettings{sdkAppID: s.sdkAppID, identifier: identifier, secretKey: secretKey, attr: path.Root("secret_key")})
	case secretKey != "" && !invalidApp: // an invalid sdk_app_id is the one error to show
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
		problem := fmt.Sprintf("is %q: %s", v, err)
		if strings.TrimSpace(v) == v {
			problem += ". Set it to your app's SDKAppID, such as 1400000001"
		}
		addEnvError(diags, summaryInvalidProvider, envSDKAppID, "sdk_app_id", problem)
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
			addEnvError(diags, summaryInvalidSecretKey, envSecretKey, "secret_key", problem+
				", so Tencent would refuse every request signed with it (error 70009). Remove the whitespace from the variable "+
				"(or set secret_key in the provider block with trimspace(), for example secret_key = trimspace(file(\"secret_key.txt\")))")
		}
	}
	return secretKey
}

// networkSettings are the region, the endpoint and allow_insecure_http.
func networkSettings(cfg providerModel, diags *diag.Diagnostics) (region, endpoint string, allowInsecureHTTP bool) {
	region = stringSetting(cfg.Region, envRegion, client.DefaultRegion)
	if cfg.Region.IsNull() && !slices.Contains(client.Regions(), region) {
		addEnvError(diags, summaryInvalidProvider, envRegion, "region", fmt.Sprintf("is %q: %s", region, regionAdvice(region)))
	}
	endpoint = stringSetting(cfg.Endpoint, envEndpoint, "")
	allowInsecureHTTP = cfg.AllowInsecureHTTP.ValueBool()
	if v := os.Getenv(envAllowInsecureHTTP); cfg.AllowInsecureHTTP.IsNull() && v != "" {
		allow, err := strconv.ParseBool(v)
		if err != nil {
			addEnvError(diags, summaryInvalidProvider, envAllowInsecureHTTP, "allow_insecure_http", fmt.Sprintf("is %q: use true or false", v))
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

// addEnvError reports a bad value of environment variable env, used because
// the provider block does not set attr. The error points at no attribute:
// often there is no provider block at all, and Terraform would show an empty
// source location.
func addEnvError(diags *diag.Diagnostics, summary, env, attr, problem string) {
	diags.AddError(summary, fmt.Sprintf("The %s environment variable %s. (It is used because the provider block does not set %s; setting %s there overrides it.)",
		env, problem, attr, attr))
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
		detail := strings.TrimSuffix(err.Error(), ".")
		if v.IsNull() {
			addEnvError(diags, summaryInvalidProvider, env, attr, "is not usable: "+detail)
		} else {
			diags.AddAttributeError(path.Root(attr), summaryInvalidProvider, detail+".")
		}
	}
	opts.Endpoints = endpoints
	return opts
}

// unknownAttributes names the attributes of the provider block whose value
// is not wholly known, in name order. It walks the configuration itself, so
// that no list of attribute names can fall behind the schema.
func unknownAttributes(config tftypes.Value) []string {
	var attrs map[string]tftypes.Value
	if err := config.As(&attrs); err != nil {
		return nil
	}
	var out []string
	for name, v := range attrs {
		if !v.IsFullyKnown() {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
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
