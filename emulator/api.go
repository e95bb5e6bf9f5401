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
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/wire/delivery"
)

// App is one SDKAppID the emulator knows, with its secret key and admin.
type App struct {
	SDKAppID   uint64 // non-zero
	SecretKey  string // the key UserSigs are minted from; never logged or shown
	Identifier string // the app administrator; "administrator" when empty
}

// Product names a callback product: call, live and room (the v4 services)
// or callkit (the legacy TUICallKit v1 API). Untyped string constants such
// as "call" convert to it. It is an alias of the module's internal catalogue
// type, so that the emulator and the provider share one list of products;
// other modules use it through this name and the constants below.
type Product = catalog.Product

// The products, in catalogue order.
const (
	ProductCall    Product = catalog.Call
	ProductLive    Product = catalog.Live
	ProductRoom    Product = catalog.Room
	ProductCallKit Product = catalog.CallKit
)

// DefaultIdentifier is the app administrator used when App.Identifier is empty.
const DefaultIdentifier = "administrator"

// Options configures an Emulator. The zero value is usable: no apps, state in
// memory, documented limits.
type Options struct {
	Apps         []App   // the apps known from the start; AddApp adds more
	StatePath    string  // JSON file of configs and tokens, loaded by New and rewritten on change; "" keeps state in memory only
	V4RateLimit  float64 // per app per second for v4 verbs; 0 = 200
	V1RateLimit  float64 // per app per second for v1 verbs; 0 = 10
	MaxBodyBytes int64   // largest accepted API request body; 0 = 64 KiB
	// Now is the clock UserSigs are checked against and callback times are
	// stamped with; nil is time.Now. Rate limits always use real time.
	Now    func() time.Time
	Logger *slog.Logger // nil discards; secrets are never logged
	// DeliveryClient sends triggered callbacks; nil uses a client with the
	// documented 2 s timeout.
	DeliveryClient *http.Client
	// V1RetrySchedule is the wait before each delivery attempt of a legacy
	// callkit callback; nil uses the documented 0s, 1s, 1s, 2s, 3s, 5s.
	// Tests pass short schedules.
	V1RetrySchedule []time.Duration
}

// Defaults from API.md §Rate limits (200/s for the v4 config verbs, 10/s for v1),
// used where Options leaves a field zero.
const (
	DefaultV4RateLimit  = 200      // v4 requests per second per app, shared by every v4 path
	DefaultV1RateLimit  = 10       // v1 callkit requests per second per app
	DefaultMaxBodyBytes = 64 << 10 // largest accepted API request body
	// DeliveryTimeout is the documented callback timeout (API.md §Callback delivery).
	DeliveryTimeout = delivery.Timeout
)

// defaultV1RetrySchedule is the documented spacing of legacy callkit delivery
// attempts (API.md §Callback delivery).
var defaultV1RetrySchedule = []time.Duration{0, time.Second, time.Second, 2 * time.Second, 3 * time.Second, 5 * time.Second}

// CallbackConfig is the stored configuration of one (app, product) pair.
type CallbackConfig struct {
	URL      string   `json:"url"`               // where callbacks are delivered
	Commands []string `json:"callback_commands"` // the enabled command words, in the order stored
}

// LiveToken is the signing token of an app's Live callbacks.
type LiveToken struct {
	Token   string `json:"token"`   // the signing secret, 1 to 128 characters
	Enabled bool   `json:"enabled"` // whether Live callbacks carry Sign and RequestTime
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
	Status     int           `json:"status"`      // FaultHTTPStatus: the HTTP status; 0 = 502
	Code       int           `json:"code"`        // FaultErrorCode: the ErrorCode answered
	Delay      time.Duration `json:"delay"`       // JSON: nanoseconds; the control API also accepts "delay_ms"
}

// Stats counts the API requests the emulator has seen.
type Stats struct {
	Requests  map[string]int64 `json:"requests"`  // per API path, e.g. "/v4/call_config/get_callback"
	Throttled int64            `json:"throttled"` // answered with a throttling code by the rate limiter
	Faults    int64            `json:"faults"`    // answered by an injected fault
	Total     int64            `json:"total"`     // every API request, known path or not
}

// Delivery is the result of one triggered callback.
type Delivery struct {
	Delivered bool            `json:"delivered"`
	Reason    string          `json:"reason,omitempty"` // why nothing was sent, or why the receiver's answer counts as a failure
	Product   Product         `json:"product,omitempty"`
	URL       string          `json:"url,omitempty"`    // full URL including the query string sent
	Status    int             `json:"status,omitempty"` // HTTP status of the last attempt
	Attempts  int             `json:"attempts"`
	Body      json.RawMessage `json:"body,omitempty"`  // the JSON body sent
	Reply     string          `json:"reply,omitempty"` // the receiver's answer to the last attempt (at most 64 KiB)
}

// Errors returned by the Go API (wrapped: test with errors.Is); the control
// API maps them to HTTP 404 and 400.
var (
	ErrUnknownApp = errors.New("unknown SDKAppID") // the app was never added
	ErrInvalid    = errors.New("invalid request")  // the input would be refused by the real API, or names nothing
)

// Emulator is the emulated Tencent endpoint set: an http.Handler serving the
// API paths and the control API, with Go methods for the same control. It is
// safe for concurrent use. Server wraps one in a listening HTTP server.
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

// New builds an Emulator, loading Options.StatePath when it exists. It fails
// for an invalid app in Options.Apps (ID 0 or empty key, wrapping ErrInvalid)
// and for an unreadable state file. Serve it with any http.Server, or use
// NewServer.
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
		e.client = delivery.NewClient()
	}
	if e.retrySchedule == nil {
		e.retrySchedule = defaultV1RetrySchedule
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
