package client

// This file fixes the public surface of the client. Implementations live in
// the other files of the package.

import (
	"context"
	"net/http"
	"time"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

// Options configures a Client for one app. One Client is built per app and
// shared by every resource of that app, so its UserSig, rate limiters and
// connections are reused.
type Options struct {
	SDKAppID   uint64
	Identifier string // app administrator; "administrator" when empty
	SecretKey  string

	// Endpoints as returned by ResolveEndpoints.
	Endpoints Endpoints

	// HTTPClient carries the shared transport (connection pool). Its Timeout
	// is ignored; RequestTimeout applies per attempt. nil builds a default.
	HTTPClient *http.Client
	UserAgent  string

	RequestTimeout time.Duration // per attempt; default 10s
	MaxRetries     int           // retries after the first attempt; default 5; negative disables
	RetryWaitMin   time.Duration // default 250ms
	RetryWaitMax   time.Duration // default 5s
	RetryBudget    time.Duration // total time for one call, all attempts; default 90s

	V4RateLimit float64 // requests/s per app for v4 verbs; default 200
	V1RateLimit float64 // requests/s per app for v1 callkit verbs; default 10

	UserSigTTL time.Duration // lifetime of minted UserSigs; default 24h
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

// Verbs, one method per documented API verb. Create/Update/Read/Delete
// mapping per product is the provider's business (see catalog.Info).
type api interface {
	SDKAppID() uint64
	SetCallback(ctx context.Context, p catalog.Product, cfg CallbackConfig) error
	GetCallback(ctx context.Context, p catalog.Product) (*CallbackConfig, error)
	UpdateCallback(ctx context.Context, p catalog.Product, cfg CallbackConfig) error
	DeleteCallback(ctx context.Context, p catalog.Product) error
	SetLiveCallbackToken(ctx context.Context, u LiveCallbackTokenUpdate) error
	GetLiveCallbackToken(ctx context.Context) (*LiveCallbackToken, error)
	DeleteLiveCallbackToken(ctx context.Context) error
}

var _ api = (*Client)(nil)
