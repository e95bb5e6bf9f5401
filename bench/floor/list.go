package main

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/list"
	lschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

var (
	_ list.ListResource              = (*callbackConfigList)(nil)
	_ list.ListResourceWithConfigure = (*callbackConfigList)(nil)
)

// callbackConfigList lists the fleet's configuration of every requested
// (app, product) pair, in the real provider's order (app ascending, then
// product in catalogue order), without I/O.
type callbackConfigList struct{ data *floorData }

type listConfigModel struct {
	SDKAppIDs types.List `tfsdk:"sdk_app_ids"`
	Products  types.List `tfsdk:"products"`
}

func (l *callbackConfigList) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_callback_config"
}

func (l *callbackConfigList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = lschema.Schema{
		Attributes: map[string]lschema.Attribute{
			"sdk_app_ids": lschema.ListAttribute{Optional: true, ElementType: types.Int64Type},
			"products":    lschema.ListAttribute{Optional: true, ElementType: types.StringType},
		},
	}
}

func (l *callbackConfigList) Configure(_ context.Context, req resource.ConfigureRequest, _ *resource.ConfigureResponse) {
	if d, ok := req.ProviderData.(*floorData); ok {
		l.data = d
	}
}

func (l *callbackConfigList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg listConfigModel
	if diags := req.Config.Get(ctx, &cfg); diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	var apps []int64
	if cfg.SDKAppIDs.IsNull() {
		if l.data != nil {
			apps = l.data.apps
		}
	} else if diags := cfg.SDKAppIDs.ElementsAs(ctx, &apps, false); diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	products := catalog.Products
	if !cfg.Products.IsNull() {
		var names []string
		if diags := cfg.Products.ElementsAs(ctx, &names, false); diags.HasError() {
			stream.Results = list.ListResultsStreamDiagnostics(diags)
			return
		}
		products = nil
		for _, p := range catalog.Products { // catalogue order, whatever the config's
			for _, n := range names {
				if n == string(p) {
					products = append(products, p)
					break
				}
			}
		}
	}
	stream.Results = func(push func(list.ListResult) bool) {
		var n int64
		for _, app := range apps {
			for _, p := range products {
				if req.Limit > 0 && n >= req.Limit {
					return
				}
				n++
				if !push(listResult(ctx, req, app, p)) {
					return
				}
			}
		}
	}
}

// listResult is the result of (app, p): display name, identity and, when
// asked for, the resource.
func listResult(ctx context.Context, req list.ListRequest, app int64, p catalog.Product) list.ListResult {
	m := fleetModel(app, p)
	res := req.NewListResult(ctx)
	res.DisplayName = strconv.FormatInt(app, 10) + "/" + string(p)
	res.Diagnostics.Append(res.Identity.Set(ctx, identityOf(m))...)
	if req.IncludeResource {
		res.Diagnostics.Append(res.Resource.Set(ctx, &m)...)
	}
	return res
}
