package emulator

import (
	"fmt"
	"strings"
	"sync"
	"time"
)

type faultSet struct {
	mu     sync.Mutex
	active []*Fault // Count holds the remaining matches
}

// InjectFault queues f. It affects the next f.Count matching API requests
// (1 when Count is 0); faults are consumed in the order they were injected.
func (e *Emulator) InjectFault(f Fault) {
	if f.Count <= 0 {
		f.Count = 1
	}
	// Logged before it is queued: from then on requests decrement its Count.
	e.log.Info("fault injected", "kind", f.Kind, "count", f.Count, "path_prefix", f.PathPrefix, "sdkappid", f.SDKAppID)
	e.faults.mu.Lock()
	e.faults.active = append(e.faults.active, &f)
	e.faults.mu.Unlock()
}

// ClearFaults removes every queued fault.
func (e *Emulator) ClearFaults() {
	e.faults.mu.Lock()
	e.faults.active = nil
	e.faults.mu.Unlock()
}

// Faults returns the queued faults with their remaining counts.
func (e *Emulator) Faults() []Fault {
	e.faults.mu.Lock()
	defer e.faults.mu.Unlock()
	out := make([]Fault, len(e.faults.active))
	for i, f := range e.faults.active {
		out[i] = *f
	}
	return out
}

// takeFault consumes one use of the first fault matching the request.
func (e *Emulator) takeFault(path string, app uint64) (Fault, bool) {
	e.faults.mu.Lock()
	defer e.faults.mu.Unlock()
	for i, f := range e.faults.active {
		if !strings.HasPrefix(path, f.PathPrefix) || (f.SDKAppID != 0 && f.SDKAppID != app) {
			continue
		}
		taken := *f
		f.Count--
		if f.Count <= 0 {
			e.faults.active = append(e.faults.active[:i], e.faults.active[i+1:]...)
		}
		return taken, true
	}
	return Fault{}, false
}

func validateFault(f Fault) error {
	switch f.Kind {
	case FaultHTTPStatus:
		if f.Status != 0 && (f.Status < 100 || f.Status > 599) {
			return fmt.Errorf("%w: status %d is not an HTTP status", ErrInvalid, f.Status)
		}
	case FaultErrorCode:
		if f.Code == 0 {
			return fmt.Errorf("%w: an error_code fault needs a non-zero code", ErrInvalid)
		}
	case FaultDelay:
		if f.Delay <= 0 || f.Delay > 10*time.Minute {
			return fmt.Errorf("%w: a delay fault needs a delay between 1ns and 10m", ErrInvalid)
		}
	case FaultThrottle, FaultDrop, FaultDropAfterApply, FaultTruncate, FaultNonJSON:
	default:
		return fmt.Errorf("%w: unknown fault kind %q", ErrInvalid, f.Kind)
	}
	if f.Count < 0 {
		return fmt.Errorf("%w: count must not be negative", ErrInvalid)
	}
	return nil
}
