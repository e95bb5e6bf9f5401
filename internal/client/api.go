package client

import (
	"context"
	"net/http"
	"time"
)

// Options configures a Client for one app. One Client is built per app and
// shared by every resource of that app, so its UserSig, rate limiters and
// connections are reused.
type Options struct {
	SDKAppID   uint64
	Identifier string // app administrator; DefaultIdentifier when empty
	SecretKey  string

	// Endpoints as returned by ResolveEndpoints.
	Endpoints Endpoints

	// HTTPClient carries the shared transport (connection pool). Its Timeout
	// is ignored; RequestTimeout applies per attempt. nil builds a default.
	HTTPClient *http.Client
	UserAgent  string

	// Zero values (nil MaxRetries) take the Default* constants.
	RequestTimeout time.Duration // per attempt
	MaxRetries     *int          // retries after the first attempt; nil takes the default, 0 disables
	RetryWaitMin   time.Duration
	RetryWaitMax   time.Duration
	RetryBudget    time.Duration // total time for one call, all attempts

	V4RateLimit float64 // requests/s per app for v4 verbs
	V1RateLimit float64 // requests/s per app for v1 callkit verbs

	UserSigTTL time.Duration // lifetime of minted UserSigs
	Logger     Logger        // nil logs nothing
	Now        func() time.Time
}

// Logger receives structured, secret-free log events. The provider bridges it
// into tflog; fields never contain the secret key, a UserSig or a token.
type Logger interface {
	Debug(ctx context.Context, msg string, fields map[string]any)
	Warn(ctx context.Context, msg string, fields map[string]any)
}

// CallbackConfig is the URL and command words of one product's configuration.
type CallbackConfig struct {
	URL      string
	Commands []string
}

// LiveCallbackToken is the signing token of Live callbacks.
type LiveCallbackToken struct {
	Token   string
	Enabled bool
}

// LiveCallbackTokenUpdate is a partial update: nil fields are not sent.
type LiveCallbackTokenUpdate struct {
	Token   *string
	Enabled *bool
}
