// Command floor is the benchmark floor: a terraform-plugin-framework provider
// with type name "tencentrtc" and the same provider and
// tencentrtc_callback_config schemas as the real provider, whose resource does
// no I/O at all. Create and Update copy the plan into state, Read and Delete do
// nothing. Running the same configuration over it measures what Terraform and
// the plugin protocol cost by themselves, so the benchmark can report the real
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
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	pschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
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
	err := providerserver.Serve(context.Background(), func() provider.Provider { return &floorProvider{} }, providerserver.ServeOpts{
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
	_ provider.Provider              = (*floorProvider)(nil)
	_ resource.Resource              = (*callbackConfig)(nil)
	_ resource.ResourceWithConfigure = (*callbackConfig)(nil)
)

type floorProvider struct{}

type providerModel struct {
	SDKAppID          types.Int64  `tfsdk:"sdk_app_id"`
	Identifier        types.String `tfsdk:"identifier"`
	SecretKey         types.String `tfsdk:"secret_key"`
	Region            types.String `tfsdk:"region"`
	Endpoint          types.String `tfsdk:"endpoint"`
	AllowInsecureHTTP types.Bool   `tfsdk:"allow_insecure_http"`
	Apps              types.Map    `tfsdk:"apps"`
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
		},
	}
}

// Configure decodes the provider block, as the real provider must, and hands
// the default SDKAppID to the resources.
func (p *floorProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var m providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	d := &floorData{}
	if !m.SDKAppID.IsNull() && !m.SDKAppID.IsUnknown() {
		d.defaultApp = m.SDKAppID.ValueInt64()
	}
	resp.ResourceData = d
	resp.DataSourceData = d
}

func (p *floorProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{func() resource.Resource { return &callbackConfig{} }}
}

func (p *floorProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

type floorData struct{ defaultApp int64 }

type callbackConfig struct{ data *floorData }

type callbackConfigModel struct {
	Product          types.String `tfsdk:"product"`
	URL              types.String `tfsdk:"url"`
	CallbackCommands types.Set    `tfsdk:"callback_commands"`
	SDKAppID         types.Int64  `tfsdk:"sdk_app_id"`
	ID               types.String `tfsdk:"id"`
}

func (r *callbackConfig) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_callback_config"
}

func (r *callbackConfig) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = rschema.Schema{
		Attributes: map[string]rschema.Attribute{
			"product": rschema.StringAttribute{
				Required:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"url": rschema.StringAttribute{Required: true},
			"callback_commands": rschema.SetAttribute{
				Required:    true,
				ElementType: types.StringType,
			},
			"sdk_app_id": rschema.Int64Attribute{
				Optional: true,
				Computed: true,
				PlanModifiers: []planmodifier.Int64{
					int64planmodifier.UseStateForUnknown(),
					int64planmodifier.RequiresReplace(),
				},
			},
			"id": rschema.StringAttribute{
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

func (r *callbackConfig) Configure(_ context.Context, req resource.ConfigureRequest, _ *resource.ConfigureResponse) {
	if d, ok := req.ProviderData.(*floorData); ok {
		r.data = d
	}
}

func (r *callbackConfig) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m callbackConfigModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.complete(&m)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *callbackConfig) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (r *callbackConfig) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m callbackConfigModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.complete(&m)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *callbackConfig) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// complete fills the computed attributes: sdk_app_id from the provider's
// default when unset, and id = "<sdk_app_id>/<product>".
func (r *callbackConfig) complete(m *callbackConfigModel) {
	if m.SDKAppID.IsNull() || m.SDKAppID.IsUnknown() {
		var app int64
		if r.data != nil {
			app = r.data.defaultApp
		}
		m.SDKAppID = types.Int64Value(app)
	}
	m.ID = types.StringValue(strconv.FormatInt(m.SDKAppID.ValueInt64(), 10) + "/" + m.Product.ValueString())
}
