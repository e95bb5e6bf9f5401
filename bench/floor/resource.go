package main

import (
	"context"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentrtc/terraform-provider-tencentrtc/bench/fleet"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

// callbackConfig is the tencentrtc_callback_config resource and list
// resource: one type name, and the provider data Configure hands on.
type callbackConfig struct{ data *floorData }

func (r *callbackConfig) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_callback_config"
}

func (r *callbackConfig) Configure(_ context.Context, req resource.ConfigureRequest, _ *resource.ConfigureResponse) {
	if d, ok := req.ProviderData.(*floorData); ok {
		r.data = d
	}
}

// defaultApp is the provider's sdk_app_id, 0 when it has none.
func (r *callbackConfig) defaultApp() int64 {
	if r.data == nil {
		return 0
	}
	return r.data.defaultApp
}

func (r *callbackConfig) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema(ctx)
}

func (r *callbackConfig) IdentitySchema(ctx context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema(ctx)
}

func (r *callbackConfig) ListResourceConfigSchema(ctx context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listSchema(ctx)
}

func (r *callbackConfig) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	r.record(ctx, req.Plan, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *callbackConfig) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	r.record(ctx, req.Plan, &resp.State, resp.Identity, &resp.Diagnostics)
}

// record copies the plan into state and fills the computed attributes:
// sdk_app_id from the provider's default when unset, and
// id = "<sdk_app_id>/<product>"; then the identity.
func (r *callbackConfig) record(ctx context.Context, plan tfsdk.Plan, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	state.Raw = plan.Raw
	var app types.Int64
	var product types.String
	diags.Append(plan.GetAttribute(ctx, path.Root("sdk_app_id"), &app)...)
	diags.Append(plan.GetAttribute(ctx, path.Root("product"), &product)...)
	if diags.HasError() {
		return
	}
	if app.IsNull() || app.IsUnknown() {
		app = types.Int64Value(r.defaultApp())
		diags.Append(state.SetAttribute(ctx, path.Root("sdk_app_id"), app)...)
	}
	diags.Append(state.SetAttribute(ctx, path.Root("id"), configID(app.ValueInt64(), product.ValueString()))...)
	setIdentity(ctx, identity, app, product, diags)
}

// Read keeps the state as it is. Only the identity needs filling when the CLI
// kept none (Terraform before 1.12, a state from before identity): the
// framework rejects a Read that returns none, as it does for the real provider.
func (r *callbackConfig) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if resp.Identity == nil || !resp.Identity.Raw.IsFullyNull() {
		return
	}
	var app types.Int64
	var product types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("sdk_app_id"), &app)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("product"), &product)...)
	setIdentity(ctx, resp.Identity, app, product, &resp.Diagnostics)
}

func (r *callbackConfig) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// ImportState takes "<sdk_app_id>/<product>" (or "<product>") or the
// identity, and fills the state with the fleet's configuration of that pair:
// what the real provider's Read returns after the benchmark populated the
// emulator. The floor's Read does nothing, so this is the whole import.
func (r *callbackConfig) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	var app types.Int64
	var product types.String
	if req.ID != "" {
		a, p, _ := strings.Cut(req.ID, "/")
		if p == "" {
			a, p = "", a
		}
		product = types.StringValue(p)
		if n, err := strconv.ParseInt(a, 10, 64); err == nil {
			app = types.Int64Value(n)
		}
	} else if req.Identity != nil {
		resp.Diagnostics.Append(req.Identity.GetAttribute(ctx, path.Root("sdk_app_id"), &app)...)
		resp.Diagnostics.Append(req.Identity.GetAttribute(ctx, path.Root("product"), &product)...)
	}
	if app.IsNull() || app.IsUnknown() {
		app = types.Int64Value(r.defaultApp())
	}
	setFleetConfig(ctx, &resp.State, app.ValueInt64(), catalog.Product(product.ValueString()), &resp.Diagnostics)
	setIdentity(ctx, resp.Identity, app, product, &resp.Diagnostics)
}

// List lists the fleet's configuration of every requested (app, product)
// pair, in the real provider's order (app ascending, then product in
// catalogue order), without I/O.
func (r *callbackConfig) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var appIDs, productNames types.List
	diags := req.Config.GetAttribute(ctx, path.Root("sdk_app_ids"), &appIDs)
	diags.Append(req.Config.GetAttribute(ctx, path.Root("products"), &productNames)...)
	var apps []int64
	if appIDs.IsNull() {
		if r.data != nil {
			apps = r.data.apps
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

// attributeSetter is a state, a list result's resource or an identity.
type attributeSetter interface {
	SetAttribute(ctx context.Context, p path.Path, val any) diag.Diagnostics
}

// setFleetConfig writes the fleet's configuration of (app, p) into dst.
func setFleetConfig(ctx context.Context, dst attributeSetter, app int64, p catalog.Product, diags *diag.Diagnostics) {
	words := fleet.Commands(p)
	elems := make([]attr.Value, len(words))
	for i, w := range words {
		elems[i] = types.StringValue(w)
	}
	values := map[string]attr.Value{
		"product":           types.StringValue(string(p)),
		"url":               types.StringValue(fleet.URL(uint64(app), p)), //nolint:gosec // SDKAppIDs are positive
		"callback_commands": types.SetValueMust(types.StringType, elems),
		"sdk_app_id":        types.Int64Value(app),
		"id":                configID(app, string(p)),
	}
	for name, v := range values {
		diags.Append(dst.SetAttribute(ctx, path.Root(name), v)...)
	}
}

func setIdentity(ctx context.Context, dst attributeSetter, app types.Int64, product types.String, diags *diag.Diagnostics) {
	diags.Append(dst.SetAttribute(ctx, path.Root("sdk_app_id"), app)...)
	diags.Append(dst.SetAttribute(ctx, path.Root("product"), product)...)
}

func configID(app int64, product string) types.String {
	return types.StringValue(strconv.FormatInt(app, 10) + "/" + product)
}
