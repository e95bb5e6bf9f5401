package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

// TestCallbackCommandsDataSource lists every product through the CLI, with a
// provider block that has no credentials at all.
func TestCallbackCommandsDataSource(t *testing.T) {
	var config strings.Builder
	config.WriteString("provider \"tencentrtc\" {}\n")
	var checks []statecheck.StateCheck
	for _, p := range catalog.Products {
		fmt.Fprintf(&config, "\ndata \"tencentrtc_callback_commands\" %[1]q {\n  product = %[1]q\n}\n", p)
		addr := "data.tencentrtc_callback_commands." + string(p)
		var commands, names []knownvalue.Check
		for _, c := range catalog.Commands(p) {
			commands = append(commands, knownvalue.ObjectExact(map[string]knownvalue.Check{
				"name":        knownvalue.StringExact(c.Name),
				"description": knownvalue.StringExact(c.Description),
			}))
			if !c.IsAlias() {
				names = append(names, knownvalue.StringExact(c.Name))
			}
		}
		checks = append(checks,
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("commands"), knownvalue.ListExact(commands)),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("names"), knownvalue.SetExact(names)),
		)
	}

	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            config.String(),
			ConfigStateChecks: checks,
		}},
	})
}

func TestCallbackCommandValues(t *testing.T) {
	commands, names, diags := callbackCommandValues([]catalog.Command{
		{Name: "A.New", Description: "new"},
		{Name: "A.Old", Description: "old spelling", AliasOf: "A.New"},
	})
	if diags.HasError() {
		t.Fatal(diags)
	}
	if len(commands.Elements()) != 2 {
		t.Errorf("commands has %d elements, want 2", len(commands.Elements()))
	}
	if got := names.String(); got != `["A.New"]` {
		t.Errorf("names = %s, want [\"A.New\"]: aliases are left out", got)
	}
}

func TestDataSourceSchemas(t *testing.T) {
	for _, ds := range []datasource.DataSource{NewCallbackConfigDataSource(), NewCallbackCommandsDataSource()} {
		resp := &datasource.SchemaResponse{}
		ds.Schema(context.Background(), datasource.SchemaRequest{}, resp)
		if resp.Diagnostics.HasError() {
			t.Fatal(resp.Diagnostics)
		}
		if diags := resp.Schema.ValidateImplementation(context.Background()); diags.HasError() {
			t.Fatal(diags)
		}
		for name, a := range resp.Schema.Attributes {
			if a.GetMarkdownDescription() == "" {
				t.Errorf("%T: %s has no MarkdownDescription", ds, name)
			}
		}
	}
}
