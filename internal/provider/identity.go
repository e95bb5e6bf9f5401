package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

// Resource identity (Terraform 1.12+, OpenTofu 1.12+): what names one remote
// object, so that `import { identity = { ... } }` and `terraform query` can
// address it without the string ID. CLIs without identity support ignore it.

// appIdentityModel is the sdk_app_id of every identity (identitySDKAppID),
// and the whole identity of tencentrtc_live_callback_token.
type appIdentityModel struct {
	SDKAppID types.Int64 `tfsdk:"sdk_app_id"`
}

// callbackConfigIdentityModel is the identity of tencentrtc_callback_config.
type callbackConfigIdentityModel struct {
	appIdentityModel
	Product types.String `tfsdk:"product"`
}

// identitySDKAppID is the sdk_app_id of both identities.
var identitySDKAppID = identityschema.Int64Attribute{
	OptionalForImport: true,
	Description:       "The SDKAppID of the app. Optional in an `import` block's `identity`: the provider's `sdk_app_id` when omitted.",
}

func (r *callbackConfigResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"sdk_app_id": identitySDKAppID,
			"product": identityschema.StringAttribute{
				RequiredForImport: true,
				Description:       "The product: one of " + productsMarkdown() + ".",
			},
		},
	}
}

func (r *liveCallbackTokenResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"sdk_app_id": identitySDKAppID,
		},
	}
}

// callbackConfigIdentity is the identity value of (app, product).
func callbackConfigIdentity(app uint64, product catalog.Product) callbackConfigIdentityModel {
	return callbackConfigIdentityModel{
		appIdentityModel: appIdentity(app),
		Product:          types.StringValue(string(product)),
	}
}

// setCallbackConfigIdentity records the identity of (app, product) in a
// response; identity is nil when the resource is used without identity
// support.
func setCallbackConfigIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, app uint64, product catalog.Product) diag.Diagnostics {
	if identity == nil {
		return nil
	}
	return identity.Set(ctx, callbackConfigIdentity(app, product))
}

// setLiveTokenIdentity records the identity of app's Live callback token.
func setLiveTokenIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, app uint64) diag.Diagnostics {
	if identity == nil {
		return nil
	}
	return identity.Set(ctx, appIdentity(app))
}

// appIdentity is the appIdentityModel of app.
func appIdentity(app uint64) appIdentityModel {
	return appIdentityModel{SDKAppID: types.Int64Value(int64(app))} //nolint:gosec // SDKAppIDs are at most 4294967295
}

// identityApp resolves the sdk_app_id of an import identity: the given app,
// or the provider's default when it is null.
func identityApp(sdkAppID types.Int64, defaultApp uint64, example string) (uint64, error) {
	if sdkAppID.IsNull() || sdkAppID.IsUnknown() {
		if defaultApp == 0 {
			return 0, fmt.Errorf("the import identity has no sdk_app_id and the provider has no default sdk_app_id (%s): write identity = { %s }, or set the provider's sdk_app_id", envSDKAppID, example)
		}
		return defaultApp, nil
	}
	v := sdkAppID.ValueInt64()
	if v <= 0 || v > maxSDKAppID {
		return 0, fmt.Errorf("the import identity's sdk_app_id is %d, which is not an SDKAppID (a positive integer up to %d): write identity = { %s } with your app's SDKAppID", v, maxSDKAppID, example)
	}
	return uint64(v), nil
}

// callbackConfigImportTarget resolves the (app, product) of an import, by ID
// (`<sdk_app_id>/<product>` or `<product>`) or by identity.
func callbackConfigImportTarget(ctx context.Context, req resource.ImportStateRequest, defaultApp uint64, diags *diag.Diagnostics) (uint64, catalog.Product, bool) {
	if req.ID != "" || req.Identity == nil {
		app, product, err := parseImportID(req.ID, defaultApp)
		if err != nil {
			diags.AddError(summaryInvalidImportID, err.Error()+".")
			return 0, "", false
		}
		return app, product, true
	}
	var id callbackConfigIdentityModel
	diags.Append(req.Identity.Get(ctx, &id)...)
	if diags.HasError() {
		return 0, "", false
	}
	product, err := catalog.ParseProduct(id.Product.ValueString())
	if err != nil {
		diags.AddError(summaryInvalidImportIdentity,
			fmt.Sprintf("The import identity's product is not valid: %s; for example identity = { product = \"call\" }.", err))
		return 0, "", false
	}
	app, err := identityApp(id.SDKAppID, defaultApp, fmt.Sprintf("sdk_app_id = 1400000001, product = %q", product))
	if err != nil {
		diags.AddError(summaryInvalidImportIdentity, err.Error()+".")
		return 0, "", false
	}
	return app, product, true
}

// liveTokenImportTarget resolves the app of a Live token import, by ID
// (`<sdk_app_id>/live_token` or `live_token`) or by identity.
func liveTokenImportTarget(ctx context.Context, req resource.ImportStateRequest, defaultApp uint64, diags *diag.Diagnostics) (uint64, bool) {
	if req.ID != "" || req.Identity == nil {
		app, err := parseLiveTokenImportID(req.ID, defaultApp)
		if err != nil {
			diags.AddError(summaryInvalidImportID, err.Error())
			return 0, false
		}
		return app, true
	}
	var id appIdentityModel
	diags.Append(req.Identity.Get(ctx, &id)...)
	if diags.HasError() {
		return 0, false
	}
	app, err := identityApp(id.SDKAppID, defaultApp, "sdk_app_id = 1400000001")
	if err != nil {
		diags.AddError(summaryInvalidImportIdentity, err.Error()+".")
		return 0, false
	}
	return app, true
}
