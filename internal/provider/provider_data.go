package provider

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/client"
)

// providerData is what Configure hands to every resource and data source: one
// client per app, built once per provider process so that UserSigs, rate
// limiters and connections are shared by all resources of that app.
type providerData struct {
	// defaultApp is the provider-level sdk_app_id; 0 when none was given.
	defaultApp uint64
	clients    map[uint64]*client.Client
	// defaultAppNoSecret is true when sdk_app_id is known but secret_key is
	// not: that is only an error once a resource needs the default app.
	defaultAppNoSecret bool
	// secretKeys holds each app's secret key, masked in that app's logs.
	secretKeys map[uint64]string
}

// resourceBase is embedded by every resource and list resource: its type
// name, and the provider data that Configure hands on.
type resourceBase struct {
	typeName string // after the provider's, e.g. "_callback_config"
	data     *providerData
}

func (b *resourceBase) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + b.typeName
}

func (b *resourceBase) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	b.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// dataSourceBase is embedded by every data source: its type name.
type dataSourceBase struct {
	typeName string // after the provider's, e.g. "_callback_commands"
}

func (b *dataSourceBase) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + b.typeName
}

// appIDModel is embedded by every resource's model: the app the resource
// belongs to and its ID, which begins with that app.
type appIDModel struct {
	ID       types.String `tfsdk:"id"`
	SDKAppID types.Int64  `tfsdk:"sdk_app_id"`
}

// appIDValues is the appIDModel of the object id of app.
func appIDValues(app uint64, id string) appIDModel {
	return appIDModel{
		ID:       types.StringValue(id),
		SDKAppID: types.Int64Value(int64(app)), //nolint:gosec // SDKAppIDs fit int64 (parseSDKAppID, schema validators)
	}
}

// appID picks the app of a resource: its own sdk_app_id when set (configured
// > 0), else the provider's default. The error names both ways to fix it.
func (d *providerData) appID(configured int64, set bool) (uint64, error) {
	if set {
		if configured <= 0 {
			return 0, fmt.Errorf("sdk_app_id must be a positive SDKAppID, got %d", configured)
		}
		return uint64(configured), nil
	}
	if d.defaultApp == 0 {
		return 0, fmt.Errorf("no SDKAppID: set sdk_app_id in this block, or sdk_app_id in the provider block (or the %s environment variable)", envSDKAppID)
	}
	return d.defaultApp, nil
}

// client returns the shared client of app, or an error that says how to
// provide its credentials. It never mentions a secret.
func (d *providerData) client(app uint64) (*client.Client, error) {
	if c, ok := d.clients[app]; ok {
		return c, nil
	}
	if app == d.defaultApp && d.defaultAppNoSecret {
		return nil, fmt.Errorf("SDKAppID %d is the provider's sdk_app_id but the provider has no secret_key for it: set secret_key in the provider block or the %s environment variable",
			app, envSecretKey)
	}
	known := make([]string, 0, len(d.clients))
	for id := range d.clients {
		known = append(known, strconv.FormatUint(id, 10))
	}
	sort.Strings(known)
	have := "none"
	if len(known) > 0 {
		have = strings.Join(known, ", ")
	}
	return nil, fmt.Errorf("no credentials for SDKAppID %[1]d (the provider has credentials for: %[2]s). Add it to the provider's apps map: apps = { \"%[1]d\" = { secret_key = ... } }, or make it the provider's sdk_app_id with secret_key (or %[3]s and %[4]s). "+
		"If the state still holds resources of SDKAppID %[1]d because its apps entry was removed, an entry must outlive its resources: put the entry back, destroy or remove those resources first (terraform state list shows them), then remove the entry; "+
		"or, to leave them at Tencent unmanaged, forget them with terraform state rm <address>",
		app, have, envSDKAppID, envSecretKey)
}

// providerDataFrom converts the ProviderData of a Configure request. It
// returns nil, without diagnostics, while the provider is not yet configured
// (Terraform validates resources before configuring the provider).
func providerDataFrom(data any, diags *diag.Diagnostics) *providerData {
	if data == nil {
		return nil
	}
	pd, ok := data.(*providerData)
	if !ok {
		diags.AddError(summaryUnexpectedData,
			fmt.Sprintf("Expected *providerData, got %T. %s", data, bugReport))
		return nil
	}
	return pd
}

// resolveApp picks the app of a resource from its sdk_app_id attribute (null
// or unknown means the provider's default) and returns the app's client.
// Errors point at attr (the resource's sdk_app_id) and say how to fix them;
// on error it returns (0, nil).
func (d *providerData) resolveApp(sdkAppID types.Int64, attr path.Path, diags *diag.Diagnostics) (uint64, *client.Client) {
	set := !sdkAppID.IsNull() && !sdkAppID.IsUnknown()
	app, err := d.appID(sdkAppID.ValueInt64(), set)
	if err != nil {
		diags.AddAttributeError(attr, summaryMissingCredentials, err.Error()+".")
		return 0, nil
	}
	c, err := d.client(app)
	if err != nil {
		diags.AddAttributeError(attr, summaryMissingCredentials, err.Error()+".")
		return 0, nil
	}
	return app, c
}

// appIDs lists the apps that have credentials, sorted.
func (d *providerData) appIDs() []uint64 {
	out := make([]uint64, 0, len(d.clients))
	for id := range d.clients {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// planApp resolves, at plan time, the app of a resource with an optional
// sdk_app_id attribute, so that a resource naming an app the provider has no
// credentials for fails at plan rather than at apply. It sets sdk_app_id in
// the plan, and asks for replacement when the resource follows the provider's
// default app and that default changed. ok is false when the app cannot be
// known yet or an error was added.
func (d *providerData) planApp(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) (app uint64, ok bool) {
	if req.Plan.Raw.IsNull() || d == nil {
		return 0, false // destroy, or the provider is not configured yet
	}
	attr := path.Root("sdk_app_id")
	var configured types.Int64
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, attr, &configured)...)
	if resp.Diagnostics.HasError() || configured.IsUnknown() {
		return 0, false
	}
	app, c := d.resolveApp(configured, attr, &resp.Diagnostics)
	if c == nil {
		return 0, false
	}
	if configured.IsNull() && !req.State.Raw.IsNull() {
		var prior types.Int64
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, attr, &prior)...)
		if !prior.IsNull() && !prior.IsUnknown() && uint64(prior.ValueInt64()) != app { //nolint:gosec // validated positive
			resp.RequiresReplace = append(resp.RequiresReplace, attr)
		}
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, attr, int64(app))...) //nolint:gosec // SDKAppIDs are at most 4294967295
	return app, !resp.Diagnostics.HasError()
}

// appClient prepares one operation of a resource or data source on the app
// its sdk_app_id names (null or unknown: the provider's default). It returns
// the app, its client and a context whose log lines carry sdk_app_id as a
// decimal string and mask the app's secrets. On error (the provider not
// configured, no credentials) it adds a diagnostic under summary and returns
// a nil client.
func (d *providerData) appClient(ctx context.Context, sdkAppID types.Int64, summary string, diags *diag.Diagnostics) (context.Context, uint64, *client.Client) {
	if d == nil {
		diags.AddError(summary, "The provider was not configured. "+bugReport)
		return ctx, 0, nil
	}
	app, c := d.resolveApp(sdkAppID, path.Root("sdk_app_id"), diags)
	if c == nil {
		return ctx, 0, nil
	}
	ctx = d.logContext(ctx, app)
	return tflog.SetField(ctx, "sdk_app_id", strconv.FormatUint(app, 10)), app, c
}

// newProviderData builds one client per app of s from the shared opts. An
// app without a key gets no client: only the default app can lack one, and
// that is an error only once a resource uses it (providerData.client says
// so then).
func newProviderData(s settings, opts client.Options, diags *diag.Diagnostics) *providerData {
	data := &providerData{defaultApp: s.sdkAppID, clients: map[uint64]*client.Client{}, secretKeys: map[uint64]string{}}
	for _, a := range s.apps {
		if a.secretKey == "" {
			data.defaultAppNoSecret = true
			continue
		}
		data.secretKeys[a.sdkAppID] = a.secretKey
		opts.SDKAppID, opts.Identifier, opts.SecretKey = a.sdkAppID, a.identifier, a.secretKey
		c, err := client.New(opts)
		if err != nil {
			diags.AddAttributeError(a.attr, summaryInvalidProvider,
				fmt.Sprintf("Cannot build the API client of SDKAppID %d: %s.", a.sdkAppID, redact(strings.TrimSuffix(err.Error(), "."))))
			continue
		}
		data.clients[a.sdkAppID] = c
	}
	return data
}
