package client

import (
	"encoding/json"
	"fmt"
)

// v4Envelope is the PascalCase envelope of the v4 config APIs. Unknown fields
// are ignored.
type v4Envelope struct {
	ActionStatus string          `json:"ActionStatus"`
	ErrorInfo    string          `json:"ErrorInfo"`
	ErrorCode    *int            `json:"ErrorCode"`
	RequestID    string          `json:"RequestId"`
	Response     json.RawMessage `json:"Response"`
}

// v1Envelope is the lowerCamel envelope of the legacy callkit API.
type v1Envelope struct {
	ErrorCode    *int            `json:"errorCode"`
	ErrorMessage string          `json:"errorMessage"`
	RequestID    string          `json:"requestId"`
	Data         json.RawMessage `json:"data"`
}

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
	var env v4Envelope
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
	var env v1Envelope
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

// v4Callback is the body of v4 set/update and the Response of get.
type v4Callback struct {
	URL      string   `json:"Url"`
	Commands []string `json:"CallbackCommandList"`
}

// v1Callback is the body of v1 set/update and the data of v1 get.
type v1Callback struct {
	Address string   `json:"address"`
	Actions []string `json:"actions"`
}

// v4Token is the Response of get_callback_token.
type v4Token struct {
	Token         string `json:"Token"`
	IsTokenEnable bool   `json:"IsTokenEnable"`
}

// v4TokenUpdate is the body of set_callback_token; nil fields are omitted.
type v4TokenUpdate struct {
	Token         *string `json:"Token,omitempty"`
	IsTokenEnable *bool   `json:"IsTokenEnable,omitempty"`
}

// decodeCallback reads the configuration from a get answer's payload.
func decodeCallback(family string, payload json.RawMessage) (*CallbackConfig, error) {
	if payload == nil {
		return nil, malformed("the answer has no configuration")
	}
	if family == FamilyV1 {
		var d v1Callback
		if err := json.Unmarshal(payload, &d); err != nil {
			return nil, malformed("data: %v", err)
		}
		return &CallbackConfig{URL: d.Address, Commands: nonNilStrings(d.Actions)}, nil
	}
	var r v4Callback
	if err := json.Unmarshal(payload, &r); err != nil {
		return nil, malformed("Response: %v", err)
	}
	return &CallbackConfig{URL: r.URL, Commands: nonNilStrings(r.Commands)}, nil
}

func decodeToken(payload json.RawMessage) (*LiveCallbackToken, error) {
	if payload == nil {
		return nil, malformed("the answer has no token configuration")
	}
	var r v4Token
	if err := json.Unmarshal(payload, &r); err != nil {
		return nil, malformed("Response: %v", err)
	}
	return &LiveCallbackToken{Token: r.Token, Enabled: r.IsTokenEnable}, nil
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
