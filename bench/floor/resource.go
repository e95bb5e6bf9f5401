package main

import (
	"context"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
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

type callbackConfig struct{ data *floorData }

type callbackConfigModel struct {
	Product          types.String `tfsdk:"product"`
	URL              types.String `tfsdk:"url"`
	CallbackCommands types.Set    `tfsdk:"callback_commands"`
	SDKAppID         types.Int64  `tfsdk:"sdk_app_id"`
	ID               types.String `tfsdk:"id"`
}

type identityModel struct {
	SDKAppID types.Int64  `tfsdk:"sdk_app_id"`
	Product  types.String `tfsdk:"product"`
}

func (r *callbackConfig) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_callback_config"
}

func (r *callbackConfig) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = rschema.Schema{
		Attributes: map[string]rschema.Attribute{
			"product": rschema.StringAttribute{
				Required:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"url": rschema.StringAttribute{Required: true},
			"callback_commands": rschema.SetAttribute{
				Required:    true,
				ElementType: types.StringType,
			},
			"sdk_app_id": rschema.Int64Attribute{
				Optional: true,
				Computed: true,
				PlanModifiers: []planmodifier.Int64{
					int64planmodifier.UseStateForUnknown(),
					int64planmodifier.RequiresReplace(),
				},
			},
			"id": rschema.StringAttribute{
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

func (r *callbackConfig) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"sdk_app_id": identityschema.Int64Attribute{OptionalForImport: true},
			"product":    identityschema.StringAttribute{RequiredForImport: true},
		},
	}
}

func (r *callbackConfig) Configure(_ context.Context, req resource.ConfigureRequest, _ *resource.ConfigureResponse) {
	if d, ok := req.ProviderData.(*floorData); ok {
		r.data = d
	}
}

func (r *callbackConfig) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m callbackConfigModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.complete(&m)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
	resp.Diagnostics.Append(resp.Identity.Set(ctx, identityOf(m))...)
}

// Read keeps the state as it is. Only the identity needs filling when the CLI
// kept none (Terraform before 1.12, a state from before identity): the
// framework rejects a Read that returns none, as it does for the real provider.
func (r *callbackConfig) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if resp.Identity == nil || !resp.Identity.Raw.IsFullyNull() {
		return
	}
	var id identityModel
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("sdk_app_id"), &id.SDKAppID)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("product"), &id.Product)...)
	resp.Diagnostics.Append(resp.Identity.Set(ctx, id)...)
}

func (r *callbackConfig) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m callbackConfigModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.complete(&m)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
	resp.Diagnostics.Append(resp.Identity.Set(ctx, identityOf(m))...)
}

func (r *callbackConfig) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// ImportState takes "<sdk_app_id>/<product>" (or "<product>") or the
// identity, and fills the state with the fleet's configuration of that pair:
// what the real provider's Read returns after the harness populated the
// emulator. The floor's Read does nothing, so this is the whole import.
func (r *callbackConfig) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	var id identityModel
	if req.ID != "" {
		app, product, _ := strings.Cut(req.ID, "/")
		if product == "" {
			app, product = "", app
		}
		id.Product = types.StringValue(product)
		if n, err := strconv.ParseInt(app, 10, 64); err == nil {
			id.SDKAppID = types.Int64Value(n)
		}
	} else if req.Identity != nil {
		resp.Diagnostics.Append(req.Identity.Get(ctx, &id)...)
	}
	if id.SDKAppID.IsNull() || id.SDKAppID.IsUnknown() {
		var app int64
		if r.data != nil {
			app = r.data.defaultApp
		}
		id.SDKAppID = types.Int64Value(app)
	}
	m := fleetModel(id.SDKAppID.ValueInt64(), catalog.Product(id.Product.ValueString()))
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
	resp.Diagnostics.Append(resp.Identity.Set(ctx, identityOf(m))...)
}

// complete fills the computed attributes: sdk_app_id from the provider's
// default when unset, and id = "<sdk_app_id>/<product>".
func (r *callbackConfig) complete(m *callbackConfigModel) {
	if m.SDKAppID.IsNull() || m.SDKAppID.IsUnknown() {
		var app int64
		if r.data != nil {
			app = r.data.defaultApp
		}
		m.SDKAppID = types.Int64Value(app)
	}
	m.ID = types.StringValue(strconv.FormatInt(m.SDKAppID.ValueInt64(), 10) + "/" + m.Product.ValueString())
}

// fleetModel is the fleet's configuration of (app, p), as a resource model.
func fleetModel(app int64, p catalog.Product) callbackConfigModel {
	words := fleet.Commands(p)
	elems := make([]attr.Value, len(words))
	for i, w := range words {
		elems[i] = types.StringValue(w)
	}
	return callbackConfigModel{
		Product:          types.StringValue(string(p)),
		URL:              types.StringValue(fleet.URL(uint64(app), p)), //nolint:gosec // SDKAppIDs are positive
		CallbackCommands: types.SetValueMust(types.StringType, elems),
		SDKAppID:         types.Int64Value(app),
		ID:               types.StringValue(strconv.FormatInt(app, 10) + "/" + string(p)),
	}
}

func identityOf(m callbackConfigModel) identityModel {
	return identityModel{SDKAppID: m.SDKAppID, Product: m.Product}
}
