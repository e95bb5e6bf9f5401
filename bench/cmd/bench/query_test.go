package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
)

func TestOnePerPair(t *testing.T) {
	reads := func(call, live, room, callkit int64) map[string]int64 {
		return map[string]int64{
			"/v4/call_config/get_callback": call, "/v4/live_config/get_callback": live,
			"/v4/room_config/get_callback": room, "/v1/callback/get": callkit,
		}
	}
	stats := func(paths map[string]int64) emulator.Stats {
		var total int64
		for _, c := range paths {
			total += c
		}
		return emulator.Stats{Requests: paths, Total: total}
	}
	withWrite := reads(3, 3, 3, 0) // callkit written instead of read
	delete(withWrite, "/v1/callback/get")
	withWrite["/v1/callback/set"] = 3
	for _, tc := range []struct {
		name string
		st   emulator.Stats
		want bool
	}{
		{"one read per pair", stats(reads(3, 3, 3, 3)), true},
		{"one product read twice, another once less", stats(reads(4, 2, 3, 3)), false},
		{"a write instead of a read", stats(withWrite), false},
		{"a product not read", stats(map[string]int64{"/v4/call_config/get_callback": 3, "/v4/live_config/get_callback": 3, "/v4/room_config/get_callback": 3}), false},
		{"an extra request", stats(reads(3, 3, 3, 4)), false},
	} {
		if got := onePerPair(tc.st, 3); got != tc.want {
			t.Errorf("%s: onePerPair = %t, want %t", tc.name, got, tc.want)
		}
	}
}

func TestCountResults(t *testing.T) {
	path := filepath.Join(t.TempDir(), "query.log")
	out := `Warning: Provider development overrides are in effect

list.tencentrtc_callback_config.fleet   product=call,sdk_app_id=1400000001      1400000001/call
list.tencentrtc_callback_config.fleet   product=live,sdk_app_id=1400000001      1400000001/live
  list.tencentrtc_callback_config.fleet (indented: not a result line)
list.tencentrtc_callback_config.fleet2  product=call,sdk_app_id=1400000001      1400000001/call
list.tencentrtc_live_callback_token.all sdk_app_id=1400000001                   1400000001
`
	if err := os.WriteFile(path, []byte(out), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := countResults(path); got != 2 {
		t.Errorf("countResults = %d, want 2", got)
	}
}
