package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*callbackConfigDataSource)(nil)

// NewCallbackConfigDataSource returns the tencentrtc_callback_config data
// source.
func NewCallbackConfigDataSource() datasource.DataSource {
	return &callbackConfigDataSource{dataSourceBase: dataSourceBase{typeName: "_callback_config"}}
}

// callbackConfigDataSource reads the callback configuration of one (app,
// product) pair, for configurations managed elsewhere.
type callbackConfigDataSource struct {
	dataSourceBase
	data *providerData
}

func (d *callbackConfigDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the callback configuration (URL and command words) of one product of an app, " +
			"for example one managed by another Terraform configuration or in the console. " +
			"Reading a product that has no configuration is an error.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "`<sdk_app_id>/<product>`.",
				Computed:            true,
			},
			"sdk_app_id": schema.Int64Attribute{
				MarkdownDescription: "The SDKAppID to read. Defaults to the provider's `sdk_app_id`.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.Int64{sdkAppIDValidator},
			},
			"product": productArgument("whose configuration to read"),
			"url": schema.StringAttribute{
				MarkdownDescription: "The URL Tencent sends the callbacks to.",
				Computed:            true,
			},
			"callback_commands": schema.SetAttribute{
				MarkdownDescription: "The command words whose events are sent.",
				ElementType:         types.StringType,
				Computed:            true,
			},
		},
	}
}

func (d *callbackConfigDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// Read reads the configuration into the resource's model, through the
// resource's converter.
func (d *callbackConfigDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config callbackConfigModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, t := d.data.resolveCallback(ctx, config, summaryReadCallbackData, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	app, product := t.app, t.product

	cfg, err := t.client.GetCallback(ctx, product)
	if client.IsNotFound(err) {
		resp.Diagnostics.AddError(summaryCallbackGone,
			fmt.Sprintf("SDKAppID %d has no callback configuration for product %q, so there is nothing to read. "+
				"Create it with a tencentrtc_callback_config resource (product = %q, sdk_app_id = %d) or in the Tencent RTC console; "+
				"if the same configuration creates it, make this data source depend on that resource (or read the resource's attributes directly).",
				app, product, product, app))
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, summaryReadCallbackData, err)
		return
	}
	tflog.Debug(ctx, "callback configuration read")

	state := callbackConfigFromAPI(app, product, *cfg)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
