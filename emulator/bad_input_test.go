package emulator

import (
	"net/http"
	"strings"
	"testing"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

// TestBadInputBodies sends malformed, mistyped and invalid bodies to both
// families and to the Live token verb: each gets its family's documented
// code with a message, and nothing invalid is stored.
func TestBadInputBodies(t *testing.T) {
	e := newTestEmulator(t, func(o *Options) { o.MaxBodyBytes = 1024 })
	q := validQuery(t)
	tests := []struct {
		name, path, body string
		code             int
	}{
		{"malformed JSON", "/v4/call_config/set_callback", `{"Url":`, codeV4BadJSON},
		{"empty body", "/v4/call_config/get_callback", ``, codeV4BadJSON},
		{"array body", "/v4/call_config/get_callback", `[]`, codeV4InvalidParam},
		{"Url wrong type", "/v4/call_config/set_callback", `{"Url":1,"CallbackCommandList":["Call.CallbackAfterStartCall"]}`, codeV4InvalidParam},
		{"list wrong type", "/v4/call_config/set_callback", `{"Url":"https://a.example","CallbackCommandList":"Call.CallbackAfterStartCall"}`, codeV4InvalidParam},
		{"missing Url", "/v4/call_config/set_callback", `{"CallbackCommandList":["Call.CallbackAfterStartCall"]}`, codeV4InvalidParam},
		{"lower-case key is not Url", "/v4/call_config/set_callback", `{"url":"https://a.example","CallbackCommandList":["Call.CallbackAfterStartCall"]}`, codeV4InvalidParam},
		{"ftp Url", "/v4/call_config/set_callback", configBody("ftp://a.example", "Call.CallbackAfterStartCall"), codeV4InvalidParam},
		{"Url without scheme", "/v4/live_config/set_callback", configBody("a.example/cb", "Live.CallbackAfterCreateRoom"), codeV4InvalidParam},
		{"Url without host", "/v4/live_config/set_callback", configBody("https://", "Live.CallbackAfterCreateRoom"), codeV4InvalidParam},
		{"empty list", "/v4/room_config/set_callback", configBody("https://a.example"), codeV4InvalidParam},
		{"unknown word", "/v4/call_config/set_callback", configBody("https://a.example", "Call.CallbackAfterNothing"), codeV4InvalidParam},
		{"word of another product", "/v4/call_config/set_callback", configBody("https://a.example", "Live.CallbackAfterCreateRoom"), codeV4InvalidParam},
		{"room word on live", "/v4/live_config/set_callback", configBody("https://a.example", "Room.CallbackAfterCreateRoom"), codeV4InvalidParam},
		{"body over the limit", "/v4/call_config/set_callback", configBody("https://a.example/"+strings.Repeat("a", 2000), "Call.CallbackAfterStartCall"), codeV4BadHTTP},
		{"unknown verb", "/v4/call_config/create_callback", configBody("https://a.example", "Call.CallbackAfterStartCall"), codeV4BadResource},
		{"unknown service", "/v4/chat_config/get_callback", `{}`, codeV4BadResource},
		{"null body is {}", "/v4/call_config/delete_callback", `null`, 0},
		{"unknown fields ignored", "/v4/call_config/set_callback", `{"Url":"https://a.example","CallbackCommandList":["Call.CallbackAfterStartCall"],"Extra":1}`, 0},
		{"v1 malformed JSON", "/v1/callback/set", `{"address":`, codeV1InvalidParam},
		{"v1 empty body", "/v1/callback/get", ``, codeV1InvalidParam},
		{"v1 array body", "/v1/callback/set", `["https://a.example"]`, codeV1InvalidParam},
		{"v1 string body", "/v1/callback/set", `"https://a.example"`, codeV1InvalidParam},
		{"v1 address wrong type", "/v1/callback/set", `{"address":1,"actions":["cancel"]}`, codeV1InvalidParam},
		{"v1 actions wrong type", "/v1/callback/set", `{"address":"https://a.example","actions":"cancel"}`, codeV1InvalidParam},
		{"v1 actions of numbers", "/v1/callback/set", `{"address":"https://a.example","actions":[1,2]}`, codeV1InvalidParam},
		{"v1 missing address", "/v1/callback/set", `{"actions":["cancel"]}`, codeV1InvalidParam},
		{"v1 ftp address", "/v1/callback/set", `{"address":"ftp://a.example","actions":["cancel"]}`, codeV1InvalidParam},
		{"v1 no actions", "/v1/callback/set", `{"address":"https://a.example","actions":[]}`, codeV1InvalidParam},
		{"v1 v4 word on v1", "/v1/callback/set", `{"address":"https://a.example","actions":["Call.CallbackAfterStartCall"]}`, codeV1InvalidParam},
		{"v1 upper-case keys", "/v1/callback/set", `{"Address":"https://a.example","Actions":["cancel"]}`, codeV1InvalidParam},
		{"v1 body over the limit", "/v1/callback/set", `{"address":"https://a.example/` + strings.Repeat("a", 2000) + `","actions":["cancel"]}`, codeV1InvalidParam},
		{"v1 update without config", "/v1/callback/update", `{"address":"https://a.example","actions":["cancel"]}`, codeV1NotFound},
		{"token first setup without IsTokenEnable", "/v4/live_config/set_callback_token", `{"Token":"abc"}`, codeV4InvalidParam},
		{"token first setup without Token", "/v4/live_config/set_callback_token", `{"IsTokenEnable":true}`, codeV4InvalidParam},
		{"token Token a number", "/v4/live_config/set_callback_token", `{"Token":123,"IsTokenEnable":true}`, codeV4InvalidParam},
		{"token IsTokenEnable a string", "/v4/live_config/set_callback_token", `{"Token":"abc","IsTokenEnable":"yes"}`, codeV4InvalidParam},
		{"token empty Token", "/v4/live_config/set_callback_token", `{"Token":"","IsTokenEnable":true}`, codeV4InvalidParam},
		{"token Token over 128 characters", "/v4/live_config/set_callback_token", `{"Token":"` + strings.Repeat("t", 129) + `","IsTokenEnable":true}`, codeV4InvalidParam},
		{"token malformed JSON", "/v4/live_config/set_callback_token", `{"Token":"abc",`, codeV4BadJSON},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if code, msg := callAny(t, e, tt.path, q, tt.body); code != tt.code {
				t.Fatalf("code %d (%q), want %d", code, msg, tt.code)
			}
		})
	}
	if c, found := e.Config(testAppID, catalog.Call); !found || c.URL != "https://a.example" {
		t.Errorf("only the valid set should be stored, got %+v", c)
	}
	if c, found := e.Config(testAppID, catalog.CallKit); found {
		t.Errorf("an invalid v1 body was stored: %+v", c)
	}
	if tok, found := e.LiveToken(testAppID); found {
		t.Errorf("an invalid token body was stored: %+v", tok)
	}
}

// TestBadInputQuery: a query string that does not parse is 60002 on v4 and
// 70001 on v1.
func TestBadInputQuery(t *testing.T) {
	e := newTestEmulator(t, nil)
	for _, tt := range []struct {
		f    family
		path string
		code int
	}{{familyV4, "/v4/call_config/get_callback", codeV4BadHTTP}, {familyV1, "/v1/callback/get", codeV1InvalidParam}} {
		w := serve(e, http.MethodPost, tt.path+"?sdkappid=1400000001&usersig=%zz&random=1;x", nil, `{}`)
		if code, ok := answerCode(tt.f, w.Body.Bytes()); !ok || w.Code != http.StatusOK || code != tt.code {
			t.Errorf("%s with a bad query: HTTP %d %s, want 200 with code %d", tt.path, w.Code, w.Body, tt.code)
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
	for _, tt := range []struct {
		f    family
		path string
		code int
	}{{familyV4, "/v4/call_config/set_callback", codeV4BadHTTP}, {familyV1, "/v1/callback/set", codeV1InvalidParam}} {
		status, body, err := httpPost(t, http.DefaultClient, s.URL+tt.path+"?"+q, huge)
		if err != nil {
			t.Fatalf("%s: %v", tt.path, err)
		}
		if code, ok := answerCode(tt.f, body); !ok || status != http.StatusOK || code != tt.code {
			t.Errorf("%s with 8 MiB: HTTP %d %.200s, want 200 with code %d", tt.path, status, body, tt.code)
		}
	}
	status, body, err := httpPost(t, http.DefaultClient, s.URL+"/v4/call_config/get_callback?"+q, `{}`)
	if err != nil || status != http.StatusOK || !strings.Contains(string(body), `"ErrorCode":100301`) {
		t.Fatalf("the emulator does not serve after huge bodies: %d %s %v", status, body, err)
	}
}
