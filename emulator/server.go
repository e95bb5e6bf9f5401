package emulator

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// ServeHTTP serves the emulated API paths and the control API.
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	switch {
	case p == "/emulator" || strings.HasPrefix(p, "/emulator/"):
		e.serveControl(w, r)
	case strings.HasPrefix(p, "/v4/"):
		e.serveAPI(w, r, familyV4)
	case strings.HasPrefix(p, "/v1/callback/"):
		e.serveAPI(w, r, familyV1)
	default:
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "not found: the emulator serves /v4/..., /v1/callback/... and /emulator/..."})
	}
}

func (e *Emulator) serveAPI(w http.ResponseWriter, r *http.Request, f family) {
	defer func() {
		if rec := recover(); rec != nil {
			if rec == http.ErrAbortHandler { //nolint:errorlint // sentinel panic value
				panic(rec)
			}
			e.log.Error("panic while serving an API request", "path", r.URL.Path, "panic", rec)
			writeEnvelope(w, e.encode(f, fail(f.internal(), "internal server error; retry")))
		}
	}()
	path := r.URL.Path
	e.stats.request(path)
	q, qerr := url.ParseQuery(r.URL.RawQuery)
	appID, _ := strconv.ParseUint(q.Get("sdkappid"), 10, 64)

	if fault, found := e.takeFault(path, appID); found {
		e.stats.fault()
		e.log.Debug("fault applied", "path", path, "sdkappid", appID, "kind", fault.Kind)
		if e.applyFault(w, r, f, q, qerr, fault) {
			return
		}
	}
	o := e.handle(w, r, f, q, qerr)
	writeEnvelope(w, e.encode(f, o))
}

// handle checks and applies one API request and returns its outcome. The
// order of the checks: method, path, query syntax, sdkappid, rate limit
// (counted per known app before the costlier sig check, as a gateway would),
// random/contenttype, UserSig and identifier, body.
func (e *Emulator) handle(w http.ResponseWriter, r *http.Request, f family, q url.Values, qerr error) (o outcome) {
	path := r.URL.Path
	var appID uint64
	defer func() {
		e.log.Debug("api request", "path", path, "sdkappid", appID, "code", o.code)
	}()
	rt, known := routes[path]
	switch {
	case r.Method != http.MethodPost:
		// The REST APIs are POST only; a GET is a malformed request:
		// 60002 on v4 and 70001 on v1 (our choice, HTTP status stays 200).
		if f == familyV1 {
			return fail(codeV1InvalidParam, "invalid request: use POST")
		}
		return fail(codeV4BadHTTP, "HTTP request could not be parsed: use POST")
	case !known:
		// An unknown path, including call_config/update_callback and the
		// undocumented create_callback: Chat's 60009 "invalid requested
		// resource" (unconfirmed); v1: 70001.
		if f == familyV1 {
			return fail(codeV1InvalidParam, "invalid request path %s", path)
		}
		return fail(codeV4BadResource, "invalid requested resource %s", path)
	case qerr != nil:
		if f == familyV1 {
			return fail(codeV1InvalidParam, "invalid query string")
		}
		return fail(codeV4BadHTTP, "HTTP request could not be parsed: invalid query string")
	}
	app, bad := e.resolveApp(f, q)
	if bad != nil {
		return *bad
	}
	appID = app.SDKAppID
	if !e.allow(app.SDKAppID, f) {
		e.stats.throttled()
		return fail(f.throttled(), "request frequency over the limit")
	}
	if bad := checkParams(f, q); bad != nil {
		return *bad
	}
	if bad := e.authenticate(f, app, q); bad != nil {
		return *bad
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, e.maxBody))
	if err != nil {
		var tooLarge *http.MaxBytesError
		msg := "request body could not be read"
		if errors.As(err, &tooLarge) {
			msg = "request body is larger than " + strconv.FormatInt(e.maxBody, 10) + " bytes"
		}
		if f == familyV1 {
			return fail(codeV1InvalidParam, "%s", msg)
		}
		return fail(codeV4BadHTTP, "%s", msg)
	}
	return e.serve(f, app, rt, body)
}

// writeEnvelope answers HTTP 200, as the real API does for every logical
// error (API.md §Request shape).
func writeEnvelope(w http.ResponseWriter, b []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(b) //nolint:gosec // a JSON envelope, not HTML
}

// writeJSON answers the control API. HTML escaping is off so that delivery
// URLs read as sent (& rather than \u0026).
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		status = http.StatusInternalServerError
		buf.Reset()
		buf.WriteString(`{"error":"cannot encode the answer"}` + "\n")
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// Server is an emulator listening on a loopback port, like httptest.Server.
type Server struct {
	*Emulator
	// URL is the base URL, "http://HOST:PORT", to give the code under test.
	URL string

	srv *http.Server
	ln  net.Listener
}

// NewServer starts an emulator on 127.0.0.1 with a free port.
func NewServer(opts Options) (*Server, error) {
	return Listen("127.0.0.1:0", opts)
}

// Listen starts an emulator on addr (host:port; port 0 picks a free one).
func Listen(addr string, opts Options) (*Server, error) {
	e, err := New(opts)
	if err != nil {
		return nil, err
	}
	ln, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", addr)
	if err != nil {
		return nil, err
	}
	s := &Server{
		Emulator: e,
		URL:      "http://" + ln.Addr().String(),
		ln:       ln,
		srv: &http.Server{
			Handler:           e,
			ReadHeaderTimeout: 10 * time.Second,
			MaxHeaderBytes:    64 << 10,
			ErrorLog:          slog.NewLogLogger(e.log.Handler(), slog.LevelDebug),
		},
	}
	go func() {
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			e.log.Error("emulator server stopped", "error", err)
		}
	}()
	return s, nil
}

// Close stops the server at once, closing open connections.
func (s *Server) Close() {
	_ = s.srv.Close()
}

// Shutdown stops the server gracefully, waiting for active requests until
// ctx is done.
func (s *Server) Shutdown(ctx context.Context) error {
	return s.srv.Shutdown(ctx)
}

// Addr is the address the server listens on.
func (s *Server) Addr() net.Addr { return s.ln.Addr() }
