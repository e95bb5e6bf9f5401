package provider

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/client"
)

// Diagnostic summaries, in one place so that every resource says the same
// thing the same way.
//
//nolint:gosec // G101: titles that mention a token are not credentials
const (
	summaryCreateCallback   = "Unable to Create Callback Configuration"
	summaryReadCallback     = "Unable to Read Callback Configuration"
	summaryReadCallbackData = "Unable to Read Callback Configuration Data Source"
	summaryUpdateCallback   = "Unable to Update Callback Configuration"
	summaryDeleteCallback   = "Unable to Delete Callback Configuration"
	summaryImportCallback   = "Unable to Import Callback Configuration"
	summaryCallbackExists   = "Callback Configuration Already Exists"
	summaryCallbackGone     = "Callback Configuration Not Found"

	summaryCreateLiveToken = "Unable to Create Live Callback Token"
	summaryReadLiveToken   = "Unable to Read Live Callback Token"
	summaryUpdateLiveToken = "Unable to Update Live Callback Token"
	summaryDeleteLiveToken = "Unable to Delete Live Callback Token"
	summaryImportLiveToken = "Unable to Import Live Callback Token"
	summaryLiveTokenGone   = "Live Callback Token Not Found"
	summaryLiveTokenExists = "Live Callback Token Already Exists"

	summaryMissingCredentials    = "Missing Tencent RTC Credentials"
	summaryCredentialsRejected   = "Tencent RTC Credentials Rejected"
	summaryInvalidProvider       = "Invalid Provider Configuration"
	summaryInvalidSecretKey      = "Invalid Secret Key"
	summaryUnknownProvider       = "Unknown Provider Configuration Value"
	summaryUnexpectedData        = "Unexpected Provider Data"
	summaryInvalidImportID       = "Invalid Import ID"
	summaryInvalidImportIdentity = "Invalid Import Identity"
)

// bugReport ends the detail of diagnostics that can only come from a provider
// bug.
const bugReport = "This is a bug in the provider; please report it at https://github.com/tencentrtc/terraform-provider-tencentrtc/issues."

// addAPIError adds an error diagnostic for a failed API call: what happened,
// the API error code and request ID when there is one, and what to do next.
// The text never contains a secret: UserSigs in URLs are redacted.
func addAPIError(diags *diag.Diagnostics, summary string, err error) {
	diags.AddError(summary, apiErrorDetail(err))
}

// addPlanReadError fails a plan whose read of what (e.g. "the call callback
// configuration") of app failed after the client's retries, as a refresh
// would fail; rejected credentials name the app first, since the apply would
// fail the same way.
func addPlanReadError(diags *diag.Diagnostics, summary, what string, app uint64, err error) {
	if client.IsAuth(err) {
		diags.AddAttributeError(path.Root("sdk_app_id"), summaryCredentialsRejected, fmt.Sprintf(
			"Tencent refused the credentials of SDKAppID %d when the plan read %s, so the apply would fail the same way. %s",
			app, what, apiErrorDetail(err)))
		return
	}
	addAPIError(diags, summary, err)
}

// apiErrorDetail builds the detail text of addAPIError.
func apiErrorDetail(err error) string {
	return apiErrorSummary(err) + "\n\n" + nextStep(err)
}

// apiErrorSummary says what went wrong in one sentence. A *client.APIError
// text carries the API path, the error code with its meaning, the message,
// the request ID and the number of attempts.
func apiErrorSummary(err error) string {
	return fmt.Sprintf("The Tencent RTC API request failed: %s.", strings.TrimSuffix(redact(err.Error()), "."))
}

// authAdvice is the one text that says what to check when Tencent refuses
// the credentials (70009 and the other UserSig codes), likely causes first.
const authAdvice = "Tencent did not accept the credentials. Likely causes, most common first:\n" +
	"- the secret key is another app's: check secret_key (" + envSecretKey + "), or secret_key of this SDKAppID in the apps map;\n" +
	"- the secret key has leading or trailing whitespace, such as the newline file() keeps: use trimspace();\n" +
	"- identifier (" + envIdentifier + ") is not an App administrator account of this app;\n" +
	"- sdk_app_id (" + envSDKAppID + ") names another app, or region (" + envRegion + ") another data centre than the app's;\n" +
	"- this machine's clock is wrong: UserSigs are time-stamped."

// nextStep tells the user what to do about err.
func nextStep(err error) string {
	switch {
	case client.IsAuth(err):
		return authAdvice
	case client.IsRetryable(err):
		return "This is a transient failure (throttling, a server error or a network problem) that persisted through the provider's retries. " +
			"Run terraform apply again; nothing is lost, because the next plan compares the real configuration with yours. " +
			"If it keeps failing, check the network path to the endpoint."
	default:
		return "Check the configuration against the error text. If it looks correct and the error persists, contact Tencent support with the request ID."
	}
}

// redact removes UserSigs that an error text may carry in a URL.
func redact(s string) string { return client.RedactUserSigs(s) }
