package provider

// STUB: the provider helper owns this package and replaces this file.

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

var _ fwprovider.Provider = (*tencentRTCProvider)(nil)

type tencentRTCProvider struct{ version string }

// New returns the provider factory used by main and the tests.
func New(version string) func() fwprovider.Provider {
	return func() fwprovider.Provider { return &tencentRTCProvider{version: version} }
}

func (p *tencentRTCProvider) Metadata(_ context.Context, _ fwprovider.MetadataRequest, resp *fwprovider.MetadataResponse) {
	resp.TypeName = "tencentrtc"
	resp.Version = p.version
}
func (p *tencentRTCProvider) Schema(context.Context, fwprovider.SchemaRequest, *fwprovider.SchemaResponse) {
}
func (p *tencentRTCProvider) Configure(context.Context, fwprovider.ConfigureRequest, *fwprovider.ConfigureResponse) {
}
func (p *tencentRTCProvider) Resources(context.Context) []func() resource.Resource       { return nil }
func (p *tencentRTCProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }
