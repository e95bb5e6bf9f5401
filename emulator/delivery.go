package emulator

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

const maxReplyBytes = 64 << 10

// TriggerRequest asks for one callback event to be delivered.
type TriggerRequest struct {
	SDKAppID uint64 `json:"sdkappid"` // an app added before
	Command  string `json:"command"`  // a callback command word, e.g. "Call.CallbackAfterStartCall" or the callkit "normal_end"
	// Product picks the configuration to deliver through. Empty: the first
	// product, in catalogue order (call, live, room, callkit), that knows
	// the word and has it enabled. Only Mic.CallbackAfterSeatInfoChanged
	// belongs to two products (live and room); name the product to reach
	// room when live also enables it.
	Product Product `json:"product,omitempty"`
	// Body replaces the generated sample payload (a JSON object). For v4
	// products its CallbackCommand is set to Command.
	Body        json.RawMessage `json:"body,omitempty"`
	ClientIP    string          `json:"client_ip,omitempty"`    // default 127.0.0.1
	OptPlatform string          `json:"opt_platform,omitempty"` // default RESTAPI (v4) or Web (callkit)
}

// Trigger delivers one callback event with command to the URL configured for
// app, like TriggerEvent with only the app, command and body set.
func (e *Emulator) Trigger(ctx context.Context, app uint64, command string, body json.RawMessage) (Delivery, error) {
	return e.TriggerEvent(ctx, TriggerRequest{SDKAppID: app, Command: command, Body: body})
}

// TriggerEvent delivers one callback event as API.md §Callback delivery describes. It
// returns an error for a request that cannot name an event (unknown app or
// command word, a body that is not a JSON object); a missing or disabled
// configuration and a failed delivery are reported in the Delivery.
func (e *Emulator) TriggerEvent(ctx context.Context, req TriggerRequest) (Delivery, error) {
	if _, ok := e.app(req.SDKAppID); !ok {
		return Delivery{}, fmt.Errorf("%w: %d", ErrUnknownApp, req.SDKAppID)
	}
	products := catalog.ProductsOf(req.Command)
	if len(products) == 0 {
		return Delivery{}, fmt.Errorf("%w: %q is not a callback command word of any product", ErrInvalid, req.Command)
	}
	if req.Product != "" {
		if !slices.Contains(products, req.Product) {
			return Delivery{}, fmt.Errorf("%w: %s", ErrInvalid, catalog.Problem(req.Product, req.Command))
		}
		products = []catalog.Product{req.Product}
	}
	var custom map[string]json.RawMessage
	if len(req.Body) > 0 {
		if err := json.Unmarshal(req.Body, &custom); err != nil || custom == nil {
			return Delivery{}, fmt.Errorf("%w: body must be a JSON object", ErrInvalid)
		}
	}

	var cfg CallbackConfig
	var product catalog.Product
	var reasons []string
	for _, p := range products {
		c, found := e.Config(req.SDKAppID, p)
		switch {
		case !found:
			reasons = append(reasons, fmt.Sprintf("app %d has no %s callback configuration", req.SDKAppID, p))
		case !slices.Contains(c.Commands, req.Command):
			reasons = append(reasons, fmt.Sprintf("the %s callback configuration of app %d does not enable %s", p, req.SDKAppID, req.Command))
		default:
			cfg, product = c, p
		}
		if product != "" {
			break
		}
	}
	if product == "" {
		return Delivery{Reason: strings.Join(reasons, "; ")}, nil
	}

	now := e.now()
	if catalog.Describe(product).V1 {
		return e.deliverV1(ctx, req, cfg, custom, now), nil
	}
	return e.deliverV4(ctx, req, product, cfg, custom, now), nil
}

func (e *Emulator) deliverV4(ctx context.Context, req TriggerRequest, p catalog.Product, cfg CallbackConfig, custom map[string]json.RawMessage, now time.Time) Delivery {
	var body []byte
	if custom != nil {
		cmd, _ := json.Marshal(req.Command)
		custom["CallbackCommand"] = cmd
		body, _ = json.Marshal(custom)
	} else {
		body = samplePayload(req.Command, now)
	}
	q := callbackQuery(req, v4QueryNames, "RESTAPI")
	// Signing is documented for Live only (API.md §Callback delivery): the token comes from
	// live_config/set_callback_token. A Mic word delivered through the room
	// configuration is not signed.
	if p == catalog.Live {
		if t, ok := e.LiveToken(req.SDKAppID); ok && t.Enabled {
			rt := strconv.FormatInt(now.Unix(), 10)
			q = append(q, "Sign="+Sign(t.Token, rt), "RequestTime="+rt)
		}
	}
	d := Delivery{Product: p, URL: joinQuery(cfg.URL, q), Body: body}
	// "After" callbacks are not retried by default (API.md §Callback delivery): one attempt.
	status, reply, err := e.post(ctx, d.URL, body)
	d.Attempts = 1
	d.Status, d.Reply = status, reply
	d.Reason = transportFailure(status, err)
	if d.Reason == "" && !json.Valid([]byte(reply)) {
		d.Reason = "the receiver's reply is not JSON"
	}
	d.Delivered = d.Reason == ""
	e.log.Info("callback delivered", "sdkappid", req.SDKAppID, "command", req.Command, "product", p, "delivered", d.Delivered, "status", status)
	return d
}

func (e *Emulator) deliverV1(ctx context.Context, req TriggerRequest, cfg CallbackConfig, custom map[string]json.RawMessage, now time.Time) Delivery {
	body := []byte(nil)
	if custom != nil {
		body, _ = json.Marshal(custom)
	} else {
		body = sampleV1Payload(req.Command, now)
	}
	q := callbackQuery(req, v1QueryNames, "Web")
	d := Delivery{Product: catalog.CallKit, URL: joinQuery(cfg.URL, q), Body: body}
	// Any non-zero ErrorCode or HTTP-level error is retried on the
	// documented schedule (API.md §Callback delivery).
	for _, wait := range e.retrySchedule {
		if err := sleepCtx(ctx, wait); err != nil {
			d.Reason = "delivery cancelled: " + err.Error()
			return d
		}
		d.Attempts++
		status, reply, err := e.post(ctx, d.URL, body)
		d.Status, d.Reply = status, reply
		d.Reason = transportFailure(status, err)
		if d.Reason == "" {
			d.Reason = v1AckFailure(reply)
		}
		d.Delivered = d.Reason == ""
		if d.Delivered {
			break
		}
		e.log.Debug("callkit delivery attempt failed", "sdkappid", req.SDKAppID, "command", req.Command, "attempt", d.Attempts, "reason", d.Reason)
	}
	e.log.Info("callback delivered", "sdkappid", req.SDKAppID, "command", req.Command, "product", catalog.CallKit, "delivered", d.Delivered, "attempts", d.Attempts)
	return d
}

// The query parameters a delivery appends to the callback URL, in order: the
// app, the command, the content type, the client IP and the platform. v4 and
// v1 (TUICallKit) name the same parameters differently.
var (
	v4QueryNames = [5]string{"SdkAppid", "CallbackCommand", "contenttype", "ClientIP", "OptPlatform"}
	v1QueryNames = [5]string{"sdkappid", "command", "contenttype", "clientip", "optplatform"}
)

// callbackQuery is the query of req's delivery under names; platform is the
// OptPlatform when req has none.
func callbackQuery(req TriggerRequest, names [5]string, platform string) []string {
	return []string{
		names[0] + "=" + strconv.FormatUint(req.SDKAppID, 10),
		names[1] + "=" + url.QueryEscape(req.Command),
		names[2] + "=json",
		names[3] + "=" + url.QueryEscape(orDefault(req.ClientIP, "127.0.0.1")),
		names[4] + "=" + url.QueryEscape(orDefault(req.OptPlatform, platform)),
	}
}

// transportFailure is why an attempt failed before its reply counts: the
// post's error or a status other than 200; "" when the receiver answered 200.
func transportFailure(status int, err error) string {
	switch {
	case err != nil:
		return err.Error()
	case status != http.StatusOK:
		return fmt.Sprintf("the receiver answered HTTP %d", status)
	}
	return ""
}

// v1AckFailure is what is wrong with a v1 receiver's reply: "" when it is
// {"ErrorCode":0,...}.
func v1AckFailure(reply string) string {
	var ack struct {
		ErrorCode *int `json:"ErrorCode"`
	}
	switch {
	case json.Unmarshal([]byte(reply), &ack) != nil || ack.ErrorCode == nil:
		return `the receiver's reply is not {"ErrorCode":0,...}`
	case *ack.ErrorCode != 0:
		return fmt.Sprintf("the receiver answered ErrorCode %d", *ack.ErrorCode)
	}
	return ""
}

// post sends one callback and returns the status and (bounded) reply.
func (e *Emulator) post(ctx context.Context, target string, body []byte) (int, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return 0, "", fmt.Errorf("cannot build the request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "tencentrtc-emulator")
	resp, err := e.client.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	reply, err := io.ReadAll(io.LimitReader(resp.Body, maxReplyBytes))
	if err != nil {
		return resp.StatusCode, string(reply), fmt.Errorf("reading the reply: %w", err)
	}
	return resp.StatusCode, string(reply), nil
}

// Sign is the callback signature of API.md §Callback delivery: lowercase hex of
// SHA-256(token + requestTime), plain concatenation.
func Sign(token, requestTime string) string {
	sum := sha256.Sum256([]byte(token + requestTime))
	return hex.EncodeToString(sum[:])
}

// joinQuery appends the parameters to the configured URL, keeping its own
// query string and dropping any fragment.
func joinQuery(base string, params []string) string {
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
	return base + sep + strings.Join(params, "&")
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
