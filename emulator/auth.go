package emulator

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tencentyun/tls-sig-api-v2-golang/tencentyun"
)

// Real UserSigs are a few hundred characters; anything far longer is refused
// before it is inflated, so a zlib bomb in the query cannot exhaust memory.
const (
	maxUserSigLen     = 4096
	maxUserSigInflate = 16 << 10
)

// resolveApp checks sdkappid and returns the app it names.
func (e *Emulator) resolveApp(f family, q url.Values) (App, *outcome) {
	raw := q.Get("sdkappid")
	if raw == "" {
		if f == familyV1 {
			o := fail(codeV1InvalidParam, "missing request parameter sdkappid")
			return App{}, &o
		}
		o := fail(codeV4NoSDKAppID, "SDKAppID is missing in the REST request")
		return App{}, &o
	}
	id, err := strconv.ParseUint(raw, 10, 64)
	if err != nil {
		if f == familyV1 {
			o := fail(codeV1InvalidParam, "invalid request parameter sdkappid")
			return App{}, &o
		}
		// A non-numeric sdkappid: 60006 "invalid SDKAppID" is the closest
		// documented code (unconfirmed).
		o := fail(codeV4InvalidSDKAppID, "invalid SDKAppID %q", raw)
		return App{}, &o
	}
	app, found := e.app(id)
	if !found {
		if f == familyV1 {
			// v1 documents no "app not found" code. The server cannot find a
			// key to check the UserSig against, so we answer "UserSig
			// invalid" (our choice; unconfirmed).
			o := fail(codeV1SigInvalid, "UserSig invalid: unknown sdkappid %d", id)
			return App{}, &o
		}
		o := fail(codeAppNotFound, "SDKAppID %d not found", id)
		return App{}, &o
	}
	return app, nil
}

// checkParams validates the remaining common query parameters (API.md §Request shape).
func checkParams(f family, q url.Values) *outcome {
	// Both a bad random and a bad contenttype make the request URL invalid:
	// 60002 on v4, and v1's generic 70001 "invalid or missing request
	// parameters" (our choice; the v1 pages list no dedicated code).
	code := codeV4BadHTTP
	if f == familyV1 {
		code = codeV1InvalidParam
	}
	if _, err := strconv.ParseUint(q.Get("random"), 10, 32); err != nil {
		o := fail(code, "random must be an unsigned 32-bit integer")
		return &o
	}
	if q.Get("contenttype") != "json" {
		o := fail(code, "contenttype must be json")
		return &o
	}
	return nil
}

// authenticate verifies usersig and identifier against app.
func (e *Emulator) authenticate(f family, app App, q url.Values) *outcome {
	identifier := q.Get("identifier")
	if code, info := e.sigs.verify(f, app, identifier, q.Get("usersig"), e.now()); code != codeOK {
		o := fail(code, "%s", info)
		return &o
	}
	if identifier != app.Identifier {
		// The sig is valid for this identifier, but it is not the app
		// administrator. v4: 60010 (API.md §Error codes names 60010 or 70403 as
		// candidates; 60010 "UserID must be the app admin" is the exact
		// meaning). v1: 70004 "not a super administrator".
		if f == familyV1 {
			o := fail(codeV1NotAdmin, "requester is not a super administrator")
			return &o
		}
		o := fail(codeV4NotAdmin, "identifier must be the App administrator")
		return &o
	}
	return nil
}

// verify checks sig with the tls-sig-api-v2 library, or finds it in the
// cache, and maps failures to the family's codes (API.md §Error codes). It
// never panics.
func (c *sigCache) verify(f family, app App, identifier, sig string, now time.Time) (int, string) {
	v4Code, info := c.classify(app, identifier, sig, now)
	if f == familyV4 || v4Code == codeOK {
		return v4Code, info
	}
	if v4Code == codeSigExpired {
		return codeV1SigExpired, "UserSig expired"
	}
	return codeV1SigInvalid, "UserSig invalid: " + info
}

func (c *sigCache) classify(app App, identifier, sig string, now time.Time) (int, string) {
	if sig == "" {
		return codeSigEmpty, "UserSig is empty"
	}
	if len(sig) > maxUserSigLen {
		return codeSigInvalid, "UserSig is invalid"
	}
	key := sigKey{app: app.SDKAppID, secret: app.SecretKey, identifier: identifier, sig: sig}
	if expiry, ok := c.get(key); ok {
		// Verified before with the same key, identifier and sig; only the
		// time has changed since, so only the expiry is checked again (as
		// the library does it: expired once now is past time+expire).
		if now.Unix() > expiry {
			return codeSigExpired, "UserSig expired; generate a new one"
		}
		return codeOK, ""
	}
	expiry, err := decodableUserSig(sig)
	if err != nil {
		return codeSigInvalid, "UserSig is invalid: " + err.Error()
	}
	err = tencentyun.VerifyUserSig(app.SDKAppID, app.SecretKey, identifier, sig, now)
	switch {
	case err == nil:
		c.put(key, expiry)
		return codeOK, ""
	case errors.Is(err, tencentyun.ErrSdkAppIDNotMatch):
		return codeSigSDKAppIDMismatch, "SDKAppID in the request does not match the one in the UserSig"
	case errors.Is(err, tencentyun.ErrIdentifierNotMatch):
		return codeSigIdentifierMismatch, "identifier in the request does not match the one in the UserSig"
	case errors.Is(err, tencentyun.ErrExpired):
		return codeSigExpired, "UserSig expired; generate a new one"
	case errors.Is(err, tencentyun.ErrSigNotMatch):
		return codeSigKeyMismatch, "UserSig verification failed; check the secret key"
	default:
		return codeSigInvalid, "UserSig is invalid"
	}
}

// decodableUserSig checks that sig decodes to a UserSig document, with a
// bound on the inflated size, and returns its expiry (TLS.time+TLS.expire,
// Unix seconds: the sig is expired once now is past it, as the library
// checks it). The library treats an undecodable JSON document as an empty
// one (and reports an SDKAppID mismatch), so this check is what tells 70003
// "invalid" from 70014.
func decodableUserSig(sig string) (int64, error) {
	r := strings.NewReplacer("_", "=", "-", "/", "*", "+")
	raw, err := base64.StdEncoding.DecodeString(r.Replace(sig))
	if err != nil {
		return 0, errors.New("not base64")
	}
	zr, err := zlib.NewReader(bytes.NewReader(raw))
	if err != nil {
		return 0, errors.New("not zlib")
	}
	data, err := io.ReadAll(io.LimitReader(zr, maxUserSigInflate+1))
	if err != nil {
		return 0, errors.New("corrupt zlib stream")
	}
	if len(data) > maxUserSigInflate {
		return 0, errors.New("too large")
	}
	var doc struct {
		Version  string `json:"TLS.ver"`
		SDKAppID uint64 `json:"TLS.sdkappid"`
		Expire   int64  `json:"TLS.expire"`
		Time     int64  `json:"TLS.time"`
		Sig      []byte `json:"TLS.sig"`
	}
	if err := json.Unmarshal(data, &doc); err != nil || doc.SDKAppID == 0 || len(doc.Sig) == 0 {
		return 0, errors.New("not a UserSig document")
	}
	return doc.Time + doc.Expire, nil
}

// maxVerifiedSigs bounds the cache of verified UserSigs. A client mints one
// sig per app and reuses it until it nears expiry, so a few thousand entries
// cover thousands of apps; when the cache is full it starts over.
const maxVerifiedSigs = 4096

// sigKey names one successful verification: the result depends only on the
// app's SDKAppID and secret key (a changed key misses the cache), the
// identifier and the sig itself, except for the expiry, which is stored and
// checked again against the emulator's clock on every request.
type sigKey struct {
	app                     uint64
	secret, identifier, sig string
}

// sigCache remembers successful UserSig verifications (never failures) with
// each sig's expiry, so a request with a sig seen before costs a map lookup
// instead of inflating, decoding and signing it again (~100 µs and ~43 KB per
// request). Each Emulator has its own, so emulators in one process share
// nothing. The zero value is ready; safe for concurrent use.
type sigCache struct {
	mu sync.Mutex
	m  map[sigKey]int64 // expiry, Unix seconds
}

func (c *sigCache) get(k sigKey) (int64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	exp, ok := c.m[k]
	return exp, ok
}

func (c *sigCache) put(k sigKey, expiry int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxVerifiedSigs {
		c.m = make(map[sigKey]int64)
	}
	c.m[k] = expiry
}

func (c *sigCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}
