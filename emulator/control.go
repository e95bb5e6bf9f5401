package emulator

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

const maxControlBody = 1 << 20

// ControlRoute is one route of the control API.
type ControlRoute struct {
	Method      string // GET, POST, PUT or DELETE
	Path        string // e.g. "/emulator/apps/{sdkappid}/config/{product}"
	Description string // what it does, with a sample JSON body where it takes one
}

// ControlRoutes lists the routes of the control API under /emulator/; the
// tencentrtc-emulator command prints them in its -help.
func ControlRoutes() []ControlRoute { return slices.Clone(controlRoutes) }

var controlRoutes = []ControlRoute{
	{"GET", "/emulator/state", "everything the emulator holds (apps without secret keys, configs, tokens, faults, stats)"},
	{"POST", "/emulator/apps", `add or replace an app: {"sdkappid":1400000001,"secret_key":"...","identifier":"administrator"}`},
	{"GET", "/emulator/apps", "list the apps (no secret keys)"},
	{"GET", "/emulator/apps/{sdkappid}/config/{product}", `read a configuration: {"url":"...","callback_commands":[...]}`},
	{"PUT", "/emulator/apps/{sdkappid}/config/{product}", "store a configuration out of band (validated like the real API)"},
	{"DELETE", "/emulator/apps/{sdkappid}/config/{product}", "delete a configuration out of band"},
	{"GET", "/emulator/apps/{sdkappid}/live-token", `read the Live callback token: {"token":"...","enabled":true}`},
	{"PUT", "/emulator/apps/{sdkappid}/live-token", "store the Live callback token out of band"},
	{"DELETE", "/emulator/apps/{sdkappid}/live-token", "delete the Live callback token"},
	{"POST", "/emulator/faults", `inject a fault: {"kind":"http_status","status":502,"count":2,"path_prefix":"/v4/","sdkappid":0,"code":0,"delay_ms":0}`},
	{"GET", "/emulator/faults", "list the queued faults with their remaining counts"},
	{"DELETE", "/emulator/faults", "clear every queued fault"},
	{"GET", "/emulator/stats", "request counts per API path, throttled, faults, total"},
	{"DELETE", "/emulator/stats", "reset the counters"},
	{"POST", "/emulator/trigger", `deliver a callback: {"sdkappid":1400000001,"command":"Call.CallbackAfterStartCall","product":"","body":{...}}`},
}

// isLoopback reports whether the request comes from a loopback address.
func isLoopback(r *http.Request) bool {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func (e *Emulator) serveControl(w http.ResponseWriter, r *http.Request) {
	if !isLoopback(r) {
		writeJSON(w, http.StatusForbidden, errBody("the control API is available from loopback addresses only"))
		return
	}
	defer func() {
		if rec := recover(); rec != nil {
			e.log.Error("panic while serving a control request", "path", r.URL.Path, "panic", rec)
			writeJSON(w, http.StatusInternalServerError, errBody("internal error"))
		}
	}()
	e.control.ServeHTTP(w, r)
}

type methodHandlers map[string]func(w http.ResponseWriter, r *http.Request)

func (m methodHandlers) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h, ok := m[r.Method]; ok {
		h(w, r)
		return
	}
	allowed := make([]string, 0, len(m))
	for k := range m {
		allowed = append(allowed, k)
	}
	slices.Sort(allowed)
	for _, a := range allowed {
		w.Header().Add("Allow", a)
	}
	writeJSON(w, http.StatusMethodNotAllowed, errBody(fmt.Sprintf("method %s not allowed here; use %v", r.Method, allowed)))
}

func errBody(msg string) map[string]string { return map[string]string{"error": msg} }

func (e *Emulator) controlHandler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/emulator/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotFound, map[string]any{"error": "unknown control route", "routes": controlRoutes})
	}))
	mux.Handle("/emulator/state", methodHandlers{"GET": e.ctlState})
	mux.Handle("/emulator/apps", methodHandlers{"GET": e.ctlListApps, "POST": e.ctlAddApp})
	mux.Handle("/emulator/apps/{sdkappid}/config/{product}", methodHandlers{
		"GET": e.ctlGetConfig, "PUT": e.ctlPutConfig, "DELETE": e.ctlDeleteConfig})
	mux.Handle("/emulator/apps/{sdkappid}/live-token", methodHandlers{
		"GET": e.ctlGetToken, "PUT": e.ctlPutToken, "DELETE": e.ctlDeleteToken})
	mux.Handle("/emulator/faults", methodHandlers{
		"GET":    func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, http.StatusOK, e.Faults()) },
		"POST":   e.ctlInjectFault,
		"DELETE": func(w http.ResponseWriter, _ *http.Request) { e.ClearFaults(); w.WriteHeader(http.StatusNoContent) },
	})
	mux.Handle("/emulator/stats", methodHandlers{
		"GET":    func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, http.StatusOK, e.Stats()) },
		"DELETE": func(w http.ResponseWriter, _ *http.Request) { e.ResetStats(); w.WriteHeader(http.StatusNoContent) },
	})
	mux.Handle("/emulator/trigger", methodHandlers{"POST": e.ctlTrigger})
	return mux
}

// decodeControl reads a JSON control body strictly: unknown fields are
// errors, so a typo is reported instead of ignored.
func decodeControl(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxControlBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		writeJSON(w, http.StatusBadRequest, errBody("invalid JSON body: "+err.Error()))
		return false
	}
	if _, err := dec.Token(); err != io.EOF {
		writeJSON(w, http.StatusBadRequest, errBody("invalid JSON body: trailing data after the object"))
		return false
	}
	return true
}

// pathApp parses {sdkappid} and requires a known app.
func (e *Emulator) pathApp(w http.ResponseWriter, r *http.Request) (uint64, bool) {
	id, err := strconv.ParseUint(r.PathValue("sdkappid"), 10, 64)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, errBody(fmt.Sprintf("invalid SDKAppID %q in the path", r.PathValue("sdkappid"))))
		return 0, false
	}
	if _, ok := e.app(id); !ok {
		writeJSON(w, http.StatusNotFound, errBody(fmt.Sprintf("unknown SDKAppID %d; add it with POST /emulator/apps", id)))
		return 0, false
	}
	return id, true
}

func (e *Emulator) pathAppProduct(w http.ResponseWriter, r *http.Request) (uint64, catalog.Product, bool) {
	id, ok := e.pathApp(w, r)
	if !ok {
		return 0, "", false
	}
	p, err := catalog.ParseProduct(r.PathValue("product"))
	if err != nil {
		writeJSON(w, http.StatusBadRequest, errBody(err.Error()))
		return 0, "", false
	}
	return id, p, true
}

func (e *Emulator) ctlGetConfig(w http.ResponseWriter, r *http.Request) {
	id, p, ok := e.pathAppProduct(w, r)
	if !ok {
		return
	}
	c, found := e.Config(id, p)
	if !found {
		writeJSON(w, http.StatusNotFound, errBody(fmt.Sprintf("app %d has no %s configuration", id, p)))
		return
	}
	writeJSON(w, http.StatusOK, c)
}

func (e *Emulator) ctlPutConfig(w http.ResponseWriter, r *http.Request) {
	id, p, ok := e.pathAppProduct(w, r)
	if !ok {
		return
	}
	var c CallbackConfig
	if !decodeControl(w, r, &c) {
		return
	}
	if err := e.PutConfig(id, p, c); err != nil {
		status := http.StatusInternalServerError
		if errors.Is(err, ErrInvalid) {
			status = http.StatusBadRequest
		}
		writeJSON(w, status, errBody(err.Error()))
		return
	}
	c, _ = e.Config(id, p)
	writeJSON(w, http.StatusOK, c)
}

func (e *Emulator) ctlDeleteConfig(w http.ResponseWriter, r *http.Request) {
	id, p, ok := e.pathAppProduct(w, r)
	if !ok {
		return
	}
	e.DeleteConfig(id, p)
	w.WriteHeader(http.StatusNoContent)
}

func (e *Emulator) ctlGetToken(w http.ResponseWriter, r *http.Request) {
	id, ok := e.pathApp(w, r)
	if !ok {
		return
	}
	t, found := e.LiveToken(id)
	if !found {
		writeJSON(w, http.StatusNotFound, errBody(fmt.Sprintf("app %d has no Live callback token", id)))
		return
	}
	writeJSON(w, http.StatusOK, t)
}

func (e *Emulator) ctlPutToken(w http.ResponseWriter, r *http.Request) {
	id, ok := e.pathApp(w, r)
	if !ok {
		return
	}
	var t LiveToken
	if !decodeControl(w, r, &t) {
		return
	}
	if msg := validateToken(t.Token); msg != "" {
		writeJSON(w, http.StatusBadRequest, errBody("token: "+msg))
		return
	}
	e.PutLiveToken(id, t)
	writeJSON(w, http.StatusOK, t)
}

func (e *Emulator) ctlDeleteToken(w http.ResponseWriter, r *http.Request) {
	id, ok := e.pathApp(w, r)
	if !ok {
		return
	}
	e.DeleteLiveToken(id)
	w.WriteHeader(http.StatusNoContent)
}

// appView is an app as the control API shows it: never the secret key.
type appView struct {
	SDKAppID   uint64 `json:"sdkappid"`
	Identifier string `json:"identifier"`
}

func (e *Emulator) appViews() []appView {
	e.mu.RLock()
	defer e.mu.RUnlock()
	out := make([]appView, 0, len(e.apps))
	for _, a := range e.apps {
		out = append(out, appView{a.SDKAppID, a.Identifier})
	}
	slices.SortFunc(out, func(a, b appView) int { return cmp.Compare(a.SDKAppID, b.SDKAppID) })
	return out
}

func (e *Emulator) ctlListApps(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, e.appViews())
}

func (e *Emulator) ctlAddApp(w http.ResponseWriter, r *http.Request) {
	var in struct {
		SDKAppID   uint64 `json:"sdkappid"`
		SecretKey  string `json:"secret_key"`
		Identifier string `json:"identifier"`
	}
	if !decodeControl(w, r, &in) {
		return
	}
	a := App{SDKAppID: in.SDKAppID, SecretKey: in.SecretKey, Identifier: in.Identifier}
	if err := validateApp(a); err != nil {
		writeJSON(w, http.StatusBadRequest, errBody(err.Error()))
		return
	}
	e.AddApp(a)
	a, _ = e.app(a.SDKAppID)
	writeJSON(w, http.StatusCreated, appView{a.SDKAppID, a.Identifier})
}

func (e *Emulator) ctlInjectFault(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Fault
		DelayMS *int64 `json:"delay_ms"`
	}
	if !decodeControl(w, r, &in) {
		return
	}
	f := in.Fault
	if in.DelayMS != nil {
		f.Delay = time.Duration(*in.DelayMS) * time.Millisecond
	}
	if err := validateFault(f); err != nil {
		writeJSON(w, http.StatusBadRequest, errBody(err.Error()))
		return
	}
	if f.Count == 0 {
		f.Count = 1
	}
	e.InjectFault(f)
	writeJSON(w, http.StatusCreated, f)
}

func (e *Emulator) ctlTrigger(w http.ResponseWriter, r *http.Request) {
	var in TriggerRequest
	if !decodeControl(w, r, &in) {
		return
	}
	d, err := e.TriggerEvent(r.Context(), in)
	if err != nil {
		status := http.StatusBadRequest
		if errors.Is(err, ErrUnknownApp) {
			status = http.StatusNotFound
		}
		writeJSON(w, status, errBody(err.Error()))
		return
	}
	writeJSON(w, http.StatusOK, d)
}

// stateView is GET /emulator/state.
type stateView struct {
	Apps       []appStateView `json:"apps"`
	Faults     []Fault        `json:"faults"`
	Stats      Stats          `json:"stats"`
	RateLimits map[string]any `json:"rate_limits"`
	StatePath  string         `json:"state_path,omitempty"`
}

type appStateView struct {
	SDKAppID   uint64                             `json:"sdkappid"`
	Identifier string                             `json:"identifier,omitempty"` // empty: state for an app not added (yet)
	Configs    map[catalog.Product]CallbackConfig `json:"configs"`
	LiveToken  *LiveToken                         `json:"live_token,omitempty"`
}

func (e *Emulator) ctlState(w http.ResponseWriter, _ *http.Request) {
	e.mu.RLock()
	snap := e.snapshotLocked()
	ids := make(map[uint64]string, len(e.apps)+len(snap))
	for id, a := range e.apps {
		ids[id] = a.Identifier
	}
	e.mu.RUnlock()
	for id := range snap {
		if _, ok := ids[id]; !ok {
			ids[id] = ""
		}
	}
	v := stateView{
		Faults:     e.Faults(),
		Stats:      e.Stats(),
		RateLimits: map[string]any{"v4_per_second": e.v4Limit, "v1_per_second": e.v1Limit},
		StatePath:  e.statePath,
	}
	for id, ident := range ids {
		av := appStateView{SDKAppID: id, Identifier: ident, Configs: map[catalog.Product]CallbackConfig{}}
		if st := snap[id]; st != nil {
			if st.Configs != nil {
				av.Configs = st.Configs
			}
			av.LiveToken = st.LiveToken
		}
		v.Apps = append(v.Apps, av)
	}
	slices.SortFunc(v.Apps, func(a, b appStateView) int { return cmp.Compare(a.SDKAppID, b.SDKAppID) })
	writeJSON(w, http.StatusOK, v)
}
