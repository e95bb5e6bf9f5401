package emulator

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/wire/delivery"
)

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
	cb := callback(req, false, now)
	if custom != nil {
		cmd, _ := json.Marshal(req.Command)
		custom["CallbackCommand"] = cmd
		cb.Body, _ = json.Marshal(custom)
	}
	// Signing is documented for Live only (API.md §Callback delivery): the token comes from
	// live_config/set_callback_token. A Mic word delivered through the room
	// configuration is not signed.
	if p == catalog.Live {
		if t, ok := e.LiveToken(req.SDKAppID); ok && t.Enabled {
			cb.Token = t.Token
		}
	}
	d := Delivery{Product: p, URL: cb.URL(cfg.URL), Body: cb.Payload()}
	// "After" callbacks are not retried by default (API.md §Callback delivery): one attempt.
	d.Attempts = 1
	e.attempt(ctx, &d, false)
	e.log.Info("callback delivered", "sdkappid", req.SDKAppID, "command", req.Command, "product", p, "delivered", d.Delivered, "status", d.Status)
	return d
}

func (e *Emulator) deliverV1(ctx context.Context, req TriggerRequest, cfg CallbackConfig, custom map[string]json.RawMessage, now time.Time) Delivery {
	cb := callback(req, true, now)
	if custom != nil {
		cb.Body, _ = json.Marshal(custom)
	}
	d := Delivery{Product: catalog.CallKit, URL: cb.URL(cfg.URL), Body: cb.Payload()}
	// Any non-zero ErrorCode or HTTP-level error is retried on the
	// documented schedule (API.md §Callback delivery).
	for _, wait := range e.retrySchedule {
		if err := sleepCtx(ctx, wait); err != nil {
			d.Reason = "delivery cancelled: " + err.Error()
			return d
		}
		d.Attempts++
		if e.attempt(ctx, &d, true); d.Delivered {
			break
		}
		e.log.Debug("callkit delivery attempt failed", "sdkappid", req.SDKAppID, "command", req.Command, "attempt", d.Attempts, "reason", d.Reason)
	}
	e.log.Info("callback delivered", "sdkappid", req.SDKAppID, "command", req.Command, "product", catalog.CallKit, "delivered", d.Delivered, "attempts", d.Attempts)
	return d
}

// callback is the delivery.Callback of req.
func callback(req TriggerRequest, v1 bool, now time.Time) delivery.Callback {
	return delivery.Callback{SDKAppID: req.SDKAppID, Command: req.Command, V1: v1,
		ClientIP: req.ClientIP, OptPlatform: req.OptPlatform, Time: now}
}

// attempt posts d once and records the answer and whether it counts as
// delivered (API.md §Callback delivery: status 200 and, for v4, a JSON reply;
// for v1, ErrorCode 0).
func (e *Emulator) attempt(ctx context.Context, d *Delivery, v1 bool) {
	a, err := delivery.Post(ctx, e.client, "tencentrtc-emulator", d.URL, d.Body)
	d.Status, d.Reply = a.Status, a.Reply
	if err != nil {
		d.Reason = err.Error()
	} else {
		d.Reason = a.Problem(v1, false)
	}
	d.Delivered = d.Reason == ""
}

// Sign is the callback signature of API.md §Callback delivery: lowercase hex of
// SHA-256(token + requestTime), plain concatenation.
func Sign(token, requestTime string) string {
	return delivery.Sign(token, requestTime)
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
