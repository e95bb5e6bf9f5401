package main

import (
	"context"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentrtc/terraform-provider-tencentrtc/bench/fleet"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

var (
	_ resource.Resource                = (*callbackConfig)(nil)
	_ resource.ResourceWithConfigure   = (*callbackConfig)(nil)
	_ resource.ResourceWithIdentity    = (*callbackConfig)(nil)
	_ resource.ResourceWithImportState = (*callbackConfig)(nil)
)

type callbackConfig struct{ callbackConfigBase }

func (r *callbackConfig) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema(ctx)
}

func (r *callbackConfig) IdentitySchema(ctx context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema(ctx)
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
// what the real provider's Read returns after the harness populated the
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
