// Package delivery builds, signs and sends one callback the way Tencent
// delivers it to an app's backend (API.md §Callback delivery, §Sample
// payloads), and judges the receiver's answer. The emulator's deliveries and
// the provider's tencentrtc_test_callback action both use it, so what the
// emulator sends and what the action checks cannot drift apart.
package delivery

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/wire"
)

// Timeout is the documented callback timeout; MaxReply bounds the part of
// an answer that is read.
const (
	Timeout  = 2 * time.Second
	MaxReply = 64 << 10
)

// Callback is one callback as Tencent sends it.
type Callback struct {
	SDKAppID    uint64
	Command     string    // the command word, e.g. "Call.CallbackAfterStartCall" or the callkit "normal_end"
	V1          bool      // legacy TUICallKit v1: lowercase query names, the v1 body
	ClientIP    string    // "" = 127.0.0.1
	OptPlatform string    // "" = RESTAPI (v4) or Web (v1)
	Token       string    // the Live signing token; "" sends the callback unsigned
	Time        time.Time // stamps the body and RequestTime
	Body        []byte    // nil = the documented sample of Command (Payload)
}

// The query parameters, in the order sent: the app, the command, the content
// type, the client IP and the platform. v4 and v1 name them differently.
var (
	v4QueryNames = [5]string{"SdkAppid", "CallbackCommand", "contenttype", "ClientIP", "OptPlatform"}
	v1QueryNames = [5]string{"sdkappid", "command", "contenttype", "clientip", "optplatform"}
)

// Query is what the callback appends to the configured URL; a v4 callback
// with a token ends with Sign and RequestTime.
func (c Callback) Query() []string {
	names, platform := v4QueryNames, "RESTAPI"
	if c.V1 {
		names, platform = v1QueryNames, "Web"
	}
	q := []string{
		names[0] + "=" + strconv.FormatUint(c.SDKAppID, 10),
		names[1] + "=" + url.QueryEscape(c.Command),
		names[2] + "=json",
		names[3] + "=" + url.QueryEscape(cmp.Or(c.ClientIP, "127.0.0.1")),
		names[4] + "=" + url.QueryEscape(cmp.Or(c.OptPlatform, platform)),
	}
	if c.Token != "" && !c.V1 {
		rt := strconv.FormatInt(c.Time.Unix(), 10)
		q = append(q, "Sign="+Sign(c.Token, rt), "RequestTime="+rt)
	}
	return q
}

// URL is the configured URL base with the callback's query appended, keeping
// base's own query string and dropping any fragment.
func (c Callback) URL(base string) string {
	if i := strings.IndexByte(base, '#'); i >= 0 {
		base = base[:i]
	}
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
		if strings.HasSuffix(base, "?") || strings.HasSuffix(base, "&") {
			sep = ""
		}
	}
	return base + sep + strings.Join(c.Query(), "&")
}

// Payload is the body: Body, or the sample of Command.
func (c Callback) Payload() []byte {
	if c.Body != nil {
		return c.Body
	}
	if c.V1 {
		return sampleV1(c.Command, c.Time)
	}
	return sampleV4(c.Command, c.Time)
}

// Sign is the callback signature: lowercase hex of SHA-256(token +
// requestTime), plain concatenation.
func Sign(token, requestTime string) string {
	sum := sha256.Sum256([]byte(token + requestTime))
	return hex.EncodeToString(sum[:])
}

// NewClient is a client with the documented timeout that follows no
// redirect: Tencent counts any status but 200 as a failed delivery.
func NewClient() *http.Client {
	return &http.Client{
		Timeout:       Timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// Answer is the receiver's answer to one callback.
type Answer struct {
	Status  int
	Reply   string // at most MaxReply bytes
	Latency time.Duration
}

// Post sends one callback body to target and reads the answer. An error
// means no complete answer: the request failed, or the reply could not be
// read (the Answer then holds what was).
func Post(ctx context.Context, client *http.Client, userAgent, target string, body []byte) (Answer, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return Answer{}, fmt.Errorf("cannot build the request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", userAgent)
	start := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		return Answer{Latency: time.Since(start)}, err
	}
	defer resp.Body.Close()
	reply, err := io.ReadAll(io.LimitReader(resp.Body, MaxReply))
	a := Answer{Status: resp.StatusCode, Reply: string(reply), Latency: time.Since(start)}
	if err != nil {
		return a, fmt.Errorf("reading the reply: %w", err)
	}
	return a, nil
}

// Expected is the answer the documentation asks of a receiver.
func Expected(v1 bool) string {
	if v1 {
		return `HTTP 200 with {"ErrorCode":0,"ErrorMessage":"Success"}`
	}
	return `HTTP 200 with {"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}`
}

// Problem is why the answer counts as a failure, or "" when it does not.
// Every sender fails a status other than 200. A v4 reply must be JSON (the
// result of an "after" event is otherwise ignored); strict also asks for
// ActionStatus OK and ErrorCode 0, as the documentation tells receivers to
// answer. A v1 reply must be {"ErrorCode":0,...}: anything else is retried.
func (a Answer) Problem(v1, strict bool) string {
	if a.Status != http.StatusOK {
		return fmt.Sprintf("the receiver answered HTTP %d", a.Status)
	}
	switch {
	case v1:
		var ack struct {
			ErrorCode *int `json:"ErrorCode"`
		}
		if json.Unmarshal([]byte(a.Reply), &ack) != nil || ack.ErrorCode == nil {
			return `the receiver's reply is not {"ErrorCode":0,...}`
		}
		if *ack.ErrorCode != 0 {
			return fmt.Sprintf("the receiver answered ErrorCode %d", *ack.ErrorCode)
		}
	case !json.Valid([]byte(a.Reply)):
		return "the receiver's reply is not JSON"
	case strict:
		var env wire.V4Envelope
		if json.Unmarshal([]byte(a.Reply), &env) != nil || env.ErrorCode == nil {
			return `the receiver's reply is not {"ActionStatus":...,"ErrorCode":...}`
		}
		if env.ActionStatus != "OK" || *env.ErrorCode != 0 {
			return fmt.Sprintf("the receiver answered ActionStatus %q, ErrorCode %d", env.ActionStatus, *env.ErrorCode)
		}
	}
	return ""
}
