package provider

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/client"
)

// NewCallbackConfigListResource returns the tencentrtc_callback_config list
// resource, which finds the callback configurations of many apps for
// `terraform query`: one read per (app, product).
func NewCallbackConfigListResource() list.ListResource {
	return newListResource("_callback_config", summaryListCallback, callbackConfigListSchema, prepareCallbackConfigList)
}

func callbackConfigListSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Finds the existing callback configurations of many apps, for `terraform query` (Terraform 1.14 and later): " +
			"one read per (app, product), apps read concurrently (at most " + fmt.Sprint(listConcurrency) + " at a time), results in a stable order " +
			"(SDKAppID ascending, then product in the order `call`, `live`, `room`, `callkit`). A product without a configuration is skipped. " +
			"Each result's display name is `<sdk_app_id>/<product>`, its identity `{ sdk_app_id, product }`; with `include_resource` " +
			"(implied by `-generate-config-out`) it carries the full resource. `limit` stops the reads, not only the output.",
		Attributes: map[string]schema.Attribute{
			"sdk_app_ids": listAppsAttribute(),
			"products": listArgument("The products to list: any of "+productsMarkdown()+". Defaults to all four.",
				types.StringType, listvalidator.ValueStringsAre(productValidator)),
		},
	}
}

// prepareCallbackConfigList reads the products a List asks for: each app
// gives at most one result per product.
func prepareCallbackConfigList(ctx context.Context, req list.ListRequest, diags *diag.Diagnostics) (int, appReader) {
	var configured types.List
	diags.Append(req.Config.GetAttribute(ctx, path.Root("products"), &configured)...)
	products := selectProducts(ctx, configured, diags)
	return len(products), func(ctx context.Context, app uint64, c *client.Client, budget int) ([]list.ListResult, error) {
		return readCallbackConfigs(ctx, req, app, c, products, budget)
	}
}

// selectProducts returns the configured products in catalogue order without
// duplicates, or every product when none are configured.
func selectProducts(ctx context.Context, configured types.List, diags *diag.Diagnostics) []catalog.Product {
	if configured.IsNull() || configured.IsUnknown() {
		return slices.Clone(catalog.Products)
	}
	var names []string
	diags.Append(configured.ElementsAs(ctx, &names, false)...)
	var out []catalog.Product
	for _, p := range catalog.Products {
		if slices.Contains(names, string(p)) {
			out = append(out, p)
		}
	}
	return out
}

// readCallbackConfigs reads the products of one app, in catalogue order,
// until budget configurations are found.
func readCallbackConfigs(ctx context.Context, req list.ListRequest, app uint64, c *client.Client, products []catalog.Product, budget int) ([]list.ListResult, error) {
	var out []list.ListResult
	for _, p := range products {
		if len(out) >= budget {
			break
		}
		got, err := c.GetCallback(ctx, p)
		if client.IsNotFound(err) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("reading its %s configuration: %w", p, err)
		}
		r := req.NewListResult(ctx)
		r.DisplayName = callbackConfigID(app, p)
		r.Diagnostics.Append(r.Identity.Set(ctx, callbackConfigIdentity(app, p))...)
		if req.IncludeResource {
			state := callbackConfigFromAPI(app, p, *got)
			r.Diagnostics.Append(r.Resource.Set(ctx, &state)...)
		}
		out = append(out, r)
	}
	return out, nil
}
