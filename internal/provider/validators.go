package provider

import (
	"context"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strings"
	"unicode"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

var (
	_ validator.String = stringCheck{}
	_ validator.Set    = commandWordsValidator{}
)

// description gives a validator its description, the same text in plain
// and in Markdown.
type description string

func (d description) Description(context.Context) string { return string(d) }

func (d description) MarkdownDescription(context.Context) string { return string(d) }

// stringCheck is a string validator made of a description and a check of
// the configured value; null and unknown values are not checked. Every
// string validator of the provider is one.
type stringCheck struct {
	description
	check func(p path.Path, value string, diags *diag.Diagnostics)
}

func (v stringCheck) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	v.check(req.Path, req.ConfigValue.ValueString(), &resp.Diagnostics)
}

// productValidator accepts the product names of the catalogue and says what
// a near miss means: a capitalised name, or a product whose callbacks this
// provider does not manage.
var productValidator = stringCheck{
	description: description("value must be one of: " + strings.Join(catalog.ProductNames(), ", ")),
	check: func(p path.Path, name string, diags *diag.Diagnostics) {
		if problem := productProblem(name); problem != "" {
			diags.AddAttributeError(p, "Invalid Product", problem)
		}
	},
}

// productProblem explains why name is not a product, or returns "".
func productProblem(name string) string {
	if _, err := catalog.ParseProduct(name); err == nil {
		return ""
	}
	names := catalog.ProductNames()
	msg := fmt.Sprintf("product %q is not one of %s", name, strings.Join(names, ", "))
	if p := catalog.SuggestProduct(name); p != "" {
		if strings.ToLower(strings.TrimSpace(name)) == string(p) {
			return msg + fmt.Sprintf("; did you mean %q? Product names are lower case.", p)
		}
		return msg + fmt.Sprintf("; did you mean %q?", p)
	}
	managed := make([]string, len(catalog.Products))
	for i, p := range catalog.Products {
		managed[i] = fmt.Sprintf("%s for %s", p, catalog.Describe(p).Title)
	}
	return msg + ". This provider manages the callbacks of " + strings.Join(managed, ", ") +
		"; the callbacks of Chat and of TRTC itself are configured in the Tencent RTC console."
}

// maxSDKAppID is the largest SDKAppID. SDKAppIDs are unsigned 32-bit
// integers (real ones are ten digits, e.g. 1400000001 or 2000000001), and the
// client refuses larger ones; checking the range at plan time gives a clear
// error instead of a "no credentials" one at apply.
const maxSDKAppID = math.MaxUint32

// sdkAppIDValidator accepts SDKAppIDs: 1 to maxSDKAppID.
var sdkAppIDValidator = int64validator.Between(1, maxSDKAppID)

// maxCallbackURLLength bounds callback URLs. Tencent documents no limit; 1024
// bytes is far above any real webhook address and keeps a pasted blob (a
// token, a whole document) from reaching the API as a URL.
const maxCallbackURLLength = 1024

// urlValidator accepts the absolute http(s) URLs with a host that
// Tencent requires for callback addresses. Plain http is accepted with a
// warning: callbacks then travel unencrypted.
var urlValidator = stringCheck{
	description: description(fmt.Sprintf("value must be an absolute http:// or https:// URL with a host, at most %d bytes", maxCallbackURLLength)),
	check: func(p path.Path, value string, diags *diag.Diagnostics) {
		if problem := callbackURLProblem(value); problem != "" {
			diags.AddAttributeError(p, "Invalid Callback URL",
				fmt.Sprintf("%s %q is not a usable callback URL: %s.", p, value, problem))
		}
	},
}

// addInsecureURLWarning warns about a plain-http callback URL. Plans give it
// (once per resource), not the validator: Terraform validates a
// configuration several times per command.
func addInsecureURLWarning(diags *diag.Diagnostics, value string) {
	if strings.HasPrefix(value, "http://") {
		diags.AddAttributeWarning(path.Root("url"), "Insecure Callback URL",
			fmt.Sprintf("url %q uses plain http, so callback payloads (user IDs, room and call details) travel unencrypted. Use an https:// URL unless the receiver is on a trusted network.", value))
	}
}

// addSameEventWarning warns when words holds two spellings of one event
// (an alias and its current name): Tencent would send that event once.
func addSameEventWarning(diags *diag.Diagnostics, product catalog.Product, words []string) {
	for _, w := range words {
		c, ok := catalog.Lookup(product, w)
		if ok && c.IsAlias() && slices.Contains(words, c.AliasOf) {
			diags.AddAttributeWarning(path.Root("callback_commands"), "Two Words For One Event",
				fmt.Sprintf("callback_commands holds both %s and %s, two spellings of the same event. Keep %s, the current name, and remove %s.",
					c.AliasOf, w, c.AliasOf, w))
		}
	}
}

// callbackURLProblem returns why s is not a valid callback URL and how to fix
// it, or "" when it is valid.
func callbackURLProblem(s string) string {
	if s == "" {
		return "it is empty; set an absolute URL such as https://example.com/callback"
	}
	if len(s) > maxCallbackURLLength {
		return fmt.Sprintf("it is %d bytes long; the limit is %d", len(s), maxCallbackURLLength)
	}
	for i, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return fmt.Sprintf("it contains a space or control character at byte %d; remove it or percent-encode it", i)
		}
	}
	if !strings.HasPrefix(s, "https://") && !strings.HasPrefix(s, "http://") {
		return "it must start with https:// (or http://), in lower case, such as https://example.com/callback"
	}
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Sprintf("it does not parse (%s); write it as https://host[:port]/path", strings.TrimPrefix(err.Error(), fmt.Sprintf("parse %q: ", s)))
	}
	if u.Hostname() == "" {
		return "it has no host; write it as https://host[:port]/path"
	}
	if u.User != nil {
		return "it contains user information (user:password@); Tencent does not send it, so put any credential in the path or query string instead"
	}
	if u.Fragment != "" || strings.Contains(s, "#") {
		return "it contains a #fragment, which would swallow the query parameters Tencent appends; remove the fragment"
	}
	return ""
}

// commandWordsValidator checks every word of a callback_commands set against
// the catalogue of the product chosen in the same resource's `product`
// attribute. When the product is unknown or invalid it checks nothing: the
// product's own validator reports an invalid product.
type commandWordsValidator struct{ description }

// callbackCommandsValidator is the validator of callback_commands.
var callbackCommandsValidator = commandWordsValidator{"at least one value; each value must be a callback command word of the resource's product"}

func (commandWordsValidator) ValidateSet(ctx context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if len(req.ConfigValue.Elements()) == 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "No Callback Command Words",
			fmt.Sprintf("%s is empty, but a callback configuration sends at least one event. "+
				"To stop the callbacks of this product, remove the resource instead: the apply then deletes the configuration at Tencent. "+
				"The tencentrtc_callback_commands data source lists the words of each product.", req.Path))
		return
	}
	var productValue types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("product"), &productValue)...)
	if resp.Diagnostics.HasError() || productValue.IsNull() || productValue.IsUnknown() {
		return
	}
	product, err := catalog.ParseProduct(productValue.ValueString())
	if err != nil {
		return
	}
	for _, element := range req.ConfigValue.Elements() {
		word, ok := element.(types.String)
		if !ok || word.IsUnknown() || word.IsNull() {
			continue
		}
		if problem := catalog.Problem(product, word.ValueString()); problem != "" {
			resp.Diagnostics.AddAttributeError(req.Path.AtSetValue(word), "Invalid Callback Command Word",
				fmt.Sprintf("%s: %s The tencentrtc_callback_commands data source lists the words of each product.", req.Path, sentence(problem)))
		}
	}
}

// productsMarkdown lists the products of the catalogue for attribute
// descriptions, e.g. "`call` (TUICallKit (Call)), ...".
func productsMarkdown() string {
	parts := make([]string, len(catalog.Products))
	for i, p := range catalog.Products {
		parts[i] = fmt.Sprintf("`%s` (%s)", p, catalog.Describe(p).Title)
	}
	return strings.Join(parts, ", ")
}

// commandWordsMarkdown lists the accepted command words per product for
// attribute descriptions.
func commandWordsMarkdown() string {
	var b strings.Builder
	for _, p := range catalog.Products {
		names := catalog.CommandNames(p)
		quoted := make([]string, len(names))
		for i, n := range names {
			quoted[i] = "`" + n + "`"
		}
		fmt.Fprintf(&b, "\n  - `%s`: %s", p, strings.Join(quoted, ", "))
	}
	return b.String()
}

// sentence ends s with a full stop unless it already ends a sentence.
func sentence(s string) string {
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

// secretKeyValidator refuses a secret key with leading or trailing
// whitespace: Tencent would refuse every UserSig minted from it (70009). The
// key itself is never echoed.
var secretKeyValidator = stringCheck{
	description: "must not start or end with whitespace",
	check: func(p path.Path, key string, diags *diag.Diagnostics) {
		if problem := secretKeyWhitespace(key); problem != "" {
			diags.AddAttributeError(p, summaryInvalidSecretKey, fmt.Sprintf(
				"%s %s, so Tencent would refuse every request signed with it (error 70009). "+
					"Remove the whitespace with trimspace(), for example secret_key = trimspace(file(\"secret_key.txt\")).", p, problem))
		}
	},
}

// secretKeyWhitespace describes leading or trailing whitespace in key, or
// returns "" when there is none.
func secretKeyWhitespace(key string) string {
	trimmed := strings.TrimSpace(key)
	switch {
	case trimmed == key:
		return ""
	case strings.HasSuffix(key, "\n"):
		return "ends with a line break (file() keeps a file's final newline)"
	case !strings.HasPrefix(key, trimmed):
		return "starts with whitespace"
	default:
		return "ends with whitespace"
	}
}

// sdkAppIDKeyValidator checks that a map key is an SDKAppID.
var sdkAppIDKeyValidator = stringCheck{
	description: "keys must be positive decimal SDKAppIDs",
	check: func(p path.Path, key string, diags *diag.Diagnostics) {
		if _, err := parseSDKAppID(key); err != nil {
			diags.AddAttributeError(p, "Invalid SDKAppID Key",
				fmt.Sprintf("The apps map is keyed by SDKAppID, but key %q is not one: %s. Write the key as a quoted decimal number, e.g. \"1400000001\" = { secret_key = ... }.", key, err))
		}
	},
}

// appsValidator checks the whole apps map in one validator call: its keys
// (sdkAppIDKeyValidator) and, in each entry, secret_key (not empty, no
// surrounding whitespace) and identifier (not empty), with the diagnostics and
// paths that validators on the nested attributes would give. The framework
// writes two trace lines around every validator call it makes; one call per
// map instead of three per app keeps a provider with thousands of apps from
// paying for thousands of log lines on every validation.
type appsValidator struct{ description }

// appsMapValidator is the validator of the provider's apps map.
var appsMapValidator = appsValidator{"keys must be positive decimal SDKAppIDs; secret_key must not be empty or start or end with whitespace; identifier must not be empty"}

// appsEntryChecks are the validators of each apps entry's attributes.
var appsEntryChecks = []struct {
	name       string
	validators []validator.String
}{
	{"secret_key", []validator.String{stringvalidator.LengthAtLeast(1), secretKeyValidator}},
	{"identifier", []validator.String{stringvalidator.LengthAtLeast(1)}},
}

func (appsValidator) ValidateMap(ctx context.Context, req validator.MapRequest, resp *validator.MapResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	keys := mapvalidator.KeysAre(sdkAppIDKeyValidator)
	keys.ValidateMap(ctx, req, resp)
	for key, elem := range req.ConfigValue.Elements() {
		entry, ok := elem.(types.Object)
		if !ok || entry.IsNull() || entry.IsUnknown() {
			continue
		}
		attrs := entry.Attributes()
		for _, check := range appsEntryChecks {
			value, ok := attrs[check.name].(types.String)
			if !ok {
				continue
			}
			p := req.Path.AtMapKey(key).AtName(check.name)
			sreq := validator.StringRequest{Path: p, PathExpression: p.Expression(), ConfigValue: value, Config: req.Config}
			for _, sv := range check.validators {
				sresp := &validator.StringResponse{}
				sv.ValidateString(ctx, sreq, sresp)
				resp.Diagnostics.Append(sresp.Diagnostics...)
			}
		}
	}
}
