package client

import (
	"context"
	"time"
)

// fields are the structured, secret-free log fields of a call: the path never
// has its query string, and no UserSig, key or token is included.
func (st *callState) fields() map[string]any {
	f := map[string]any{
		"api_family": st.family,
		"product":    string(st.product),
		"path":       "/" + st.path,
		"attempts":   st.attempts,
	}
	if st.err != nil {
		if st.err.Code != 0 {
			f["error_code"] = st.err.Code
		}
		if st.err.HTTPStatus != 0 {
			f["http_status"] = st.err.HTTPStatus
		}
		if st.err.RequestID != "" {
			f["request_id"] = st.err.RequestID
		}
	} else if st.env.RequestID != "" {
		f["request_id"] = st.env.RequestID
	}
	return f
}

// logAttempt logs an attempt that will be retried, as a warning with its
// outcome. The last attempt gets no line of its own: the call's line (do)
// carries its outcome, its number and its duration, so a call that succeeds
// at once costs one log line.
func (c *Client) logAttempt(ctx context.Context, st *callState) {
	st.attemptMs = time.Since(st.attemptStart).Milliseconds()
	if c.opts.Logger == nil || !st.retry || st.attempts > c.opts.MaxRetries {
		return
	}
	f := st.fields()
	f["sdk_app_id"] = c.opts.SDKAppID
	f["attempt"] = st.attempts
	f["duration_ms"] = st.attemptMs
	if st.err != nil {
		f["error"] = st.err.Error()
	}
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
