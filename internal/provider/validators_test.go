package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestURLValidator(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, value string
		wantErr     string // substring of the error detail; "" = no error
	}{
		{name: "https", value: "https://example.com/callback"},
		{name: "https with port and query", value: "https://example.com:8443/cb?team=a"},
		{name: "http is valid", value: "http://example.com/callback"},
		{name: "empty", value: "", wantErr: "it is empty"},
		{name: "no scheme", value: "example.com/callback", wantErr: "must start with https://"},
		{name: "ftp", value: "ftp://example.com", wantErr: "must start with https://"},
		{name: "upper-case scheme", value: "HTTPS://example.com", wantErr: "in lower case"},
		{name: "no host", value: "https:///path", wantErr: "has no host"},
		{name: "space", value: "https://example.com/a b", wantErr: "space or control character at byte 21"},
		{name: "newline", value: "https://example.com/\n", wantErr: "space or control character"},
		{name: "tab", value: "https://exa\tmple.com", wantErr: "space or control character"},
		{name: "user info", value: "https://u:p@example.com", wantErr: "user information"},
		{name: "fragment", value: "https://example.com/#x", wantErr: "#fragment"},
		{name: "too long", value: "https://example.com/" + strings.Repeat("a", 1010), wantErr: "the limit is 1024"},
		{name: "bad port", value: "https://example.com:port/", wantErr: "does not parse"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := validator.StringRequest{Path: path.Root("url"), ConfigValue: types.StringValue(tt.value)}
			var resp validator.StringResponse
			urlValidator.ValidateString(context.Background(), req, &resp)
			checkDiags(t, resp.Diagnostics, tt.wantErr)
			if resp.Diagnostics.WarningsCount() > 0 {
				t.Errorf("warnings %v: the plan gives them, once (addInsecureURLWarning)", resp.Diagnostics.Warnings())
			}
			if tt.wantErr != "" && !strings.Contains(resp.Diagnostics.Errors()[0].Detail(), "url ") {
				t.Errorf("error detail does not name the attribute: %s", resp.Diagnostics.Errors()[0].Detail())
			}
		})
	}
	t.Run("null and unknown are skipped", func(t *testing.T) {
		t.Parallel()
		for _, v := range []types.String{types.StringNull(), types.StringUnknown()} {
			var resp validator.StringResponse
			urlValidator.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("url"), ConfigValue: v}, &resp)
			checkDiags(t, resp.Diagnostics, "")
		}
	})
}

func TestCommandWordsValidator(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		product tftypes.Value
		words   []string
		wantErr []string // substrings, one per expected error
	}{
		{name: "valid live", product: str("live"), words: []string{"Live.CallbackAfterCreateRoom", "Mic.CallbackAfterSeatInfoChanged"}},
		{name: "valid callkit", product: str("callkit"), words: []string{"cancel", "invite_user"}},
		{name: "room alias accepted", product: str("room"), words: []string{"Room.CallbackUpdateRoomInfo"}},
		{name: "typo suggests", product: str("live"), words: []string{"Live.CallbackAfterCreateRom"},
			wantErr: []string{`did you mean "Live.CallbackAfterCreateRoom"?`}},
		{name: "case suggests", product: str("call"), words: []string{"call.callbackafterstartcall"},
			wantErr: []string{`did you mean "Call.CallbackAfterStartCall"?`}},
		{name: "wrong product", product: str("call"), words: []string{"Live.CallbackAfterDestroyRoom"},
			wantErr: []string{`it belongs to product "live"`}},
		{name: "empty word", product: str("room"), words: []string{""},
			wantErr: []string{"must not be empty"}},
		{name: "two bad words", product: str("callkit"), words: []string{"cancel", "zzzzzzzzzzzzzzzz", "normal_ends"},
			wantErr: []string{"valid words are", `did you mean "normal_end"?`}},
		{name: "unknown product skips", product: tftypes.NewValue(tftypes.String, tftypes.UnknownValue), words: []string{"nonsense"}},
		{name: "invalid product skips", product: str("chat"), words: []string{"nonsense"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			req := validator.SetRequest{
				Path:        path.Root("callback_commands"),
				ConfigValue: stringSet(tt.words...),
				Config:      callbackConfigConfig(t, tt.product, tt.words),
			}
			var resp validator.SetResponse
			commandWordsValidator{}.ValidateSet(ctx, req, &resp)
			errs := resp.Diagnostics.Errors()
			if len(errs) != len(tt.wantErr) {
				t.Fatalf("got %d errors, want %d: %v", len(errs), len(tt.wantErr), errs)
			}
			all := ""
			for _, e := range errs {
				all += e.Detail() + "\n"
				if _, ok := e.(diag.DiagnosticWithPath); !ok {
					t.Errorf("error has no attribute path: %v", e)
				}
			}
			for _, want := range tt.wantErr {
				if !strings.Contains(all, want) {
					t.Errorf("errors do not contain %q:\n%s", want, all)
				}
			}
		})
	}
}

func str(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

func stringSet(words ...string) types.Set {
	elems := make([]attr.Value, len(words))
	for i, w := range words {
		elems[i] = types.StringValue(w)
	}
	return types.SetValueMust(types.StringType, elems)
}

// callbackConfigConfig builds a tencentrtc_callback_config configuration.
func callbackConfigConfig(t *testing.T, product tftypes.Value, words []string) tfsdk.Config {
	t.Helper()
	ctx := context.Background()
	var sresp resource.SchemaResponse
	NewCallbackConfigResource().Schema(ctx, resource.SchemaRequest{}, &sresp)
	if sresp.Diagnostics.HasError() {
		t.Fatal(sresp.Diagnostics)
	}
	elems := make([]tftypes.Value, len(words))
	for i, w := range words {
		elems[i] = str(w)
	}
	raw := tftypes.NewValue(sresp.Schema.Type().TerraformType(ctx), map[string]tftypes.Value{
		"product":           product,
		"url":               str("https://example.com"),
		"callback_commands": tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, elems),
		"sdk_app_id":        tftypes.NewValue(tftypes.Number, nil),
		"id":                tftypes.NewValue(tftypes.String, nil),
	})
	return tfsdk.Config{Schema: sresp.Schema, Raw: raw}
}

// checkDiags fails unless diags has exactly one error containing wantErr, or
// no error when wantErr is "".
func checkDiags(t *testing.T, diags diag.Diagnostics, wantErr string) {
	t.Helper()
	errs := diags.Errors()
	switch {
	case wantErr == "" && len(errs) > 0:
		t.Fatalf("unexpected errors: %v", errs)
	case wantErr != "" && len(errs) != 1:
		t.Fatalf("got %d errors, want 1 containing %q: %v", len(errs), wantErr, errs)
	case wantErr != "" && !strings.Contains(errs[0].Detail(), wantErr):
		t.Fatalf("error %q does not contain %q", errs[0].Detail(), wantErr)
	}
}

func TestSDKAppIDKeyValidator(t *testing.T) {
	t.Parallel()
	for key, wantErr := range map[string]string{
		"1400000001":           "",
		"0":                    "SDKAppID 0 is not valid",
		"-5":                   "is negative",
		"abc":                  "not a decimal integer",
		"99999999999999999999": "too large",
		"":                     "is empty",
	} {
		var resp validator.StringResponse
		sdkAppIDKeyValidator.ValidateString(context.Background(),
			validator.StringRequest{Path: path.Root("apps"), ConfigValue: types.StringValue(key)}, &resp)
		checkDiags(t, resp.Diagnostics, wantErr)
	}
}

// TestAppsValidator: the one apps validator finds what the per-attribute
// validators it replaces found, at the same paths: a bad key, an empty or
// whitespace-padded secret_key and an empty identifier, and nothing in a good
// entry or in an unknown one.
func TestAppsValidator(t *testing.T) {
	t.Parallel()
	entryType := map[string]attr.Type{"secret_key": types.StringType, "identifier": types.StringType}
	entry := func(key, identifier types.String) attr.Value {
		return types.ObjectValueMust(entryType, map[string]attr.Value{"secret_key": key, "identifier": identifier})
	}
	apps := types.MapValueMust(types.ObjectType{AttrTypes: entryType}, map[string]attr.Value{
		"1400000001": entry(types.StringValue("good-key"), types.StringNull()),
		"1400000002": entry(types.StringValue(""), types.StringValue("admin")),
		"1400000003": entry(types.StringValue(" padded"), types.StringValue("")),
		"1400000004": types.ObjectUnknown(entryType),
		"abc":        entry(types.StringValue("good-key"), types.StringUnknown()),
	})
	var resp validator.MapResponse
	appsValidator{}.ValidateMap(context.Background(), validator.MapRequest{Path: path.Root("apps"), ConfigValue: apps}, &resp)
	got := map[string]string{}
	for _, d := range resp.Diagnostics.Errors() {
		p := d.(diag.DiagnosticWithPath).Path().String()
		got[p] = d.Summary() + ": " + d.Detail()
	}
	want := map[string]string{
		`apps["abc"]`:                   "not a decimal integer",
		`apps["1400000002"].secret_key`: "string length must be at least 1, got: 0",
		`apps["1400000003"].secret_key`: "starts with whitespace",
		`apps["1400000003"].identifier`: "string length must be at least 1, got: 0",
	}
	if len(got) != len(want) || len(resp.Diagnostics) != len(want) {
		t.Errorf("got %d diagnostics, want %d: %v", len(resp.Diagnostics), len(want), got)
	}
	for p, text := range want {
		if !strings.Contains(got[p], text) {
			t.Errorf("at %s: got %q, want it to contain %q", p, got[p], text)
		}
	}
}
