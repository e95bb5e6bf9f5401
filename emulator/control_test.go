package emulator

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

func TestControlLoopbackOnly(t *testing.T) {
	e := newTestEmulator(t, nil)
	for _, remote := range []string{"192.0.2.1:1234", "10.0.0.5:80", "[2001:db8::1]:443", "garbage"} {
		r := httptest.NewRequest(http.MethodGet, "/emulator/stats", nil)
		r.RemoteAddr = remote
		w := httptest.NewRecorder()
		e.ServeHTTP(w, r)
		if w.Code != http.StatusForbidden || !json.Valid(w.Body.Bytes()) {
			t.Errorf("%s: HTTP %d %s, want a JSON 403", remote, w.Code, w.Body)
		}
	}
	for _, remote := range []string{"127.0.0.1:1234", "[::1]:1234", "127.0.0.2:9"} {
		r := httptest.NewRequest(http.MethodGet, "/emulator/stats", nil)
		r.RemoteAddr = remote
		w := httptest.NewRecorder()
		e.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			t.Errorf("%s: HTTP %d, want 200", remote, w.Code)
		}
	}
}

func ctl(t *testing.T, e http.Handler, method, path, body string, wantStatus int) []byte {
	t.Helper()
	w := serve(e, method, path, nil, body)
	if w.Code != wantStatus {
		t.Fatalf("%s %s: HTTP %d %s, want %d", method, path, w.Code, w.Body, wantStatus)
	}
	if w.Code != http.StatusNoContent && !json.Valid(w.Body.Bytes()) {
		t.Fatalf("%s %s: body is not JSON: %s", method, path, w.Body)
	}
	return w.Body.Bytes()
}

func TestControlAPI(t *testing.T) {
	e := newTestEmulator(t, nil)
	const cfg = "/emulator/apps/1400000001/config/"

	ctl(t, e, "GET", cfg+"live", "", 404)
	ctl(t, e, "PUT", cfg+"live", `{"url":"https://a.example/cb","callback_commands":["Live.CallbackAfterCreateRoom"]}`, 200)
	if c, ok := e.Config(testAppID, catalog.Live); !ok || c.URL != "https://a.example/cb" {
		t.Fatalf("PUT not stored: %+v", c)
	}
	var got CallbackConfig
	_ = json.Unmarshal(ctl(t, e, "GET", cfg+"live", "", 200), &got)
	if got.URL != "https://a.example/cb" || len(got.Commands) != 1 {
		t.Fatalf("GET config = %+v", got)
	}
	// The API sees the out-of-band change.
	if r := callV4(t, e, "/v4/live_config/get_callback", validQuery(t), `{}`); r.ErrorCode != 0 {
		t.Fatalf("API get after control PUT: %d", r.ErrorCode)
	}
	for _, bad := range []string{
		`{"url":"ftp://a.example","callback_commands":["Live.CallbackAfterCreateRoom"]}`,
		`{"url":"https://a.example","callback_commands":["Call.CallbackAfterStartCall"]}`,
		`{"url":"https://a.example","callback_commands":[]}`,
		`{"url":"https://a.example","commands":["Live.CallbackAfterCreateRoom"]}`, // unknown field
		`{"url":`,
	} {
		b := ctl(t, e, "PUT", cfg+"live", bad, 400)
		if !strings.Contains(string(b), `"error"`) {
			t.Errorf("PUT %s: no error text: %s", bad, b)
		}
	}
	ctl(t, e, "PUT", cfg+"chat", `{"url":"https://a.example","callback_commands":["x"]}`, 400)
	ctl(t, e, "GET", "/emulator/apps/1400000009/config/call", "", 404)
	ctl(t, e, "GET", "/emulator/apps/abc/config/call", "", 400)
	ctl(t, e, "DELETE", cfg+"live", "", 204)
	if _, ok := e.Config(testAppID, catalog.Live); ok {
		t.Fatal("DELETE did not remove the config")
	}
	ctl(t, e, "POST", cfg+"live", "{}", 405)

	// Live token.
	const tok = "/emulator/apps/1400000001/live-token"
	ctl(t, e, "GET", tok, "", 404)
	ctl(t, e, "PUT", tok, `{"token":"","enabled":true}`, 400)
	ctl(t, e, "PUT", tok, `{"token":"xxxxyyyy","enabled":true}`, 200)
	var lt LiveToken
	_ = json.Unmarshal(ctl(t, e, "GET", tok, "", 200), &lt)
	if lt != (LiveToken{"xxxxyyyy", true}) {
		t.Fatalf("GET token = %+v", lt)
	}
	ctl(t, e, "DELETE", tok, "", 204)
	if _, ok := e.LiveToken(testAppID); ok {
		t.Fatal("DELETE did not remove the token")
	}

	// Apps.
	ctl(t, e, "POST", "/emulator/apps", `{"sdkappid":1400000003,"secret_key":"k3","identifier":"boss"}`, 201)
	ctl(t, e, "POST", "/emulator/apps", `{"sdkappid":0,"secret_key":"k3"}`, 400)
	ctl(t, e, "POST", "/emulator/apps", `{"sdkappid":1400000004}`, 400)
	q := validQuery(t)
	q.Set("sdkappid", "1400000003")
	q.Set("identifier", "boss")
	q.Set("usersig", mintSig(t, 1400000003, "k3", "boss", 3600))
	if r := callV4(t, e, "/v4/room_config/get_callback", q, `{}`); r.ErrorCode != codeV4NotFound {
		t.Fatalf("added app: code %d, want 100301", r.ErrorCode)
	}
	if b := ctl(t, e, "GET", "/emulator/apps", "", 200); strings.Contains(string(b), "k3") {
		t.Fatalf("app list shows a secret: %s", b)
	}

	// Faults.
	ctl(t, e, "POST", "/emulator/faults", `{"kind":"delay","delay_ms":20,"count":3}`, 201)
	if f := e.Faults(); len(f) != 1 || f[0].Delay.Milliseconds() != 20 || f[0].Count != 3 {
		t.Fatalf("faults = %+v", f)
	}
	ctl(t, e, "POST", "/emulator/faults", `{"kind":"explode"}`, 400)
	ctl(t, e, "POST", "/emulator/faults", `{"kind":"error_code"}`, 400)
	ctl(t, e, "GET", "/emulator/faults", "", 200)
	ctl(t, e, "DELETE", "/emulator/faults", "", 204)
	if len(e.Faults()) != 0 {
		t.Fatal("DELETE /emulator/faults left faults")
	}

	// Stats.
	var st Stats
	_ = json.Unmarshal(ctl(t, e, "GET", "/emulator/stats", "", 200), &st)
	if st.Total != 2 || st.Requests["/v4/live_config/get_callback"] != 1 || st.Requests["/v4/room_config/get_callback"] != 1 {
		t.Fatalf("stats = %+v", st)
	}
	ctl(t, e, "DELETE", "/emulator/stats", "", 204)
	if e.Stats().Total != 0 {
		t.Fatal("stats not reset")
	}

	// State never shows secret keys.
	e.PutLiveToken(testAppID, LiveToken{Token: "tok", Enabled: true})
	b := ctl(t, e, "GET", "/emulator/state", "", 200)
	for _, secret := range []string{testAppKey, testApp2Key, "k3"} {
		if strings.Contains(string(b), secret) {
			t.Fatalf("state shows a secret key: %s", b)
		}
	}
	if !strings.Contains(string(b), `"tok"`) || !strings.Contains(string(b), "1400000003") {
		t.Fatalf("state lacks apps or tokens: %s", b)
	}

	ctl(t, e, "GET", "/emulator/nope", "", 404)
	ctl(t, e, "POST", "/emulator/trigger", `{"sdkappid":1400000009,"command":"Call.CallbackAfterStartCall"}`, 404)
	ctl(t, e, "POST", "/emulator/trigger", `{"sdkappid":1400000001,"command":"Nope"}`, 400)
	ctl(t, e, "POST", "/emulator/trigger", `{"sdkappid":1400000001,"command":"Call.CallbackAfterStartCall","body":[1]}`, 400)
	var d Delivery
	_ = json.Unmarshal(ctl(t, e, "POST", "/emulator/trigger", `{"sdkappid":1400000001,"command":"Call.CallbackAfterStartCall"}`, 200), &d)
	if d.Delivered || d.Reason == "" {
		t.Fatalf("trigger without config: %+v", d)
	}
}

func TestGoAPIValidation(t *testing.T) {
	e := newTestEmulator(t, nil)
	if err := e.PutConfig(testAppID, "chat", CallbackConfig{URL: "https://a.example", Commands: []string{"x"}}); err == nil {
		t.Error("unknown product accepted")
	}
	if err := e.PutConfig(testAppID, catalog.Room, CallbackConfig{URL: "https://a.example", Commands: []string{"Room.CallbackAfterCreateRoom"}}); err != nil {
		t.Errorf("valid config refused: %v", err)
	}
	if _, err := New(Options{Apps: []App{{SDKAppID: 1}}}); err == nil {
		t.Error("New accepted an app without a key")
	}
}
