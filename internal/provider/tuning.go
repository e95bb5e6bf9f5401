package provider

import (
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/client"
)

// tuningModel holds the optional retry, timeout and rate-limit knobs of the
// provider block. Defaults are the client's, taken from API.md §Rate limits.
type tuningModel struct {
	RequestTimeout   types.String  `tfsdk:"request_timeout"`
	MaxRetries       types.Int64   `tfsdk:"max_retries"`
	RetryWaitMin     types.String  `tfsdk:"retry_wait_min"`
	RetryWaitMax     types.String  `tfsdk:"retry_wait_max"`
	RateLimit        types.Float64 `tfsdk:"rate_limit"`
	CallKitRateLimit types.Float64 `tfsdk:"callkit_rate_limit"`
}

// Bounds of the tuning knobs: wide enough for any real use, narrow enough
// that a typo (an extra zero, a unit left out) is caught at plan time.
const (
	maxRequestTimeout = 10 * time.Minute
	maxRetryWait      = 10 * time.Minute
	maxMaxRetries     = 100
	maxRateLimit      = 10000
)

// tuningAttributes are the schema attributes of tuningModel.
func tuningAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"request_timeout": durationAttribute(fmt.Sprintf("How long one HTTP attempt may take before it is abandoned and retried, as a Go duration such as `30s`. Defaults to `%s`.", client.DefaultRequestTimeout),
			maxRequestTimeout),
		"max_retries": schema.Int64Attribute{
			MarkdownDescription: fmt.Sprintf("How many times a request that failed transiently (throttling, a server error, a dropped connection, a timeout) is retried; `0` disables retries. Defaults to `%d`.", client.DefaultMaxRetries),
			Optional:            true,
			Validators:          []validator.Int64{int64validator.Between(0, maxMaxRetries)},
		},
		"retry_wait_min": durationAttribute(fmt.Sprintf("The shortest wait before a retry, as a Go duration; waits grow exponentially (with jitter) up to `retry_wait_max`. Defaults to `%s`.", client.DefaultRetryWaitMin),
			maxRetryWait),
		"retry_wait_max": durationAttribute(fmt.Sprintf("The longest wait before a retry, as a Go duration. Defaults to `%s`.", client.DefaultRetryWaitMax),
			maxRetryWait),
		"rate_limit":         rateAttribute(fmt.Sprintf("Requests per second the provider sends to the v4 APIs (`call`, `live`, `room` and the Live token), per app. Defaults to `%d`, the documented limit; lower it when other tools share the app's quota.", client.DefaultV4RateLimit)),
		"callkit_rate_limit": rateAttribute(fmt.Sprintf("Requests per second the provider sends to the legacy `callkit` API, per app. Defaults to `%d`, the documented limit.", client.DefaultV1RateLimit)),
	}
}

// durationAttribute is an optional Go duration of at most limit.
func durationAttribute(description string, limit time.Duration) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: description, Optional: true, Validators: []validator.String{durationValidator(limit)}}
}

// rateAttribute is an optional request rate per second.
func rateAttribute(description string) schema.Float64Attribute {
	return schema.Float64Attribute{MarkdownDescription: description, Optional: true, Validators: []validator.Float64{float64validator.Between(0.01, maxRateLimit)}}
}

// apply copies the configured knobs into opts; unset ones stay zero (nil)
// and take the client's defaults, which also reconciles a retry wait set
// alone with the other's default. The validators have checked every value, so
// a parse error here cannot happen and is ignored.
func (m tuningModel) apply(opts *client.Options) error {
	d := func(v types.String) time.Duration {
		if v.IsNull() {
			return 0
		}
		x, _ := time.ParseDuration(v.ValueString())
		return x
	}
	opts.RequestTimeout = d(m.RequestTimeout)
	opts.RetryWaitMin = d(m.RetryWaitMin)
	opts.RetryWaitMax = d(m.RetryWaitMax)
	if !m.MaxRetries.IsNull() {
		opts.MaxRetries = new(int(m.MaxRetries.ValueInt64()))
	}
	if !m.RateLimit.IsNull() {
		opts.V4RateLimit = m.RateLimit.ValueFloat64()
	}
	if !m.CallKitRateLimit.IsNull() {
		opts.V1RateLimit = m.CallKitRateLimit.ValueFloat64()
	}
	if opts.RetryWaitMax != 0 && opts.RetryWaitMin > opts.RetryWaitMax {
		return fmt.Errorf("retry_wait_min (%s) is longer than retry_wait_max (%s); make retry_wait_min the shorter one", opts.RetryWaitMin, opts.RetryWaitMax)
	}
	return nil
}

// durationValidator accepts a positive Go duration up to limit.
func durationValidator(limit time.Duration) stringCheck {
	return stringCheck{
		description: description(fmt.Sprintf("value must be a positive Go duration such as 500ms or 30s, at most %s", limit)),
		check: func(p path.Path, s string, diags *diag.Diagnostics) {
			d, err := time.ParseDuration(s)
			switch {
			case err != nil:
				diags.AddAttributeError(p, "Invalid Duration",
					fmt.Sprintf("%s %q is not a duration: write a number with a unit, such as 500ms, 30s or 2m.", p, s))
			case d <= 0 || d > limit:
				diags.AddAttributeError(p, "Invalid Duration",
					fmt.Sprintf("%s %q is out of range: use a positive duration of at most %s.", p, s, limit))
			}
		},
	}
}
