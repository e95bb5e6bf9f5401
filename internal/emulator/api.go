package emulator

// STUB: the public surface of the emulator package; the emulator helper owns
// this package and replaces the bodies.

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

// App is one SDKAppID the emulator knows, with its secret key and admin.
type App struct {
	SDKAppID   uint64
	SecretKey  string
	Identifier string // "administrator" when empty
}

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
}

type CallbackConfig struct {
	URL      string   `json:"url"`
	Commands []string `json:"callback_commands"`
}

type LiveToken struct {
	Token   string `json:"token"`
	Enabled bool   `json:"enabled"`
}

type FaultKind string

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

type Fault struct {
	Kind       FaultKind     `json:"kind"`
	Count      int           `json:"count"`       // number of matching requests affected; 0 = 1
	PathPrefix string        `json:"path_prefix"` // e.g. "/v4/live_config/"; "" = any API path
	SDKAppID   uint64        `json:"sdkappid"`    // 0 = any app
	Status     int           `json:"status"`
	Code       int           `json:"code"`
	Delay      time.Duration `json:"delay"` // JSON: nanoseconds; the control API also accepts "delay_ms"
}

type Stats struct {
	Requests  map[string]int64 `json:"requests"`  // per API path, e.g. "/v4/call_config/get_callback"
	Throttled int64            `json:"throttled"` // answered with a throttling code by the rate limiter
	Faults    int64            `json:"faults"`    // answered by an injected fault
	Total     int64            `json:"total"`
}

type Delivery struct {
	Delivered bool            `json:"delivered"`
	Reason    string          `json:"reason,omitempty"` // why nothing was sent
	URL       string          `json:"url,omitempty"`    // full URL including the query string sent
	Status    int             `json:"status,omitempty"`
	Attempts  int             `json:"attempts"`
	Body      json.RawMessage `json:"body,omitempty"`
	Reply     string          `json:"reply,omitempty"`
}

type Emulator struct{}

func New(opts Options) (*Emulator, error)                            { return nil, errors.New("unimplemented") }
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {}
func (e *Emulator) AddApp(a App)                                     {}
func (e *Emulator) Config(app uint64, p catalog.Product) (CallbackConfig, bool) {
	return CallbackConfig{}, false
}
func (e *Emulator) PutConfig(app uint64, p catalog.Product, c CallbackConfig) error { return nil }
func (e *Emulator) DeleteConfig(app uint64, p catalog.Product)                      {}
func (e *Emulator) LiveToken(app uint64) (LiveToken, bool)                          { return LiveToken{}, false }
func (e *Emulator) PutLiveToken(app uint64, t LiveToken)                            {}
func (e *Emulator) DeleteLiveToken(app uint64)                                      {}
func (e *Emulator) InjectFault(f Fault)                                             {}
func (e *Emulator) ClearFaults()                                                    {}
func (e *Emulator) Stats() Stats                                                    { return Stats{} }
func (e *Emulator) ResetStats()                                                     {}
func (e *Emulator) Trigger(ctx context.Context, app uint64, command string, body json.RawMessage) (Delivery, error) {
	return Delivery{}, errors.New("unimplemented")
}

// Server is an emulator listening on a loopback port, like httptest.Server.
type Server struct {
	*Emulator
	URL string
}

func NewServer(opts Options) (*Server, error) { return nil, errors.New("unimplemented") }
func (s *Server) Close()                      {}
