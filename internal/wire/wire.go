// Package wire holds the JSON shapes of the Tencent callback-configuration
// APIs (API.md §Request shape, §Verbs per product): the envelopes of both
// families and the bodies of the config and token verbs. The client encodes
// requests and decodes answers with them, the emulator does the reverse, so
// the two ends of the wire cannot drift apart.
package wire

import "encoding/json"

// V4Envelope is the PascalCase answer of the v4 config APIs. ErrorCode is a
// pointer so that a decoder can tell a missing code from 0; unknown fields
// are ignored.
type V4Envelope struct {
	ActionStatus string          `json:"ActionStatus"`
	ErrorInfo    string          `json:"ErrorInfo"`
	ErrorCode    *int            `json:"ErrorCode"`
	RequestID    string          `json:"RequestId"`
	Response     json.RawMessage `json:"Response,omitempty"`
}

// V1Envelope is the lowerCamel answer of the legacy callkit API.
type V1Envelope struct {
	ErrorCode    *int            `json:"errorCode"`
	ErrorMessage string          `json:"errorMessage"`
	RequestID    string          `json:"requestId"`
	Data         json.RawMessage `json:"data,omitempty"`
}

// V4Callback is the body of v4 set/update_callback and the Response of
// get_callback.
type V4Callback struct {
	URL      string   `json:"Url"`
	Commands []string `json:"CallbackCommandList"`
}

// V1Callback is the body of v1 set and update, keys in the documented order.
type V1Callback struct {
	Address string   `json:"address"`
	Actions []string `json:"actions"`
}

// V1CallbackData is the data of a v1 get answer; the documented sample lists
// actions before address.
type V1CallbackData struct {
	Actions []string `json:"actions"`
	Address string   `json:"address"`
}

// V4Token is the Response of get_callback_token.
type V4Token struct {
	Token   string `json:"Token"`
	Enabled bool   `json:"IsTokenEnable"`
}

// V4TokenUpdate is the body of set_callback_token; a nil field is left out
// (a partial update).
type V4TokenUpdate struct {
	Token   *string `json:"Token,omitempty"`
	Enabled *bool   `json:"IsTokenEnable,omitempty"`
}
