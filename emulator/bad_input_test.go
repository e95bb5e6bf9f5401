package emulator

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

// TestBadInputV1AndToken complements TestV4BodyValidation: the legacy v1
// bodies, the Live token body and query strings that do not parse get the
// documented codes, and nothing invalid is stored.
func TestBadInputV1AndToken(t *testing.T) {
	e := newTestEmulator(t, func(o *Options) { o.MaxBodyBytes = 1024 })
	q := validQuery(t)
	v1 := []struct {
		name, path, body string
		code             int
	}{
		{"malformed JSON", "/v1/callback/set", `{"address":`, codeV1InvalidParam},
		{"empty body", "/v1/callback/get", ``, codeV1InvalidParam},
		{"array body", "/v1/callback/set", `["https://a.example"]`, codeV1InvalidParam},
		{"string body", "/v1/callback/set", `"https://a.example"`, codeV1InvalidParam},
		{"address wrong type", "/v1/callback/set", `{"address":1,"actions":["cancel"]}`, codeV1InvalidParam},
		{"actions wrong type", "/v1/callback/set", `{"address":"https://a.example","actions":"cancel"}`, codeV1InvalidParam},
		{"actions of numbers", "/v1/callback/set", `{"address":"https://a.example","actions":[1,2]}`, codeV1InvalidParam},
		{"missing address", "/v1/callback/set", `{"actions":["cancel"]}`, codeV1InvalidParam},
		{"ftp address", "/v1/callback/set", `{"address":"ftp://a.example","actions":["cancel"]}`, codeV1InvalidParam},
		{"no actions", "/v1/callback/set", `{"address":"https://a.example","actions":[]}`, codeV1InvalidParam},
		{"v4 word on v1", "/v1/callback/set", `{"address":"https://a.example","actions":["Call.CallbackAfterStartCall"]}`, codeV1InvalidParam},
		{"upper-case keys", "/v1/callback/set", `{"Address":"https://a.example","Actions":["cancel"]}`, codeV1InvalidParam},
		{"body over the limit", "/v1/callback/set", `{"address":"https://a.example/` + strings.Repeat("a", 2000) + `","actions":["cancel"]}`, codeV1InvalidParam},
		{"update without config", "/v1/callback/update", `{"address":"https://a.example","actions":["cancel"]}`, codeV1NotFound},
	}
	for _, tt := range v1 {
		t.Run("v1 "+tt.name, func(t *testing.T) {
			if r := callV1(t, e, tt.path, q, tt.body); r.ErrorCode != tt.code || r.ErrorMessage == "" {
				t.Fatalf("code %d (%q), want %d with a message", r.ErrorCode, r.ErrorMessage, tt.code)
			}
		})
	}
	if c, found := e.Config(testAppID, catalog.CallKit); found {
		t.Errorf("an invalid v1 body was stored: %+v", c)
	}

	token := []struct {
		name, body string
		code       int
	}{
		{"first setup without IsTokenEnable", `{"Token":"abc"}`, codeV4InvalidParam},
		{"first setup without Token", `{"IsTokenEnable":true}`, codeV4InvalidParam},
		{"Token a number", `{"Token":123,"IsTokenEnable":true}`, codeV4InvalidParam},
		{"IsTokenEnable a string", `{"Token":"abc","IsTokenEnable":"yes"}`, codeV4InvalidParam},
		{"empty Token", `{"Token":"","IsTokenEnable":true}`, codeV4InvalidParam},
		{"Token over 128 characters", `{"Token":"` + strings.Repeat("t", 129) + `","IsTokenEnable":true}`, codeV4InvalidParam},
		{"malformed JSON", `{"Token":"abc",`, codeV4BadJSON},
	}
	for _, tt := range token {
		t.Run("token "+tt.name, func(t *testing.T) {
			if r := callV4(t, e, "/v4/live_config/set_callback_token", q, tt.body); r.ErrorCode != tt.code {
				t.Fatalf("code %d (%q), want %d", r.ErrorCode, r.ErrorInfo, tt.code)
			}
		})
	}
	if tok, found := e.LiveToken(testAppID); found {
		t.Errorf("an invalid token body was stored: %+v", tok)
	}

	// A query string that does not parse: 60002 on v4, 70001 on v1.
	for path, code := range map[string]int{"/v4/call_config/get_callback": codeV4BadHTTP, "/v1/callback/get": codeV1InvalidParam} {
		w := serve(e, http.MethodPost, path+"?sdkappid=1400000001&usersig=%zz&random=1;x", nil, `{}`)
		var r struct {
			V4 int `json:"ErrorCode"`
			V1 int `json:"errorCode"`
		}
		if err := json.Unmarshal(w.Body.Bytes(), &r); err != nil || w.Code != http.StatusOK || r.V4+r.V1 != code {
			t.Errorf("%s with a bad query: HTTP %d %s, want 200 with code %d", path, w.Code, w.Body, code)
		}
	}
}

// TestBadInputHugeBodies sends bodies far above the limit over a real
// connection: the emulator answers with the documented code without reading
// them whole, and keeps serving.
func TestBadInputHugeBodies(t *testing.T) {
	s := newTestServer(t)
	q := validQuery(t).Encode()
	huge := `{"Url":"https://a.example/` + strings.Repeat("a", 8<<20) + `","CallbackCommandList":["Call.CallbackAfterStartCall"]}`
	for path, code := range map[string]int{"/v4/call_config/set_callback": codeV4BadHTTP, "/v1/callback/set": codeV1InvalidParam} {
		status, body, err := httpPost(t, http.DefaultClient, s.URL+path+"?"+q, huge)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		var r struct {
			V4 int `json:"ErrorCode"`
			V1 int `json:"errorCode"`
		}
		if err := json.Unmarshal(body, &r); err != nil || status != http.StatusOK || r.V4+r.V1 != code {
			t.Errorf("%s with 8 MiB: HTTP %d %.200s, want 200 with code %d", path, status, body, code)
		}
	}
	status, body, err := httpPost(t, http.DefaultClient, s.URL+"/v4/call_config/get_callback?"+q, `{}`)
	if err != nil || status != http.StatusOK || !strings.Contains(string(body), `"ErrorCode":100301`) {
		t.Fatalf("the emulator does not serve after huge bodies: %d %s %v", status, body, err)
	}
}
