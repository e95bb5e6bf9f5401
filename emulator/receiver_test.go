package emulator

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// received is one callback as the receiver got it.
type received struct {
	method, path, rawQuery string
	body                   []byte
	at                     time.Time
}

// receiver is an httptest callback receiver that answers with the replies
// in order (the last one repeats).
type receiver struct {
	*httptest.Server
	mu      sync.Mutex
	got     []received
	replies []func(w http.ResponseWriter)
}

func newReceiver(t *testing.T, replies ...func(w http.ResponseWriter)) *receiver {
	rc := &receiver{replies: replies}
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		rc.got = append(rc.got, received{r.Method, r.URL.Path, r.URL.RawQuery, b, time.Now()})
		reply := func(w http.ResponseWriter) {
			_, _ = io.WriteString(w, `{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}`)
		}
		if n := len(rc.got); len(rc.replies) > 0 {
			reply = rc.replies[min(n, len(rc.replies))-1]
		}
		rc.mu.Unlock()
		reply(w)
	}))
	t.Cleanup(rc.Close)
	return rc
}

func (rc *receiver) requests() []received {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]received(nil), rc.got...)
}

func replyString(status int, body string) func(w http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}
