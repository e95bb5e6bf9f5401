package emulator

import (
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestAuthFailures mints UserSigs with the library for every failure mode
// and checks the code on both API families.
func TestAuthFailures(t *testing.T) {
	now := time.Now()
	// Expired: minted now with a 60 s lifetime, checked two minutes later
	// through Options.Now.
	e := newTestEmulator(t, func(o *Options) { o.Now = func() time.Time { return now.Add(2 * time.Minute) } })
	admin := DefaultIdentifier
	tests := []struct {
		name     string
		mod      func(q url.Values)
		v4, v1   int
		v4Prefix string // optional ErrorInfo prefix check
	}{
		{"valid", func(url.Values) {}, 0, 0, ""},
		{"expired", func(q url.Values) { q.Set("usersig", mintSig(t, testAppID, testAppKey, admin, 60)) }, codeSigExpired, codeV1SigExpired, "UserSig expired"},
		{"wrong key", func(q url.Values) { q.Set("usersig", mintSig(t, testAppID, testApp2Key, admin, 3600)) }, codeSigKeyMismatch, codeV1SigInvalid, ""},
		{"other app's sig", func(q url.Values) { q.Set("usersig", mintSig(t, testApp2ID, testApp2Key, "admin2", 3600)) }, codeSigSDKAppIDMismatch, codeV1SigInvalid, ""},
		{"sig of another identifier", func(q url.Values) { q.Set("usersig", mintSig(t, testAppID, testAppKey, "bob", 3600)) }, codeSigIdentifierMismatch, codeV1SigInvalid, ""},
		{"identifier differs from sig", func(q url.Values) { q.Set("identifier", "bob") }, codeSigIdentifierMismatch, codeV1SigInvalid, ""},
		{"missing identifier", func(q url.Values) { q.Del("identifier") }, codeSigIdentifierMismatch, codeV1SigInvalid, ""},
		{"not the admin", func(q url.Values) {
			q.Set("identifier", "bob")
			q.Set("usersig", mintSig(t, testAppID, testAppKey, "bob", 3600))
		}, codeV4NotAdmin, codeV1NotAdmin, ""},
		{"empty sig", func(q url.Values) { q.Set("usersig", "") }, codeSigEmpty, codeV1SigInvalid, ""},
		{"missing sig", func(q url.Values) { q.Del("usersig") }, codeSigEmpty, codeV1SigInvalid, ""},
		{"garbage sig", func(q url.Values) { q.Set("usersig", "not a sig!") }, codeSigInvalid, codeV1SigInvalid, ""},
		{"base64 but not zlib", func(q url.Values) { q.Set("usersig", "aGVsbG8gd29ybGQ_") }, codeSigInvalid, codeV1SigInvalid, ""},
		{"zlib of non-JSON", func(q url.Values) { q.Set("usersig", "eJzLSM3JyVcozy/KSQEAGgQEXQ__") }, codeSigInvalid, codeV1SigInvalid, ""},
		{"huge sig", func(q url.Values) { q.Set("usersig", strings.Repeat("A", maxUserSigLen+1)) }, codeSigInvalid, codeV1SigInvalid, ""},
		{"missing sdkappid", func(q url.Values) { q.Del("sdkappid") }, codeV4NoSDKAppID, codeV1InvalidParam, ""},
		{"non-numeric sdkappid", func(q url.Values) { q.Set("sdkappid", "abc") }, codeV4InvalidSDKAppID, codeV1InvalidParam, ""},
		{"unknown app", func(q url.Values) { q.Set("sdkappid", "1400000009") }, codeAppNotFound, codeV1SigInvalid, ""},
		{"random missing", func(q url.Values) { q.Del("random") }, codeV4BadHTTP, codeV1InvalidParam, ""},
		{"random negative", func(q url.Values) { q.Set("random", "-1") }, codeV4BadHTTP, codeV1InvalidParam, ""},
		{"random over uint32", func(q url.Values) { q.Set("random", "4294967296") }, codeV4BadHTTP, codeV1InvalidParam, ""},
		{"random not a number", func(q url.Values) { q.Set("random", "x1") }, codeV4BadHTTP, codeV1InvalidParam, ""},
		{"contenttype missing", func(q url.Values) { q.Del("contenttype") }, codeV4BadHTTP, codeV1InvalidParam, ""},
		{"contenttype JSON (case)", func(q url.Values) { q.Set("contenttype", "JSON") }, codeV4BadHTTP, codeV1InvalidParam, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := url.Values{
				"sdkappid":    {"1400000001"},
				"identifier":  {admin},
				"usersig":     {mintSig(t, testAppID, testAppKey, admin, 3600)},
				"random":      {"12345"},
				"contenttype": {"json"},
			}
			tt.mod(q)
			r := callV4(t, e, "/v4/call_config/get_callback", q, `{}`)
			want := tt.v4
			if want == 0 {
				want = codeV4NotFound // authenticated: the config does not exist
			}
			if r.ErrorCode != want {
				t.Errorf("v4: code %d (%s), want %d", r.ErrorCode, r.ErrorInfo, want)
			}
			if tt.v4Prefix != "" && !strings.HasPrefix(r.ErrorInfo, tt.v4Prefix) {
				t.Errorf("v4: ErrorInfo %q", r.ErrorInfo)
			}
			r1 := callV1(t, e, "/v1/callback/get", q, `{}`)
			want = tt.v1
			if want == 0 {
				want = codeV1NotFound
			}
			if r1.ErrorCode != want {
				t.Errorf("v1: code %d (%s), want %d", r1.ErrorCode, r1.ErrorMessage, want)
			}
		})
	}
}

func TestAuthCustomIdentifierAndBoundary(t *testing.T) {
	// App 2's admin is "admin2": "administrator" is not its admin.
	const ts = 1700000000
	e := newTestEmulator(t, func(o *Options) { o.Now = fixedNow(ts) })
	sig := mintSig(t, testApp2ID, testApp2Key, "administrator", 86400*365*50)
	q := url.Values{"sdkappid": {"1400000002"}, "identifier": {"administrator"}, "usersig": {sig}, "random": {"0"}, "contenttype": {"json"}}
	if r := callV4(t, e, "/v4/live_config/get_callback", q, `{}`); r.ErrorCode != codeV4NotAdmin {
		t.Errorf("administrator on app 2: code %d, want 60010", r.ErrorCode)
	}
	q.Set("identifier", "admin2")
	q.Set("usersig", mintSig(t, testApp2ID, testApp2Key, "admin2", 86400*365*50))
	if r := callV4(t, e, "/v4/live_config/get_callback", q, `{}`); r.ErrorCode != codeV4NotFound {
		t.Errorf("admin2 on app 2: code %d, want 100301", r.ErrorCode)
	}
}

// TestSpecUserSigVector checks the API.md §UserSig test vector: valid at exactly
// time+expire, expired one second later.
func TestSpecUserSigVector(t *testing.T) {
	const sig = "eAEBrwBQ-3siVExTLnZlciI6IjIuMCIsIlRMUy5pZGVudGlmaWVyIjoiYWRtaW5pc3RyYXRvciIsIlRMUy5zZGthcHBpZCI6MTQwMDAwMDAwMCwiVExTLmV4cGlyZSI6ODY0MDAsIlRMUy50aW1lIjoxNzAwMDAwMDAwLCJUTFMuc2lnIjoieUxBZSt3N1dVZVV1cWJWOWgvVFg3OHUyMW9UR2kraTlacDF1M1Bwblk2MD0ifQrwJDOc"
	app := App{SDKAppID: 1400000000, SecretKey: testAppKey, Identifier: DefaultIdentifier}
	var sigs sigCache
	for _, tt := range []struct {
		at   int64
		code int
	}{{1700000100, 0}, {1700086400, 0}, {1700086401, codeSigExpired}} {
		if code, info := sigs.verify(familyV4, app, DefaultIdentifier, sig, time.Unix(tt.at, 0)); code != tt.code {
			t.Errorf("at %d: code %d (%s), want %d", tt.at, code, info, tt.code)
		}
	}
}
