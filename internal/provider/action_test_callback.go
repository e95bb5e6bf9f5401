package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/client"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/wire/delivery"
)

var (
	_ fwprovider.ProviderWithActions = (*tencentRTCProvider)(nil)
	_ action.ActionWithConfigure     = (*testCallbackAction)(nil)
	_ validator.String               = testCommandValidator{}
)

// Actions are the provider's actions (Terraform 1.14+).
func (p *tencentRTCProvider) Actions(context.Context) []func() action.Action {
	return []func() action.Action{NewTestCallbackAction}
}

// NewTestCallbackAction returns the tencentrtc_test_callback action: one
// callback sent to a receiver as Tencent sends it, and the receiver's answer
// checked against the documented one.
func NewTestCallbackAction() action.Action {
	return &testCallbackAction{http: delivery.NewClient()}
}

type testCallbackAction struct {
	data *providerData
	http *http.Client
}

type testCallbackModel struct {
	Product  types.String `tfsdk:"product"`
	URL      types.String `tfsdk:"url"`
	SDKAppID types.Int64  `tfsdk:"sdk_app_id"`
	Command  types.String `tfsdk:"command"`
	Token    types.String `tfsdk:"token"`
}

// defaultTestCommand is the event sent when command is unset: one that every
// receiver of the product handles. Call, Live and Room: the event that starts
// everything else (a call, a room). callkit: normal_end, the status callback
// every call-record backend consumes and the one whose body the documentation
// shows in full (API.md §Legacy callkit delivery).
var defaultTestCommand = map[catalog.Product]string{
	catalog.Call:    "Call.CallbackAfterStartCall",
	catalog.Live:    "Live.CallbackAfterCreateRoom",
	catalog.Room:    "Room.CallbackAfterCreateRoom",
	catalog.CallKit: "normal_end",
}

const (
	summaryTestCallback  = "Test Callback Failed"
	testCallbackAgent    = "tencentrtc-terraform-provider (tencentrtc_test_callback)"
	testCallbackSnippet  = 200 // bytes of the answer quoted in an error
	testCallbackProgress = 500 // bytes of the answer shown as progress
)

func (a *testCallbackAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_test_callback"
}

func (a *testCallbackAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	defaults := make([]string, len(catalog.Products))
	for i, p := range catalog.Products {
		defaults[i] = fmt.Sprintf("`%s` for `%s`", defaultTestCommand[p], p)
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Sends one test callback to a receiver exactly as Tencent delivers it (query parameters, body, and for `live` " +
			"`RequestTime` and `Sign`) and succeeds when the receiver answers as the documentation asks: HTTP 200 with " +
			"`{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0}` (`callkit`: `{\"ErrorCode\":0,...}`). " +
			"It waits " + delivery.Timeout.String() + " (Tencent's timeout) and follows no redirect. Terraform 1.14 and later.",
		Attributes: map[string]schema.Attribute{
			"product": schema.StringAttribute{
				MarkdownDescription: "The product whose callback to send: " + productsMarkdown() + ".",
				Required:            true,
				Validators:          []validator.String{productValidator},
			},
			"url": schema.StringAttribute{
				MarkdownDescription: "The receiver's URL, as in `tencentrtc_callback_config`; the callback's query parameters are appended to it.",
				Required:            true,
				Validators:          []validator.String{urlValidator},
			},
			"sdk_app_id": schema.Int64Attribute{
				MarkdownDescription: "The SDKAppID the callback names (`SdkAppid`); defaults to the provider's `sdk_app_id`. Credentials for it are needed only to read the Live token.",
				Optional:            true,
				Validators:          []validator.Int64{sdkAppIDValidator},
			},
			"command": schema.StringAttribute{
				MarkdownDescription: "The event to send, a command word of `product` (the `tencentrtc_callback_commands` data source lists them). Defaults to " + strings.Join(defaults, ", ") + ".",
				Optional:            true,
				Validators:          []validator.String{testCommandValidator{"value must be a callback command word of product"}},
			},
			"token": schema.StringAttribute{
				MarkdownDescription: "`live` only: the Live callback token to sign with. Unset, the action reads the app's token from Tencent (needs the app's credentials); " +
					"a disabled or absent token sends the callback unsigned, as Tencent does. Action arguments cannot be marked sensitive by a provider: " +
					"pass the token from a `sensitive = true` variable so that the plan shows `(sensitive value)`.",
				Optional: true,
			},
		},
	}
}

func (a *testCallbackAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (a *testCallbackAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m testCallbackModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	progress := func(format string, args ...any) {
		resp.SendProgress(action.InvokeProgressEvent{Message: fmt.Sprintf(format, args...)})
	}
	cb, product, ok := a.callback(ctx, m, progress, &resp.Diagnostics)
	if !ok {
		return
	}
	base := m.URL.ValueString()
	what := fmt.Sprintf("%s callback %s (SdkAppid %d, %s)", product, cb.Command, cb.SDKAppID, map[bool]string{true: "signed", false: "unsigned"}[cb.Token != ""])
	ctx = maskSecrets(ctx, []string{cb.Token})
	progress("Sending the %s to %s", what, base)
	answer, err := delivery.Post(ctx, a.http, testCallbackAgent, cb.URL(base), cb.Payload())
	tflog.Debug(ctx, "Test callback sent", map[string]any{"url": base, "command": cb.Command, "status": answer.Status, "latency_ms": answer.Latency.Milliseconds()})
	expect := "Tencent's documentation expects " + delivery.Expected(cb.V1) + "."
	if err != nil {
		resp.Diagnostics.AddError(summaryTestCallback, fmt.Sprintf("POST %s (the %s) got no answer after %s: %s.\n\n%s",
			base, what, answer.Latency.Round(time.Millisecond), transportProblem(err), expect))
		return
	}
	progress("%s answered HTTP %d in %s: %s", base, answer.Status, answer.Latency.Round(time.Millisecond), clip(answer.Reply, testCallbackProgress))
	if problem := answer.Problem(cb.V1, true); problem != "" {
		resp.Diagnostics.AddError(summaryTestCallback, fmt.Sprintf("POST %s (the %s): %s.\nHTTP status: %d\nFirst bytes of the answer: %s\n\n%s",
			base, what, problem, answer.Status, clip(answer.Reply, testCallbackSnippet), expect))
	}
}

// callback builds the callback of m: its product, command, app and, for live,
// the token (the configured one, else the app's enabled token).
func (a *testCallbackAction) callback(ctx context.Context, m testCallbackModel, progress func(string, ...any), diags *diag.Diagnostics) (delivery.Callback, catalog.Product, bool) {
	product := catalog.Product(m.Product.ValueString())
	cb := delivery.Callback{Command: m.Command.ValueString(), V1: catalog.Describe(product).V1, Token: m.Token.ValueString(), Time: time.Now()}
	if m.Command.IsNull() {
		cb.Command = defaultTestCommand[product]
	}
	if a.data == nil {
		diags.AddError(summaryTestCallback, "The provider was not configured. "+bugReport)
		return cb, product, false
	}
	app, err := a.data.appID(m.SDKAppID.ValueInt64(), !m.SDKAppID.IsNull())
	if err != nil {
		diags.AddAttributeError(path.Root("sdk_app_id"), summaryMissingCredentials, err.Error()+".")
		return cb, product, false
	}
	cb.SDKAppID = app
	if product != catalog.Live {
		if cb.Token != "" {
			diags.AddAttributeWarning(path.Root("token"), "Token Not Used", fmt.Sprintf("Tencent signs Live callbacks only: the %s callback is sent unsigned, as Tencent sends it.", product))
			cb.Token = ""
		}
		return cb, product, true
	}
	if !m.Token.IsNull() {
		return cb, product, true
	}
	c, err := a.data.client(app)
	if err != nil {
		diags.AddAttributeError(path.Root("sdk_app_id"), summaryMissingCredentials, "Reading the app's Live callback token needs its credentials: "+err.Error()+". Or set token in the action's config.")
		return cb, product, false
	}
	tok, err := c.GetLiveCallbackToken(a.data.logContext(ctx, app))
	switch {
	case client.IsNotFound(err):
		progress("App %d has no Live callback token: the callback goes unsigned, as Tencent sends it", app)
	case err != nil:
		addAPIError(diags, summaryTestCallback, err)
		return cb, product, false
	case !tok.Enabled:
		progress("The Live callback token of app %d is disabled: the callback goes unsigned, as Tencent sends it", app)
	default:
		cb.Token = tok.Token
	}
	return cb, product, true
}

// transportProblem says why a callback got no answer, without the request
// URL (its query holds Sign).
func transportProblem(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return "no answer within " + delivery.Timeout.String() + ", Tencent's callback timeout"
		}
		err = ue.Err
	}
	return strings.TrimSuffix(err.Error(), ".")
}

// clip quotes at most n bytes of s.
func clip(s string, n int) string {
	if len(s) <= n {
		return strconv.Quote(s)
	}
	return strconv.Quote(s[:n]) + fmt.Sprintf(" (%d more bytes)", len(s)-n)
}

// testCommandValidator checks command against the catalogue of the action's
// product; an invalid product is its own validator's error.
type testCommandValidator struct{ description }

func (v testCommandValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	var product types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("product"), &product)...)
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || product.IsNull() || product.IsUnknown() {
		return
	}
	p, err := catalog.ParseProduct(product.ValueString())
	if err != nil {
		return
	}
	if problem := catalog.Problem(p, req.ConfigValue.ValueString()); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Callback Command Word",
			fmt.Sprintf("%s: %s The tencentrtc_callback_commands data source lists the words of each product.", req.Path, sentence(problem)))
	}
}
