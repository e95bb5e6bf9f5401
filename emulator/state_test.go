package emulator

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/wire"
)

func TestStatePersistsAcrossInstances(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	first := newTestEmulator(t, func(o *Options) { o.StatePath = path })
	q := validQuery(t)
	if r := callV4(t, first, "/v4/live_config/set_callback", q, configBody("https://a.example/cb", "Live.CallbackAfterCreateRoom")); r.ErrorCode != 0 {
		t.Fatal(r.ErrorInfo)
	}
	if r := callV4(t, first, "/v4/live_config/set_callback_token", q, `{"Token":"xxxxyyyy","IsTokenEnable":true}`); r.ErrorCode != 0 {
		t.Fatal(r.ErrorInfo)
	}
	if r := callV1(t, first, "/v1/callback/set", q, `{"address":"https://b.example","actions":["cancel"]}`); r.ErrorCode != 0 {
		t.Fatal(r.ErrorMessage)
	}
	_ = first.PutConfig(testAppID, catalog.Room, CallbackConfig{URL: "https://c.example", Commands: []string{"Room.CallbackAfterCreateRoom"}})
	first.DeleteConfig(testAppID, catalog.Room)

	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid(b) || strings.Contains(string(b), testAppKey) {
		t.Fatalf("state file is not JSON or holds a secret key: %s", b)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("state file mode %v, want 0600 (it holds tokens)", fi.Mode().Perm())
	}
	if left, _ := filepath.Glob(path + ".tmp-*"); len(left) != 0 {
		t.Errorf("temp files left behind: %v", left)
	}

	second := newTestEmulator(t, func(o *Options) { o.StatePath = path })
	r := callV4(t, second, "/v4/live_config/get_callback", q, `{}`)
	var got wire.V4Callback
	if err := json.Unmarshal(r.Response, &got); err != nil || got.URL != "https://a.example/cb" {
		t.Fatalf("restarted emulator lost the live config: %+v", r)
	}
	if r := callV4(t, second, "/v4/live_config/set_callback", q, configBody("https://z.example", "Live.CallbackAfterCreateRoom")); r.ErrorCode != codeV4Exists {
		t.Errorf("set after restart: code %d, want 100300", r.ErrorCode)
	}
	if tok, ok := second.LiveToken(testAppID); !ok || tok != (LiveToken{"xxxxyyyy", true}) {
		t.Errorf("token after restart: %+v %v", tok, ok)
	}
	if c, ok := second.Config(testAppID, catalog.CallKit); !ok || c.URL != "https://b.example" {
		t.Errorf("callkit after restart: %+v %v", c, ok)
	}
	if _, ok := second.Config(testAppID, catalog.Room); ok {
		t.Error("deleted room config came back")
	}
}

func TestStateFileErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := New(Options{StatePath: bad}); err == nil {
		t.Error("a corrupt state file was accepted")
	}
	// A missing file is an empty state.
	if _, err := New(Options{StatePath: filepath.Join(dir, "missing.json")}); err != nil {
		t.Errorf("missing state file: %v", err)
	}
}
