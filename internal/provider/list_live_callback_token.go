package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/client"
)

// NewLiveCallbackTokenListResource returns the tencentrtc_live_callback_token
// list resource, which finds the apps that have a Live callback token.
func NewLiveCallbackTokenListResource() list.ListResource {
	return newListResource("_live_callback_token", summaryListLiveToken, liveTokenListSchema, func(_ context.Context, req list.ListRequest, _ *diag.Diagnostics) (int, appReader) {
		return 1, func(ctx context.Context, app uint64, c *client.Client, _ int) ([]list.ListResult, error) {
			return readLiveToken(ctx, req, app, c)
		}
	})
}

// liveTokenListDescription says what happens to the token in query results
// and generated configuration.
const liveTokenListDescription = "The token itself is never part of a result: with `include_resource` the resource carries `sdk_app_id`, `id` and `enabled`, and `token` is null. " +
	"`terraform query -generate-config-out` therefore writes no `token` argument, and `terraform apply` of that configuration, unedited, imports the token: " +
	"the state gets the app's current token from Tencent (sensitive), nothing is written to Tencent, and the next plan is empty. " +
	"The resource then tracks the token it finds; set `token` or `token_wo` with `token_wo_version` to manage the token itself."

func liveTokenListSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Finds the apps that have a Live callback token, for `terraform query` (Terraform 1.14 and later): one read per app, apps read concurrently " +
			"(at most " + fmt.Sprint(listConcurrency) + " at a time), results in SDKAppID order; an app without a token is skipped. " +
			"Each result's display name is `<sdk_app_id>/live_token`, its identity `{ sdk_app_id }`. `limit` stops the reads, not only the output.\n\n" +
			liveTokenListDescription,
		Attributes: map[string]schema.Attribute{
			"sdk_app_ids": listAppsAttribute(),
		},
	}
}

// readLiveToken reads the token of one app. The token value stays here.
func readLiveToken(ctx context.Context, req list.ListRequest, app uint64, c *client.Client) ([]list.ListResult, error) {
	got, err := c.GetLiveCallbackToken(ctx)
	if client.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading its Live callback token: %w", err)
	}
	r := req.NewListResult(ctx)
	r.DisplayName = liveTokenID(app)
	r.Diagnostics.Append(setLiveTokenIdentity(ctx, r.Identity, app)...)
	if req.IncludeResource {
		state := liveCallbackTokenModel{
			appIDModel:     appIDValues(app, liveTokenID(app)),
			Token:          types.StringNull(),
			TokenWO:        types.StringNull(),
			TokenWOVersion: types.Int64Null(),
			Enabled:        types.BoolValue(got.Enabled),
		}
		r.Diagnostics.Append(r.Resource.Set(ctx, &state)...)
	}
	return []list.ListResult{r}, nil
}
