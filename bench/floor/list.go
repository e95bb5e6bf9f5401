package main

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
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
type callbackConfigList struct{ callbackConfigBase }

func (l *callbackConfigList) ListResourceConfigSchema(ctx context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listSchema(ctx)
}

func (l *callbackConfigList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var appIDs, productNames types.List
	diags := req.Config.GetAttribute(ctx, path.Root("sdk_app_ids"), &appIDs)
	diags.Append(req.Config.GetAttribute(ctx, path.Root("products"), &productNames)...)
	var apps []int64
	if appIDs.IsNull() {
		if l.data != nil {
			apps = l.data.apps
		}
	} else {
		diags.Append(appIDs.ElementsAs(ctx, &apps, false)...)
	}
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	products := catalog.Products
	if !productNames.IsNull() {
		var names []string
		if diags := productNames.ElementsAs(ctx, &names, false); diags.HasError() {
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
	res := req.NewListResult(ctx)
	res.DisplayName = strconv.FormatInt(app, 10) + "/" + string(p)
	setIdentity(ctx, res.Identity, types.Int64Value(app), types.StringValue(string(p)), &res.Diagnostics)
	if req.IncludeResource {
		setFleetConfig(ctx, res.Resource, app, p, &res.Diagnostics)
	}
	return res
}
