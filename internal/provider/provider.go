package provider

import (
	"context"
	"fmt"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/client"
)

var (
	_ fwprovider.Provider                  = (*tencentRTCProvider)(nil)
	_ fwprovider.ProviderWithListResources = (*tencentRTCProvider)(nil)
	_ validator.String                     = sdkAppIDKeyValidator{}
)

// New returns the provider factory used by main and the tests.
func New(version string) func() fwprovider.Provider {
	return func() fwprovider.Provider { return &tencentRTCProvider{version: version} }
}

type tencentRTCProvider struct {
	version string
}

type providerModel struct {
	SDKAppID          types.Int64  `tfsdk:"sdk_app_id"`
	Identifier        types.String `tfsdk:"identifier"`
	SecretKey         types.String `tfsdk:"secret_key"`
	Region            types.String `tfsdk:"region"`
	Endpoint          types.String `tfsdk:"endpoint"`
	AllowInsecureHTTP types.Bool   `tfsdk:"allow_insecure_http"`
	Apps              types.Map    `tfsdk:"apps"`
	tuningModel
}

type appModel struct {
	SecretKey  types.String `tfsdk:"secret_key"`
	Identifier types.String `tfsdk:"identifier"`
}

const (
	defaultIdentifier = "administrator"
	defaultRegion     = "china"
)

func (p *tencentRTCProvider) Metadata(_ context.Context, _ fwprovider.MetadataRequest, resp *fwprovider.MetadataResponse) {
	resp.TypeName = "tencentrtc"
	resp.Version = p.version
}

func (p *tencentRTCProvider) Schema(_ context.Context, _ fwprovider.SchemaRequest, resp *fwprovider.SchemaResponse) {
	regionList := "`" + strings.Join(client.Regions(), "`, `") + "`"
	attributes := tuningAttributes()
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages Tencent RTC (TUICallKit, TUILiveKit, TUIRoomKit) callback configurations through the Tencent Chat REST admin APIs. " +
			"Every attribute is optional and falls back to its environment variable.",
		Attributes: map[string]schema.Attribute{
			"sdk_app_id": schema.Int64Attribute{
				MarkdownDescription: "The default SDKAppID: resources without their own `sdk_app_id` manage this app. May also come from the `" + envSDKAppID + "` environment variable.",
				Optional:            true,
				Validators:          []validator.Int64{sdkAppIDValidator},
			},
			"identifier": schema.StringAttribute{
				MarkdownDescription: "The App administrator account that signs requests for the default app (and for `apps` entries without their own). Defaults to `" + defaultIdentifier + "`. May also come from the `" + envIdentifier + "` environment variable.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"secret_key": schema.StringAttribute{
				MarkdownDescription: "The secret key of the default app, from which UserSigs are minted. May also come from the `" + envSecretKey + "` environment variable. Needed only when a resource or data source uses the default app.",
				Optional:            true,
				Sensitive:           true,
				Validators:          []validator.String{secretKeyValidator{}},
			},
			"region": schema.StringAttribute{
				MarkdownDescription: "The data-centre region whose API domains are used: one of " + regionList + ". Defaults to `" + defaultRegion + "`. `china` uses `callkit.trtc.tencent-cloud.com` for the legacy `callkit` product, every other region `callkit-intl.trtc.tencent-cloud.com`. May also come from the `" + envRegion + "` environment variable.",
				Optional:            true,
				Validators:          []validator.String{regionValidator{}},
			},
			"endpoint": schema.StringAttribute{
				MarkdownDescription: "One base URL (`scheme://host[:port]`) that replaces the regional domains for every API family: the `tencentrtc-emulator`, a proxy or a test server. Plain `http://` is accepted only for loopback hosts unless `allow_insecure_http` is `true`, because UserSigs travel in the query string. May also come from the `" + envEndpoint + "` environment variable.",
				Optional:            true,
			},
			"allow_insecure_http": schema.BoolAttribute{
				MarkdownDescription: "Allow a plain `http://` `endpoint` on a non-loopback host. UserSigs then cross the network unencrypted. Defaults to `false`. May also come from the `" + envAllowInsecureHTTP + "` environment variable (`true` or `false`).",
				Optional:            true,
			},
			"apps": schema.MapNestedAttribute{
				MarkdownDescription: "Credentials for more apps, keyed by SDKAppID, so that one provider configuration can manage many apps (for example with `for_each`). Resources choose an app with their `sdk_app_id`.",
				Optional:            true,
				Validators:          []validator.Map{mapvalidator.KeysAre(sdkAppIDKeyValidator{})},
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"secret_key": schema.StringAttribute{
							MarkdownDescription: "The app's secret key.",
							Required:            true,
							Sensitive:           true,
							Validators:          []validator.String{stringvalidator.LengthAtLeast(1), secretKeyValidator{}},
						},
						"identifier": schema.StringAttribute{
							MarkdownDescription: "The app's administrator account. Defaults to the provider's `identifier`.",
							Optional:            true,
							Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
						},
					},
				},
			},
		},
	}
	for name, a := range attributes {
		resp.Schema.Attributes[name] = a
	}
}

func (p *tencentRTCProvider) Configure(ctx context.Context, req fwprovider.ConfigureRequest, resp *fwprovider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}

	// Values that depend on resources not yet created are unknown during
	// plan. Defer when Terraform allows it; otherwise fail with an error
	// that names the attribute, as the framework documentation recommends.
	if unknown := unknownAttributes(cfg); len(unknown) > 0 {
		if req.ClientCapabilities.DeferralAllowed {
			resp.Deferred = &fwprovider.Deferred{Reason: fwprovider.DeferredReasonProviderConfigUnknown}
			return
		}
		for _, name := range unknown {
			resp.Diagnostics.AddAttributeError(path.Root(name), summaryUnknownProvider,
				fmt.Sprintf("The provider cannot be configured because %s depends on a value that is not known until apply. "+
					"Use a value known at plan time (a literal, a variable or an environment variable), or apply the resources it depends on first with -target.", name))
		}
		return
	}

	settings := resolveSettings(ctx, cfg, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	var tuning client.Options
	if err := cfg.apply(&tuning); err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("retry_wait_min"), summaryInvalidProvider, err.Error()+".")
		return
	}

	endpoints, err := client.ResolveEndpoints(settings.region, settings.endpoint, settings.allowInsecureHTTP)
	if err != nil {
		attr, env, v := "region", envRegion, cfg.Region
		if settings.endpoint != "" {
			attr, env, v = "endpoint", envEndpoint, cfg.Endpoint
		}
		detail := strings.TrimSuffix(err.Error(), ".") + "."
		if v.IsNull() {
			detail = fmt.Sprintf("The %s environment variable is used because %s is not set: %s", env, attr, detail)
		}
		resp.Diagnostics.AddAttributeError(path.Root(attr), summaryInvalidProvider, detail)
		return
	}

	data := &providerData{defaultApp: settings.sdkAppID, clients: map[uint64]*client.Client{}, secretKeys: map[uint64]string{}}
	secrets := make([]string, 0, len(settings.apps))
	for _, a := range settings.apps {
		if a.secretKey != "" {
			data.secretKeys[a.sdkAppID] = a.secretKey
			secrets = append(secrets, a.secretKey)
		}
	}
	ctx = maskSecrets(ctx, secrets)

	// One transport, so every app's client shares one connection pool.
	httpClient := client.NewHTTPClient()
	userAgent := fmt.Sprintf("terraform-provider-tencentrtc/%s (+https://registry.terraform.io/providers/tencentrtc/tencentrtc) Terraform/%s", p.version, req.TerraformVersion)
	logger := tflogBridge{}

	for _, a := range settings.apps {
		if a.secretKey == "" {
			// Not an error yet: only resources that use the default app
			// need its key (providerData.client says so then).
			data.defaultAppNoSecret = true
			continue
		}
		c, err := client.New(client.Options{
			SDKAppID:   a.sdkAppID,
			Identifier: a.identifier,
			SecretKey:  a.secretKey,
			Endpoints:  endpoints,
			HTTPClient: httpClient,
			UserAgent:  userAgent,
			Logger:     logger,

			RequestTimeout: tuning.RequestTimeout,
			MaxRetries:     tuning.MaxRetries,
			RetryWaitMin:   tuning.RetryWaitMin,
			RetryWaitMax:   tuning.RetryWaitMax,
			V4RateLimit:    tuning.V4RateLimit,
			V1RateLimit:    tuning.V1RateLimit,
		})
		if err != nil {
			resp.Diagnostics.AddAttributeError(a.attr, summaryInvalidProvider,
				fmt.Sprintf("Cannot build the API client of SDKAppID %d: %s.", a.sdkAppID, redact(strings.TrimSuffix(err.Error(), "."))))
			continue
		}
		data.clients[a.sdkAppID] = c
	}
	if resp.Diagnostics.HasError() {
		return
	}

	tflog.Debug(ctx, "Configured the tencentrtc provider", map[string]any{
		"default_sdk_app_id": strconv.FormatUint(settings.sdkAppID, 10),
		"sdk_app_ids":        fmt.Sprint(data.appIDs()),
		"region":             settings.region,
		"v4_endpoint":        endpoints.V4,
		"v1_endpoint":        endpoints.V1,
	})
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.ListResourceData = data
}

func (p *tencentRTCProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewCallbackConfigResource,
		NewLiveCallbackTokenResource,
	}
}

// ListResources are the list resources of `terraform query` (Terraform 1.14+).
func (p *tencentRTCProvider) ListResources(context.Context) []func() list.ListResource {
	return []func() list.ListResource{
		NewCallbackConfigListResource,
		NewLiveCallbackTokenListResource,
	}
}

func (p *tencentRTCProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewCallbackConfigDataSource,
		NewCallbackCommandsDataSource,
	}
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
	var s settings

	if !cfg.SDKAppID.IsNull() {
		s.sdkAppID = uint64(cfg.SDKAppID.ValueInt64()) // validated positive
	} else if v := os.Getenv(envSDKAppID); v != "" {
		app, err := parseSDKAppID(v)
		if err != nil {
			diags.AddAttributeError(path.Root("sdk_app_id"), summaryInvalidProvider,
				fmt.Sprintf("The %s environment variable, used because sdk_app_id is not set, is %q: %s. Set it to your app's SDKAppID, or set sdk_app_id in the provider block.", envSDKAppID, v, err))
		}
		s.sdkAppID = app
	}

	identifier := stringSetting(cfg.Identifier, envIdentifier, defaultIdentifier)
	secretKey := stringSetting(cfg.SecretKey, envSecretKey, "")

	if cfg.SecretKey.IsNull() {
		if problem := secretKeyWhitespace(secretKey); problem != "" {
			diags.AddAttributeError(path.Root("secret_key"), summaryInvalidSecretKey, fmt.Sprintf(
				"The %s environment variable, used because secret_key is not set, %s, so Tencent would refuse every request signed with it (error 70009). "+
					"Remove the whitespace from the variable, or set secret_key in the provider block with trimspace(), for example secret_key = trimspace(file(\"secret_key.txt\")).",
				envSecretKey, problem))
		}
	}

	s.region = stringSetting(cfg.Region, envRegion, defaultRegion)
	if cfg.Region.IsNull() && !slices.Contains(client.Regions(), s.region) {
		diags.AddAttributeError(path.Root("region"), summaryInvalidProvider,
			fmt.Sprintf("The %s environment variable, used because region is not set, is %q: %s.", envRegion, s.region, regionAdvice(s.region)))
	}
	s.endpoint = stringSetting(cfg.Endpoint, envEndpoint, "")
	s.allowInsecureHTTP = cfg.AllowInsecureHTTP.ValueBool()
	if v := os.Getenv(envAllowInsecureHTTP); cfg.AllowInsecureHTTP.IsNull() && v != "" {
		allow, err := strconv.ParseBool(v)
		if err != nil {
			diags.AddAttributeError(path.Root("allow_insecure_http"), summaryInvalidProvider,
				fmt.Sprintf("The %s environment variable, used because allow_insecure_http is not set, is %q: use true or false.", envAllowInsecureHTTP, v))
		}
		s.allowInsecureHTTP = allow
	}

	if s.sdkAppID != 0 {
		s.apps = append(s.apps, appSettings{sdkAppID: s.sdkAppID, identifier: identifier, secretKey: secretKey, attr: path.Root("secret_key")})
	} else if secretKey != "" {
		diags.AddAttributeWarning(path.Root("secret_key"), "Unused Secret Key",
			fmt.Sprintf("secret_key (or %s) is set but sdk_app_id (%s) is not, so the key belongs to no app and is not used. Set sdk_app_id, or move the key into the apps map under its SDKAppID.", envSecretKey, envSDKAppID))
	}

	if cfg.Apps.IsNull() {
		return s
	}
	apps := map[string]appModel{}
	diags.Append(cfg.Apps.ElementsAs(ctx, &apps, false)...)
	keys := make([]string, 0, len(apps))
	for k := range apps {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		app, err := parseSDKAppID(k)
		if err != nil {
			continue // reported by the key validator
		}
		a := apps[k]
		attr := path.Root("apps").AtMapKey(k)
		if app == s.sdkAppID {
			if secretKey != "" {
				diags.AddAttributeError(attr, summaryInvalidProvider,
					fmt.Sprintf("SDKAppID %d is the provider's sdk_app_id, which already has a secret_key (or %s), and it is also in apps. Give its credentials in one place.", app, envSecretKey))
				continue
			}
			s.apps = slices.DeleteFunc(s.apps, func(x appSettings) bool { return x.sdkAppID == app })
		}
		id := identifier
		if !a.Identifier.IsNull() {
			id = a.Identifier.ValueString()
		}
		s.apps = append(s.apps, appSettings{sdkAppID: app, identifier: id, secretKey: a.SecretKey.ValueString(), attr: attr})
	}
	return s
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

// sdkAppIDKeyValidator checks that a map key is an SDKAppID.
type sdkAppIDKeyValidator struct{}

func (sdkAppIDKeyValidator) Description(context.Context) string {
	return "keys must be positive decimal SDKAppIDs"
}

func (v sdkAppIDKeyValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (sdkAppIDKeyValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := parseSDKAppID(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid SDKAppID Key",
			fmt.Sprintf("The apps map is keyed by SDKAppID, but key %q is not one: %s. Write the key as a quoted decimal number, e.g. \"1400000001\" = { secret_key = ... }.", req.ConfigValue.ValueString(), err))
	}
}

// isFullyKnown reports whether v and everything inside it is known.
func isFullyKnown(v attr.Value) bool {
	tv, err := v.ToTerraformValue(context.Background())
	return err == nil && tv.IsFullyKnown()
}
