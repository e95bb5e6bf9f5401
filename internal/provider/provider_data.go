package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
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
	// region is the provider's region, for the documented-domain warnings.
	region string
	// owners keeps one resource instance per target (ownership.go).
	owners ownership
	// warned holds the keys of the warnings given in this walk (once).
	warned sync.Map
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
	return nil, fmt.Errorf("no credentials for SDKAppID %[1]d (the provider has credentials for: %[2]s). Add it to the provider's apps map: apps = { \"%[1]d\" = { secret_key = ... } }, or make it the provider's sdk_app_id with secret_key (or %[3]s and %[4]s)",
		app, have, envSDKAppID, envSecretKey)
}

// removedAppsEntryAdvice follows a resource's missing-credentials error: the
// likely cause when the state holds resources of app, and what to do.
func removedAppsEntryAdvice(app uint64) string {
	return fmt.Sprintf(" If the state still holds resources of SDKAppID %d because its apps entry was removed, an entry must outlive its resources: "+
		"put the entry back, destroy or remove those resources first (terraform state list shows them), then remove the entry; "+
		"or, to leave them at Tencent unmanaged, forget them with terraform state rm <address>.", app)
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
		diags.AddAttributeError(attr, summaryMissingCredentials, err.Error()+"."+removedAppsEntryAdvice(app))
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
// default app and that default changed. It returns the app's target and a
// context for it, as resolve does; ok is false when the app cannot be known
// yet or an error was added.
func (d *providerData) planApp(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) (_ context.Context, _ appTarget, ok bool) {
	if req.Plan.Raw.IsNull() || d == nil {
		return ctx, appTarget{}, false // destroy, or the provider is not configured yet
	}
	attr := path.Root("sdk_app_id")
	var configured types.Int64
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, attr, &configured)...)
	if resp.Diagnostics.HasError() || configured.IsUnknown() {
		return ctx, appTarget{}, false
	}
	app, c := d.resolveApp(configured, attr, &resp.Diagnostics)
	if c == nil {
		return ctx, appTarget{}, false
	}
	if configured.IsNull() && !req.State.Raw.IsNull() {
		var prior types.Int64
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, attr, &prior)...)
		if !prior.IsNull() && !prior.IsUnknown() && uint64(prior.ValueInt64()) != app { //nolint:gosec // validated positive
			resp.RequiresReplace = append(resp.RequiresReplace, attr)
		}
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, attr, int64(app))...) //nolint:gosec // SDKAppIDs are at most 4294967295
	ctx, t := d.target(ctx, app, c)
	return ctx, t, !resp.Diagnostics.HasError()
}

// appTarget is the app one operation of a resource, data source or action
// acts on, and that app's client.
type appTarget struct {
	app    uint64
	client *client.Client
}

// resolve prepares one operation on the app its sdk_app_id names (null or
// unknown: the provider's default). It returns the target and a context
// whose log lines carry sdk_app_id as a decimal string and mask the app's
// secrets. Errors (the provider not configured, no credentials) are added to
// diags under summary; callers check diags.
func (d *providerData) resolve(ctx context.Context, sdkAppID types.Int64, summary string, diags *diag.Diagnostics) (context.Context, appTarget) {
	if d == nil {
		diags.AddError(summary, "The provider was not configured. "+bugReport)
		return ctx, appTarget{}
	}
	app, c := d.resolveApp(sdkAppID, path.Root("sdk_app_id"), diags)
	if c == nil {
		return ctx, appTarget{}
	}
	return d.target(ctx, app, c)
}

// target is the target of app, whose client is c, and a context whose log
// lines carry sdk_app_id as a decimal string and mask the app's secrets.
func (d *providerData) target(ctx context.Context, app uint64, c *client.Client) (context.Context, appTarget) {
	ctx = d.logContext(ctx, app)
	return tflog.SetField(ctx, "sdk_app_id", strconv.FormatUint(app, 10)), appTarget{app: app, client: c}
}

// callbackTarget is the (app, product) pair of a callback configuration.
type callbackTarget struct {
	appTarget
	product catalog.Product
}

// resolveCallback resolves the product and app of m (a resource's or the data
// source's) as resolve does; the returned context's log lines also carry the
// product.
func (d *providerData) resolveCallback(ctx context.Context, m callbackConfigModel, summary string, diags *diag.Diagnostics) (context.Context, callbackTarget) {
	product, err := catalog.ParseProduct(m.Product.ValueString())
	if err != nil {
		diags.AddAttributeError(path.Root("product"), summary, err.Error()+".")
		return ctx, callbackTarget{}
	}
	ctx, t := d.resolve(ctx, m.SDKAppID, summary, diags)
	if diags.HasError() {
		return ctx, callbackTarget{}
	}
	return tflog.SetField(ctx, "product", string(product)), callbackTarget{appTarget: t, product: product}
}

// newProviderData builds one client per app of s from the shared opts. An
// app without a key gets no client: only the default app can lack one, and
// that is an error only once a resource uses it (providerData.client says
// so then).
func newProviderData(s settings, opts client.Options, diags *diag.Diagnostics) *providerData {
	data := &providerData{defaultApp: s.sdkAppID, clients: map[uint64]*client.Client{}, secretKeys: map[uint64]string{}, region: s.region}
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

// appIdentityModel is the sdk_app_id of every identity (identitySDKAppID),
// and the whole identity of tencentrtc_live_callback_token. Resource identity
// (Terraform 1.12+, OpenTofu 1.12+) names one remote object, so that
// `import { identity = { ... } }` and `terraform query` can address it
// without the string ID; CLIs without identity support ignore it.
type appIdentityModel struct {
	SDKAppID types.Int64 `tfsdk:"sdk_app_id"`
}

// identitySDKAppID is the sdk_app_id of both identities.
var identitySDKAppID = identityschema.Int64Attribute{
	OptionalForImport: true,
	Description:       "The SDKAppID of the app. Optional in an `import` block's `identity`: the provider's `sdk_app_id` when omitted.",
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

// parseSDKAppID parses an SDKAppID: a decimal integer from 1 to maxSDKAppID.
func parseSDKAppID(s string) (uint64, error) {
	if s == "" {
		return 0, errors.New("the SDKAppID is empty")
	}
	if t := strings.TrimSpace(s); t != s {
		return 0, fmt.Errorf("SDKAppID %q has leading or trailing whitespace; write it as %s", s, t)
	}
	if strings.HasPrefix(s, "-") {
		return 0, fmt.Errorf("SDKAppID %q is negative; SDKAppIDs are positive integers", s)
	}
	app, err := strconv.ParseUint(s, 10, 32)
	switch {
	case errors.Is(err, strconv.ErrRange):
		return 0, fmt.Errorf("SDKAppID %q is too large; SDKAppIDs are at most %d", s, maxSDKAppID)
	case err != nil:
		return 0, fmt.Errorf("SDKAppID %q is not a decimal integer", s)
	case app == 0:
		return 0, errors.New("SDKAppID 0 is not valid; SDKAppIDs are positive integers")
	}
	return app, nil
}

// importHint tells how to bring an existing object under this resource. The
// framework does not tell a resource its address, so the text says where to
// find it.
func importHint(resourceType, id string) string {
	addr := resourceType + ".<name>"
	return fmt.Sprintf("To manage it with Terraform, import it into this resource, then apply your changes:\n\n"+
		"  terraform import %[1]s %[2]s\n\n"+
		"or add an import block (Terraform 1.5 or later, OpenTofu 1.6 or later) and run terraform apply:\n\n"+
		"  import {\n    to = %[1]s\n    id = %[3]q\n  }\n\n"+
		"Replace %[1]s with this resource's address as the plan shows it (with its module path and its count or for_each key, if any).",
		addr, id, id)
}

// warnRegion warns, once per walk, when the provider's region is not one of
// the regions whose domains Tencent's pages list for api (named for the
// user, e.g. "the call_config APIs"). A warning, not an error: the lists may
// be incomplete.
func (d *providerData) warnRegion(api string, listed []string, diags *diag.Diagnostics) {
	if slices.Contains(listed, d.region) {
		return
	}
	if !d.once("region " + api) {
		return
	}
	diags.AddAttributeWarning(path.Root("sdk_app_id"), "Region Not Listed For This API", fmt.Sprintf(
		"The provider's region is %q, but Tencent's documentation lists %s only on the domains of %s. "+
			"The plan goes on, because the lists may be incomplete; if the apply fails (for example with a not-found or an unknown-API error), "+
			"set the provider's region (or %s) to the data centre where the app was created, one of the listed ones.",
		d.region, api, strings.Join(listed, ", "), envRegion))
}

// once reports whether key is new in this walk: a warning keyed by it is
// given once, however often Terraform asks (a replacement plans an instance
// twice; an apply plans each change again in a walk of its own).
func (d *providerData) once(key string) bool {
	_, seen := d.warned.LoadOrStore(key, true)
	return !seen
}

// hasIdentity reports whether an import names its object by identity. An
// import by an empty ID (a script's unset variable) comes with a null
// identity: it is an import by ID, whose parser lists the accepted forms.
func hasIdentity(req resource.ImportStateRequest) bool {
	return req.Identity != nil && !req.Identity.Raw.IsNull() && req.Identity.Raw.IsFullyKnown()
}
