package testfixtures

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
)

// DecodeUserSig reverses the encoding of a UserSig (a URL-safe base64
// variant of zlib-compressed JSON) and returns the JSON document, whose
// TLS.* fields the tests check.
func DecodeUserSig(sig string) ([]byte, error) {
	std := strings.NewReplacer("*", "+", "-", "/", "_", "=").Replace(sig)
	compressed, err := base64.StdEncoding.DecodeString(std)
	if err != nil {
		return nil, fmt.Errorf("UserSig is not base64: %w", err)
	}
	zr, err := zlib.NewReader(bytes.NewReader(compressed))
	if err != nil {
		return nil, fmt.Errorf("UserSig is not zlib: %w", err)
	}
	doc, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("UserSig inflate: %w", err)
	}
	return doc, nil
}

// UserSigRecorder is an http.Handler that passes each request on to Next (an
// emulator) and keeps every distinct UserSig it was sent, for the tests that
// look for them where they must not be. The zero value with Next set is
// ready.
type UserSigRecorder struct {
	Next http.Handler
	mu   sync.Mutex
	sigs map[string]bool
}

func (s *UserSigRecorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if sig := r.URL.Query().Get("usersig"); sig != "" {
		s.mu.Lock()
		if s.sigs == nil {
			s.sigs = map[string]bool{}
		}
		s.sigs[sig] = true
		s.mu.Unlock()
	}
	s.Next.ServeHTTP(w, r)
}

// UserSigs returns the distinct UserSigs received so far, in no order.
func (s *UserSigRecorder) UserSigs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.sigs))
	for sig := range s.sigs {
		out = append(out, sig)
	}
	return out
}
