// Package receiver is the handler of the example webhook receiver: an
// http.Handler that checks Tencent RTC callbacks (the app, and the Live
// signature when a token is set), logs them and answers as Tencent expects.
// The webhook-receiver command serves it; `make demo` runs it in-process.
package receiver

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// DefaultMaxSkew is how far RequestTime may be from the receiver's clock:
// the Live documentation tells receivers to treat a gap of more than one
// minute as a replay.
const DefaultMaxSkew = 60 * time.Second

// DefaultMaxBody caps the body the receiver reads from one callback.
const DefaultMaxBody = 1 << 20

// Replies the callback senders expect. v4 products (Call, Live, Room) ignore
// the answer of "after" events but count an HTTP status other than 200 or a
// body that is not JSON as a failed delivery. The legacy TUICallKit v1 API
// retries any non-zero ErrorCode.
var (
	replyOK   = []byte(`{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}`)
	replyV1OK = []byte(`{"ErrorCode":0,"ErrorMessage":"Success"}`)
)

// Sign returns the signature Tencent puts in the Sign query parameter of a
// callback: lowercase hex SHA-256 of the token followed by RequestTime
// (decimal unix seconds), with no separator.
func Sign(token, requestTime string) string {
	sum := sha256.Sum256([]byte(token + requestTime))
	return hex.EncodeToString(sum[:])
}

// Errors of VerifySign.
var (
	ErrMissingSign = errors.New("the callback carries no Sign/RequestTime")
	ErrBadTime     = errors.New("malformed RequestTime: not a unix time in seconds")
	ErrStale       = errors.New("stale RequestTime: more than the allowed skew from the receiver's clock (possible replay)")
	ErrBadSign     = errors.New("signature mismatch: Sign does not match the token")
)

// VerifySign checks the Sign and RequestTime query parameters of a callback
// against token: the signature must match and RequestTime must be within
// maxSkew of now in either direction. It returns how old the request is.
func VerifySign(token, sign, requestTime string, now time.Time, maxSkew time.Duration) (time.Duration, error) {
	if sign == "" || requestTime == "" {
		return 0, ErrMissingSign
	}
	secs, err := strconv.ParseInt(requestTime, 10, 64)
	if err != nil || secs <= 0 {
		return 0, ErrBadTime
	}
	age := now.Sub(time.Unix(secs, 0))
	// Compare the signature first and in constant time, so that the answer
	// says nothing about the token to a caller that guesses.
	want := Sign(token, requestTime)
	if subtle.ConstantTimeCompare([]byte(strings.ToLower(sign)), []byte(want)) != 1 {
		return age, ErrBadSign
	}
	if age > maxSkew || age < -maxSkew {
		return age, fmt.Errorf("%w: %s", ErrStale, age.Truncate(time.Second))
	}
	return age, nil
}

// Receiver is an http.Handler for Tencent RTC callbacks (Call, Live and Room
// on the v4 API, and the legacy TUICallKit v1 API).
//
// It accepts a callback only when the SDKAppID in the query is its own and,
// when Token is set, when its signature is valid: requests whose path starts
// with SignedPath must carry a valid Sign (Tencent documents signing for Live
// callbacks only, so Call and Room callbacks arrive unsigned); a Sign on any
// other path is checked too. It logs the command, the query and the body and
// answers with the documented reply.
type Receiver struct {
	SDKAppID   uint64
	Token      string
	SignedPath string        // "" means "/live"
	MaxSkew    time.Duration // 0 means DefaultMaxSkew
	MaxBody    int64         // 0 means DefaultMaxBody
	Log        *log.Logger   // nil discards
	Now        func() time.Time
	// Handle, when set, is called with every accepted callback; an error
	// makes the receiver answer with a failure.
	Handle func(Callback) error
}

// Callback is one accepted callback.
type Callback struct {
	SDKAppID   uint64
	Command    string
	Legacy     bool   // legacy TUICallKit v1 (lowercase query names)
	ClientIP   string // as reported by Tencent
	Platform   string // OptPlatform
	Signed     bool   // carried a valid Sign
	RequestAge time.Duration
	Query      url.Values
	Body       json.RawMessage
}

// Summary is the receiver's one-line description for a startup log:
// which app it accepts and whether and where it checks signatures.
func (rc *Receiver) Summary() string {
	mode := "no token: signatures are not checked"
	if rc.Token != "" {
		mode = fmt.Sprintf("token set: callbacks under %s must be signed, RequestTime within %s", rc.signedPath(), rc.maxSkew())
	}
	return fmt.Sprintf("accepting callbacks for SdkAppid %d; %s", rc.SDKAppID, mode)
}

func (rc *Receiver) logf(format string, args ...any) {
	if rc.Log != nil {
		rc.Log.Printf(format, args...)
	}
}

func (rc *Receiver) signedPath() string {
	if rc.SignedPath == "" {
		return "/live"
	}
	return rc.SignedPath
}

func (rc *Receiver) maxSkew() time.Duration {
	if rc.MaxSkew <= 0 {
		return DefaultMaxSkew
	}
	return rc.MaxSkew
}

// ServeHTTP checks one callback, logs it and answers as its sender expects.
func (rc *Receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	cb, appParam := parseQuery(r.URL.Query())
	if status, msg := rc.accept(w, r, &cb, appParam); status != http.StatusOK {
		rc.reject(w, r, cb, status, msg)
		return
	}
	sig := "unsigned"
	if cb.Signed {
		sig = fmt.Sprintf("signature valid (RequestTime %s old)", cb.RequestAge.Truncate(time.Second))
	}
	rc.logf("ACCEPTED %s for SdkAppid %d from %s (ClientIP %s), %s\n  query: %s\n  body:  %s",
		cb.Command, cb.SDKAppID, cb.Platform, cb.ClientIP, sig, redactQuery(r.URL.RawQuery), shorten(string(cb.Body), 2000))

	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	if cb.Legacy {
		_, _ = w.Write(replyV1OK)
	} else {
		_, _ = w.Write(replyOK)
	}
}

// parseQuery reads the command and the sender's details from the query,
// telling a v4 callback (CallbackCommand, SdkAppid) from a legacy v1 one
// (command, sdkappid), and returns the name of the app parameter.
func parseQuery(q url.Values) (Callback, string) {
	cb := Callback{Query: q}
	if q.Has("CallbackCommand") || !q.Has("command") {
		cb.Command = q.Get("CallbackCommand")
		cb.ClientIP = q.Get("ClientIP")
		cb.Platform = q.Get("OptPlatform")
		return cb, "SdkAppid"
	}
	cb.Legacy = true
	cb.Command = q.Get("command")
	cb.ClientIP = q.Get("clientip")
	cb.Platform = q.Get("optplatform")
	return cb, "sdkappid"
}

// accept runs the checks in order (method, command, app, signature, body,
// Handle) and completes cb. It returns http.StatusOK, or the status and
// message of the first failure.
func (rc *Receiver) accept(w http.ResponseWriter, r *http.Request, cb *Callback, appParam string) (int, string) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		return http.StatusMethodNotAllowed, "callbacks are POST requests"
	}
	if cb.Command == "" {
		return http.StatusBadRequest, "no callback command in the query"
	}
	app, err := strconv.ParseUint(cb.Query.Get(appParam), 10, 64)
	if err != nil || app != rc.SDKAppID {
		return http.StatusForbidden, fmt.Sprintf("%s %q is not this receiver's app", appParam, cb.Query.Get(appParam))
	}
	cb.SDKAppID = app
	if err := rc.checkSign(r.URL.Path, cb); err != nil {
		return http.StatusForbidden, "signature check failed: " + err.Error()
	}
	maxBody := rc.MaxBody
	if maxBody <= 0 {
		maxBody = DefaultMaxBody
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		return http.StatusRequestEntityTooLarge, "cannot read the body: " + err.Error()
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, body); err != nil {
		return http.StatusBadRequest, "the body is not JSON"
	}
	cb.Body = compact.Bytes()
	if rc.Handle != nil {
		if err := rc.Handle(*cb); err != nil {
			return http.StatusInternalServerError, "handler: " + err.Error()
		}
	}
	return http.StatusOK, ""
}

// checkSign verifies Sign and RequestTime when a token is set: always under
// the signed path, elsewhere only when the callback carries them.
func (rc *Receiver) checkSign(path string, cb *Callback) error {
	if rc.Token == "" {
		return nil
	}
	q := cb.Query
	if !strings.HasPrefix(path, rc.signedPath()) && !q.Has("Sign") && !q.Has("RequestTime") {
		return nil
	}
	now := time.Now
	if rc.Now != nil {
		now = rc.Now
	}
	age, err := VerifySign(rc.Token, q.Get("Sign"), q.Get("RequestTime"), now(), rc.maxSkew())
	if err != nil {
		return err
	}
	cb.Signed, cb.RequestAge = true, age
	return nil
}

// reject logs a refused callback and answers with the failure in the
// sender's format.
func (rc *Receiver) reject(w http.ResponseWriter, r *http.Request, cb Callback, status int, msg string) {
	label := cb.Command
	if label == "" {
		label = "(no command)"
	}
	rc.logf("REJECTED %s: %s (HTTP %d)\n  query: %s", label, msg, status, redactQuery(r.URL.RawQuery))
	reply := map[string]any{"ActionStatus": "FAIL", "ErrorInfo": msg, "ErrorCode": 1}
	if cb.Legacy {
		reply = map[string]any{"ErrorCode": 1, "ErrorMessage": msg}
	}
	writeJSON(w, status, reply)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, _ := json.Marshal(v)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// redactQuery returns the raw query with the Sign value cut short: it proves
// nothing after a minute, but there is no reason to copy it into logs whole.
func redactQuery(raw string) string {
	parts := strings.Split(raw, "&")
	for i, p := range parts {
		if v, ok := strings.CutPrefix(p, "Sign="); ok && len(v) > 8 {
			parts[i] = "Sign=" + v[:8] + "..."
		}
	}
	return strings.Join(parts, "&")
}

func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "...(truncated)"
}
