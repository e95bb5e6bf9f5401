package client

import (
	"fmt"
	"sync"
	"time"

	"github.com/tencentyun/tls-sig-api-v2-golang/tencentyun"
)

// sigCache mints the administrator UserSig and reuses it until it nears
// expiry. It is safe for concurrent use.
type sigCache struct {
	sdkAppID   int
	identifier string
	secretKey  string
	ttl        time.Duration
	now        func() time.Time

	mu      sync.Mutex
	sig     string
	renewAt time.Time
	minted  int // UserSigs minted so far
}

// renewMargin is how long before expiry a UserSig is replaced: a tenth of its
// lifetime, but at least five minutes (or half the lifetime when that is
// shorter), so clock skew between this machine and Tencent does not make the
// server see an expired sig.
func renewMargin(ttl time.Duration) time.Duration {
	return max(ttl/10, min(5*time.Minute, ttl/2))
}

// get returns a valid UserSig, minting one when there is none or the cached
// one is within renewMargin of its expiry.
func (s *sigCache) get() (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	if s.sig != "" && now.Before(s.renewAt) {
		return s.sig, nil
	}
	sig, err := tencentyun.GenUserSig(s.sdkAppID, s.secretKey, s.identifier, int(s.ttl/time.Second))
	if err != nil {
		// The library's errors come from JSON/zlib encoding and never carry the key.
		return "", fmt.Errorf("minting the UserSig for identifier %q: %w", s.identifier, err)
	}
	s.minted++
	s.sig = sig
	s.renewAt = now.Add(s.ttl - renewMargin(s.ttl))
	return sig, nil
}

// invalidate drops sig from the cache if it is still the cached one, so the
// next get mints a new one.
func (s *sigCache) invalidate(sig string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sig == sig {
		s.sig = ""
	}
}

func (s *sigCache) mints() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.minted
}
