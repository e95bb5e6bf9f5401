package client

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

// TestDecodeSamples decodes the documented answers (API.md §Verbs per
// product) and the payloads of the get verbs, then the edge cases.
func TestDecodeSamples(t *testing.T) {
	const sampleID = "Id-8c9858f01e954611ae2d4c1b1ed7d583-O-Seq-52720"
	decoders := map[string]func([]byte) (envelope, error){FamilyV4: decodeV4, FamilyV1: decodeV1}
	samples := []struct {
		name, family, body string
		want               envelope // its Payload is compared when there is no config or token to decode
		config             *CallbackConfig
		token              *LiveCallbackToken
	}{
		{"v4 success envelope", FamilyV4, sampleV4OK, envelope{RequestID: sampleID}, nil, nil},
		{"v4 get with Response", FamilyV4, sampleV4GetCall, envelope{RequestID: sampleID},
			&CallbackConfig{URL: "http://www.example.com/callback", Commands: []string{"Call.CallbackAfterStartCall", "Call.CallbackAfterEndCall"}}, nil},
		{"v4 token get", FamilyV4, sampleV4GetToken, envelope{RequestID: sampleID}, nil, &LiveCallbackToken{Token: "xxxxyyyy", Enabled: true}},
		{"v4 failure", FamilyV4, v4Fail(100301, "no config", "Id-1"), envelope{Code: 100301, Message: "no config", RequestID: "Id-1"}, nil, nil},
		{"v1 set", FamilyV1, sampleV1Set, envelope{Message: "Success", RequestID: "a1d8543a9b1daef5d0f0c21517a4bc0a", Payload: json.RawMessage(`"http://www.example.com/callback"`)}, nil, nil},
		{"v1 update", FamilyV1, sampleV1Update, envelope{Message: "Success", RequestID: "355c3c394f0602ed81a13c34999abebc", Payload: json.RawMessage(`"https://www.example2.com/callback"`)}, nil, nil},
		{"v1 delete", FamilyV1, sampleV1Delete, envelope{Message: "Success", RequestID: "5b0fa500064397cad3554506e27e18e1", Payload: json.RawMessage(`""`)}, nil, nil},
		{"v1 get", FamilyV1, sampleV1Get, envelope{Message: "Success", RequestID: "355c3c394f0602ed81a13c34999abebb"},
			&CallbackConfig{URL: "http://www.example.com/callback", Commands: []string{"call_busy", "normal_end"}}, nil},
	}
	for _, tt := range samples {
		t.Run(tt.name, func(t *testing.T) {
			env, err := decoders[tt.family]([]byte(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			payload := env.Payload
			if tt.config != nil || tt.token != nil {
				env.Payload = nil
			}
			if !reflect.DeepEqual(env, tt.want) {
				t.Errorf("envelope = %+v, want %+v", env, tt.want)
			}
			if tt.config != nil {
				if cfg, err := decodeCallback(tt.family, payload); err != nil || !reflect.DeepEqual(cfg, tt.config) {
					t.Errorf("config = %+v, %v, want %+v", cfg, err, tt.config)
				}
			}
			if tt.token != nil {
				if tok, err := decodeToken(payload); err != nil || *tok != *tt.token {
					t.Errorf("token = %+v, %v, want %+v", tok, err, tt.token)
				}
			}
		})
	}

	t.Run("v4 FAIL without a code is a failure", func(t *testing.T) {
		if _, err := decodeV4([]byte(`{"ActionStatus":"FAIL","ErrorInfo":"x"}`)); err == nil || errors.Is(err, ErrMalformedResponse) {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("unknown fields are ignored", func(t *testing.T) {
		env, err := decodeV4([]byte(`{"ActionStatus":"OK","ErrorCode":0,"RequestId":"r","Extra":{"a":[1]},"Response":{"Url":"u","CallbackCommandList":[],"New":true}}`))
		if err != nil {
			t.Fatal(err)
		}
		if cfg, err := decodeCallback(FamilyV4, env.Payload); err != nil || cfg.URL != "u" || len(cfg.Commands) != 0 || cfg.Commands == nil {
			t.Errorf("got %+v, %v", cfg, err)
		}
		if _, err := decodeV1([]byte(`{"errorCode":0,"errorMessage":"Success","requestId":"r","data":"","more":1}`)); err != nil {
			t.Error(err)
		}
	})
	t.Run("malformed answers", func(t *testing.T) {
		for _, body := range []string{"", "<html>", "null", "[]", `{}`, `{"ActionStatus":"OK"`, `{"ErrorCode":"0","ActionStatus":"OK"}`, sampleV4OK + "{}"} {
			if _, err := decodeV4([]byte(body)); !errors.Is(err, ErrMalformedResponse) {
				t.Errorf("v4 %q: err = %v", body, err)
			}
		}
		for _, body := range []string{"", "<html>", `{}`, `{"errorMessage":"Success"}`, sampleV1Get[:40]} {
			if _, err := decodeV1([]byte(body)); !errors.Is(err, ErrMalformedResponse) {
				t.Errorf("v1 %q: err = %v", body, err)
			}
		}
		if _, err := decodeCallback(FamilyV1, json.RawMessage(`"http://x"`)); !errors.Is(err, ErrMalformedResponse) {
			t.Errorf("v1 get with string data: %v", err)
		}
	})
}

// checkDecoded asserts the invariants shared by both decoders.
func checkDecoded(t *testing.T, family string, body []byte, env envelope, err error) {
	if err == nil && !json.Valid(body) {
		t.Fatalf("accepted invalid JSON %q", body)
	}
	if errors.Is(err, ErrMalformedResponse) {
		if env.Code != 0 || env.RequestID != "" {
			t.Fatalf("malformed answer with fields %+v", env)
		}
		if !IsRetryable(&APIError{Family: family, HTTPStatus: 200, Err: err}) {
			t.Fatal("malformed answer not retryable")
		}
	}
	if err == nil && env.Code == 0 && env.Payload != nil {
		// Reading a payload must never panic, whatever its shape.
		_, _ = decodeCallback(family, env.Payload)
		if family == FamilyV4 {
			_, _ = decodeToken(env.Payload)
		}
	}
	e := &APIError{Family: family, Path: "p", Code: env.Code, Message: env.Message, RequestID: env.RequestID, HTTPStatus: 200, Err: err}
	_ = e.Error()
}

func FuzzDecodeV4Response(f *testing.F) {
	for _, s := range []string{sampleV4OK, sampleV4GetCall, sampleV4GetToken, v4Fail(100300, "exists", "Id-1"), v4Fail(100301, "", ""), `{"ActionStatus":"FAIL"}`, "<html>", ""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		env, err := decodeV4(body)
		checkDecoded(t, FamilyV4, body, env, err)
		env2, err2 := decodeV4(body)
		if !reflect.DeepEqual(env, env2) || (err == nil) != (err2 == nil) {
			t.Fatal("decoding is not deterministic")
		}
	})
}

func FuzzDecodeV1Response(f *testing.F) {
	for _, s := range []string{sampleV1Set, sampleV1Get, sampleV1Update, sampleV1Delete, v1Fail(999, "no config", "r"), `{"errorCode":0}`, "<html>", ""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		env, err := decodeV1(body)
		checkDecoded(t, FamilyV1, body, env, err)
		if err == nil && !errors.Is(err, ErrMalformedResponse) {
			var probe struct {
				ErrorCode *int `json:"errorCode"`
			}
			if json.Unmarshal(body, &probe) != nil || probe.ErrorCode == nil || *probe.ErrorCode != env.Code {
				t.Fatalf("accepted %q with code %d", body, env.Code)
			}
		}
	})
}
