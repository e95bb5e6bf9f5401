package client

// STUB: replaced by the real implementation (client helper owns this package).

import (
	"context"
	"errors"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

type Client struct{ opts Options }

type Endpoints struct {
	V4 string // base URL for /v4/... e.g. https://console.tim.qq.com
	V1 string // base URL for /v1/callback/... e.g. https://callkit.trtc.tencent-cloud.com
}

func Regions() []string { return nil }

func ResolveEndpoints(region, endpoint string, allowInsecureHTTP bool) (Endpoints, error) {
	return Endpoints{}, errors.New("unimplemented")
}

func New(opts Options) (*Client, error) { return &Client{opts: opts}, nil }

func (c *Client) SDKAppID() uint64 { return c.opts.SDKAppID }
func (c *Client) SetCallback(ctx context.Context, p catalog.Product, cfg CallbackConfig) error {
	return errors.New("unimplemented")
}
func (c *Client) GetCallback(ctx context.Context, p catalog.Product) (*CallbackConfig, error) {
	return nil, errors.New("unimplemented")
}
func (c *Client) UpdateCallback(ctx context.Context, p catalog.Product, cfg CallbackConfig) error {
	return errors.New("unimplemented")
}
func (c *Client) DeleteCallback(ctx context.Context, p catalog.Product) error {
	return errors.New("unimplemented")
}
func (c *Client) SetLiveCallbackToken(ctx context.Context, u LiveCallbackTokenUpdate) error {
	return errors.New("unimplemented")
}
func (c *Client) GetLiveCallbackToken(ctx context.Context) (*LiveCallbackToken, error) {
	return nil, errors.New("unimplemented")
}
func (c *Client) DeleteLiveCallbackToken(ctx context.Context) error {
	return errors.New("unimplemented")
}

type APIError struct {
	Family     string // "v4" or "v1"
	Path       string // e.g. "v4/live_config/set_callback"
	Code       int
	Message    string
	RequestID  string
	HTTPStatus int
}

func (e *APIError) Error() string { return "unimplemented" }

func IsNotFound(err error) bool      { return false }
func IsAlreadyExists(err error) bool { return false }
func IsRetryable(err error) bool     { return false }
func IsAuth(err error) bool          { return false }
