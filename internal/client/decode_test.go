package client

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

func TestDecodeSamples(t *testing.T) {
	t.Run("v4 success envelope", func(t *testing.T) {
		env, err := decodeV4([]byte(sampleV4OK))
		if err != nil {
			t.Fatal(err)
		}
		want := envelope{RequestID: "Id-8c9858f01e954611ae2d4c1b1ed7d583-O-Seq-52720"}
		if !reflect.DeepEqual(env, want) {
			t.Errorf("got %+v", env)
		}
	})
	t.Run("v4 get with Response", func(t *testing.T) {
		env, err := decodeV4([]byte(sampleV4GetCall))
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := decodeCallback(FamilyV4, env.Payload)
		if err != nil {
			t.Fatal(err)
		}
		want := &CallbackConfig{URL: "http://www.example.com/callback", Commands: []string{"Call.CallbackAfterStartCall", "Call.CallbackAfterEndCall"}}
		if !reflect.DeepEqual(cfg, want) {
			t.Errorf("got %+v", cfg)
		}
	})
	t.Run("v4 token get", func(t *testing.T) {
		env, err := decodeV4([]byte(sampleV4GetToken))
		if err != nil {
			t.Fatal(err)
		}
		tok, err := decodeToken(env.Payload)
		if err != nil || *tok != (LiveCallbackToken{Token: "xxxxyyyy", Enabled: true}) {
			t.Errorf("got %+v, %v", tok, err)
		}
	})
	t.Run("v4 failure", func(t *testing.T) {
		env, err := decodeV4([]byte(v4Fail(100301, "no config", "Id-1")))
		if err != nil || env.Code != 100301 || env.Message != "no config" || env.RequestID != "Id-1" {
			t.Errorf("got %+v, %v", env, err)
		}
	})
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
	t.Run("v1 set, update and delete", func(t *testing.T) {
		for body, want := range map[string]envelope{
			sampleV1Set:    {Message: "Success", RequestID: "a1d8543a9b1daef5d0f0c21517a4bc0a", Payload: json.RawMessage(`"http://www.example.com/callback"`)},
			sampleV1Update: {Message: "Success", RequestID: "355c3c394f0602ed81a13c34999abebc", Payload: json.RawMessage(`"https://www.example2.com/callback"`)},
			sampleV1Delete: {Message: "Success", RequestID: "5b0fa500064397cad3554506e27e18e1", Payload: json.RawMessage(`""`)},
		} {
			env, err := decodeV1([]byte(body))
			if err != nil || !reflect.DeepEqual(env, want) {
				t.Errorf("%s: got %+v, %v", body, env, err)
			}
		}
	})
	t.Run("v1 get", func(t *testing.T) {
		env, err := decodeV1([]byte(sampleV1Get))
		if err != nil || env.RequestID != "355c3c394f0602ed81a13c34999abebb" {
			t.Fatalf("got %+v, %v", env, err)
		}
		cfg, err := decodeCallback(FamilyV1, env.Payload)
		want := &CallbackConfig{URL: "http://www.example.com/callback", Commands: []string{"call_busy", "normal_end"}}
		if err != nil || !reflect.DeepEqual(cfg, want) {
			t.Errorf("got %+v, %v", cfg, err)
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
