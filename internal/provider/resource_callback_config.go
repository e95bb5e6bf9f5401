package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/client"
)

var (
	_ resource.ResourceWithConfigure   = (*callbackConfigResource)(nil)
	_ resource.ResourceWithIdentity    = (*callbackConfigResource)(nil)
	_ resource.ResourceWithImportState = (*callbackConfigResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*callbackConfigResource)(nil)
)

// NewCallbackConfigResource returns the tencentrtc_callback_config resource.
func NewCallbackConfigResource() resource.Resource {
	return &callbackConfigResource{resourceBase{typeName: "_callback_config"}}
}

// callbackConfigResource manages the callback configuration of one (app,
// product) pair. Verbs per product (API.md §Verbs per product):
//
//	product  create          update             read          delete
//	call     set_callback    set_callback       get_callback  delete_callback
//	live     set_callback    update_callback    get_callback  delete_callback
//	room     set_callback    update_callback    get_callback  delete_callback
//	callkit  v1/callback/set v1/callback/update v1/callback/get v1/callback/delete
//
// Create follows the create rule (create_rule.go): it never replaces a
// configuration it did not make, and adopts one identical to the plan, which
// is what a create whose answer was lost or an interrupted apply leaves
// behind. So nothing is lost or duplicated when an apply fails half-way:
// state only records what the API confirmed, and the next apply converges.
type callbackConfigResource struct {
	resourceBase
}

func (r *callbackConfigResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The callback configuration of one product of one app: the URL that Tencent calls and the events (command words) it sends there. " +
			"An app has at most one configuration per product.",
		Attributes: map[string]schema.Attribute{
			"product": schema.StringAttribute{
				MarkdownDescription: "The product whose callbacks are configured: " + productsMarkdown() + ". Changing it replaces the resource.",
				Required:            true,
				Validators:          []validator.String{productValidator},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"url": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The absolute `https://` (or `http://`, with a plan-time warning) URL with a host that receives the callbacks; at most %d bytes, no fragment. Tencent appends its own query parameters.", maxCallbackURLLength),
				Required:            true,
				Validators:          []validator.String{urlValidator},
			},
			"callback_commands": schema.SetAttribute{
				MarkdownDescription: "The command words (events) to deliver; at least one, each valid for `product`. Order does not matter. Accepted words:" + commandWordsMarkdown(),
				Required:            true,
				ElementType:         types.StringType,
				Validators:          []validator.Set{setvalidator.SizeAtLeast(1), callbackCommandsValidator},
			},
			"sdk_app_id": schema.Int64Attribute{
				MarkdownDescription: "The SDKAppID of the app; defaults to the provider's `sdk_app_id`. The provider needs credentials for it (its `secret_key`, or an entry in its `apps` map). Changing it replaces the resource.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.Int64{sdkAppIDValidator},
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.RequiresReplace(), int64planmodifier.UseStateForUnknown()},
			},
			"id": schema.StringAttribute{
				MarkdownDescription: "`<sdk_app_id>/<product>`; also the import ID.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

func (r *callbackConfigResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	r.write(ctx, req.Plan, &resp.State, resp.Identity, summaryCreateCallback, &resp.Diagnostics, createConfig)
}

func (r *callbackConfigResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	ctx, app, product, c := r.stored(ctx, req.State, summaryReadCallback, &resp.Diagnostics)
	if c == nil {
		return
	}

	got, err := c.GetCallback(ctx, product)
	if client.IsNotFound(err) {
		// Only "does not exist" means gone; any other error fails the
		// read so that a transient problem never plans a re-create.
		tflog.Warn(ctx, "Callback configuration not found; removing it from state")
		resp.Diagnostics.AddWarning(summaryCallbackGone, fmt.Sprintf(
			"The %s callback configuration of SDKAppID %d no longer exists; it was probably deleted outside Terraform, so it was removed from the state. "+
				"While the resource stays in the configuration, Terraform plans to create it again.", product, app))
		resp.State.RemoveResource(ctx)
		// The framework (v1.19) wants an identity even for a removed resource.
		resp.Diagnostics.Append(setCallbackConfigIdentity(ctx, resp.Identity, app, product)...)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, summaryReadCallback, err)
		return
	}
	if got == nil {
		resp.Diagnostics.AddError(summaryReadCallback, "The client returned no configuration and no error. "+bugReport)
		return
	}

	recordCallbackConfig(ctx, &resp.State, resp.Identity, app, product, *got, &resp.Diagnostics)
}

func (r *callbackConfigResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	r.write(ctx, req.Plan, &resp.State, resp.Identity, summaryUpdateCallback, &resp.Diagnostics, updateConfig)
}

func (r *callbackConfigResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	ctx, _, product, c := r.stored(ctx, req.State, summaryDeleteCallback, &resp.Diagnostics)
	if c == nil {
		return
	}

	tflog.Debug(ctx, "Deleting callback configuration")
	if err := c.DeleteCallback(ctx, product); err != nil && !client.IsNotFound(err) {
		addAPIError(&resp.Diagnostics, summaryDeleteCallback, err)
	}
}

// ImportState accepts `<sdk_app_id>/<product>` or `<product>`, or an identity
// whose sdk_app_id defaults to the provider's.
func (r *callbackConfigResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if r.data == nil {
		resp.Diagnostics.AddError(summaryImportCallback, "The provider was not configured. "+bugReport)
		return
	}
	app, product, ok := callbackConfigImportTarget(ctx, req, r.data.defaultApp, &resp.Diagnostics)
	if !ok {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), callbackConfigID(app, product))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("product"), string(product))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("sdk_app_id"), int64(app))...) //nolint:gosec // parseSDKAppID bounds it
	resp.Diagnostics.Append(setCallbackConfigIdentity(ctx, resp.Identity, app, product)...)
}

// ModifyPlan resolves the app at plan time, so that a resource naming an app
// the provider has no credentials for fails at plan rather than at apply, and
// fills in sdk_app_id and id.
func (r *callbackConfigResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	app, ok := r.data.planApp(ctx, req, resp)
	if !ok {
		return
	}
	var product types.String
	resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, path.Root("product"), &product)...)
	if !product.IsUnknown() && !product.IsNull() {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), callbackConfigID(app, catalog.Product(product.ValueString())))...)
	}
}

// addAlreadyExistsError explains how to import the configuration that
// blocked a create. err is the API answer that revealed it, if any.
func addAlreadyExistsError(diags *diag.Diagnostics, app uint64, product catalog.Product, existing *client.CallbackConfig, err error) {
	detail := fmt.Sprintf("SDKAppID %d already has a %s callback configuration that differs from this one, and an app has at most one per product. "+
		"Terraform did not create or change anything: a create never replaces a configuration it did not make.%s\n\n%s\n\n"+
		"If the existing configuration is not needed, delete it outside Terraform first, then apply again.",
		app, product, describeConfig(existing), importHint("tencentrtc_callback_config", callbackConfigID(app, product)))
	var apiErr *client.APIError
	if errors.As(err, &apiErr) {
		// Only the code and request ID: the API's own text advises API verbs.
		detail += fmt.Sprintf("\n\nThe API answered %s with error %d [request ID %s].", apiErr.Path, apiErr.Code, apiErr.RequestID)
	}
	diags.AddAttributeError(path.Root("product"), summaryCallbackExists, detail)
}

// configWriter sends cfg as the configuration of (app, product) and reports
// a failure in diags; it returns whether the API took cfg.
type configWriter func(ctx context.Context, c *client.Client, app uint64, product catalog.Product, cfg client.CallbackConfig, diags *diag.Diagnostics) bool

// write is Create and Update: it sends the plan through send and records
// what the API took in the state and the identity.
func (r *callbackConfigResource) write(ctx context.Context, plan tfsdk.Plan, state *tfsdk.State, identity *tfsdk.ResourceIdentity, summary string, diags *diag.Diagnostics, send configWriter) {
	ctx, app, product, c, cfg := r.planned(ctx, plan, summary, diags)
	if c == nil || !send(ctx, c, app, product, cfg, diags) {
		return
	}
	recordCallbackConfig(ctx, state, identity, app, product, cfg, diags)
}

// createConfig creates under the create rule (create_rule.go).
func createConfig(ctx context.Context, c *client.Client, app uint64, product catalog.Product, cfg client.CallbackConfig, diags *diag.Diagnostics) bool {
	tflog.Debug(ctx, "Creating callback configuration", map[string]any{"url": cfg.URL, "callback_commands": cfg.Commands})
	outcome, existing, err := createCallback(ctx, c, product, cfg)
	if outcome == outcomeConflict {
		addAlreadyExistsError(diags, app, product, existing, err)
		return false
	}
	if err != nil {
		addAPIError(diags, summaryCreateCallback, err)
		return false
	}
	return true
}

// updateConfig updates with the product's update verb, or its set verb
// where it has none.
func updateConfig(ctx context.Context, c *client.Client, _ uint64, product catalog.Product, cfg client.CallbackConfig, diags *diag.Diagnostics) bool {
	tflog.Debug(ctx, "Updating callback configuration", map[string]any{"url": cfg.URL, "callback_commands": cfg.Commands})
	var err error
	if catalog.Describe(product).HasUpdate {
		err = c.UpdateCallback(ctx, product, cfg)
		if client.IsNotFound(err) {
			// Deleted between refresh and apply: creating it is what the
			// plan asks for in substance.
			tflog.Warn(ctx, "Callback configuration vanished before update; creating it")
			err = c.SetCallback(ctx, product, cfg)
		}
	} else {
		err = c.SetCallback(ctx, product, cfg)
	}
	if err != nil {
		addAPIError(diags, summaryUpdateCallback, err)
		return false
	}
	return true
}

// planned reads the plan of a Create or Update and resolves what it
// targets: the context, app, product and client (nil on error), and the
// configuration to send.
func (r *callbackConfigResource) planned(ctx context.Context, p tfsdk.Plan, summary string, diags *diag.Diagnostics) (context.Context, uint64, catalog.Product, *client.Client, client.CallbackConfig) {
	var plan callbackConfigModel
	diags.Append(p.Get(ctx, &plan)...)
	if diags.HasError() {
		return ctx, 0, "", nil, client.CallbackConfig{}
	}
	ctx, app, product, c := callbackTarget(ctx, r.data, plan, summary, diags)
	if c == nil {
		return ctx, 0, "", nil, client.CallbackConfig{}
	}
	cfg, d := plan.toAPI(ctx)
	diags.Append(d...)
	if diags.HasError() {
		return ctx, 0, "", nil, client.CallbackConfig{}
	}
	return ctx, app, product, c, cfg
}

// stored decodes the state and resolves its app, product and client, as
// callbackTarget does. On error it returns a nil client.
func (r *callbackConfigResource) stored(ctx context.Context, s tfsdk.State, summary string, diags *diag.Diagnostics) (context.Context, uint64, catalog.Product, *client.Client) {
	var state callbackConfigModel
	diags.Append(s.Get(ctx, &state)...)
	if diags.HasError() {
		return ctx, 0, "", nil
	}
	return callbackTarget(ctx, r.data, state, summary, diags)
}

// callbackTarget resolves the product, app and client of m (a resource's or
// the data source's), and returns a context whose log lines carry both (with
// the app's secrets masked). On error it returns a nil client.
func callbackTarget(ctx context.Context, data *providerData, m callbackConfigModel, summary string, diags *diag.Diagnostics) (context.Context, uint64, catalog.Product, *client.Client) {
	product, err := catalog.ParseProduct(m.Product.ValueString())
	if err != nil {
		diags.AddAttributeError(path.Root("product"), summary, err.Error()+".")
		return ctx, 0, "", nil
	}
	ctx, app, c := data.appClient(ctx, m.SDKAppID, summary, diags)
	if c == nil {
		return ctx, 0, "", nil
	}
	return tflog.SetField(ctx, "product", string(product)), app, product, c
}

// recordCallbackConfig sets the state and the identity to the configuration
// of (app, product) that the API confirmed.
func recordCallbackConfig(ctx context.Context, state *tfsdk.State, identity *tfsdk.ResourceIdentity, app uint64, product catalog.Product, cfg client.CallbackConfig, diags *diag.Diagnostics) {
	m := callbackConfigFromAPI(app, product, cfg)
	diags.Append(state.Set(ctx, &m)...)
	diags.Append(setCallbackConfigIdentity(ctx, identity, app, product)...)
}
