package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"golang.org/x/time/rate"
)

// maxResponseBytes bounds the answers read; the real ones are a few hundred bytes.
const maxResponseBytes = 1 << 20

// callState follows one API call across its attempts. retryablehttp runs the
// attempts of a call sequentially on one goroutine, so it needs no lock.
type callState struct {
	route
	limiter *rate.Limiter
	parse   func(json.RawMessage) error // checks the payload of a success; nil accepts any
	secrets []string                    // redacted from any server text kept in errors

	attempts     int
	attemptStart time.Time
	attemptMs    int64  // duration of the last evaluated attempt
	sig          string // UserSig of the current attempt

	reminted bool

	succeeded  bool
	env        envelope  // last decoded answer
	err        *APIError // failure of the last evaluated attempt
	retry      bool      // the last failure asked for another attempt
	stopErr    error     // why retrying stopped early (context, rate limiter)
	prepareErr error
}

type stateKey struct{}

func stateFrom(ctx context.Context) *callState {
	st, _ := ctx.Value(stateKey{}).(*callState)
	return st
}

func (st *callState) newError() *APIError {
	return &APIError{Family: st.family, Path: st.path, Attempts: st.attempts}
}

// failure wraps an error that came without a usable answer.
func (st *callState) failure(err error) *APIError {
	e := st.newError()
	e.Err = err
	return e
}

// do performs one API call with retries; the error is an *APIError (or a
// request-building error).
func (c *Client) do(ctx context.Context, r route, body any, parse func(json.RawMessage) error, secrets ...string) error {
	payload, err := rawBody(body)
	if err != nil {
		return err
	}
	st := &callState{
		route:   r,
		limiter: c.v4Limit,
		parse:   parse,
		secrets: slices.Concat(secrets, []string{c.opts.SecretKey}),
	}
	base := c.endpoints.V4
	if r.family == FamilyV1 {
		st.limiter, base = c.v1Limit, c.endpoints.V1
	}

	ctx, cancel := context.WithTimeoutCause(ctx, c.opts.RetryBudget,
		fmt.Errorf("retry budget of %s spent: %w", c.opts.RetryBudget, context.DeadlineExceeded))
	defer cancel()
	ctx = context.WithValue(ctx, stateKey{}, st)

	req, err := retryablehttp.NewRequestWithContext(ctx, http.MethodPost, base+"/"+r.path, payload)
	if err != nil {
		return st.failure(redactURLError(err))
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.opts.UserAgent)
	if err := c.sign(req.Request, st); err != nil {
		return st.failure(err)
	}

	start := time.Now()
	resp, doErr := c.retry.Do(req)
	if resp != nil {
		resp.Body.Close()
	}
	err = c.finish(ctx, st, doErr)
	fields := st.fields()
	fields["duration_ms"] = time.Since(start).Milliseconds()
	if st.attempts > 0 {
		fields["attempt_duration_ms"] = st.attemptMs
	}
	if err != nil {
		fields["error"] = err.Error()
		c.debug(ctx, "tencentrtc API call failed", fields)
	} else {
		c.debug(ctx, "tencentrtc API call succeeded", fields)
	}
	return err
}

// sign sets the query string of an attempt: the cached UserSig and a fresh
// random. The URL is copied because retryablehttp shares it between the
// shallow copies of the request it makes per attempt.
func (c *Client) sign(req *http.Request, st *callState) error {
	sig, err := c.sigs.get()
	if err != nil {
		return err
	}
	st.sig = sig
	q := url.Values{}
	q.Set("sdkappid", strconv.FormatUint(c.opts.SDKAppID, 10))
	q.Set("identifier", c.opts.Identifier)
	q.Set("usersig", sig)
	q.Set("random", strconv.FormatUint(uint64(rand.Uint32()), 10)) //nolint:gosec // a request nonce, not a secret
	q.Set("contenttype", "json")
	u := *req.URL
	u.RawQuery = q.Encode()
	req.URL = &u
	return nil
}

// prepareRetry is retryablehttp's PrepareRetry: a fresh random, and a fresh
// UserSig when the cached one is near expiry or was refused as expired.
func (c *Client) prepareRetry(req *http.Request) error {
	st := stateFrom(req.Context())
	if st == nil {
		return nil
	}
	if err := c.sign(req, st); err != nil {
		st.prepareErr = err
		return err
	}
	return nil
}

// checkRetry is retryablehttp's CheckRetry. It reads and restores the body,
// decodes the envelope, records the outcome in the call state and decides on
// transport errors, HTTP status and the logical error code.
func (c *Client) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	st := stateFrom(ctx)
	if st == nil {
		return false, nil
	}
	st.succeeded, st.retry = false, false
	if err == nil {
		var body []byte
		body, err = io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
		resp.Body = restoredBody{Reader: bytes.NewReader(body), orig: resp.Body}
		if err == nil {
			c.evaluateAnswer(st, resp, body)
		}
	}
	if err != nil {
		err = redactURLError(err)
		if ctx.Err() != nil {
			// Canceled or out of budget: keep the previous attempt's failure, if
			// any, as the more useful error.
			if st.err == nil {
				st.err = st.failure(context.Cause(ctx))
			}
			st.retry, st.stopErr = true, context.Cause(ctx)
			return false, nil
		}
		if errors.Is(err, errRateWait) {
			if st.err == nil {
				st.err = st.failure(err)
			}
			st.retry, st.stopErr = true, err
			return false, nil
		}
		var timeout *attemptTimeoutError
		if !errors.As(err, &timeout) && (errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled)) {
			// The call's context is alive, so this was the per-attempt timeout.
			err = &attemptTimeoutError{timeout: c.opts.RequestTimeout}
		}
		st.err = st.failure(err)
		st.retry = retryableTransport(err)
	}
	c.logAttempt(ctx, st)
	return st.retry, nil
}

// evaluateAnswer records the outcome of an answer that was read completely.
func (c *Client) evaluateAnswer(st *callState, resp *http.Response, body []byte) {
	e := st.newError()
	e.HTTPStatus = resp.StatusCode
	if resp.StatusCode != http.StatusOK {
		e.Message = redactText(snippet(body), st.secrets...)
		st.err, st.retry = e, retryableStatus(resp.StatusCode)
		return
	}
	var (
		env envelope
		err error
	)
	switch {
	case len(body) > maxResponseBytes:
		err = malformed("the answer is larger than %d bytes", maxResponseBytes)
	case st.family == FamilyV1:
		env, err = decodeV1(body)
	default:
		env, err = decodeV4(body)
	}
	if err == nil && env.Code == 0 && st.parse != nil {
		err = st.parse(env.Payload)
	}
	st.env = env
	e.RequestID = env.RequestID
	e.Code = env.Code
	e.Message = redactText(env.Message, slices.Concat(st.secrets, []string{st.sig})...)
	switch {
	case errors.Is(err, ErrMalformedResponse):
		e.Err = err
		st.err, st.retry = e, true
	case err != nil: // ActionStatus FAIL without a code
		if e.Message == "" {
			e.Message = err.Error()
		}
		st.err = e
	case env.Code != 0:
		st.err = e
		st.retry = IsRetryable(e)
		if !st.retry && isExpiredSig(st.family, env.Code) && !st.reminted {
			// One retry with a newly minted UserSig: the cached one may have
			// outlived the server's view of time.
			c.sigs.invalidate(st.sig)
			st.reminted, st.retry = true, true
		}
	default:
		st.err, st.succeeded = nil, true
	}
}

func isExpiredSig(family string, code int) bool {
	if family == FamilyV1 {
		return code == CodeV1UserSigExpired
	}
	return code == CodeV4UserSigExpired || code == CodeV4UserSigExpired2
}

// finish turns the call state into the call's result.
func (c *Client) finish(ctx context.Context, st *callState, doErr error) error {
	if st.prepareErr != nil {
		return st.failure(st.prepareErr)
	}
	if st.succeeded {
		return nil
	}
	if st.stopErr == nil && ctx.Err() != nil {
		// Stopped while waiting between attempts.
		st.stopErr = context.Cause(ctx)
	}
	if st.err == nil {
		err := st.stopErr
		if err == nil {
			err = redactURLError(doErr)
		}
		if err == nil {
			err = errors.New("no attempt was made")
		}
		return st.failure(err)
	}
	e := *st.err
	e.Attempts = st.attempts
	if st.stopErr != nil && st.retry {
		if e.hasAnswer() || e.Err == nil {
			e.Err = st.stopErr
		} else if !errors.Is(e.Err, st.stopErr) {
			e.Err = fmt.Errorf("%w; gave up: %w", e.Err, st.stopErr)
		}
	}
	return &e
}

// backoff is retryablehttp's Backoff: exponential from min, capped at max,
// with equal jitter (half fixed, half random) so that many callers that failed
// together do not retry together. Retry-After on 429/503 is honoured up to max.
func backoff(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
	d := maxWait
	if attempt < 30 {
		if e := minWait << attempt; e > 0 && e < maxWait {
			d = e
		}
	}
	d = d/2 + rand.N(d/2+1) //nolint:gosec // jitter, not a secret
	d = max(d, minWait)
	if resp != nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s > 0 {
			d = max(d, min(time.Duration(s)*time.Second, maxWait))
		}
	}
	return d
}

// restoredBody replays the bytes CheckRetry read; Close releases the original
// body (and with it the attempt's timeout).
type restoredBody struct {
	*bytes.Reader
	orig io.ReadCloser
}

func (b restoredBody) Close() error { return b.orig.Close() }

var errRateWait = errors.New("waiting for the rate limiter")

// attemptTimeoutError is the failure of one attempt that got no complete
// answer within Options.RequestTimeout.
type attemptTimeoutError struct{ timeout time.Duration }

func (e *attemptTimeoutError) Error() string {
	return fmt.Sprintf("no complete answer within the per-attempt timeout of %s", e.timeout)
}
func (e *attemptTimeoutError) Timeout() bool   { return true }
func (e *attemptTimeoutError) Temporary() bool { return true }

// attemptTransport waits on the call's rate limiter before every attempt
// (retries included) and bounds each attempt by the request timeout. Both live
// here rather than in retryablehttp hooks: RequestLogHook cannot fail a
// request, and http.Client.Timeout would count the rate-limit wait.
type attemptTransport struct {
	base    http.RoundTripper
	timeout time.Duration
}

func (t *attemptTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	if st := stateFrom(ctx); st != nil {
		if err := st.limiter.Wait(ctx); err != nil {
			if ctx.Err() == nil {
				// The limiter refuses at once a wait that would outlast the
				// call's deadline (the retry budget or the caller's). The call
				// is over at that deadline either way: let it come, so that
				// the error names its cause.
				<-ctx.Done()
			}
			return nil, fmt.Errorf("%w: %w", errRateWait, err)
		}
		st.attempts++
		st.attemptStart = time.Now()
	}
	actx, cancel := context.WithTimeoutCause(ctx, t.timeout, &attemptTimeoutError{timeout: t.timeout})
	resp, err := t.base.RoundTrip(req.WithContext(actx))
	if err != nil {
		var timeout *attemptTimeoutError
		if ctx.Err() == nil && errors.As(context.Cause(actx), &timeout) {
			err = timeout
		}
		cancel()
		return nil, err
	}
	resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelOnClose) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}
