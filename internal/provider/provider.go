package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/client"
)

var _ fwprovider.ProviderWithListResources = (*tencentRTCProvider)(nil)

// New returns the provider factory used by main and the tests.
func New(version string) func() fwprovider.Provider {
	return func() fwprovider.Provider { return &tencentRTCProvider{version: version} }
}

type tencentRTCProvider struct {
	version string
}

func (p *tencentRTCProvider) Metadata(_ context.Context, _ fwprovider.MetadataRequest, resp *fwprovider.MetadataResponse) {
	resp.TypeName = "tencentrtc"
	resp.Version = p.version
}

func (p *tencentRTCProvider) Schema(_ context.Context, _ fwprovider.SchemaRequest, resp *fwprovider.SchemaResponse) {
	regionList := "`" + strings.Join(client.Regions(), "`, `") + "`"
	attributes := tuningAttributes()
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages Tencent RTC (TUICallKit, TUILiveKit, TUIRoomKit) callback configurations through the Tencent Chat REST admin APIs. " +
			"Every attribute is optional; the credentials, `region`, `endpoint` and `allow_insecure_http` fall back to `TENCENTRTC_*` environment variables.",
		Attributes: map[string]schema.Attribute{
			"sdk_app_id": schema.Int64Attribute{
				MarkdownDescription: "The default SDKAppID: resources without their own `sdk_app_id` manage this app. May also come from the `" + envSDKAppID + "` environment variable.",
				Optional:            true,
				Validators:          []validator.Int64{sdkAppIDValidator},
			},
			"identifier": schema.StringAttribute{
				MarkdownDescription: "The App administrator account that signs requests for the default app (and for `apps` entries without their own). Defaults to `" + client.DefaultIdentifier + "`. May also come from the `" + envIdentifier + "` environment variable.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"secret_key": schema.StringAttribute{
				MarkdownDescription: "The secret key of the default app, from which UserSigs are minted. May also come from the `" + envSecretKey + "` environment variable. Needed only when a resource or data source uses the default app.",
				Optional:            true,
				Sensitive:           true,
				Validators:          []validator.String{secretKeyValidator},
			},
			"region": schema.StringAttribute{
				MarkdownDescription: "The data-centre region whose API domains are used: one of " + regionList + ". Defaults to `" + client.DefaultRegion + "`. `china` uses `callkit.trtc.tencent-cloud.com` for the legacy `callkit` product, every other region `callkit-intl.trtc.tencent-cloud.com`. May also come from the `" + envRegion + "` environment variable.",
				Optional:            true,
				Validators:          []validator.String{regionValidator},
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
				// Keys and each entry's attributes are checked by one validator
				// (appsValidator), not one per attribute per app.
				Validators: []validator.Map{appsMapValidator},
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"secret_key": schema.StringAttribute{
							MarkdownDescription: "The app's secret key.",
							Required:            true,
							Sensitive:           true,
						},
						"identifier": schema.StringAttribute{
							MarkdownDescription: "The app's administrator account. Defaults to the provider's `identifier`.",
							Optional:            true,
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
	if unknown := unknownAttributes(req.Config.Raw); len(unknown) > 0 {
		if req.ClientCapabilities.DeferralAllowed {
			resp.Deferred = &fwprovider.Deferred{Reason: fwprovider.DeferredReasonProviderConfigUnknown}
			return
		}
		addUnknownErrors(&resp.Diagnostics, unknown)
		return
	}

	settings := resolveSettings(ctx, cfg, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	opts := clientOptions(cfg, settings, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	// One transport, so every app's client shares one connection pool.
	opts.HTTPClient = client.NewHTTPClient()
	opts.UserAgent = fmt.Sprintf("terraform-provider-tencentrtc/%s (+https://registry.terraform.io/providers/tencentrtc/tencentrtc) Terraform/%s", p.version, req.TerraformVersion)
	opts.Logger = tflogBridge{dropDebug: cliDropsDebugLogs}
	data := newProviderData(settings, opts, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	tflog.Debug(maskSecrets(ctx, slices.Collect(maps.Values(data.secretKeys))), "Configured the tencentrtc provider", map[string]any{
		"default_sdk_app_id": strconv.FormatUint(settings.sdkAppID, 10),
		"sdk_app_ids":        fmt.Sprint(data.appIDs()),
		"region":             settings.region,
		"v4_endpoint":        opts.Endpoints.V4,
		"v1_endpoint":        opts.Endpoints.V1,
	})
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.ListResourceData = data
	resp.ActionData = data
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
