// Package emulator is a faithful local stand-in for the Tencent RTC callback
// configuration endpoints: the v4 call_config, live_config and room_config
// services and the legacy TUICallKit v1 callback API. It checks UserSigs for
// real, enforces the documented rate limits, answers with the documented
// envelopes and error codes, and can deliver callback events to the configured
// URLs exactly as the spec describes.
//
// Use it like net/http/httptest: NewServer starts it on a loopback port, New
// returns a bare http.Handler. The control API under /emulator/ (loopback
// only) and the Go methods on *Emulator change state out of band, inject
// faults, read statistics and trigger deliveries.
package emulator

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

// App is one SDKAppID the emulator knows, with its secret key and admin.
type App struct {
	SDKAppID   uint64
	SecretKey  string
	Identifier string // "administrator" when empty
}

// DefaultIdentifier is the app administrator used when App.Identifier is empty.
const DefaultIdentifier = "administrator"

// Options configures an Emulator. The zero value is usable: no apps, state in
// memory, documented limits.
type Options struct {
	Apps         []App
	StatePath    string  // "" keeps state in memory only
	V4RateLimit  float64 // per app per second for v4 verbs; 0 = 200
	V1RateLimit  float64 // per app per second for v1 verbs; 0 = 10
	MaxBodyBytes int64   // 0 = 64 KiB
	Now          func() time.Time
	Logger       *slog.Logger // nil discards
	// DeliveryClient sends triggered callbacks; nil uses a client with the
	// documented 2 s timeout.
	DeliveryClient *http.Client
	// V1RetrySchedule is the wait before each delivery attempt of a legacy
	// callkit callback; nil uses the documented 0s, 1s, 1s, 2s, 3s, 5s.
	// Tests pass short schedules.
	V1RetrySchedule []time.Duration
}

// Defaults from the spec (§1: 200/s for the v4 config verbs, 10/s for v1).
const (
	DefaultV4RateLimit  = 200
	DefaultV1RateLimit  = 10
	DefaultMaxBodyBytes = 64 << 10
	// DeliveryTimeout is the documented callback timeout (spec §5.1).
	DeliveryTimeout = 2 * time.Second
)

// DefaultV1RetrySchedule is the documented spacing of legacy callkit delivery
// attempts (spec §5.2).
var DefaultV1RetrySchedule = []time.Duration{0, time.Second, time.Second, 2 * time.Second, 3 * time.Second, 5 * time.Second}

// CallbackConfig is the stored configuration of one (app, product) pair.
type CallbackConfig struct {
	URL      string   `json:"url"`
	Commands []string `json:"callback_commands"`
}

// LiveToken is the signing token of an app's Live callbacks.
type LiveToken struct {
	Token   string `json:"token"`
	Enabled bool   `json:"enabled"`
}

// FaultKind selects how an injected fault disturbs a request.
type FaultKind string

// Fault kinds.
const (
	FaultHTTPStatus     FaultKind = "http_status"      // answer with Status (e.g. 502) and a non-JSON body
	FaultErrorCode      FaultKind = "error_code"       // answer the envelope with Code (e.g. 100001, 60007)
	FaultThrottle       FaultKind = "throttle"         // answer with the family's throttling code
	FaultDelay          FaultKind = "delay"            // sleep Delay, then serve normally
	FaultDrop           FaultKind = "drop"             // close the connection without applying or answering
	FaultDropAfterApply FaultKind = "drop_after_apply" // apply the request, then close the connection (lost response)
	FaultTruncate       FaultKind = "truncate"         // apply, then send half of the JSON body
	FaultNonJSON        FaultKind = "non_json"         // answer 200 with an HTML body
)

// Fault disturbs the next Count API requests that match PathPrefix and
// SDKAppID. Faults apply before normal handling, in the order injected.
type Fault struct {
	Kind       FaultKind     `json:"kind"`
	Count      int           `json:"count"`       // number of matching requests affected; 0 = 1
	PathPrefix string        `json:"path_prefix"` // e.g. "/v4/live_config/"; "" = any API path
	SDKAppID   uint64        `json:"sdkappid"`    // 0 = any app
	Status     int           `json:"status"`
	Code       int           `json:"code"`
	Delay      time.Duration `json:"delay"` // JSON: nanoseconds; the control API also accepts "delay_ms"
}

// Stats counts the API requests the emulator has seen.
type Stats struct {
	Requests  map[string]int64 `json:"requests"`  // per API path, e.g. "/v4/call_config/get_callback"
	Throttled int64            `json:"throttled"` // answered with a throttling code by the rate limiter
	Faults    int64            `json:"faults"`    // answered by an injected fault
	Total     int64            `json:"total"`
}

// Delivery is the result of one triggered callback.
type Delivery struct {
	Delivered bool            `json:"delivered"`
	Reason    string          `json:"reason,omitempty"` // why nothing was sent, or why the receiver's answer counts as a failure
	Product   catalog.Product `json:"product,omitempty"`
	URL       string          `json:"url,omitempty"` // full URL including the query string sent
	Status    int             `json:"status,omitempty"`
	Attempts  int             `json:"attempts"`
	Body      json.RawMessage `json:"body,omitempty"`
	Reply     string          `json:"reply,omitempty"`
}

// Errors returned by the Go API; the control API maps them to HTTP 404 / 400.
var (
	ErrUnknownApp = errors.New("unknown SDKAppID")
	ErrInvalid    = errors.New("invalid request")
)

// Emulator is the emulated Tencent endpoint set. It is an http.Handler and is
// safe for concurrent use.
type Emulator struct {
	now           func() time.Time
	log           *slog.Logger
	maxBody       int64
	v4Limit       float64
	v1Limit       float64
	statePath     string
	client        *http.Client
	retrySchedule []time.Duration
	control       http.Handler

	mu    sync.RWMutex
	apps  map[uint64]App
	state map[uint64]*appState

	limiters limiterSet
	faults   faultSet
	stats    statsCounter
	sigs     sigCache
	seq      atomic.Uint64
}

// New builds an Emulator, loading Options.StatePath when it exists.
func New(opts Options) (*Emulator, error) {
	e := &Emulator{
		now:           opts.Now,
		log:           opts.Logger,
		maxBody:       opts.MaxBodyBytes,
		v4Limit:       opts.V4RateLimit,
		v1Limit:       opts.V1RateLimit,
		statePath:     opts.StatePath,
		client:        opts.DeliveryClient,
		retrySchedule: opts.V1RetrySchedule,
		apps:          make(map[uint64]App),
		state:         make(map[uint64]*appState),
	}
	if e.now == nil {
		e.now = time.Now
	}
	if e.log == nil {
		e.log = slog.New(slog.DiscardHandler)
	}
	if e.maxBody <= 0 {
		e.maxBody = DefaultMaxBodyBytes
	}
	if e.v4Limit <= 0 {
		e.v4Limit = DefaultV4RateLimit
	}
	if e.v1Limit <= 0 {
		e.v1Limit = DefaultV1RateLimit
	}
	if e.client == nil {
		e.client = &http.Client{Timeout: DeliveryTimeout}
	}
	if e.retrySchedule == nil {
		e.retrySchedule = DefaultV1RetrySchedule
	}
	for _, a := range opts.Apps {
		if err := validateApp(a); err != nil {
			return nil, err
		}
		e.AddApp(a)
	}
	if e.statePath != "" {
		if err := e.load(); err != nil {
			return nil, err
		}
	}
	e.control = e.controlHandler()
	return e, nil
}
