package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

// importIDTest is an import ID, the provider's default app, and what parsing
// it must give: an app and a product, or an error containing wantErr.
type importIDTest struct {
	id          string
	defaultApp  uint64
	wantApp     uint64
	wantProduct catalog.Product
	wantErr     string
}

// TestParseImportID parses the import IDs of both resources:
// <sdk_app_id>/<product> (or <product> alone, for the provider's default
// app) of tencentrtc_callback_config, and <sdk_app_id>/live_token (or
// live_token alone) of tencentrtc_live_callback_token, whose product is "".
func TestParseImportID(t *testing.T) {
	t.Parallel()
	parseToken := func(id string, defaultApp uint64) (uint64, catalog.Product, error) {
		app, err := parseLiveTokenImportID(id, defaultApp)
		return app, "", err
	}
	for _, form := range []struct {
		name  string
		parse func(id string, defaultApp uint64) (uint64, catalog.Product, error)
		tests []importIDTest
	}{
		{"callback_config", parseImportID, []importIDTest{
			{id: "1400000001/live", wantApp: 1400000001, wantProduct: catalog.Live},
			{id: "1400000002/callkit", defaultApp: 1400000001, wantApp: 1400000002, wantProduct: catalog.CallKit},
			{id: "room", defaultApp: 1400000001, wantApp: 1400000001, wantProduct: catalog.Room},
			{id: "4294967295/call", wantApp: 4294967295, wantProduct: catalog.Call},
			{id: "4294967296/call", wantErr: `SDKAppID "4294967296" is too large; SDKAppIDs are at most 4294967295`},
			{id: "call", wantErr: "names no SDKAppID and the provider has no default sdk_app_id (TENCENTRTC_SDK_APP_ID)"},
			{id: "", wantErr: "the import ID is empty"},
			{id: "1/2/call", wantErr: "has 3 parts"},
			{id: "1400000001/", wantErr: `unknown product ""`},
			{id: "1400000001/Live", wantErr: `unknown product "Live": use one of call, live, room, callkit`},
			{id: "/live", wantErr: "the SDKAppID is empty"},
			{id: "0/live", wantErr: "SDKAppID 0 is not valid"},
			{id: "-1/live", wantErr: `SDKAppID "-1" is negative`},
			{id: "9223372036854775808/live", wantErr: `SDKAppID "9223372036854775808" is too large`},
			{id: "99999999999999999999999/live", wantErr: "is too large"},
			{id: "abc/live", wantErr: `SDKAppID "abc" is not a decimal integer`},
			{id: "+1/live", wantErr: "is not a decimal integer"},
			{id: " 1/live", wantErr: `SDKAppID " 1" has leading or trailing whitespace; write it as 1`},
			{id: " ", wantErr: "the import ID is empty (a script's unset variable?); use <sdk_app_id>/<product>"},
			{id: "1400000001/live_token", wantErr: "names a Live callback token, which tencentrtc_live_callback_token manages: import it into that resource (terraform import tencentrtc_live_callback_token.<name> 1400000001/live_token)"},
		}},
		{"live_token", parseToken, []importIDTest{
			{id: "1400000002/live_token", defaultApp: testAppID, wantApp: testApp2ID},
			{id: "live_token", defaultApp: testAppID, wantApp: testAppID},
			{id: "live_token", wantErr: "no default sdk_app_id"},
			{id: "1400000002/live", wantErr: "not of the form"},
			{id: "/live_token", wantErr: "empty"},
			{id: "abc/live_token", wantErr: "not a decimal integer"},
			{id: "1/2/live_token", wantErr: "not of the form"},
			{id: "", wantErr: "the import ID is empty (a script's unset variable?); use <sdk_app_id>/live_token"},
		}},
	} {
		for _, tt := range form.tests {
			t.Run(form.name+"/"+tt.id, func(t *testing.T) {
				t.Parallel()
				app, product, err := form.parse(tt.id, tt.defaultApp)
				if tt.wantErr != "" {
					if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
						t.Fatalf("got (%d, %q, %v), want an error containing %q", app, product, err, tt.wantErr)
					}
					return
				}
				if err != nil || app != tt.wantApp || product != tt.wantProduct {
					t.Fatalf("got (%d, %q, %v); want %d, %q", app, product, err, tt.wantApp, tt.wantProduct)
				}
			})
		}
	}
}

// FuzzParseImportID checks that parseImportID never panics, that whatever it
// accepts is a positive app and a known product, and that the canonical ID
// of the result parses to the same result.
func FuzzParseImportID(f *testing.F) {
	for _, seed := range []string{"1400000001/live", "call", "0/room", "-1/callkit", "1/2/3", "", "/", "18446744073709551616/call"} {
		f.Add(seed, uint64(0))
		f.Add(seed, uint64(1400000001))
	}
	f.Fuzz(func(t *testing.T, id string, defaultApp uint64) {
		app, product, err := parseImportID(id, defaultApp)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error text")
			}
			return
		}
		if app == 0 || app > 1<<63-1 {
			t.Fatalf("accepted app %d from %q", app, id)
		}
		if _, perr := catalog.ParseProduct(string(product)); perr != nil {
			t.Fatalf("accepted product %q from %q", product, id)
		}
		app2, product2, err := parseImportID(callbackConfigID(app, product), 0)
		if err != nil || app2 != app || product2 != product {
			t.Fatalf("canonical ID of %q does not round-trip: %d %q %v", id, app2, product2, err)
		}
	})
}

// TestImportStateUnconfigured checks that both resources refuse an import
// while the provider is not configured, the same way, rather than guessing
// app 0 or the default app.
func TestImportStateUnconfigured(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for name, tc := range map[string]struct {
		r       resource.ResourceWithImportState
		id      string
		summary string
	}{
		"callback_config": {&callbackConfigResource{}, "1400000001/call", summaryImportCallback},
		"live_token":      {&liveCallbackTokenResource{}, "1400000001/live_token", summaryImportLiveToken},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var sch resource.SchemaResponse
			tc.r.Schema(ctx, resource.SchemaRequest{}, &sch)
			resp := &resource.ImportStateResponse{State: tfsdk.State{
				Schema: sch.Schema,
				Raw:    tftypes.NewValue(sch.Schema.Type().TerraformType(ctx), nil),
			}}
			tc.r.ImportState(ctx, resource.ImportStateRequest{ID: tc.id}, resp)
			errs := resp.Diagnostics.Errors()
			if len(errs) != 1 || errs[0].Summary() != tc.summary || !strings.Contains(errs[0].Detail(), "The provider was not configured. "+bugReport) {
				t.Fatalf("diagnostics = %v", resp.Diagnostics)
			}
			if !resp.State.Raw.IsNull() {
				t.Errorf("state was written: %v", resp.State.Raw)
			}
		})
	}
}
