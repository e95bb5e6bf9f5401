package client

import (
	"encoding/json"
	"fmt"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/wire"
)

// envelope is the family-independent outcome of one answer.
type envelope struct {
	Code      int
	Message   string
	RequestID string
	Payload   json.RawMessage // v4 Response or v1 data; nil when absent or null
}

func malformed(format string, args ...any) error {
	return fmt.Errorf("%w (HTTP 200): %s", ErrMalformedResponse, fmt.Sprintf(format, args...))
}

// decodeV4 parses a v4 answer. A body that is not one JSON object with
// ActionStatus or ErrorCode is malformed.
func decodeV4(body []byte) (envelope, error) {
	var env wire.V4Envelope
	if err := json.Unmarshal(body, &env); err != nil {
		return envelope{}, malformed("%v", err)
	}
	if env.ErrorCode == nil && env.ActionStatus == "" {
		return envelope{}, malformed("the answer has neither ActionStatus nor ErrorCode")
	}
	out := envelope{Message: env.ErrorInfo, RequestID: env.RequestID, Payload: nonNull(env.Response)}
	if env.ErrorCode != nil {
		out.Code = *env.ErrorCode
	}
	// Choice (unconfirmed): ActionStatus "FAIL" with ErrorCode 0 is still a
	// failure; we report it with code 0 rather than trusting the status text
	// over the code.
	if out.Code == 0 && env.ActionStatus != "" && env.ActionStatus != "OK" {
		return out, fmt.Errorf("ActionStatus %q without an error code", env.ActionStatus)
	}
	return out, nil
}

// decodeV1 parses a legacy callkit answer; errorCode is required.
func decodeV1(body []byte) (envelope, error) {
	var env wire.V1Envelope
	if err := json.Unmarshal(body, &env); err != nil {
		return envelope{}, malformed("%v", err)
	}
	if env.ErrorCode == nil {
		return envelope{}, malformed("the answer has no errorCode")
	}
	return envelope{Code: *env.ErrorCode, Message: env.ErrorMessage, RequestID: env.RequestID, Payload: nonNull(env.Data)}, nil
}

func nonNull(raw json.RawMessage) json.RawMessage {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	return raw
}

// decodeCallback reads the configuration from a get answer's payload.
func decodeCallback(family string, payload json.RawMessage) (*CallbackConfig, error) {
	if payload == nil {
		return nil, malformed("the answer has no configuration")
	}
	if family == FamilyV1 {
		var d wire.V1CallbackData
		if err := json.Unmarshal(payload, &d); err != nil {
			return nil, malformed("data: %v", err)
		}
		return &CallbackConfig{URL: d.Address, Commands: nonNilStrings(d.Actions)}, nil
	}
	var r wire.V4Callback
	if err := json.Unmarshal(payload, &r); err != nil {
		return nil, malformed("Response: %v", err)
	}
	return &CallbackConfig{URL: r.URL, Commands: nonNilStrings(r.Commands)}, nil
}

func decodeToken(payload json.RawMessage) (*LiveCallbackToken, error) {
	if payload == nil {
		return nil, malformed("the answer has no token configuration")
	}
	var r wire.V4Token
	if err := json.Unmarshal(payload, &r); err != nil {
		return nil, malformed("Response: %v", err)
	}
	return &LiveCallbackToken{Token: r.Token, Enabled: r.Enabled}, nil
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
