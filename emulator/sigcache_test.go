package emulator

import (
	"fmt"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestSigCacheCachedSigStillExpires: a sig verified (and cached) while valid
// is refused once the emulator's clock passes its expiry, through the whole
// request path with Options.Now.
func TestSigCacheCachedSigStillExpires(t *testing.T) {
	var clock atomic.Int64
	start := time.Now().Unix()
	clock.Store(start)
	e := newTestEmulator(t, func(o *Options) { o.Now = func() time.Time { return time.Unix(clock.Load(), 0) } })
	const expire = 600
	sig := mintSig(t, testAppID, testAppKey, DefaultIdentifier, expire)
	q := url.Values{"sdkappid": {"1400000001"}, "identifier": {DefaultIdentifier}, "usersig": {sig}, "random": {"1"}, "contenttype": {"json"}}

	for i := range 2 { // the second request is served from the cache
		if r := callV4(t, e, "/v4/live_config/get_callback", q, `{}`); r.ErrorCode != codeV4NotFound {
			t.Fatalf("request %d with a valid sig: code %d, want %d (authenticated, nothing configured)", i, r.ErrorCode, codeV4NotFound)
		}
	}
	app := App{SDKAppID: testAppID, SecretKey: testAppKey, Identifier: DefaultIdentifier}
	if _, ok := e.sigs.get(sigKey{app: testAppID, secret: testAppKey, identifier: DefaultIdentifier, sig: sig}); !ok {
		t.Fatal("a verified sig is not in the cache")
	}

	// GenUserSig stamps its own time.Now(), at or after start.
	clock.Store(start + expire + 5)
	if r := callV4(t, e, "/v4/live_config/get_callback", q, `{}`); r.ErrorCode != codeSigExpired {
		t.Fatalf("cached sig after its expiry: code %d, want %d", r.ErrorCode, codeSigExpired)
	}
	if code, _ := e.sigs.verify(familyV1, app, DefaultIdentifier, sig, time.Unix(start+expire+5, 0)); code != codeV1SigExpired {
		t.Fatalf("cached sig after its expiry on v1: code %d, want %d", code, codeV1SigExpired)
	}
	// Back within the validity window (the clock is the emulator's to set).
	clock.Store(start)
	if r := callV4(t, e, "/v4/live_config/get_callback", q, `{}`); r.ErrorCode != codeV4NotFound {
		t.Fatalf("cached sig before its expiry again: code %d, want %d", r.ErrorCode, codeV4NotFound)
	}
}

// TestSigCacheSpecVectorBoundary: the API.md §UserSig test vector is valid at exactly
// time+expire and expired one second later, from the cache as well.
func TestSigCacheSpecVectorBoundary(t *testing.T) {
	const sig = "eAEBrwBQ-3siVExTLnZlciI6IjIuMCIsIlRMUy5pZGVudGlmaWVyIjoiYWRtaW5pc3RyYXRvciIsIlRMUy5zZGthcHBpZCI6MTQwMDAwMDAwMCwiVExTLmV4cGlyZSI6ODY0MDAsIlRMUy50aW1lIjoxNzAwMDAwMDAwLCJUTFMuc2lnIjoieUxBZSt3N1dVZVV1cWJWOWgvVFg3OHUyMW9UR2kraTlacDF1M1Bwblk2MD0ifQrwJDOc"
	app := App{SDKAppID: 1400000000, SecretKey: testAppKey, Identifier: DefaultIdentifier}
	sigs := &sigCache{}
	for _, tt := range []struct {
		at   int64
		code int
	}{{1700000100, codeOK}, {1700086400, codeOK}, {1700086401, codeSigExpired}, {1700000100, codeOK}} {
		if code, info := sigs.verify(familyV4, app, DefaultIdentifier, sig, time.Unix(tt.at, 0)); code != tt.code {
			t.Errorf("at %d: code %d (%s), want %d", tt.at, code, info, tt.code)
		}
	}
	if exp, ok := sigs.get(sigKey{app: app.SDKAppID, secret: app.SecretKey, identifier: DefaultIdentifier, sig: sig}); !ok || exp != 1700086400 {
		t.Fatalf("cache entry: expiry %d, present %v; want 1700086400, true", exp, ok)
	}
}

// TestSigCacheDifferentSigIsVerified: a cached sig does not vouch for any
// other sig, identifier or secret key, and failures are never cached.
func TestSigCacheDifferentSigIsVerified(t *testing.T) {
	now := time.Now()
	sigs := &sigCache{}
	app := App{SDKAppID: testAppID, SecretKey: testAppKey, Identifier: DefaultIdentifier}
	good := mintSig(t, testAppID, testAppKey, DefaultIdentifier, 86400)
	if code, info := sigs.verify(familyV4, app, DefaultIdentifier, good, now); code != codeOK {
		t.Fatalf("valid sig: code %d (%s)", code, info)
	}

	wrongKey := mintSig(t, testAppID, testApp2Key, DefaultIdentifier, 86400)
	otherUser := mintSig(t, testAppID, testAppKey, "someone", 86400)
	rotated := app
	rotated.SecretKey = testApp2Key
	for _, tt := range []struct {
		name       string
		app        App
		identifier string
		sig        string
		code       int
	}{
		{"sig signed with another key", app, DefaultIdentifier, wrongKey, codeSigKeyMismatch},
		{"sig of another identifier", app, DefaultIdentifier, otherUser, codeSigIdentifierMismatch},
		{"cached sig, other identifier in the request", app, "someone", good, codeSigIdentifierMismatch},
		{"cached sig after the app's key changed", rotated, DefaultIdentifier, good, codeSigKeyMismatch},
		{"cached sig for another app", App{SDKAppID: testApp2ID, SecretKey: testAppKey}, DefaultIdentifier, good, codeSigSDKAppIDMismatch},
		{"garbage", app, DefaultIdentifier, "not_base64!!", codeSigInvalid},
	} {
		for i := range 2 { // twice: a failure must not be remembered as anything
			if code, info := sigs.verify(familyV4, tt.app, tt.identifier, tt.sig, now); code != tt.code {
				t.Errorf("%s (try %d): code %d (%s), want %d", tt.name, i, code, info, tt.code)
			}
		}
		if _, ok := sigs.get(sigKey{app: tt.app.SDKAppID, secret: tt.app.SecretKey, identifier: tt.identifier, sig: tt.sig}); ok {
			t.Errorf("%s: a failed verification was cached", tt.name)
		}
	}
	// The cached sig is still good for its own key.
	if code, info := sigs.verify(familyV4, app, DefaultIdentifier, good, now); code != codeOK {
		t.Fatalf("valid sig again: code %d (%s)", code, info)
	}
}

// TestSigCacheBounded: the cache never holds more than maxVerifiedSigs
// entries and keeps working after it starts over.
func TestSigCacheBounded(t *testing.T) {
	c := &sigCache{}
	for i := range maxVerifiedSigs*2 + 3 {
		c.put(sigKey{app: uint64(i), sig: "s"}, int64(i))
		if n := c.len(); n > maxVerifiedSigs {
			t.Fatalf("after %d puts the cache holds %d entries, more than %d", i+1, n, maxVerifiedSigs)
		}
	}
	last := sigKey{app: uint64(maxVerifiedSigs*2 + 2), sig: "s"}
	if exp, ok := c.get(last); !ok || exp != int64(last.app) {
		t.Fatalf("latest entry: %d, %v", exp, ok)
	}
}

// TestSigCacheConcurrent verifies many apps' sigs from many goroutines (run
// with -race): every answer is right whether it came from the cache or not.
func TestSigCacheConcurrent(t *testing.T) {
	now := time.Now()
	type tc struct {
		app  App
		sig  string
		code int
	}
	var cases []tc
	sigs := &sigCache{}
	for i := range 20 {
		id := uint64(1500000000 + i)
		key := fmt.Sprintf("%064x", i+1)
		app := App{SDKAppID: id, SecretKey: key, Identifier: DefaultIdentifier}
		cases = append(cases,
			tc{app, mintSig(t, id, key, DefaultIdentifier, 3600), codeOK},
			tc{app, mintSig(t, id, testAppKey, DefaultIdentifier, 3600), codeSigKeyMismatch})
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for r := range 50 {
				c := cases[(g+r)%len(cases)]
				if code, info := sigs.verify(familyV4, c.app, DefaultIdentifier, c.sig, now); code != c.code {
					t.Errorf("app %d: code %d (%s), want %d", c.app.SDKAppID, code, info, c.code)
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestSigCachePerEmulator: each Emulator has its own cache, so one
// emulator's verified sig is not trusted by another, and a request to the
// second one verifies the sig for real.
func TestSigCachePerEmulator(t *testing.T) {
	a := newTestEmulator(t, nil)
	b := newTestEmulator(t, nil)
	q := validQuery(t)
	key := sigKey{app: testAppID, secret: testAppKey, identifier: DefaultIdentifier, sig: q.Get("usersig")}
	if r := callV4(t, a, "/v4/live_config/get_callback", q, `{}`); r.ErrorCode != codeV4NotFound {
		t.Fatalf("emulator a: code %d, want %d", r.ErrorCode, codeV4NotFound)
	}
	if _, ok := a.sigs.get(key); !ok {
		t.Fatal("emulator a did not cache the sig it verified")
	}
	if _, ok := b.sigs.get(key); ok {
		t.Fatal("emulator b holds a sig only emulator a verified: the cache is shared")
	}
	if r := callV4(t, b, "/v4/live_config/get_callback", q, `{}`); r.ErrorCode != codeV4NotFound {
		t.Fatalf("emulator b: code %d, want %d", r.ErrorCode, codeV4NotFound)
	}
	if _, ok := b.sigs.get(key); !ok {
		t.Fatal("emulator b did not cache the sig it verified")
	}
}
