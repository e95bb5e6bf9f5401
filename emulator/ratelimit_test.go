package emulator

import (
	"testing"
)

func TestRateLimits(t *testing.T) {
	e := newTestEmulator(t, func(o *Options) { o.V4RateLimit = 3; o.V1RateLimit = 2 })
	q := validQuery(t)

	// v4: the bucket (burst = limit = 3) is shared by every v4 path of the app.
	paths := []string{"/v4/call_config/get_callback", "/v4/live_config/get_callback", "/v4/room_config/get_callback", "/v4/live_config/get_callback_token", "/v4/call_config/get_callback"}
	var throttled int
	for _, p := range paths {
		r := callV4(t, e, p, q, `{}`)
		if r.ErrorCode == codeV4RateLimited {
			throttled++
		}
	}
	if throttled < 2 {
		t.Errorf("v4: %d of 5 requests throttled at 3/s, want at least 2", throttled)
	}
	// v1 has its own bucket (2/s), untouched by the v4 requests.
	var v1Throttled int
	for i := range 4 {
		r := callV1(t, e, "/v1/callback/get", q, `{}`)
		if i < 2 && r.ErrorCode != codeV1NotFound {
			t.Errorf("v1 request %d: code %d, want 999 (within the limit)", i, r.ErrorCode)
		}
		if r.ErrorCode == codeV1RateLimited {
			v1Throttled++
		}
	}
	if v1Throttled < 1 {
		t.Errorf("v1: %d of 4 requests throttled at 2/s", v1Throttled)
	}
	// Another app has its own buckets.
	q2 := validQuery(t)
	q2.Set("sdkappid", "1400000002")
	q2.Set("identifier", "admin2")
	q2.Set("usersig", mintSig(t, testApp2ID, testApp2Key, "admin2", 3600))
	if r := callV4(t, e, "/v4/call_config/get_callback", q2, `{}`); r.ErrorCode != codeV4NotFound {
		t.Errorf("app 2 throttled by app 1's traffic: code %d", r.ErrorCode)
	}
	if got := e.Stats().Throttled; got != int64(throttled+v1Throttled) {
		t.Errorf("Stats.Throttled = %d, want %d", got, throttled+v1Throttled)
	}
}
