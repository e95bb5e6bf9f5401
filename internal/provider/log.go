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

// logContext returns ctx prepared for logging on behalf of d: every
// secret the provider knows is masked. Resources call it at the start of each
// operation.
func (d *providerData) logContext(ctx context.Context) context.Context {
	return maskSecrets(ctx, d.secrets)
}

// tflogBridge sends the client's structured log events to tflog, so that
// they appear under TF_LOG / TF_LOG_PROVIDER with the request's context.
type tflogBridge struct {
	secrets []string
}

func (b tflogBridge) Debug(ctx context.Context, msg string, fields map[string]any) {
	tflog.Debug(maskSecrets(ctx, b.secrets), msg, logFields(fields))
}

func (b tflogBridge) Warn(ctx context.Context, msg string, fields map[string]any) {
	tflog.Warn(maskSecrets(ctx, b.secrets), msg, logFields(fields))
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
