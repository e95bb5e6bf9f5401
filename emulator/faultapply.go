package emulator

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

const gatewayPage = `<html>
<head><title>%d %s</title></head>
<body>
<center><h1>%d %s</h1></center>
<hr><center>nginx</center>
</body>
</html>
`

// applyFault answers r according to fault and reports whether the request is
// finished (false: serve it normally).
func (e *Emulator) applyFault(w http.ResponseWriter, r *http.Request, f family, q url.Values, qerr error, fault Fault) bool {
	switch fault.Kind {
	case FaultDelay:
		t := time.NewTimer(fault.Delay)
		defer t.Stop()
		select {
		case <-t.C:
			return false
		case <-r.Context().Done():
			return true // the client gave up; nobody reads an answer
		}
	case FaultHTTPStatus:
		status := fault.Status
		if status == 0 {
			status = http.StatusBadGateway
		}
		writeHTML(w, status)
	case FaultNonJSON:
		writeHTML(w, http.StatusOK)
	case FaultErrorCode:
		writeEnvelope(w, e.encode(f, fail(fault.Code, "injected error %d", fault.Code)))
	case FaultThrottle:
		writeEnvelope(w, e.encode(f, fail(f.throttled(), "request frequency over the limit")))
	case FaultDrop:
		dropConnection(w)
	case FaultDropAfterApply:
		_ = e.handle(w, r, f, q, qerr)
		dropConnection(w)
	case FaultTruncate:
		b := e.encode(f, e.handle(w, r, f, q, qerr))
		// A truncated answer as it happens on the wire: the header promises
		// the whole body, half of it arrives, then the connection closes.
		// The client sees an unexpected EOF while reading the body.
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Content-Length", strconv.Itoa(len(b)))
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(b[:len(b)/2]) //nolint:gosec // a JSON envelope, not HTML
		if fl, ok := w.(http.Flusher); ok {
			fl.Flush()
		}
		dropConnection(w)
	default:
		return false
	}
	return true
}

func writeHTML(w http.ResponseWriter, status int) {
	text := http.StatusText(status)
	w.Header().Set("Content-Type", "text/html")
	w.WriteHeader(status)
	_, _ = fmt.Fprintf(w, gatewayPage, status, text, status, text)
}

// dropConnection closes the client connection without a (complete) answer.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	// HTTP/2 or a recorder: abort the handler; net/http resets the stream.
	panic(http.ErrAbortHandler)
}
