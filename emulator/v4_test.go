package emulator

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/wire"
)

var (
	requestIDPattern   = regexp.MustCompile(`^Id-[0-9a-f]{32}-O-Seq-[0-9]+$`)
	v1RequestIDPattern = regexp.MustCompile(`^[0-9a-f]{32}$`)
)

func configBody(url string, words ...string) string {
	b, _ := json.Marshal(map[string]any{"Url": url, "CallbackCommandList": words})
	return string(b)
}

// TestV4ConfigLifecycle walks every config verb of every v4 product through
// the documented semantics.
func TestV4ConfigLifecycle(t *testing.T) {
	tests := []struct {
		product       catalog.Product
		words         []string
		setOverwrites bool
		hasUpdate     bool
	}{
		{catalog.Call, []string{"Call.CallbackAfterStartCall", "Call.CallbackAfterEndCall"}, true, false},
		{catalog.Live, []string{"Live.CallbackAfterCreateRoom", "Mic.CallbackAfterSeatInfoChanged"}, false, true},
		{catalog.Room, []string{"Room.CallbackAfterMemberLeave", "Room.CallbackUpdateRoomInfo"}, false, true},
	}
	for _, tt := range tests {
		t.Run(string(tt.product), func(t *testing.T) {
			e := newTestEmulator(t, nil)
			q := validQuery(t)
			base := "/v4/" + catalog.Describe(tt.product).Service + "/"

			if r := callV4(t, e, base+"get_callback", q, `{}`); r.ErrorCode != codeV4NotFound {
				t.Fatalf("get before set: code %d, want 100301", r.ErrorCode)
			}
			if tt.hasUpdate {
				if r := callV4(t, e, base+"update_callback", q, configBody("https://a.example/cb", tt.words...)); r.ErrorCode != codeV4NotFound {
					t.Fatalf("update before set: code %d, want 100301", r.ErrorCode)
				}
			}
			r := callV4(t, e, base+"set_callback", q, configBody("https://a.example/cb", tt.words...))
			if r.ErrorCode != 0 || r.Response != nil {
				t.Fatalf("set: %+v, want OK without Response", r)
			}
			r = callV4(t, e, base+"get_callback", q, `{}`)
			var got wire.V4Callback
			if err := json.Unmarshal(r.Response, &got); err != nil || r.ErrorCode != 0 {
				t.Fatalf("get: %+v (%v)", r, err)
			}
			if got.URL != "https://a.example/cb" || !slices.Equal(got.Commands, tt.words) {
				t.Fatalf("get Response = %+v", got)
			}

			r = callV4(t, e, base+"set_callback", q, configBody("http://b.example/cb", tt.words[0]))
			if tt.setOverwrites {
				if r.ErrorCode != 0 {
					t.Fatalf("second set of an upsert product: code %d", r.ErrorCode)
				}
				if c, _ := e.Config(testAppID, tt.product); c.URL != "http://b.example/cb" {
					t.Fatalf("second set did not overwrite: %+v", c)
				}
			} else if r.ErrorCode != codeV4Exists {
				t.Fatalf("second set: code %d, want 100300", r.ErrorCode)
			}

			updatePath := base + "update_callback"
			r = callV4(t, e, updatePath, q, configBody("http://c.example/cb", tt.words[0]))
			if tt.hasUpdate {
				if r.ErrorCode != 0 {
					t.Fatalf("update: code %d", r.ErrorCode)
				}
				if c, _ := e.Config(testAppID, tt.product); c.URL != "http://c.example/cb" || len(c.Commands) != 1 {
					t.Fatalf("update not applied: %+v", c)
				}
			} else if r.ErrorCode != codeV4BadResource {
				t.Fatalf("call_config/update_callback: code %d, want 60009 (no such verb)", r.ErrorCode)
			}

			for range 2 { // the second delete meets a missing config and still succeeds
				if r := callV4(t, e, base+"delete_callback", q, `{}`); r.ErrorCode != 0 {
					t.Fatalf("delete: code %d", r.ErrorCode)
				}
			}
			if _, found := e.Config(testAppID, tt.product); found {
				t.Fatal("config still stored after delete")
			}
			if r := callV4(t, e, base+"get_callback", q, `{}`); r.ErrorCode != codeV4NotFound {
				t.Fatalf("get after delete: code %d, want 100301", r.ErrorCode)
			}
		})
	}
}

func TestV4ProductsAreIndependentPerApp(t *testing.T) {
	e := newTestEmulator(t, nil)
	q := validQuery(t)
	callV4(t, e, "/v4/live_config/set_callback", q, configBody("https://a.example", "Live.CallbackAfterCreateRoom"))
	if r := callV4(t, e, "/v4/room_config/get_callback", q, `{}`); r.ErrorCode != codeV4NotFound {
		t.Errorf("room sees live's config: %d", r.ErrorCode)
	}
	if _, found := e.Config(testApp2ID, catalog.Live); found {
		t.Error("app 2 sees app 1's config")
	}
}

func TestV4LiveToken(t *testing.T) {
	e := newTestEmulator(t, nil)
	q := validQuery(t)
	const p = "/v4/live_config/"
	steps := []struct {
		name, path, body string
		code             int
		want             *LiveToken // stored token after the step; nil = none
	}{
		{"get missing", "get_callback_token", `{}`, codeV4TokenNotFound, nil},
		{"first set needs both fields", "set_callback_token", `{"Token":"abc"}`, codeV4InvalidParam, nil},
		{"first set needs both fields (2)", "set_callback_token", `{"IsTokenEnable":true}`, codeV4InvalidParam, nil},
		{"empty token", "set_callback_token", `{"Token":"","IsTokenEnable":true}`, codeV4InvalidParam, nil},
		{"token too long", "set_callback_token", `{"Token":"` + strings.Repeat("x", 129) + `","IsTokenEnable":true}`, codeV4InvalidParam, nil},
		{"wrong type", "set_callback_token", `{"Token":"abc","IsTokenEnable":"yes"}`, codeV4InvalidParam, nil},
		{"first set", "set_callback_token", `{"Token":"` + strings.Repeat("t", 128) + `","IsTokenEnable":true}`, 0, &LiveToken{strings.Repeat("t", 128), true}},
		{"partial: enabled only", "set_callback_token", `{"IsTokenEnable":false}`, 0, &LiveToken{strings.Repeat("t", 128), false}},
		{"partial: token only", "set_callback_token", `{"Token":"xxxxyyyy"}`, 0, &LiveToken{"xxxxyyyy", false}},
		{"get", "get_callback_token", `{}`, 0, &LiveToken{"xxxxyyyy", false}},
		{"delete", "delete_callback_token", `{}`, 0, nil},
		{"delete missing", "delete_callback_token", `{}`, 0, nil},
		{"get after delete", "get_callback_token", `{}`, codeV4TokenNotFound, nil},
	}
	for _, s := range steps {
		r := callV4(t, e, p+s.path, q, s.body)
		if r.ErrorCode != s.code {
			t.Fatalf("%s: code %d (%s), want %d", s.name, r.ErrorCode, r.ErrorInfo, s.code)
		}
		got, found := e.LiveToken(testAppID)
		if (s.want == nil) == found || (s.want != nil && got != *s.want) {
			t.Fatalf("%s: stored token %+v (found %v), want %+v", s.name, got, found, s.want)
		}
		if s.path == "get_callback_token" && s.code == 0 {
			var resp wire.V4Token
			if err := json.Unmarshal(r.Response, &resp); err != nil || resp.Token != "xxxxyyyy" || resp.Enabled {
				t.Fatalf("%s: Response %s", s.name, r.Response)
			}
		}
	}
	for _, path := range []string{"/v4/room_config/get_callback_token", "/v4/call_config/set_callback_token"} {
		if r := callV4(t, e, path, q, `{}`); r.ErrorCode != codeV4BadResource {
			t.Errorf("%s: code %d, want 60009 (token verbs are Live only)", path, r.ErrorCode)
		}
	}
}

func TestNonPOSTAndUnknownPaths(t *testing.T) {
	e := newTestEmulator(t, nil)
	q := validQuery(t)
	for _, m := range []string{http.MethodGet, http.MethodPut, http.MethodDelete} {
		w := serve(e, m, "/v4/call_config/get_callback", q, `{}`)
		var r v4Resp
		if err := json.Unmarshal(w.Body.Bytes(), &r); err != nil || w.Code != 200 || r.ErrorCode != codeV4BadHTTP {
			t.Errorf("%s v4: HTTP %d code %d, want 200/60002", m, w.Code, r.ErrorCode)
		}
		w = serve(e, m, "/v1/callback/get", q, `{}`)
		var r1 v1Resp
		if err := json.Unmarshal(w.Body.Bytes(), &r1); err != nil || w.Code != 200 || r1.ErrorCode != codeV1InvalidParam {
			t.Errorf("%s v1: HTTP %d code %d, want 200/70001", m, w.Code, r1.ErrorCode)
		}
	}
	if w := serve(e, http.MethodPost, "/nope", q, `{}`); w.Code != http.StatusNotFound {
		t.Errorf("/nope: HTTP %d, want 404", w.Code)
	}
	if r := callV1(t, e, "/v1/callback/create", q, `{}`); r.ErrorCode != codeV1InvalidParam {
		t.Errorf("/v1/callback/create: code %d, want 70001", r.ErrorCode)
	}
}
