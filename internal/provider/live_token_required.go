package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// planLiveToken applies the token rules at plan time, where the prior state
// is known (a configuration validator cannot tell a create from an import):
//   - a create needs token or token_wo;
//   - with token_wo, token is null in the plan: write-only mode keeps the
//     token out of the state;
//   - with neither (an imported token, for example from configuration that
//     terraform query -generate-config-out wrote without token), token
//     keeps its prior state value, so the import plans no change.
func planLiveToken(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	var token, tokenWO types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("token"), &token)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("token_wo"), &tokenWO)...)
	if resp.Diagnostics.HasError() || !token.IsNull() {
		return
	}
	if !tokenWO.IsNull() {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("token"), types.StringNull())...)
		return
	}
	if req.State.Raw.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("token"), summaryMissingLiveToken, liveTokenRequiredDetail)
		return
	}
	// UseStateForUnknown keeps a known prior token; a prior null (the
	// resource was in write-only mode) stays null rather than unknown.
	var planned types.String
	resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, path.Root("token"), &planned)...)
	if planned.IsUnknown() {
		var prior types.String
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("token"), &prior)...)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("token"), prior)...)
	}
}

const summaryMissingLiveToken = "Missing Live Callback Token" //nolint:gosec // G101: a title, not a credential

const liveTokenRequiredDetail = "Creating tencentrtc_live_callback_token needs the token: set token, or token_wo with token_wo_version.\n\n" +
	"Only an existing token can be managed without one: import it (for example with the configuration that " +
	"terraform query -generate-config-out writes, which never holds the token) and Terraform keeps the token it reads from Tencent."
