package client

import (
	"context"
)

// fields are the structured, secret-free log fields of a call after n
// attempts that ended with err (nil on success, with the answer's requestID):
// the path never has its query string, and no UserSig, key or token is
// included.
func (cl *call) fields(n int, err error, requestID string) map[string]any {
	f := map[string]any{
		"api_family": cl.family,
		"product":    string(cl.product),
		"path":       "/" + cl.path,
		"attempts":   n,
	}
	if e, ok := asAPIError(err); ok {
		if e.Code != 0 {
			f["error_code"] = e.Code
		}
		if e.HTTPStatus != 0 {
			f["http_status"] = e.HTTPStatus
		}
		requestID = e.RequestID
	}
	if requestID != "" {
		f["request_id"] = requestID
	}
	return f
}

// logRetry logs attempt n, which failed with err and will be retried, as a
// warning. The last attempt gets no line of its own: the call's line (do)
// carries its outcome, its number and its duration, so a call that succeeds
// at once costs one log line.
func (c *Client) logRetry(ctx context.Context, cl *call, n int, durationMs int64, err *APIError) {
	if c.opts.Logger == nil {
		return
	}
	f := cl.fields(n, err, "")
	f["sdk_app_id"] = c.opts.SDKAppID
	f["attempt"] = n
	f["duration_ms"] = durationMs
	f["error"] = err.Error()
	f["retryable"] = true
	c.opts.Logger.Warn(ctx, "tencentrtc API attempt failed, retrying", f)
}

func (c *Client) debug(ctx context.Context, msg string, f map[string]any) {
	if c.opts.Logger == nil {
		return
	}
	f["sdk_app_id"] = c.opts.SDKAppID
	c.opts.Logger.Debug(ctx, msg, f)
}
