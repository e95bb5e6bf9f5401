package emulator

import (
	"math"
	"sync"

	"golang.org/x/time/rate"
)

type limiterKey struct {
	app    uint64
	family family
}

// limiterSet holds one token bucket per (app, family). The v4 bucket is
// shared by every v4 path of the app: the docs give 200/s per API, but Chat
// throttles per SDKAppID (60011), and a shared bucket is the stricter,
// safer model for a client to be tested against (our choice). The burst
// equals the per-second limit, so an idle client may spend one second's
// quota at once, as a per-second counter on the real server would allow.
type limiterSet struct {
	mu sync.Mutex
	m  map[limiterKey]*rate.Limiter
}

func (s *limiterSet) allow(app uint64, f family, perSecond float64) bool {
	s.mu.Lock()
	if s.m == nil {
		s.m = make(map[limiterKey]*rate.Limiter)
	}
	k := limiterKey{app, f}
	l := s.m[k]
	if l == nil {
		burst := max(1, int(math.Ceil(perSecond)))
		l = rate.NewLimiter(rate.Limit(perSecond), burst)
		s.m[k] = l
	}
	s.mu.Unlock()
	// Real time, not Options.Now: tests freeze Now to mint expired sigs
	// and the buckets must still refill.
	return l.Allow()
}

func (e *Emulator) allow(app uint64, f family) bool {
	limit := e.v4Limit
	if f == familyV1 {
		limit = e.v1Limit
	}
	return e.limiters.allow(app, f, limit)
}
