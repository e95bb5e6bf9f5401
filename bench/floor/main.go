// Command floor is the benchmark floor: a terraform-plugin-framework provider
// with type name "tencentrtc" that serves the real provider's provider schema,
// tencentrtc_callback_config resource and identity schemas and
// tencentrtc_callback_config list resource schema (schemas.go takes them from
// internal/provider; schema_test.go checks the wiring over the plugin
// protocol), doing no I/O at all. Create and Update copy the plan into state,
// Read does nothing but fill a missing identity, Delete does nothing, import
// and the list resource fill in the configurations of the benchmark fleet
// (bench/fleet) that the benchmarks store in the emulator for the real
// provider. Running the same configuration over it measures what Terraform
// and the plugin protocol cost by themselves, so the benchmark can report the
// real provider's overhead as a ratio to this floor.
//
// The resource schema carries no validators, only the plan modifiers that
// change Terraform's own work (RequiresReplace, UseStateForUnknown): the floor
// must stay the cheapest provider that produces the same plans.
package main

import (
	"context"
	"flag"
	"log"
	"slices"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "start the provider with support for debuggers")
	flag.Parse()

	err := providerserver.Serve(context.Background(), newProvider, providerserver.ServeOpts{
		Address:         "registry.terraform.io/tencentrtc/tencentrtc",
		Debug:           debug,
		ProtocolVersion: 6,
	})
	if err != nil {
		log.Fatal(err)
	}
}

// callbackConfig serves both Resources and ListResources. Its Configure,
// asserted through the list interface, configures the resource too.
var (
	_ provider.ProviderWithListResources = (*floorProvider)(nil)
	_ resource.ResourceWithIdentity      = (*callbackConfig)(nil)
	_ resource.ResourceWithImportState   = (*callbackConfig)(nil)
	_ list.ListResourceWithConfigure     = (*callbackConfig)(nil)
)

func newProvider() provider.Provider { return &floorProvider{} }

type floorProvider struct{}

func (p *floorProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "tencentrtc"
	resp.Version = "floor"
}

func (p *floorProvider) Schema(ctx context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = providerSchema(ctx)
}

// Configure decodes the provider block, as the real provider must, and hands
// the default SDKAppID and every app with credentials (ascending) to the
// resources and list resources.
func (p *floorProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var defaultApp types.Int64
	var apps types.Map
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("sdk_app_id"), &defaultApp)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("apps"), &apps)...)
	if resp.Diagnostics.HasError() {
		return
	}
	d := &floorData{}
	if !defaultApp.IsNull() && !defaultApp.IsUnknown() {
		d.defaultApp = defaultApp.ValueInt64()
		d.apps = append(d.apps, d.defaultApp)
	}
	for key := range apps.Elements() {
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
	return []func() list.ListResource{func() list.ListResource { return &callbackConfig{} }}
}

func (p *floorProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

// floorData is what Configure hands on: the default app (0 when none) and
// every app the provider block has credentials for, ascending.
type floorData struct {
	defaultApp int64
	apps       []int64
}
