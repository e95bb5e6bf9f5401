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

	"golang.org/x/time/rate"
)

// maxResponseBytes bounds the answers read; the real ones are a few hundred bytes.
const maxResponseBytes = 1 << 20

// call is what one API call sends. It does not change between attempts.
type call struct {
	route
	url     string // without the query string
	limiter *rate.Limiter
	body    []byte
	parse   func(json.RawMessage) error // checks the payload of a success; nil accepts any
	secrets []string                    // redacted from any server text kept in errors
}

// failure is the error of the call after attempts attempts, for a failure
// that came without a usable answer.
func (cl *call) failure(attempts int, err error) *APIError {
	return &APIError{Family: cl.family, Path: cl.path, Attempts: attempts, Err: err}
}

// outcome is what one attempt came to.
type outcome struct {
	err        *APIError      // nil on success
	requestID  string         // of a success
	retry      bool           // the failure is transient
	expiredSig bool           // the server refused the UserSig as expired
	resp       *http.Response // the answer (body closed), for Retry-After; nil without one
	stopped    bool           // the call's context ended during the attempt
}

// tally is what a call's log line reports besides its error.
type tally struct {
	attempts  int
	lastMs    int64  // duration of the last attempt that came to an outcome
	requestID string // of a success
}

// do performs one API call and logs it. The error is an *APIError (or a
// request-building error).
func (c *Client) do(ctx context.Context, r route, body any, parse func(json.RawMessage) error, secrets ...string) error {
	payload, err := rawBody(body)
	if err != nil {
		return err
	}
	cl := &call{route: r, url: c.endpoints.V4 + "/" + r.path, limiter: c.v4Limit, body: payload, parse: parse,
		secrets: slices.Concat(secrets, []string{c.opts.SecretKey})}
	if r.family == FamilyV1 {
		cl.url, cl.limiter = c.endpoints.V1+"/"+r.path, c.v1Limit
	}
	ctx, cancel := context.WithTimeoutCause(ctx, c.opts.RetryBudget,
		fmt.Errorf("retry budget of %s spent: %w", c.opts.RetryBudget, context.DeadlineExceeded))
	defer cancel()

	start := time.Now()
	t, err := c.attempts(ctx, cl)
	fields := cl.fields(t.attempts, err, t.requestID)
	fields["duration_ms"] = time.Since(start).Milliseconds()
	if t.attempts > 0 {
		fields["attempt_duration_ms"] = t.lastMs
	}
	if err != nil {
		fields["error"] = err.Error()
		c.debug(ctx, "tencentrtc API call failed", fields)
	} else {
		c.debug(ctx, "tencentrtc API call succeeded", fields)
	}
	return err
}

// attempts is the attempt loop of one call. Each attempt waits for the rate
// limiter, is signed (the cached UserSig and a fresh random), sent within
// RequestTimeout, read, decoded and classified; then the loop returns, or
// backs off and tries again. It stops when an attempt succeeds or fails for
// good, when MaxRetries retries are spent, or when ctx ends (the caller's
// cancellation, the retry budget). A UserSig refused as expired is re-minted
// once.
func (c *Client) attempts(ctx context.Context, cl *call) (tally, error) {
	var (
		t        tally
		last     *APIError // failure of the last attempt that came to an outcome
		reminted bool
	)
	for {
		if err := cl.limiter.Wait(ctx); err != nil {
			// The limiter refuses at once a wait that would outlast the call's
			// deadline (the retry budget or the caller's). The call is over at
			// that deadline either way: let it come, so that the error names
			// its cause.
			<-ctx.Done()
			return t, giveUp(ctx, cl, t.attempts, last, true)
		}
		sig, err := c.sigs.get()
		if err != nil {
			return t, cl.failure(t.attempts, err)
		}
		t.attempts++
		attemptStart := time.Now()
		out := c.attempt(ctx, cl, sig, t.attempts)
		if out.stopped {
			return t, giveUp(ctx, cl, t.attempts, last, true)
		}
		t.lastMs = time.Since(attemptStart).Milliseconds()
		if out.err == nil {
			t.requestID = out.requestID
			return t, nil
		}
		last = out.err
		retry := out.retry
		if !retry && out.expiredSig && !reminted {
			// One retry with a newly minted UserSig: the cached one may have
			// outlived the server's view of time.
			c.sigs.invalidate(sig)
			reminted, retry = true, true
		}
		if !retry || t.attempts > *c.opts.MaxRetries {
			return t, giveUp(ctx, cl, t.attempts, last, retry)
		}
		c.logRetry(ctx, cl, t.attempts, t.lastMs, last)
		wait := time.NewTimer(backoff(c.opts.RetryWaitMin, c.opts.RetryWaitMax, t.attempts-1, out.resp))
		select {
		case <-ctx.Done():
			wait.Stop()
			return t, giveUp(ctx, cl, t.attempts, last, true)
		case <-wait.C:
		}
	}
}

// giveUp is the error of a call that ended without success after n attempts:
// the last failure with the reason retries stopped, when the call's context
// ended while retrying. last is nil only when that context ended before any
// attempt came to an outcome.
func giveUp(ctx context.Context, cl *call, n int, last *APIError, retrying bool) error {
	var stop error
	if ctx.Err() != nil {
		stop = context.Cause(ctx)
	}
	if last == nil {
		return cl.failure(n, stop)
	}
	e := *last
	e.Attempts = n
	if stop != nil && retrying {
		if e.hasAnswer() || e.Err == nil {
			e.Err = stop
		} else if !errors.Is(e.Err, stop) {
			e.Err = fmt.Errorf("%w; gave up: %w", e.Err, stop)
		}
	}
	return &e
}

// attempt sends the call once, signed with sig, within RequestTimeout, and
// classifies the answer; n is its number.
func (c *Client) attempt(ctx context.Context, cl *call, sig string, n int) outcome {
	timeout := &attemptTimeoutError{timeout: c.opts.RequestTimeout}
	actx, cancel := context.WithTimeoutCause(ctx, c.opts.RequestTimeout, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, http.MethodPost, cl.url, bytes.NewReader(cl.body))
	if err != nil {
		return outcome{err: cl.failure(n, redactURLError(err))}
	}
	q := url.Values{}
	q.Set("sdkappid", strconv.FormatUint(c.opts.SDKAppID, 10))
	q.Set("identifier", c.opts.Identifier)
	q.Set("usersig", sig)
	q.Set("random", strconv.FormatUint(uint64(rand.Uint32()), 10)) //nolint:gosec // a request nonce, not a secret
	q.Set("contenttype", "json")
	req.URL.RawQuery = q.Encode()
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.opts.UserAgent)

	resp, err := c.http.Do(req)
	var body []byte
	if err == nil {
		body, err = io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
		resp.Body.Close()
	}
	switch {
	case err == nil:
		return classify(cl, sig, n, resp, body)
	case ctx.Err() != nil:
		// Canceled or out of budget: the previous attempt's failure, if any,
		// is the more useful error.
		return outcome{stopped: true}
	}
	err = redactURLError(err)
	var already *attemptTimeoutError
	if errors.Is(context.Cause(actx), timeout) && !errors.As(err, &already) {
		// net/http reports the timeout as the context's cause; another
		// transport may say only "context deadline exceeded".
		var ue *url.Error
		if errors.As(err, &ue) {
			ue.Err = timeout
		} else {
			err = timeout
		}
	}
	return outcome{err: cl.failure(n, err), retry: retryableTransport(err), resp: resp}
}

// classify decodes an answer that was read completely: success, or a
// failure that is transient (retry) or not.
func classify(cl *call, sig string, n int, resp *http.Response, body []byte) outcome {
	e := cl.failure(n, nil)
	e.HTTPStatus = resp.StatusCode
	if resp.StatusCode != http.StatusOK {
		e.Message = redactText(snippet(body), cl.secrets...)
		return outcome{err: e, retry: retryableStatus(resp.StatusCode), resp: resp}
	}
	var (
		env envelope
		err error
	)
	switch {
	case len(body) > maxResponseBytes:
		err = malformed("the answer is larger than %d bytes", maxResponseBytes)
	case cl.family == FamilyV1:
		env, err = decodeV1(body)
	default:
		env, err = decodeV4(body)
	}
	if err == nil && env.Code == 0 && cl.parse != nil {
		err = cl.parse(env.Payload)
	}
	e.RequestID, e.Code = env.RequestID, env.Code
	e.Message = redactText(env.Message, slices.Concat(cl.secrets, []string{sig})...)
	switch {
	case errors.Is(err, ErrMalformedResponse):
		e.Err = err
		return outcome{err: e, retry: true, resp: resp}
	case err != nil: // ActionStatus FAIL without a code
		if e.Message == "" {
			e.Message = err.Error()
		}
		return outcome{err: e, resp: resp}
	case env.Code != 0:
		return outcome{err: e, retry: IsRetryable(e), expiredSig: isExpiredSig(cl.family, env.Code), resp: resp}
	}
	return outcome{requestID: env.RequestID}
}

func isExpiredSig(family string, code int) bool {
	if family == FamilyV1 {
		return code == CodeV1UserSigExpired
	}
	return code == CodeV4UserSigExpired || code == CodeV4UserSigExpired2
}

// backoff is the wait before retry number attempt+1: exponential from min,
// capped at max, with equal jitter (half fixed, half random) so that many
// callers that failed together do not retry together. Retry-After on 429/503
// is honoured up to max.
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

// attemptTimeoutError is the failure of one attempt that got no complete
// answer within Options.RequestTimeout.
type attemptTimeoutError struct{ timeout time.Duration }

func (e *attemptTimeoutError) Error() string {
	return fmt.Sprintf("no complete answer within the per-attempt timeout of %s", e.timeout)
}
func (e *attemptTimeoutError) Timeout() bool   { return true }
func (e *attemptTimeoutError) Temporary() bool { return true }
