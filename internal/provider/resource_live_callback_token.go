package provider

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/client"
)

var (
	_ resource.Resource                     = (*liveCallbackTokenResource)(nil)
	_ resource.ResourceWithConfigure        = (*liveCallbackTokenResource)(nil)
	_ resource.ResourceWithConfigValidators = (*liveCallbackTokenResource)(nil)
	_ resource.ResourceWithImportState      = (*liveCallbackTokenResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*liveCallbackTokenResource)(nil)
)

// NewLiveCallbackTokenResource returns the tencentrtc_live_callback_token
// resource.
func NewLiveCallbackTokenResource() resource.Resource {
	return &liveCallbackTokenResource{}
}

// liveCallbackTokenResource manages the token that signs Live callbacks
// (v4/live_config/*_callback_token). An app has at most one.
type liveCallbackTokenResource struct {
	data *providerData
}

type liveCallbackTokenModel struct {
	ID             types.String `tfsdk:"id"`
	SDKAppID       types.Int64  `tfsdk:"sdk_app_id"`
	Token          types.String `tfsdk:"token"`
	TokenWO        types.String `tfsdk:"token_wo"`
	TokenWOVersion types.Int64  `tfsdk:"token_wo_version"`
	Enabled        types.Bool   `tfsdk:"enabled"`
}

// liveTokenIDSuffix is the fixed second part of the resource ID, and the
// short import ID for the provider's default app.
const liveTokenIDSuffix = "live_token"

// Token limits from the set_callback_token documentation.
const (
	liveTokenMinLength = 1
	liveTokenMaxLength = 128
)

// privateKeyTokenWOHash is the private-state key holding the SHA-256 of the
// token_wo value the provider last sent. Its presence also marks a resource
// managed through token_wo (as opposed to token, or a fresh import). Private
// state lives in the state file, so a short or guessable token could be
// recovered from the hash by trying candidates: the attribute descriptions
// ask for a random token.
const privateKeyTokenWOHash = "token_wo_sha256" //nolint:gosec // G101: a private-state key name, not a credential

func (r *liveCallbackTokenResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_live_callback_token"
}

func (r *liveCallbackTokenResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	lengthValidator := stringvalidator.LengthBetween(liveTokenMinLength, liveTokenMaxLength)
	resp.Schema = schema.Schema{
		MarkdownDescription: "The token that signs the callbacks of TUILiveKit (product `live`). While it is enabled, Tencent adds " +
			"`Sign` = hex(SHA-256(token + RequestTime)) and `RequestTime` to the query string of every Live callback, so the receiver " +
			"can check that a callback comes from Tencent. An app has one token; this resource manages it through " +
			"`v4/live_config/set_callback_token`, `get_callback_token` and `delete_callback_token`.\n\n" +
			"Set the token with exactly one of `token` (kept in the state, marked sensitive) or `token_wo` with `token_wo_version` " +
			"(write-only: never stored in the plan or state; Terraform 1.11 or OpenTofu 1.11 and later). " +
			"Changes made outside Terraform to `enabled` and to the token are detected and reverted by the next apply.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "`<sdk_app_id>/live_token`.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"sdk_app_id": schema.Int64Attribute{
				MarkdownDescription: "The SDKAppID whose Live callbacks the token signs. Defaults to the provider's `sdk_app_id`. Changing it replaces the resource.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.Int64{sdkAppIDValidator},
				PlanModifiers: []planmodifier.Int64{
					int64planmodifier.UseStateForUnknown(),
					int64planmodifier.RequiresReplace(),
				},
			},
			"token": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The signing token, %d to %d characters; use a random value (for example from `random_password`). Sensitive: it is stored in the state but never shown in plans or logs. "+
					"Conflicts with `token_wo`; exactly one of them is required. After an import the state holds the token read from the API.",
					liveTokenMinLength, liveTokenMaxLength),
				Optional:   true,
				Sensitive:  true,
				Validators: []validator.String{lengthValidator},
			},
			"token_wo": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The signing token as a write-only argument, %d to %d characters; use a random value. It is sent to Tencent but never stored in the plan or state, "+
					"so it can come from an ephemeral resource. Requires Terraform or OpenTofu 1.11 or later, and `token_wo_version`. "+
					"Terraform cannot see changes of a write-only value: change `token_wo_version` to send a new token. Conflicts with `token`.",
					liveTokenMinLength, liveTokenMaxLength),
				Optional:   true,
				Sensitive:  true,
				WriteOnly:  true,
				Validators: []validator.String{lengthValidator},
			},
			"token_wo_version": schema.Int64Attribute{
				MarkdownDescription: "Version of `token_wo`; required with it. Any change sends the current `token_wo` to Tencent: bump it to rotate the token. " +
					"When the token is changed outside Terraform, the next plan shows this attribute changing so that apply sends `token_wo` again.",
				Optional: true,
			},
			"enabled": schema.BoolAttribute{
				MarkdownDescription: "Whether Tencent signs Live callbacks with the token. Defaults to `true`: declaring a token normally means using it. " +
					"Set `false` to keep the token stored but stop signing.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(true),
			},
		},
	}
}

func (r *liveCallbackTokenResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *liveCallbackTokenResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan, config liveCallbackTokenModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, app, c := r.data.appClient(ctx, plan.SDKAppID, summaryCreateLiveToken, &resp.Diagnostics)
	if c == nil {
		return
	}
	token, writeOnly := desiredToken(plan, config)
	// The client also removes the token from error texts.
	ctx = maskToken(ctx, token)

	// First setup: the API requires both fields.
	enabled := plan.Enabled.ValueBool()
	outcome, err := createLiveToken(ctx, c, token, enabled)
	if outcome == outcomeConflict {
		resp.Diagnostics.AddError(summaryLiveTokenExists, fmt.Sprintf(
			"SDKAppID %d already has a Live callback token, and it differs from this one (the token, or enabled). "+
				"Terraform did not change it: replacing a token breaks every receiver that checks Sign, so a create never replaces a token it did not set.\n\n%s\n\n"+
				"If the existing token is not needed, delete it outside Terraform first, then apply again.",
			app, importHint("tencentrtc_live_callback_token", liveTokenID(app))))
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, summaryCreateLiveToken, err)
		return
	}
	tflog.Debug(ctx, "live callback token set", map[string]any{"enabled": enabled, "write_only": writeOnly, "adopted": outcome == outcomeAdopted})

	plan.ID = types.StringValue(liveTokenID(app))
	plan.SDKAppID = types.Int64Value(int64(app))
	resp.Diagnostics.Append(setTokenWOHash(ctx, resp.Private, token, writeOnly)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(setLiveTokenIdentity(ctx, resp.Identity, app)...)
}

func (r *liveCallbackTokenResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state liveCallbackTokenModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, app, c := r.data.appClient(ctx, state.SDKAppID, summaryReadLiveToken, &resp.Diagnostics)
	if c == nil {
		return
	}
	remote, err := c.GetLiveCallbackToken(ctx)
	if client.IsNotFound(err) {
		resp.Diagnostics.AddWarning(summaryLiveTokenGone,
			fmt.Sprintf("SDKAppID %d has no Live callback token any more; it was probably deleted outside Terraform, so it was removed from the state. "+
				"Until a token is set again, Live callbacks carry no Sign. While the resource stays in the configuration, Terraform plans to create it again.", app))
		resp.State.RemoveResource(ctx)
		// The framework (v1.19) wants an identity even for a removed resource.
		resp.Diagnostics.Append(setLiveTokenIdentity(ctx, resp.Identity, app)...)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, summaryReadLiveToken, err)
		return
	}
	ctx = maskToken(ctx, remote.Token)

	wantHash, diags := req.Private.GetKey(ctx, privateKeyTokenWOHash)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if wantHash == nil {
		// Managed through token, or just imported: the state holds the
		// token (sensitive), so a drift shows as a sensitive change.
		state.Token = types.StringValue(remote.Token)
	} else if !matchesTokenHash(wantHash, remote.Token) {
		// Managed through token_wo. A write-only value never reaches the
		// state, and comparing the configured token_wo with the remote
		// token at plan time would be wrong: token_wo often comes from an
		// ephemeral resource that yields a new value on every run, which
		// is why the version attribute exists. So the provider remembers
		// what it sent (a SHA-256 in private state), compares that with
		// the API here, and on a mismatch forgets token_wo_version in the
		// state. The plan then shows token_wo_version changing (null to
		// the configured value): an ordinary in-place update that sends
		// token_wo again, exactly like a version bump by the user. The
		// configuration validators require token_wo_version with token_wo,
		// so the configured value is never null and the diff always shows.
		tflog.Debug(ctx, "live callback token changed outside Terraform")
		resp.Diagnostics.AddWarning("Live Callback Token Changed Outside Terraform",
			fmt.Sprintf("The Live callback token of SDKAppID %d is not the token_wo value Terraform last sent. "+
				"The plan shows token_wo_version changing so that apply sends token_wo again.", app))
		state.TokenWOVersion = types.Int64Null()
	}
	state.Enabled = types.BoolValue(remote.Enabled)
	state.SDKAppID = types.Int64Value(int64(app))
	state.ID = types.StringValue(liveTokenID(app))
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	resp.Diagnostics.Append(setLiveTokenIdentity(ctx, resp.Identity, app)...)
}

func (r *liveCallbackTokenResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state, config liveCallbackTokenModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, app, c := r.data.appClient(ctx, state.SDKAppID, summaryUpdateLiveToken, &resp.Diagnostics)
	if c == nil {
		return
	}
	token, writeOnly := desiredToken(plan, config)
	ctx = maskToken(ctx, token)

	// Partial update: send only what changed.
	var update client.LiveCallbackTokenUpdate
	var tokenSent bool
	if writeOnly {
		tokenSent = !plan.TokenWOVersion.Equal(state.TokenWOVersion)
	} else {
		tokenSent = !plan.Token.Equal(state.Token)
	}
	if tokenSent {
		update.Token = &token
	}
	if !plan.Enabled.Equal(state.Enabled) {
		enabled := plan.Enabled.ValueBool()
		update.Enabled = &enabled
	}
	if update.Token != nil || update.Enabled != nil {
		if err := c.SetLiveCallbackToken(ctx, update); err != nil {
			addAPIError(&resp.Diagnostics, summaryUpdateLiveToken, err)
			return
		}
		tflog.Debug(ctx, "live callback token updated", map[string]any{
			"token_sent": tokenSent, "enabled_sent": update.Enabled != nil, "write_only": writeOnly,
		})
	}
	if tokenSent || !writeOnly {
		// Keep the private hash in step with the mode; an unchanged
		// token_wo keeps the hash of the value sent before.
		resp.Diagnostics.Append(setTokenWOHash(ctx, resp.Private, token, writeOnly)...)
	}
	plan.ID = types.StringValue(liveTokenID(app))
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(setLiveTokenIdentity(ctx, resp.Identity, app)...)
}

func (r *liveCallbackTokenResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state liveCallbackTokenModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, _, c := r.data.appClient(ctx, state.SDKAppID, summaryDeleteLiveToken, &resp.Diagnostics)
	if c == nil {
		return
	}
	if err := c.DeleteLiveCallbackToken(ctx); err != nil && !client.IsNotFound(err) {
		addAPIError(&resp.Diagnostics, summaryDeleteLiveToken, err)
		return
	}
	tflog.Debug(ctx, "live callback token deleted")
}

// ImportState accepts `<sdk_app_id>/live_token` or `live_token`, or an
// identity whose sdk_app_id defaults to the provider's. The token
// then comes from the API into `token` (sensitive); a configuration that uses
// token_wo instead shows one update after the import, which moves the token
// out of the state and sends token_wo.
func (r *liveCallbackTokenResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if r.data == nil {
		resp.Diagnostics.AddError(summaryImportLiveToken, "The provider was not configured. "+bugReport)
		return
	}
	app, ok := liveTokenImportTarget(ctx, req, r.data.defaultApp, &resp.Diagnostics)
	if !ok {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), liveTokenID(app))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("sdk_app_id"), int64(app))...)
	resp.Diagnostics.Append(setLiveTokenIdentity(ctx, resp.Identity, app)...)
}

func (r *liveCallbackTokenResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.Conflicting(path.MatchRoot("token"), path.MatchRoot("token_wo")),
		liveTokenRequired{},
		resourcevalidator.RequiredTogether(path.MatchRoot("token_wo"), path.MatchRoot("token_wo_version")),
	}
}

// ModifyPlan resolves the app at plan time (an app without credentials fails
// the plan) and fills in sdk_app_id and id.
func (r *liveCallbackTokenResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if app, ok := r.data.planApp(ctx, req, resp); ok {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), liveTokenID(app))...)
	}
}

// desiredToken returns the token the configuration asks for and whether it
// comes from the write-only token_wo (read from the configuration: write-only
// values are null in the plan).
func desiredToken(plan, config liveCallbackTokenModel) (string, bool) {
	if !config.TokenWO.IsNull() && !config.TokenWO.IsUnknown() {
		return config.TokenWO.ValueString(), true
	}
	return plan.Token.ValueString(), false
}

func liveTokenID(app uint64) string {
	return strconv.FormatUint(app, 10) + "/" + liveTokenIDSuffix
}

const liveTokenImportIDForms = "<sdk_app_id>/live_token (e.g. 1400000001/live_token) or live_token alone for the provider's default app" //nolint:gosec // G101: help text, not a credential

// parseLiveTokenImportID parses `<sdk_app_id>/live_token` or `live_token`.
func parseLiveTokenImportID(id string, defaultApp uint64) (uint64, error) {
	appPart, suffix, hasApp := strings.Cut(id, "/")
	if !hasApp {
		appPart, suffix = "", id
	}
	if suffix != liveTokenIDSuffix {
		return 0, fmt.Errorf("import ID %q is not of the form %s", id, liveTokenImportIDForms)
	}
	if !hasApp {
		if defaultApp == 0 {
			return 0, fmt.Errorf("import ID %q names no SDKAppID and the provider has no default sdk_app_id (%s): use <sdk_app_id>/%s, or set the provider's sdk_app_id",
				id, envSDKAppID, liveTokenIDSuffix)
		}
		return defaultApp, nil
	}
	app, err := parseSDKAppID(appPart)
	if err != nil {
		return 0, fmt.Errorf("import ID %q: %w; use %s", id, err, liveTokenImportIDForms)
	}
	return app, nil
}

// maskToken makes every provider log line written with the returned context
// hide token, in messages and in field values.
func maskToken(ctx context.Context, token string) context.Context {
	if token == "" {
		return ctx
	}
	ctx = tflog.MaskMessageStrings(ctx, token)
	return tflog.MaskAllFieldValuesStrings(ctx, token)
}

// privateSetter is the part of privatestate.ProviderData that responses
// expose.
type privateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// setTokenWOHash records the hash of a token sent through token_wo, or
// removes it when the token comes from token.
func setTokenWOHash(ctx context.Context, private privateSetter, token string, writeOnly bool) diag.Diagnostics {
	if !writeOnly {
		return private.SetKey(ctx, privateKeyTokenWOHash, nil)
	}
	value, err := json.Marshal(tokenHash(token))
	if err != nil {
		var diags diag.Diagnostics
		diags.AddError("Unable to Record Live Callback Token", fmt.Sprintf("Encoding the token hash failed: %v. %s", err, bugReport))
		return diags
	}
	return private.SetKey(ctx, privateKeyTokenWOHash, value)
}

// tokenHash is the hex SHA-256 of token, as stored in private state.
func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// matchesTokenHash reports whether stored (the JSON private-state value) is
// the hash of token.
func matchesTokenHash(stored []byte, token string) bool {
	var want string
	if err := json.Unmarshal(stored, &want); err != nil {
		return false
	}
	return want == tokenHash(token)
}
