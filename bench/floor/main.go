// Command floor is the benchmark floor: a terraform-plugin-framework provider
// with type name "tencentrtc" and the same provider schema, the same
// tencentrtc_callback_config resource and identity schemas and the same
// tencentrtc_callback_config list resource schema as the real provider
// (schema_test.go compares them), doing no I/O at all. Create and Update copy
// the plan into state, Read does nothing but fill a missing identity, Delete
// does nothing, import and the list
// resource fill in the configurations of the benchmark fleet (bench/fleet)
// that the harness writes into the emulator for the real provider. Running
// the same configuration over it measures what Terraform and the plugin
// protocol cost by themselves, so the benchmark can report the real
// provider's overhead as a ratio to this floor.
//
// Schemas carry no validators or plan modifiers beyond what changes Terraform's
// own work (RequiresReplace, UseStateForUnknown): the floor must stay the
// cheapest provider that produces the same plans.
package main

import (
	"context"
	"flag"
	"log"
	"os"
	"slices"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	pschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentrtc/terraform-provider-tencentrtc/bench/memstat"
)

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "start the provider with support for debuggers")
	flag.Parse()

	// BENCH_MEMSTATS_DIR (memory investigation only): Go heap summary and
	// heap profile per plugin process, written after Serve returns.
	stopMem := memstat.Start(os.Getenv("BENCH_MEMSTATS_DIR"), 20*time.Millisecond)
	err := providerserver.Serve(context.Background(), newProvider, providerserver.ServeOpts{
		Address:         "registry.terraform.io/tencentrtc/tencentrtc",
		Debug:           debug,
		ProtocolVersion: 6,
	})
	if merr := stopMem(); merr != nil {
		log.Print(merr)
	}
	if err != nil {
		log.Fatal(err)
	}
}

var (
	_ provider.Provider                  = (*floorProvider)(nil)
	_ provider.ProviderWithListResources = (*floorProvider)(nil)
)

func newProvider() provider.Provider { return &floorProvider{} }

type floorProvider struct{}

type providerModel struct {
	SDKAppID          types.Int64  `tfsdk:"sdk_app_id"`
	Identifier        types.String `tfsdk:"identifier"`
	SecretKey         types.String `tfsdk:"secret_key"`
	Region            types.String `tfsdk:"region"`
	Endpoint          types.String `tfsdk:"endpoint"`
	AllowInsecureHTTP types.Bool   `tfsdk:"allow_insecure_http"`
	Apps              types.Map    `tfsdk:"apps"`

	RequestTimeout   types.String  `tfsdk:"request_timeout"`
	MaxRetries       types.Int64   `tfsdk:"max_retries"`
	RetryWaitMin     types.String  `tfsdk:"retry_wait_min"`
	RetryWaitMax     types.String  `tfsdk:"retry_wait_max"`
	RateLimit        types.Float64 `tfsdk:"rate_limit"`
	CallKitRateLimit types.Float64 `tfsdk:"callkit_rate_limit"`
}

func (p *floorProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "tencentrtc"
	resp.Version = "floor"
}

func (p *floorProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = pschema.Schema{
		Attributes: map[string]pschema.Attribute{
			"sdk_app_id":          pschema.Int64Attribute{Optional: true},
			"identifier":          pschema.StringAttribute{Optional: true},
			"secret_key":          pschema.StringAttribute{Optional: true, Sensitive: true},
			"region":              pschema.StringAttribute{Optional: true},
			"endpoint":            pschema.StringAttribute{Optional: true},
			"allow_insecure_http": pschema.BoolAttribute{Optional: true},
			"apps": pschema.MapNestedAttribute{
				Optional: true,
				NestedObject: pschema.NestedAttributeObject{
					Attributes: map[string]pschema.Attribute{
						"secret_key": pschema.StringAttribute{Required: true, Sensitive: true},
						"identifier": pschema.StringAttribute{Optional: true},
					},
				},
			},
			"request_timeout":    pschema.StringAttribute{Optional: true},
			"max_retries":        pschema.Int64Attribute{Optional: true},
			"retry_wait_min":     pschema.StringAttribute{Optional: true},
			"retry_wait_max":     pschema.StringAttribute{Optional: true},
			"rate_limit":         pschema.Float64Attribute{Optional: true},
			"callkit_rate_limit": pschema.Float64Attribute{Optional: true},
		},
	}
}

// Configure decodes the provider block, as the real provider must, and hands
// the default SDKAppID and every app with credentials (ascending) to the
// resources and list resources.
func (p *floorProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var m providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	d := &floorData{}
	if !m.SDKAppID.IsNull() && !m.SDKAppID.IsUnknown() {
		d.defaultApp = m.SDKAppID.ValueInt64()
		d.apps = append(d.apps, d.defaultApp)
	}
	for key := range m.Apps.Elements() {
		if id, err := strconv.ParseInt(key, 10, 64); err == nil && id != d.defaultApp {
			d.apps = append(d.apps, id)
		}
	}
	slices.Sort(d.apps)
	resp.ResourceData = d
	resp.DataSourceData = d
	resp.ListResourceData = d
}

func (p *floorProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{func() resource.Resource { return &callbackConfig{} }}
}

func (p *floorProvider) ListResources(context.Context) []func() list.ListResource {
	return []func() list.ListResource{func() list.ListResource { return &callbackConfigList{} }}
}

func (p *floorProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

// floorData is what Configure hands on: the default app (0 when none) and
// every app the provider block has credentials for, ascending.
type floorData struct {
	defaultApp int64
	apps       []int64
}
