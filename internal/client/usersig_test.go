package client

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/tencentyun/tls-sig-api-v2-golang/tencentyun"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

// decodeSig decodes sig's JSON document, keeping numbers as json.Number.
func decodeSig(t *testing.T, sig string) map[string]any {
	t.Helper()
	doc, err := testfixtures.DecodeUserSig(sig)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("json: %v", err)
	}
	return m
}

func TestUserSig(t *testing.T) {
	t.Run("spec test vector decodes and verifies", func(t *testing.T) {
		const sig = "eAEBrwBQ-3siVExTLnZlciI6IjIuMCIsIlRMUy5pZGVudGlmaWVyIjoiYWRtaW5pc3RyYXRvciIsIlRMUy5zZGthcHBpZCI6MTQwMDAwMDAwMCwiVExTLmV4cGlyZSI6ODY0MDAsIlRMUy50aW1lIjoxNzAwMDAwMDAwLCJUTFMuc2lnIjoieUxBZSt3N1dVZVV1cWJWOWgvVFg3OHUyMW9UR2kraTlacDF1M1Bwblk2MD0ifQrwJDOc"
		m := decodeSig(t, sig)
		want := map[string]string{
			"TLS.ver": "2.0", "TLS.identifier": "administrator", "TLS.sdkappid": "1400000000",
			"TLS.expire": "86400", "TLS.time": "1700000000", "TLS.sig": "yLAe+w7WUeUuqbV9h/TX78u21oTGi+i9Zp1u3PpnY60=",
		}
		for k, v := range want {
			if got := toString(m[k]); got != v {
				t.Errorf("%s = %q, want %q", k, got, v)
			}
		}
		h := hmac.New(sha256.New, []byte(testKey))
		h.Write([]byte("TLS.identifier:administrator\nTLS.sdkappid:1400000000\nTLS.time:1700000000\nTLS.expire:86400\n"))
		if got := base64.StdEncoding.EncodeToString(h.Sum(nil)); got != want["TLS.sig"] {
			t.Errorf("recomputed HMAC = %s", got)
		}
		for _, tc := range []struct {
			at   int64
			want error
		}{{1700000100, nil}, {1700086400, nil}, {1700086401, tencentyun.ErrExpired}} {
			if err := tencentyun.VerifyUserSig(testApp, testKey, "administrator", sig, time.Unix(tc.at, 0)); !errors.Is(err, tc.want) {
				t.Errorf("verify at %d = %v, want %v", tc.at, err, tc.want)
			}
		}
	})

	t.Run("client-minted UserSig verifies and has the configured lifetime", func(t *testing.T) {
		srv := newFake(t, answer(sampleV4OK))
		c := newTestClient(t, srv.URL, func(o *Options) { o.UserSigTTL = 2 * time.Hour })
		if err := c.DeleteCallback(context.Background(), catalog.Call); err != nil {
			t.Fatal(err)
		}
		sig := srv.requests()[0].Query.Get("usersig")
		if err := tencentyun.VerifyUserSig(testApp, testKey, "administrator", sig, time.Now()); err != nil {
			t.Fatalf("verify: %v", err)
		}
		if err := tencentyun.VerifyUserSig(testApp, testKey, "administrator", sig, time.Now().Add(2*time.Hour+time.Minute)); !errors.Is(err, tencentyun.ErrExpired) {
			t.Errorf("verify after TTL = %v, want expired", err)
		}
		m := decodeSig(t, sig)
		if toString(m["TLS.expire"]) != "7200" || toString(m["TLS.identifier"]) != "administrator" {
			t.Errorf("sig document = %v", m)
		}
	})

	t.Run("UserSig is reused across requests", func(t *testing.T) {
		srv := newFake(t, answer(sampleV4OK))
		c := newTestClient(t, srv.URL)
		for range 10 {
			if err := c.DeleteCallback(context.Background(), catalog.Live); err != nil {
				t.Fatal(err)
			}
		}
		if n := c.sigs.mints(); n != 1 {
			t.Errorf("minted %d UserSigs for 10 requests, want 1", n)
		}
		reqs := srv.requests()
		for _, r := range reqs[1:] {
			if r.Query.Get("usersig") != reqs[0].Query.Get("usersig") {
				t.Error("UserSig changed between requests")
			}
		}
		srv.checkRandomsFresh()
	})

	t.Run("UserSig is re-minted near expiry", func(t *testing.T) {
		var mu sync.Mutex
		now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
		advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
		srv := newFake(t, answer(sampleV4OK))
		c := newTestClient(t, srv.URL, func(o *Options) { o.UserSigTTL = 10 * time.Hour; o.Now = clock })
		del := func() {
			if err := c.DeleteCallback(context.Background(), catalog.Room); err != nil {
				t.Fatal(err)
			}
		}
		del()
		advance(8*time.Hour + 59*time.Minute) // 61 minutes left: more than 10% of 10h
		del()
		if n := c.sigs.mints(); n != 1 {
			t.Fatalf("minted %d before the renewal margin, want 1", n)
		}
		advance(2 * time.Minute) // 59 minutes left: inside the margin
		del()
		if n := c.sigs.mints(); n != 2 {
			t.Fatalf("minted %d after the renewal margin, want 2", n)
		}
		del()
		if n := c.sigs.mints(); n != 2 {
			t.Errorf("minted %d, the new UserSig was not reused", n)
		}
	})

	t.Run("renewal margin", func(t *testing.T) {
		for ttl, want := range map[time.Duration]time.Duration{
			24 * time.Hour:   144 * time.Minute,
			time.Hour:        6 * time.Minute,
			20 * time.Minute: 5 * time.Minute,
			time.Minute:      30 * time.Second,
		} {
			if got := renewMargin(ttl); got != want {
				t.Errorf("renewMargin(%s) = %s, want %s", ttl, got, want)
			}
		}
	})

	t.Run("concurrent callers share one mint", func(t *testing.T) {
		s := &sigCache{sdkAppID: testApp, identifier: "administrator", secretKey: testKey, ttl: time.Hour, now: time.Now}
		var wg sync.WaitGroup
		sigs := make([]string, 50)
		for i := range sigs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				sig, err := s.get()
				if err != nil {
					t.Error(err)
				}
				sigs[i] = sig
			}()
		}
		wg.Wait()
		if s.mints() != 1 {
			t.Errorf("minted %d", s.mints())
		}
		for _, sig := range sigs {
			if sig != sigs[0] {
				t.Fatal("callers got different UserSigs")
			}
		}
	})
}

func toString(v any) string {
	switch v := v.(type) {
	case json.Number:
		return v.String()
	case string:
		return v
	}
	return ""
}
