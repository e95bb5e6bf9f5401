package emulator

import (
	"maps"
	"sync"
)

// unknownPathKey counts requests to paths no API has, so the stats map
// cannot grow without bound.
const unknownPathKey = "(unknown)"

type statsCounter struct {
	mu sync.Mutex
	s  Stats
}

func (c *statsCounter) request(path string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.s.Requests == nil {
		c.s.Requests = make(map[string]int64)
	}
	if _, known := routes[path]; !known {
		path = unknownPathKey
	}
	c.s.Requests[path]++
	c.s.Total++
}

func (c *statsCounter) throttled() {
	c.mu.Lock()
	c.s.Throttled++
	c.mu.Unlock()
}

func (c *statsCounter) fault() {
	c.mu.Lock()
	c.s.Faults++
	c.mu.Unlock()
}

// Stats returns a copy of the request counters.
func (e *Emulator) Stats() Stats {
	e.stats.mu.Lock()
	defer e.stats.mu.Unlock()
	s := e.stats.s
	s.Requests = maps.Clone(s.Requests)
	if s.Requests == nil {
		s.Requests = map[string]int64{}
	}
	return s
}

// ResetStats zeroes the request counters.
func (e *Emulator) ResetStats() {
	e.stats.mu.Lock()
	e.stats.s = Stats{}
	e.stats.mu.Unlock()
}
