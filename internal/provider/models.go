package provider

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/client"
)

// callbackConfigModel is the state of tencentrtc_callback_config, resource
// and data source alike.
type callbackConfigModel struct {
	appIDModel
	Product          types.String `tfsdk:"product"`
	URL              types.String `tfsdk:"url"`
	CallbackCommands types.Set    `tfsdk:"callback_commands"`
}

// toAPI converts the model to the client's request. Command words are sent
// sorted, so that the same configuration always makes the same request.
func (m callbackConfigModel) toAPI(ctx context.Context) (client.CallbackConfig, diag.Diagnostics) {
	var words []string
	diags := m.CallbackCommands.ElementsAs(ctx, &words, false)
	slices.Sort(words)
	return client.CallbackConfig{URL: m.URL.ValueString(), Commands: words}, diags
}

// callbackConfigFromAPI converts an API answer to the model of (app,
// product). The API returns command words in any order and may repeat one;
// the set holds each once.
func callbackConfigFromAPI(app uint64, product catalog.Product, cfg client.CallbackConfig) callbackConfigModel {
	words := slices.Clone(cfg.Commands)
	slices.Sort(words)
	words = slices.Compact(words)
	elems := make([]attr.Value, len(words))
	for i, w := range words {
		elems[i] = types.StringValue(w)
	}
	return callbackConfigModel{
		appIDModel:       appIDValues(app, callbackConfigID(app, product)),
		Product:          types.StringValue(string(product)),
		URL:              types.StringValue(cfg.URL),
		CallbackCommands: types.SetValueMust(types.StringType, elems),
	}
}
