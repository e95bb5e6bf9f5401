package provider

import (
	"context"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/client"
)

var _ client.Logger = tflogBridge{}

// Field keys whose values are always masked, whatever logs them.
var secretFieldKeys = []string{"secret_key", "usersig", "user_sig", "token", "sig"}

// logSecretPatterns match secrets by shape: a UserSig in a query string.
var logSecretPatterns = []*regexp.Regexp{client.UserSigPattern}

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

// cliDropsDebugLogs is true when the provider runs as a plugin of a
// Terraform or OpenTofu process that discards its debug lines (see
// cliDropsDebug). Computed once: the environment is the CLI's, fixed at start.
var cliDropsDebugLogs = cliDropsDebug(os.Getenv)

// cliDropsDebug reports whether the CLI that started this plugin drops its
// debug lines. The CLI reads every line a plugin writes, as JSON, and keeps
// the provider's only at the level of TF_LOG_PROVIDER, else TF_LOG: none when
// both are empty, none below DEBUG for INFO, WARN, ERROR and OFF (any other
// value means TRACE). The plugin inherits that environment. A provider not
// started by a CLI (no TF_PLUGIN_MAGIC_COOKIE: debug mode, tests) keeps them:
// its lines go to whoever started it.
func cliDropsDebug(getenv func(string) string) bool {
	if getenv("TF_PLUGIN_MAGIC_COOKIE") == "" {
		return false
	}
	level := getenv("TF_LOG_PROVIDER")
	if level == "" {
		level = getenv("TF_LOG")
	}
	switch strings.ToUpper(level) {
	case "", "INFO", "WARN", "ERROR", "OFF":
		return true
	}
	return false
}

// debugLog is tflog.Debug, skipped when the CLI would drop the line: a hot
// path (one line per API call) then costs neither the masking and JSON
// encoding here nor the parsing in the CLI.
func debugLog(ctx context.Context, msg string, fields map[string]any) {
	if !cliDropsDebugLogs {
		tflog.Debug(ctx, msg, fields)
	}
}

// tflogBridge sends the client's structured log events to tflog, so that
// they appear under TF_LOG / TF_LOG_PROVIDER with the request's context,
// including the masks logContext put there. With dropDebug (set from
// cliDropsDebugLogs) its debug events are skipped; warnings never are.
type tflogBridge struct{ dropDebug bool }

func (b tflogBridge) Debug(ctx context.Context, msg string, fields map[string]any) {
	if !b.dropDebug {
		tflog.Debug(ctx, msg, logFields(fields))
	}
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
