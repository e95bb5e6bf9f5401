package emulator

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"
)

// FuzzV4Request sends arbitrary paths, query strings and bodies through the
// handler. The emulator must never panic, must answer HTTP 200 with a JSON
// envelope on the API paths, and only with documented codes.
func FuzzV4Request(f *testing.F) {
	sig := mintSig(f, testAppID, testAppKey, DefaultIdentifier, 86400)
	good := "sdkappid=1400000001&identifier=administrator&usersig=" + sig + "&random=1&contenttype=json"
	seeds := []struct{ path, query, body string }{
		{"/v4/call_config/set_callback", good, `{"Url":"https://a.example","CallbackCommandList":["Call.CallbackAfterStartCall"]}`},
		{"/v4/live_config/set_callback_token", good, `{"Token":"abc","IsTokenEnable":true}`},
		{"/v4/live_config/update_callback", good, `{"Url":"http://x","CallbackCommandList":[]}`},
		{"/v4/room_config/get_callback", good, `{}`},
		{"/v1/callback/set", good, `{"address":"https://a","actions":["cancel"]}`},
		{"/v1/callback/update", good, `{"address":1}`},
		{"/v4/call_config/get_callback", "sdkappid=1400000001&usersig=%zz", `{`},
		{"/v4/x", "sdkappid=-1", `[]`},
		{"/v4/call_config/get_callback", "sdkappid=1400000001&identifier=administrator&usersig=eJw_&random=1&contenttype=json", `null`},
		{"/v1/callback/get", "", "\x00\xff"},
	}
	for _, s := range seeds {
		f.Add(s.path, s.query, s.body)
	}
	e, err := New(Options{Apps: testApps(), V4RateLimit: 1e9, V1RateLimit: 1e9, MaxBodyBytes: 4096,
		Now: func() time.Time { return time.Unix(1700000000, 0) }})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, path, query, body string) {
		if !strings.HasPrefix(path, "/") {
			path = "/v4/" + path
		}
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
		r.URL.Path, r.URL.RawQuery = path, query
		r.RemoteAddr = "192.0.2.1:1" // keep the control API out of it
		w := httptest.NewRecorder()
		e.ServeHTTP(w, r)

		fam := ""
		switch {
		case strings.HasPrefix(path, "/v4/"):
			fam = "v4"
		case strings.HasPrefix(path, "/v1/callback/"):
			fam = "v1"
		default:
			if w.Code != http.StatusNotFound && w.Code != http.StatusForbidden {
				t.Fatalf("%q: HTTP %d", path, w.Code)
			}
			return
		}
		if w.Code != http.StatusOK {
			t.Fatalf("%s: HTTP %d", path, w.Code)
		}
		var env map[string]json.RawMessage
		if err := json.Unmarshal(w.Body.Bytes(), &env); err != nil {
			t.Fatalf("%s: answer is not JSON: %s", path, w.Body)
		}
		key := "ErrorCode"
		if fam == "v1" {
			key = "errorCode"
		}
		var code int
		if err := json.Unmarshal(env[key], &code); err != nil {
			t.Fatalf("%s: no %s: %s", path, key, w.Body)
		}
		if !slices.Contains(documentedCodes[fam], code) {
			t.Fatalf("%s: undocumented code %d: %s", path, code, w.Body)
		}
	})
}

// FuzzUserSigVerify feeds arbitrary UserSigs and identifiers to the
// verification path: no panic, and only the documented UserSig codes.
func FuzzUserSigVerify(f *testing.F) {
	f.Add(mintSig(f, testAppID, testAppKey, DefaultIdentifier, 86400), DefaultIdentifier)
	f.Add(mintSig(f, testAppID, testApp2Key, DefaultIdentifier, 86400), DefaultIdentifier)
	f.Add(mintSig(f, testApp2ID, testApp2Key, "admin2", 86400), "admin2")
	f.Add("", DefaultIdentifier)
	f.Add("eJyrVgrxCVayUkotKsovUtJRykxRsjI0MjA3NDU2NDK2tDQ1sDQ1MDUxMTQwBgA*9QlH", "x")
	f.Add("not_base64!!", "")
	app := App{SDKAppID: testAppID, SecretKey: testAppKey, Identifier: DefaultIdentifier}
	allowed := []int{codeOK, codeSigExpired, codeSigEmpty, codeSigInvalid, codeSigKeyMismatch, codeSigIdentifierMismatch, codeSigSDKAppIDMismatch}
	now := time.Unix(1700000000, 0)
	sigs := &sigCache{}
	f.Fuzz(func(t *testing.T, sig, identifier string) {
		code, info := sigs.verify(familyV4, app, identifier, sig, now)
		if !slices.Contains(allowed, code) {
			t.Fatalf("code %d (%s)", code, info)
		}
		if code != codeOK && info == "" {
			t.Fatalf("code %d without a message", code)
		}
		v1, _ := sigs.verify(familyV1, app, identifier, sig, now)
		if !slices.Contains([]int{codeOK, codeV1SigInvalid, codeV1SigExpired}, v1) || (v1 == codeOK) != (code == codeOK) {
			t.Fatalf("v1 code %d for v4 code %d", v1, code)
		}
	})
}
