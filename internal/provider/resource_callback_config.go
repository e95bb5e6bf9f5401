package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
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

// kindCallbackConfig names the target of tencentrtc_callback_config in texts.
const kindCallbackConfig = "the callback configuration"

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
// Create follows the create rule (createCallback): it never replaces a
// configuration it did not make, and adopts one identical to the plan, which
// is what a create whose answer was lost or an interrupted apply leaves
// behind. So nothing is lost or duplicated when an apply fails half-way:
// state only records what the API confirmed, and the next apply converges.
type callbackConfigResource struct {
	resourceBase
}

// callbackConfigModel is the state of tencentrtc_callback_config, resource
// and data source alike.
type callbackConfigModel struct {
	appIDModel
	Product          types.String `tfsdk:"product"`
	URL              types.String `tfsdk:"url"`
	CallbackCommands types.Set    `tfsdk:"callback_commands"`
}

// callbackConfigIdentityModel is the identity of tencentrtc_callback_config.
type callbackConfigIdentityModel struct {
	appIdentityModel
	Product types.String `tfsdk:"product"`
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
				Validators:          []validator.Set{callbackCommandsValidator},
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

func (r *callbackConfigResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan callbackConfigModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, t := r.data.resolveCallback(ctx, plan, summaryCreateCallback, &resp.Diagnostics)
	want, diags := plan.toAPI(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	// The read and the write happen under the target's lock, and a target
	// another create of this apply took is refused (ownership.go).
	done, ok := r.data.owners.beginCreate(t.id())
	if !ok {
		addTakenError(&resp.Diagnostics, summaryCallbackExists, kindCallbackConfig, t.id())
		return
	}
	tflog.Debug(ctx, "Creating callback configuration", map[string]any{"url": want.URL, "callback_commands": want.Commands})
	outcome, existing, err := createCallback(ctx, t.client, t.product, want)
	done(err == nil && outcome != outcomeConflict)
	if outcome == outcomeConflict {
		addAlreadyExistsError(&resp.Diagnostics, t.app, t.product, existing, err)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, summaryCreateCallback, err)
		return
	}
	recordCallbackConfig(ctx, &resp.State, resp.Identity, t, want, &resp.Diagnostics)
}

func (r *callbackConfigResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state callbackConfigModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, t := r.data.resolveCallback(ctx, state, summaryReadCallback, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	got, err := t.client.GetCallback(ctx, t.product)
	if client.IsNotFound(err) {
		// Only "does not exist" means gone; any other error fails the
		// read so that a transient problem never plans a re-create.
		tflog.Warn(ctx, "Callback configuration not found; removing it from state")
		resp.Diagnostics.AddWarning(summaryCallbackGone, fmt.Sprintf(
			"The %s callback configuration of SDKAppID %d no longer exists; it was probably deleted outside Terraform, so it was removed from the state. "+
				"While the resource stays in the configuration, Terraform plans to create it again.", t.product, t.app))
		resp.State.RemoveResource(ctx)
		// The framework (v1.19) wants an identity even for a removed resource.
		resp.Diagnostics.Append(setCallbackConfigIdentity(ctx, resp.Identity, t)...)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, summaryReadCallback, err)
		return
	}
	recordCallbackConfig(ctx, &resp.State, resp.Identity, t, *got, &resp.Diagnostics)
}

func (r *callbackConfigResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan callbackConfigModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, t := r.data.resolveCallback(ctx, plan, summaryUpdateCallback, &resp.Diagnostics)
	want, diags := plan.toAPI(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	tflog.Debug(ctx, "Updating callback configuration", map[string]any{"url": want.URL, "callback_commands": want.Commands})
	var err error
	if catalog.Describe(t.product).HasUpdate {
		err = t.client.UpdateCallback(ctx, t.product, want)
		if client.IsNotFound(err) {
			// Deleted between refresh and apply: creating it is what the
			// plan asks for in substance.
			tflog.Warn(ctx, "Callback configuration vanished before update; creating it")
			err = t.client.SetCallback(ctx, t.product, want)
		}
	} else {
		err = t.client.SetCallback(ctx, t.product, want)
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, summaryUpdateCallback, err)
		return
	}
	recordCallbackConfig(ctx, &resp.State, resp.Identity, t, want, &resp.Diagnostics)
}

func (r *callbackConfigResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state callbackConfigModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, t := r.data.resolveCallback(ctx, state, summaryDeleteCallback, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	if r.data.owners.createdByOther(t.id()) {
		resp.Diagnostics.AddWarning("Callback Configuration Left In Place", fmt.Sprintf(
			"Another resource instance of this apply created or adopted %s %s, so destroying this instance only removes it from the state.",
			kindCallbackConfig, t.id()))
		return
	}
	tflog.Debug(ctx, "Deleting callback configuration")
	if err := t.client.DeleteCallback(ctx, t.product); err != nil && !client.IsNotFound(err) {
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
	t, ok := callbackConfigImportTarget(ctx, req, r.data.defaultApp, &resp.Diagnostics)
	if !ok {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), t.id())...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("product"), string(t.product))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("sdk_app_id"), int64(t.app))...) //nolint:gosec // parseSDKAppID bounds it
	resp.Diagnostics.Append(setCallbackConfigIdentity(ctx, resp.Identity, t)...)
}

// ModifyPlan makes the plan predict the apply. It resolves the app (one the
// provider has no credentials for fails the plan), fills in sdk_app_id and
// id, claims the target for this instance (ownership.go), and for a create
// reads the target once: a different existing configuration or rejected
// credentials fail the plan, an identical one plans as an adoption.
func (r *callbackConfigResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.data == nil {
		return // validation, before the provider is configured
	}
	if req.Plan.Raw.IsNull() {
		var prior callbackConfigModel
		resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
		r.data.owners.claimTarget(prior.ID.ValueString(), kindCallbackConfig, targetClaim{
			instance: planInstance(ctx, req, resp), destroy: true,
			what: fmt.Sprintf("sends to %s and is to be destroyed", prior.URL.ValueString()),
		}, &resp.Diagnostics)
		return
	}
	instance := planInstance(ctx, req, resp)
	ctx, at, ok := r.data.planApp(ctx, req, resp)
	var plan callbackConfigModel
	resp.Diagnostics.Append(resp.Plan.Get(ctx, &plan)...)
	if !ok || resp.Diagnostics.HasError() || plan.Product.IsUnknown() {
		return // a target unknown at plan time is checked at apply
	}
	t := callbackTarget{appTarget: at, product: catalog.Product(plan.Product.ValueString())}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), t.id())...)
	if r.data.once("words and url " + instance) {
		want, _ := plan.toAPI(ctx)
		addInsecureURLWarning(&resp.Diagnostics, plan.URL.ValueString())
		addSameEventWarning(&resp.Diagnostics, t.product, want.Commands)
	}
	info := catalog.Describe(t.product)
	r.data.warnRegion(fmt.Sprintf("the %s APIs (product %s)", apiName(info), t.product), info.Regions, &resp.Diagnostics)
	r.data.owners.claimTarget(t.id(), kindCallbackConfig, targetClaim{instance: instance, what: describePlanned(ctx, req, plan, t.app)}, &resp.Diagnostics)

	var prior callbackConfigModel
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	}
	switch {
	case resp.Diagnostics.HasError():
	case !req.State.Raw.IsNull():
		// A replacement deletes the old target: it is this instance's.
		if prior.ID.ValueString() != t.id() {
			r.data.owners.claimTarget(prior.ID.ValueString(), kindCallbackConfig, targetClaim{instance: instance, destroy: true, what: "is replaced"}, &resp.Diagnostics)
		}
		recordPlannedPrior(ctx, prior.ID.ValueString(), resp)
	case plannedPrior(ctx, req) == t.id():
		// The create half of this instance's replacement: the delete half
		// removes what is there first.
	default:
		r.checkCreate(ctx, t, plan, &resp.Diagnostics)
	}
}

// checkCreate reads the target of a planned create: nothing there plans as
// usual; an identical configuration plans as an adoption (a warning); a
// different one, rejected credentials or a persistent failure fail the plan
// with the errors the apply would give.
func (r *callbackConfigResource) checkCreate(ctx context.Context, t callbackTarget, plan callbackConfigModel, diags *diag.Diagnostics) {
	ctx = tflog.SetField(ctx, "product", string(t.product))
	got, err := t.client.GetCallback(ctx, t.product)
	switch {
	case client.IsNotFound(err):
		return
	case err != nil:
		addPlanReadError(diags, summaryReadCallback, fmt.Sprintf("the %s callback configuration", t.product), t.app, err)
		return
	}
	want, d := plan.toAPI(ctx)
	if d.HasError() || plan.URL.IsUnknown() || !isFullyKnown(plan.CallbackCommands) {
		diags.AddAttributeWarning(path.Root("product"), summaryCallbackExists, fmt.Sprintf(
			"SDKAppID %d already has a %s callback configuration.%s Part of this configuration is not known until apply: "+
				"the apply adopts the existing configuration if it turns out identical, and otherwise fails without changing it.",
			t.app, t.product, describeConfig(got)))
		return
	}
	if !sameConfig(*got, want) {
		addAlreadyExistsError(diags, t.app, t.product, got, nil)
		return
	}
	diags.AddAttributeWarning(path.Root("product"), "Existing Callback Configuration Will Be Adopted", fmt.Sprintf(
		"SDKAppID %d already has a %s callback configuration identical to this one (the same URL and command words). "+
			"The apply adopts it into the state without writing anything to Tencent.", t.app, t.product))
}

// describePlanned says how a planned instance reads in an ownership error:
// how it names its app and where it sends its callbacks.
func describePlanned(ctx context.Context, req resource.ModifyPlanRequest, plan callbackConfigModel, app uint64) string {
	url := "a URL not known until apply"
	if !plan.URL.IsUnknown() {
		url = plan.URL.ValueString()
	}
	return describePlannedApp(ctx, req, app) + " and sends to " + url
}

// apiName names a product's API family for texts: "call_config" or the
// legacy "v1/callback".
func apiName(info catalog.Info) string {
	if info.V1 {
		return "v1/callback"
	}
	return info.Service
}

// toAPI converts the model to the client's request. Command words are sent
// as a normalised set (wordSet), so that the same configuration always makes
// the same request.
func (m callbackConfigModel) toAPI(ctx context.Context) (client.CallbackConfig, diag.Diagnostics) {
	var words []string
	diags := m.CallbackCommands.ElementsAs(ctx, &words, false)
	return client.CallbackConfig{URL: m.URL.ValueString(), Commands: wordSet(words)}, diags
}

// callbackConfigFromAPI converts an API answer to the model of (app,
// product). The API returns command words in any order and may repeat one;
// the set holds each once.
func callbackConfigFromAPI(app uint64, product catalog.Product, cfg client.CallbackConfig) callbackConfigModel {
	words := wordSet(cfg.Commands)
	elems := make([]attr.Value, len(words))
	for i, w := range words {
		elems[i] = types.StringValue(w)
	}
	return callbackConfigModel{
		appIDModel:       appIDValues(app, callbackConfigID(app, product)),
		Product:          types.StringValue(string(product)),
		URL:              types.StringValue(cfg.URL),
		CallbackCommands: types.SetValueMust(types.StringType, elems),
	}
}

// wordSet is the normalised set of command words: sorted, each once. Plans,
// requests, answers and comparisons all go through it.
func wordSet(words []string) []string {
	s := slices.Clone(words)
	slices.Sort(s)
	return slices.Compact(s)
}

// recordCallbackConfig sets the state and the identity to the configuration
// of t that the API confirmed.
func recordCallbackConfig(ctx context.Context, state *tfsdk.State, identity *tfsdk.ResourceIdentity, t callbackTarget, cfg client.CallbackConfig, diags *diag.Diagnostics) {
	m := callbackConfigFromAPI(t.app, t.product, cfg)
	diags.Append(state.Set(ctx, &m)...)
	diags.Append(setCallbackConfigIdentity(ctx, identity, t)...)
}

// id is the resource ID of t, `<sdk_app_id>/<product>`.
func (t callbackTarget) id() string { return callbackConfigID(t.app, t.product) }

// callbackConfigID is the resource ID of an (app, product) pair.
func callbackConfigID(app uint64, product catalog.Product) string {
	return strconv.FormatUint(app, 10) + "/" + string(product)
}

// setCallbackConfigIdentity records the identity of t in a response;
// identity is nil when the resource is used without identity support.
func setCallbackConfigIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, t callbackTarget) diag.Diagnostics {
	if identity == nil {
		return nil
	}
	return identity.Set(ctx, callbackConfigIdentity(t.app, t.product))
}

// callbackConfigIdentity is the identity value of (app, product).
func callbackConfigIdentity(app uint64, product catalog.Product) callbackConfigIdentityModel {
	return callbackConfigIdentityModel{
		appIdentityModel: appIdentity(app),
		Product:          types.StringValue(string(product)),
	}
}

// The create rule: a create never replaces a configuration that someone else
// made. It reads first; when nothing is there it writes; when what is there
// is identical to the plan (what a create whose answer was lost, or an
// interrupted apply, leaves behind) it adopts it without writing; anything
// else fails before any write, with the import hint. The client only maps
// verbs to HTTP: this policy lives in the resources alone (createLiveToken is
// the token's).

// createOutcome is what a create found and did.
type createOutcome int

const (
	outcomeCreated  createOutcome = iota // nothing existed; the provider wrote it
	outcomeAdopted                       // an identical configuration existed; nothing was written
	outcomeConflict                      // a different configuration exists; nothing was written by this create
)

// createCallback applies the create rule to a callback configuration. err is
// an API failure; with outcomeConflict it is the 100300 answer that revealed
// the conflict, or nil when the first read did. existing is the configuration
// found, when known.
func createCallback(ctx context.Context, c *client.Client, p catalog.Product, want client.CallbackConfig) (outcome createOutcome, existing *client.CallbackConfig, err error) {
	got, err := c.GetCallback(ctx, p)
	switch {
	case err == nil && sameConfig(*got, want):
		tflog.Info(ctx, "Adopted an existing callback configuration identical to the planned one; nothing written")
		return outcomeAdopted, got, nil
	case err == nil:
		return outcomeConflict, got, nil
	case !client.IsNotFound(err):
		return outcomeCreated, nil, err
	}
	err = c.SetCallback(ctx, p, want)
	if !client.IsAlreadyExists(err) {
		return outcomeCreated, nil, err
	}
	// live and room answer 100300 when a configuration appeared after the
	// read: our own first attempt whose answer was lost (the client retried
	// it), or another writer. Only an identical one is ours to adopt.
	got, getErr := c.GetCallback(ctx, p)
	if getErr == nil && sameConfig(*got, want) {
		tflog.Info(ctx, "Create answered 100300 and the stored configuration equals the planned one (an earlier attempt's answer was lost); adopted")
		return outcomeAdopted, got, nil
	}
	return outcomeConflict, got, err
}

// sameConfig reports whether a and b have the same URL and the same set of
// command words, ignoring order and duplicates.
func sameConfig(a, b client.CallbackConfig) bool {
	return a.URL == b.URL && slices.Equal(wordSet(a.Commands), wordSet(b.Commands))
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

// describeConfig says what a configuration does, for error texts (URLs and
// command words are not secrets).
func describeConfig(cfg *client.CallbackConfig) string {
	if cfg == nil {
		return ""
	}
	return fmt.Sprintf(" The existing configuration sends %s to %s.", strings.Join(wordSet(cfg.Commands), ", "), cfg.URL)
}

// importIDForms is the accepted shape of import IDs, for error texts.
const importIDForms = "<sdk_app_id>/<product> (e.g. 1400000001/live) or <product> alone for the provider's default app"

// callbackConfigImportTarget resolves the (app, product) of an import, by ID
// (`<sdk_app_id>/<product>` or `<product>`) or by identity.
func callbackConfigImportTarget(ctx context.Context, req resource.ImportStateRequest, defaultApp uint64, diags *diag.Diagnostics) (callbackTarget, bool) {
	if req.ID != "" || !hasIdentity(req) {
		app, product, err := parseImportID(req.ID, defaultApp)
		if err != nil {
			diags.AddError(summaryInvalidImportID, err.Error()+".")
			return callbackTarget{}, false
		}
		return callbackTarget{appTarget: appTarget{app: app}, product: product}, true
	}
	var id callbackConfigIdentityModel
	diags.Append(req.Identity.Get(ctx, &id)...)
	if diags.HasError() {
		return callbackTarget{}, false
	}
	if problem := productProblem(id.Product.ValueString()); problem != "" || id.Product.IsNull() {
		if id.Product.IsNull() {
			problem = "it has no product"
		}
		diags.AddError(summaryInvalidImportIdentity,
			fmt.Sprintf("The import identity is not valid: %s. Write identity = { product = \"call\" } (with sdk_app_id = <SDKAppID> for an app other than the provider's), or import by ID: %s.",
				strings.TrimSuffix(problem, "."), importIDForms))
		return callbackTarget{}, false
	}
	product := catalog.Product(id.Product.ValueString())
	app, err := identityApp(id.SDKAppID, defaultApp, fmt.Sprintf("sdk_app_id = 1400000001, product = %q", product))
	if err != nil {
		diags.AddError(summaryInvalidImportIdentity, err.Error()+".")
		return callbackTarget{}, false
	}
	return callbackTarget{appTarget: appTarget{app: app}, product: product}, true
}

// parseImportID parses `<sdk_app_id>/<product>` or `<product>`; the second
// form uses defaultApp, the provider's sdk_app_id (0 when it has none).
func parseImportID(id string, defaultApp uint64) (uint64, catalog.Product, error) {
	if strings.TrimSpace(id) == "" {
		return 0, "", fmt.Errorf("the import ID is empty (a script's unset variable?); use %s, or an import block's identity = { product = \"call\" }", importIDForms)
	}
	parts := strings.Split(id, "/")
	if len(parts) > 2 {
		return 0, "", fmt.Errorf("import ID %q has %d parts separated by /; use %s", id, len(parts), importIDForms)
	}
	productPart := parts[len(parts)-1]
	if productPart == liveTokenIDSuffix {
		return 0, "", fmt.Errorf("import ID %q names a Live callback token, which tencentrtc_live_callback_token manages: import it into that resource (terraform import tencentrtc_live_callback_token.<name> %s); "+
			"tencentrtc_callback_config takes %s", id, id, importIDForms)
	}
	product, err := catalog.ParseProduct(productPart)
	if err != nil {
		return 0, "", fmt.Errorf("import ID %q is not of the form %s%s: %w", id, importIDForms, importIDHint(id), err)
	}
	if len(parts) == 1 {
		if defaultApp == 0 {
			return 0, "", fmt.Errorf("import ID %q names no SDKAppID and the provider has no default sdk_app_id (%s): use %d/%s with your SDKAppID, or set the provider's sdk_app_id",
				id, envSDKAppID, 1400000001, product)
		}
		return defaultApp, product, nil
	}
	app, err := parseSDKAppID(parts[0])
	if err != nil {
		return 0, "", fmt.Errorf("import ID %q: %w; use %s", id, err, importIDForms)
	}
	return app, product, nil
}

// importIDHint recognises two likely slips: a colon instead of a slash, and
// the two parts swapped.
func importIDHint(id string) string {
	if a, b, ok := strings.Cut(id, ":"); ok {
		if _, err := catalog.ParseProduct(b); err == nil {
			return fmt.Sprintf(" (separate the parts with /: %s/%s)", a, b)
		}
	}
	if a, b, ok := strings.Cut(id, "/"); ok {
		if _, err := catalog.ParseProduct(a); err == nil {
			return fmt.Sprintf(" (the SDKAppID comes first: %s/%s)", b, a)
		}
	}
	return ""
}
