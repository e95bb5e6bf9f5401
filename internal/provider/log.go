package provider

import (
	"context"
	"regexp"
	"strconv"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/client"
)

var _ client.Logger = tflogBridge{}

// Field keys whose values are always masked, whatever logs them.
var secretFieldKeys = []string{"secret_key", "usersig", "user_sig", "token", "sig"}

// logSecretPatterns match secrets by shape: a UserSig in a query string.
var logSecretPatterns = []*regexp.Regexp{userSigPattern}

// maskSecrets returns ctx with a logger that masks the given secret values,
// the secret field keys and UserSig-shaped text in messages and fields. The
// client never logs a secret; this is a second line of defence.
func maskSecrets(ctx context.Context, secrets []string) context.Context {
	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, secretFieldKeys...)
	ctx = tflog.MaskAllFieldValuesRegexes(ctx, logSecretPatterns...)
	ctx = tflog.MaskMessageRegexes(ctx, logSecretPatterns...)
	if len(secrets) > 0 {
		ctx = tflog.MaskAllFieldValuesStrings(ctx, secrets...)
		ctx = tflog.MaskMessageStrings(ctx, secrets...)
	}
	return ctx
}

// logContext returns ctx prepared for logging an operation on app: the
// secret field keys, UserSig-shaped text and the app's own secret key are
// masked. Only the app's key: an operation touches no other app, and masking
// every key of a provider with many apps would make each log line cost
// O(apps). Resources and data sources call it once per operation, and the
// client's log events (tflogBridge) inherit it through ctx.
func (d *providerData) logContext(ctx context.Context, app uint64) context.Context {
	var secrets []string
	if k := d.secretKeys[app]; k != "" {
		secrets = []string{k}
	}
	return maskSecrets(ctx, secrets)
}

// tflogBridge sends the client's structured log events to tflog, so that
// they appear under TF_LOG / TF_LOG_PROVIDER with the request's context,
// including the masks logContext put there.
type tflogBridge struct{}

func (tflogBridge) Debug(ctx context.Context, msg string, fields map[string]any) {
	tflog.Debug(ctx, msg, logFields(fields))
}

func (tflogBridge) Warn(ctx context.Context, msg string, fields map[string]any) {
	tflog.Warn(ctx, msg, logFields(fields))
}

// logFields renders large integers (SDKAppIDs) as decimal strings: log
// fields cross the plugin boundary as JSON numbers, which Terraform prints
// as floats such as 1.400000001e+09.
func logFields(fields map[string]any) map[string]any {
	out := make(map[string]any, len(fields))
	for k, v := range fields {
		switch n := v.(type) {
		case uint64:
			out[k] = strconv.FormatUint(n, 10)
		case int64:
			out[k] = strconv.FormatInt(n, 10)
		case uint32:
			out[k] = strconv.FormatUint(uint64(n), 10)
		default:
			out[k] = v
		}
	}
	return out
}
