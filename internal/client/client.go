package client

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-cleanhttp"
	"golang.org/x/time/rate"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/wire"
)

// Defaults of Options.
const (
	DefaultIdentifier     = "administrator"
	DefaultUserAgent      = "terraform-provider-tencentrtc"
	DefaultRequestTimeout = 10 * time.Second
	DefaultMaxRetries     = 5
	DefaultRetryWaitMin   = 250 * time.Millisecond
	DefaultRetryWaitMax   = 5 * time.Second
	DefaultRetryBudget    = 90 * time.Second
	DefaultV4RateLimit    = 200 // per app per second (API.md §Rate limits: 200/s for every v4 config verb)
	DefaultV1RateLimit    = 10  // per app per second (API.md §Rate limits)
	DefaultUserSigTTL     = 24 * time.Hour

	minUserSigTTL = time.Minute
)

// Client calls the callback-configuration APIs of one app. It is safe for
// concurrent use; share one per app.
type Client struct {
	opts      Options
	endpoints Endpoints
	sigs      *sigCache
	v4Limit   *rate.Limiter
	v1Limit   *rate.Limiter
	http      *http.Client // sends one attempt; follows no redirects
}

var (
	sharedTransportOnce sync.Once
	sharedTransport     http.RoundTripper
)

// NewHTTPClient returns an *http.Client on a process-wide pooled transport
// (cleanhttp), suitable for sharing between the Clients of many apps. It
// follows no redirects.
func NewHTTPClient() *http.Client {
	return &http.Client{Transport: pooledTransport(), CheckRedirect: noRedirects}
}

func pooledTransport() http.RoundTripper {
	sharedTransportOnce.Do(func() {
		t := cleanhttp.DefaultPooledTransport()
		// Terraform runs up to -parallelism requests at once against a
		// handful of hosts; cleanhttp keeps only GOMAXPROCS+1 idle
		// connections per host, which churns connections.
		t.MaxIdleConnsPerHost = 32
		sharedTransport = t
	})
	return sharedTransport
}

// noRedirects stops net/http from following a redirect: it would resend the
// UserSig to wherever the Location points.
func noRedirects(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// New validates opts, fills in defaults and returns a Client. It does not
// contact the server.
func New(opts Options) (*Client, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	c := &Client{
		opts:      opts,
		endpoints: opts.Endpoints,
		sigs: &sigCache{
			sdkAppID:   int(opts.SDKAppID),
			identifier: opts.Identifier,
			secretKey:  opts.SecretKey,
			ttl:        opts.UserSigTTL,
			now:        opts.Now,
		},
		// Burst 1: requests are spaced evenly, so no window of one second
		// on the server sees more than the limit.
		v4Limit: rate.NewLimiter(rate.Limit(opts.V4RateLimit), 1),
		v1Limit: rate.NewLimiter(rate.Limit(opts.V1RateLimit), 1),
		// No Timeout: RequestTimeout bounds each attempt, not the rate-limit wait.
		http: &http.Client{Transport: baseTransport(opts.HTTPClient), CheckRedirect: noRedirects},
	}
	return c, nil
}

// withDefaults checks o and returns it with every zero value (nil
// MaxRetries) replaced by its default. A retry wait set alone wins over the
// other's default: a maximum below the default minimum lowers the minimum, a
// minimum above the default maximum raises the maximum. Both set, the
// maximum is raised to the minimum.
func (o Options) withDefaults() (Options, error) {
	if o.SDKAppID == 0 || o.SDKAppID > math.MaxUint32 {
		return o, fmt.Errorf("invalid sdk_app_id %d: set it to the app's SDKAppID from the console", o.SDKAppID)
	}
	if o.SecretKey == "" {
		return o, errors.New("secret_key is empty: set it to the app's secret key (UserSig key) from the console")
	}
	ep, err := checkedEndpoints(o.Endpoints)
	if err != nil {
		return o, err
	}
	o.Endpoints = ep
	if o.V4RateLimit < 0 || o.V1RateLimit < 0 {
		return o, errors.New("rate limits must not be negative")
	}
	if o.MaxRetries != nil && *o.MaxRetries < 0 {
		return o, fmt.Errorf("max retries %d is negative: use 0 to disable retries", *o.MaxRetries)
	}
	o.Identifier = cmp.Or(o.Identifier, DefaultIdentifier)
	o.UserAgent = cmp.Or(o.UserAgent, DefaultUserAgent)
	o.RequestTimeout = cmp.Or(o.RequestTimeout, DefaultRequestTimeout)
	retries := DefaultMaxRetries
	if o.MaxRetries != nil {
		retries = *o.MaxRetries
	}
	o.MaxRetries = &retries // a copy: the caller's int may change later
	if o.RetryWaitMin == 0 && o.RetryWaitMax != 0 {
		o.RetryWaitMin = min(DefaultRetryWaitMin, o.RetryWaitMax)
	}
	o.RetryWaitMin = cmp.Or(o.RetryWaitMin, DefaultRetryWaitMin)
	o.RetryWaitMax = max(cmp.Or(o.RetryWaitMax, DefaultRetryWaitMax), o.RetryWaitMin)
	o.RetryBudget = cmp.Or(o.RetryBudget, DefaultRetryBudget)
	o.V4RateLimit = cmp.Or(o.V4RateLimit, DefaultV4RateLimit)
	o.V1RateLimit = cmp.Or(o.V1RateLimit, DefaultV1RateLimit)
	o.UserSigTTL = cmp.Or(o.UserSigTTL, DefaultUserSigTTL)
	if o.UserSigTTL < minUserSigTTL {
		return o, fmt.Errorf("UserSig lifetime %s is too short: use at least %s", o.UserSigTTL, minUserSigTTL)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o, nil
}

// checkedEndpoints returns ep without trailing slashes, or the default
// region's endpoints when ep is empty.
func checkedEndpoints(ep Endpoints) (Endpoints, error) {
	if ep == (Endpoints{}) {
		return ResolveEndpoints(DefaultRegion, "", false)
	}
	for _, base := range []string{ep.V4, ep.V1} {
		if u, err := url.Parse(base); err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			return Endpoints{}, fmt.Errorf("invalid endpoint base URL %q: build Endpoints with ResolveEndpoints", base)
		}
	}
	return Endpoints{V4: strings.TrimRight(ep.V4, "/"), V1: strings.TrimRight(ep.V1, "/")}, nil
}

// baseTransport is the transport of hc, or the shared pooled one when hc is
// nil.
func baseTransport(hc *http.Client) http.RoundTripper {
	switch {
	case hc == nil:
		return pooledTransport()
	case hc.Transport == nil:
		return http.DefaultTransport
	}
	return hc.Transport
}

// SDKAppID returns the app this client manages.
func (c *Client) SDKAppID() uint64 { return c.opts.SDKAppID }

// Identifier returns the administrator account used in requests.
func (c *Client) Identifier() string { return c.opts.Identifier }

// Endpoints returns the base URLs in use.
func (c *Client) Endpoints() Endpoints { return c.endpoints }

// route is the API path of one verb of one product.
type route struct {
	family  string
	path    string
	product catalog.Product
}

func routeFor(p catalog.Product, verb string) (route, error) {
	if _, err := catalog.ParseProduct(string(p)); err != nil {
		return route{}, err
	}
	info := catalog.Describe(p)
	if info.V1 {
		return route{family: FamilyV1, path: "v1/callback/" + verb, product: p}, nil
	}
	if verb == "update" && !info.HasUpdate {
		return route{}, fmt.Errorf("%w: product %q has no update verb; call SetCallback instead (v4/%s/set_callback replaces the stored configuration)", ErrUnsupportedVerb, p, info.Service)
	}
	return route{family: FamilyV4, path: "v4/" + info.Service + "/" + verb + "_callback", product: p}, nil
}

func callbackBody(family string, cfg CallbackConfig) any {
	cmds := nonNilStrings(cfg.Commands)
	if family == FamilyV1 {
		return wire.V1Callback{Address: cfg.URL, Actions: cmds}
	}
	return wire.V4Callback{URL: cfg.URL, Commands: cmds}
}

// SetCallback calls the product's set verb: an upsert for call and callkit,
// create-only for live and room (100300 when a configuration exists). What a
// create does about an existing configuration is the caller's policy.
func (c *Client) SetCallback(ctx context.Context, p catalog.Product, cfg CallbackConfig) error {
	return c.send(ctx, p, "set", &cfg)
}

// GetCallback reads the product's configuration. It never returns (nil,
// nil): a nil error comes with a non-nil configuration.
func (c *Client) GetCallback(ctx context.Context, p catalog.Product) (*CallbackConfig, error) {
	r, err := routeFor(p, "get")
	if err != nil {
		return nil, err
	}
	var cfg *CallbackConfig
	err = c.do(ctx, r, struct{}{}, func(payload json.RawMessage) (err error) {
		cfg, err = decodeCallback(r.family, payload)
		return err
	})
	if err != nil {
		return nil, err
	}
	return cfg, nil
}

// UpdateCallback replaces the configuration of live, room (update_callback)
// or callkit (v1/callback/update). call has no update verb: it returns an
// error wrapping ErrUnsupportedVerb.
func (c *Client) UpdateCallback(ctx context.Context, p catalog.Product, cfg CallbackConfig) error {
	return c.send(ctx, p, "update", &cfg)
}

// DeleteCallback deletes the product's configuration. The v4 docs list no
// "not found" code for delete, so deleting a missing configuration is
// expected to succeed (unconfirmed); callers should still accept IsNotFound.
func (c *Client) DeleteCallback(ctx context.Context, p catalog.Product) error {
	return c.send(ctx, p, "delete", nil)
}

// send calls a verb of product p that answers with no payload, with cfg as
// the body ({} when nil).
func (c *Client) send(ctx context.Context, p catalog.Product, verb string, cfg *CallbackConfig) error {
	r, err := routeFor(p, verb)
	if err != nil {
		return err
	}
	var body any = struct{}{}
	if cfg != nil {
		body = callbackBody(r.family, *cfg)
	}
	err = c.do(ctx, r, body, nil)
	return err
}

var (
	liveTokenSet    = route{family: FamilyV4, path: "v4/live_config/set_callback_token", product: catalog.Live}
	liveTokenGet    = route{family: FamilyV4, path: "v4/live_config/get_callback_token", product: catalog.Live}
	liveTokenDelete = route{family: FamilyV4, path: "v4/live_config/delete_callback_token", product: catalog.Live}
)

// SetLiveCallbackToken creates or partially updates the Live signing token;
// only non-nil fields are sent (the first setup needs both).
func (c *Client) SetLiveCallbackToken(ctx context.Context, u LiveCallbackTokenUpdate) error {
	if u.Token == nil && u.Enabled == nil {
		return errors.New("SetLiveCallbackToken: nothing to set, both Token and Enabled are nil")
	}
	var secrets []string
	if u.Token != nil {
		secrets = append(secrets, *u.Token)
	}
	err := c.do(ctx, liveTokenSet, wire.V4TokenUpdate{Token: u.Token, Enabled: u.Enabled}, nil, secrets...)
	return err
}

// GetLiveCallbackToken reads the Live signing token; IsNotFound (100302) when
// none is configured. It never returns (nil, nil): a nil error comes with a
// non-nil token.
func (c *Client) GetLiveCallbackToken(ctx context.Context) (*LiveCallbackToken, error) {
	var tok *LiveCallbackToken
	err := c.do(ctx, liveTokenGet, struct{}{}, func(payload json.RawMessage) (err error) {
		tok, err = decodeToken(payload)
		return err
	})
	if err != nil {
		return nil, err
	}
	return tok, nil
}

// DeleteLiveCallbackToken deletes the Live signing token. The body ({}) and
// the answer (plain envelope) are assumed from the other verbs (unconfirmed).
func (c *Client) DeleteLiveCallbackToken(ctx context.Context) error {
	err := c.do(ctx, liveTokenDelete, struct{}{}, nil)
	return err
}

// rawBody marshals the request body; kept here so every verb sends JSON the
// same way.
func rawBody(body any) ([]byte, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return nil, fmt.Errorf("encoding the request body: %w", err)
	}
	return b, nil
}
