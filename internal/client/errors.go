package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"syscall"
)

// API families.
const (
	FamilyV4 = "v4"
	FamilyV1 = "v1"
)

// APIError is the error of every API call: a logical error code in the
// answer's envelope, an unexpected HTTP status, an undecodable answer or a
// transport failure. Test it with errors.As or the Is* helpers.
type APIError struct {
	Family     string // "v4" or "v1"
	Path       string // e.g. "v4/live_config/set_callback"
	Code       int    // ErrorCode (v4) or errorCode (v1); 0 when the server gave none
	Message    string // ErrorInfo (v4) or errorMessage (v1), or a short HTTP body excerpt
	RequestID  string
	HTTPStatus int // 0 when no answer was received

	// Attempts is the number of HTTP attempts made for the call.
	Attempts int
	// Err is the underlying failure when there is no error code or status
	// (transport error, malformed answer), or, when there is one, the reason
	// the client stopped retrying (context canceled, retry budget spent).
	Err error
}

// ErrMalformedResponse marks a 200 answer whose body is not a complete JSON
// envelope of the expected shape. It is retryable: proxies and cut
// connections produce such answers.
var ErrMalformedResponse = errors.New("malformed response")

// ErrUnsupportedVerb is returned for a verb the product does not have, such as
// UpdateCallback on call (use SetCallback: call_config/set_callback upserts).
var ErrUnsupportedVerb = errors.New("unsupported verb")

func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	b.WriteString(": ")
	switch {
	case e.Code != 0:
		fmt.Fprintf(&b, "error %d", e.Code)
		if hint := codeHint(e.Family, e.Code); hint != "" {
			fmt.Fprintf(&b, " (%s)", hint)
		}
		if e.Message != "" {
			b.WriteString(": ")
			b.WriteString(e.Message)
		}
	case e.HTTPStatus != 0 && e.HTTPStatus != http.StatusOK:
		fmt.Fprintf(&b, "unexpected HTTP status %d %s", e.HTTPStatus, http.StatusText(e.HTTPStatus))
		if e.Message != "" {
			fmt.Fprintf(&b, ": %q", e.Message)
		}
	case errors.Is(e.Err, ErrMalformedResponse):
		b.WriteString(e.Err.Error())
	case e.Err != nil:
		b.WriteString("request failed: ")
		b.WriteString(e.Err.Error())
	default:
		b.WriteString(e.Message)
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " [request ID %s]", e.RequestID)
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " (after %d attempts)", e.Attempts)
	}
	if e.Err != nil && e.hasAnswer() {
		b.WriteString("; gave up: ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying failure or stop reason.
func (e *APIError) Unwrap() error { return e.Err }

// hasAnswer reports whether the error came from a server answer with a code
// or a non-200 status (so Err, if set, is only the reason retries stopped).
func (e *APIError) hasAnswer() bool {
	return e.Code != 0 || (e.HTTPStatus != 0 && e.HTTPStatus != http.StatusOK)
}

// Error codes with a meaning the client acts on.
const (
	CodeInternal          = 100001 // v4: internal server error; retry
	CodeInvalidParameter  = 100002 // v4: invalid parameter
	CodeAlreadyExists     = 100300 // v4: a callback configuration already exists
	CodeNotFound          = 100301 // v4: no callback configuration exists
	CodeTokenNotFound     = 100302 // v4: no callback token configuration exists
	CodeV1NotFound        = 999    // v1: no callback configuration
	CodeV1RateLimited     = 70005  // v1: request frequency limited
	CodeV1UserSigExpired  = 70003  // v1: UserSig expired
	CodeV4UserSigExpired  = 70001  // v4: UserSig expired
	CodeV4UserSigExpired2 = 70052  // v4: UserSig expired
)

var (
	v4Retryable = codeSet(CodeInternal, 60007, 60011, 60018, 60019, 70169, 70202, 70500)
	v4Auth      = codeSet(70001, 70002, 70003, 70005, 70009, 70013, 70014, 70016, 70020, 70050, 70052, 60010, 70403)
	v1Retryable = codeSet(CodeV1RateLimited)
	v1Auth      = codeSet(70002, 70003, 70004)
)

func codeSet(codes ...int) map[int]bool {
	m := make(map[int]bool, len(codes))
	for _, c := range codes {
		m[c] = true
	}
	return m
}

// Hints say what a code means; what to do about it is the caller's business.
var v4Hints = map[int]string{
	CodeInternal:         "internal server error; retry later",
	CodeInvalidParameter: "invalid parameter; check the URL and the command words",
	CodeAlreadyExists:    "a callback configuration already exists",
	CodeNotFound:         "no callback configuration exists",
	CodeTokenNotFound:    "no callback token configuration exists",
	60002:                "the HTTP request could not be parsed",
	60003:                "the request JSON could not be parsed",
	60006:                "invalid SDKAppID",
	60007:                "REST API call rate over the limit; retry later",
	60010:                "the identifier is not an app administrator",
	60011:                "per-app request rate over the limit; retry later",
	60016:                "the SDKAppID has been deactivated",
	60018:                "too many requests; retry later",
	60019:                "too many requests; retry later",
	70001:                "UserSig expired",
	70002:                "UserSig is empty",
	70003:                "UserSig invalid",
	70005:                "UserSig invalid",
	70009:                "the UserSig was not signed with this app's key",
	70013:                "the identifier does not match the UserSig",
	70014:                "the SDKAppID does not match the UserSig",
	70016:                "no key exists for the app",
	70020:                "SDKAppID not found",
	70050:                "too many failed UserSig checks; retry after 1 minute",
	70052:                "UserSig expired",
	70169:                "internal timeout; retry later",
	70202:                "internal timeout; retry later",
	70403:                "app administrator permission required",
	70500:                "internal error; retry later",
}

// v1 (legacy callkit) codes mean different things from the v4 ones (API.md §Error codes).
var v1Hints = map[int]string{
	50001:             "the app needs the TUICallKit Group Call package",
	70001:             "invalid or missing request parameters; the address must begin with http:// or https://",
	70002:             "UserSig invalid",
	70003:             "UserSig expired",
	70004:             "the identifier is not a super administrator",
	CodeV1RateLimited: "request rate over the limit; retry later",
	CodeV1NotFound:    "no callback configuration exists",
}

func codeHint(family string, code int) string {
	if family == FamilyV1 {
		return v1Hints[code]
	}
	return v4Hints[code]
}

func asAPIError(err error) (*APIError, bool) {
	var e *APIError
	ok := errors.As(err, &e)
	return e, ok
}

// IsNotFound reports whether err says the configuration does not exist:
// 100301 (or 100302 for the Live token) on v4, 999 on v1.
func IsNotFound(err error) bool {
	e, ok := asAPIError(err)
	if !ok {
		return false
	}
	if e.Family == FamilyV1 {
		return e.Code == CodeV1NotFound
	}
	return e.Code == CodeNotFound || e.Code == CodeTokenNotFound
}

// IsAlreadyExists reports whether err is v4 100300 (create-only set_callback
// met an existing configuration).
func IsAlreadyExists(err error) bool {
	e, ok := asAPIError(err)
	return ok && e.Family == FamilyV4 && e.Code == CodeAlreadyExists
}

// IsAuth reports whether err is a UserSig / administrator error: the
// credentials or the clock need fixing, retrying will not help.
func IsAuth(err error) bool {
	e, ok := asAPIError(err)
	if !ok {
		return false
	}
	if e.Family == FamilyV1 {
		return v1Auth[e.Code]
	}
	return v4Auth[e.Code]
}

// IsRetryable reports whether err is transient: internal-error and throttling
// codes, HTTP 5xx and 429, timeouts, connection failures and undecodable 200
// answers. A canceled context is not retryable.
func IsRetryable(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) {
		return false
	}
	e, ok := asAPIError(err)
	if !ok {
		return retryableTransport(err)
	}
	switch {
	case e.Code != 0:
		if e.Family == FamilyV1 {
			return v1Retryable[e.Code]
		}
		return v4Retryable[e.Code]
	case e.HTTPStatus != 0 && e.HTTPStatus != http.StatusOK:
		return retryableStatus(e.HTTPStatus)
	default:
		return retryableTransport(e.Err)
	}
}

func retryableStatus(status int) bool {
	return status >= 500 || status == http.StatusTooManyRequests
}

// retryableTransport classifies errors that arise without a usable answer.
func retryableTransport(err error) bool {
	var (
		certErr     *tls.CertificateVerificationError
		unknownAuth x509.UnknownAuthorityError
		hostErr     x509.HostnameError
		invalidCert x509.CertificateInvalidError
		dnsErr      *net.DNSError
		netErr      net.Error
		opErr       *net.OpError
	)
	switch {
	case err == nil, errors.Is(err, context.Canceled):
		return false
	case errors.As(err, &certErr), errors.As(err, &unknownAuth), errors.As(err, &hostErr), errors.As(err, &invalidCert):
		return false
	case errors.Is(err, ErrMalformedResponse), errors.Is(err, context.DeadlineExceeded):
		return true
	case errors.As(err, &dnsErr):
		return !dnsErr.IsNotFound
	case errors.As(err, &netErr) && netErr.Timeout():
		return true
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF),
		errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNREFUSED),
		errors.Is(err, syscall.ECONNABORTED), errors.Is(err, syscall.EPIPE):
		return true
	case errors.As(err, &opErr):
		return true
	}
	// net/http reports these without a typed error.
	msg := err.Error()
	return strings.Contains(msg, "server closed idle connection") ||
		strings.Contains(msg, "connection reset by peer")
}

// redactURLError replaces the URL that net/http prints in a *url.Error (it
// carries the usersig query parameter) with the path only.
func redactURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		ue.URL = redactURL(ue.URL)
	}
	return err
}

// redactURL drops the query string and fragment of a URL string.
func redactURL(raw string) string {
	if i := strings.IndexAny(raw, "?#"); i >= 0 {
		return raw[:i]
	}
	return raw
}

// UserSigPattern matches a usersig query parameter and its value, in any
// case: the shape of a UserSig in a URL that an error or log text may carry.
var UserSigPattern = regexp.MustCompile(`(?i)(usersig=)[^&\s"'<>]*`)

// RedactUserSigs replaces the value of every usersig parameter in s with
// REDACTED.
func RedactUserSigs(s string) string {
	return UserSigPattern.ReplaceAllString(s, "${1}REDACTED")
}

// redactText removes UserSig-like query parameters and the given secrets from
// text that came from the server or the network.
func redactText(s string, secrets ...string) string {
	s = RedactUserSigs(s)
	for _, v := range secrets {
		if len(v) >= 4 {
			s = strings.ReplaceAll(s, v, "REDACTED")
		}
	}
	return s
}

// snippet returns the start of a non-JSON body on one line, for error texts.
func snippet(body []byte) string {
	s := strings.Join(strings.Fields(string(body)), " ")
	if len(s) > 160 {
		s = s[:160] + "..."
	}
	return strings.ToValidUTF8(s, "?")
}
