package emulator

import (
	"bytes"
	"encoding/json"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/wire"
)

// verb is one documented API operation.
type verb int

const (
	verbSet verb = iota
	verbGet
	verbUpdate
	verbDelete
	verbSetToken
	verbGetToken
	verbDeleteToken
)

// route is a known API path.
type route struct {
	family  family
	product catalog.Product
	verb    verb
}

// routes lists every documented path (API.md §Verbs per product). call_config has no update
// verb and room_config no token verbs: those paths are unknown, like any
// other, and answer 60009.
var routes = map[string]route{
	"/v4/call_config/set_callback":    {familyV4, catalog.Call, verbSet},
	"/v4/call_config/get_callback":    {familyV4, catalog.Call, verbGet},
	"/v4/call_config/delete_callback": {familyV4, catalog.Call, verbDelete},

	"/v4/live_config/set_callback":          {familyV4, catalog.Live, verbSet},
	"/v4/live_config/get_callback":          {familyV4, catalog.Live, verbGet},
	"/v4/live_config/update_callback":       {familyV4, catalog.Live, verbUpdate},
	"/v4/live_config/delete_callback":       {familyV4, catalog.Live, verbDelete},
	"/v4/live_config/set_callback_token":    {familyV4, catalog.Live, verbSetToken},
	"/v4/live_config/get_callback_token":    {familyV4, catalog.Live, verbGetToken},
	"/v4/live_config/delete_callback_token": {familyV4, catalog.Live, verbDeleteToken},

	"/v4/room_config/set_callback":    {familyV4, catalog.Room, verbSet},
	"/v4/room_config/get_callback":    {familyV4, catalog.Room, verbGet},
	"/v4/room_config/update_callback": {familyV4, catalog.Room, verbUpdate},
	"/v4/room_config/delete_callback": {familyV4, catalog.Room, verbDelete},

	"/v1/callback/set":    {familyV1, catalog.CallKit, verbSet},
	"/v1/callback/get":    {familyV1, catalog.CallKit, verbGet},
	"/v1/callback/update": {familyV1, catalog.CallKit, verbUpdate},
	"/v1/callback/delete": {familyV1, catalog.CallKit, verbDelete},
}

// jsonObject parses body as a JSON object with case-sensitive keys (Go's
// struct decoding would accept "url" for "Url"; the real server would not).
func jsonObject(f family, body []byte) (map[string]json.RawMessage, *outcome) {
	if !json.Valid(body) {
		// The docs require a JSON body, even {} for get/delete.
		if f == familyV1 {
			o := fail(codeV1InvalidParam, "request body is not valid JSON")
			return nil, &o
		}
		o := fail(codeV4BadJSON, "request body is not valid JSON")
		return nil, &o
	}
	if bytes.Equal(bytes.TrimSpace(body), []byte("null")) {
		return map[string]json.RawMessage{}, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		o := fail(f.invalid(), "request body must be a JSON object")
		return nil, &o
	}
	return m, nil
}

// field decodes m[key] into dst; a missing or null field leaves dst alone.
func field(f family, m map[string]json.RawMessage, key string, dst any) *outcome {
	raw, found := m[key]
	if !found {
		return nil
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		o := fail(f.invalid(), "field %s has the wrong type", key)
		return &o
	}
	return nil
}

// serve answers a request whose body has passed the checks of handle. The
// Live token verbs are v4 only; the config verbs are alike in both families
// but for their spelling.
func (e *Emulator) serve(f family, app App, rt route, body []byte) outcome {
	m, bad := jsonObject(f, body)
	if bad != nil {
		return *bad
	}
	switch rt.verb {
	case verbSetToken:
		return e.setToken(app.SDKAppID, m)
	case verbGetToken:
		t, found := e.LiveToken(app.SDKAppID)
		if !found {
			return fail(codeV4TokenNotFound, "no callback token configuration exists; create it with set_callback_token")
		}
		return ok(wire.V4Token(t))
	case verbDeleteToken:
		// Deleting a missing token succeeds, like deleting a missing config
		// (unconfirmed; the delete-token page documents no error codes).
		e.DeleteLiveToken(app.SDKAppID)
		return ok(nil)
	}
	return e.serveConfig(f, app, rt, m)
}

// serveConfig answers the set, update, get and delete verbs of a product's
// callback configuration.
func (e *Emulator) serveConfig(f family, app App, rt route, m map[string]json.RawMessage) outcome {
	switch rt.verb {
	case verbSet, verbUpdate:
		c, bad := readConfig(f, rt.product, m)
		if bad != nil {
			return *bad
		}
		return e.writeConfig(f, app.SDKAppID, rt, c)
	case verbGet:
		c, found := e.Config(app.SDKAppID, rt.product)
		switch {
		case !found && f == familyV1:
			// The v1 get page documents no "missing" code; 999 is v1's
			// "callback does not exist" (status page), our choice.
			return fail(codeV1NotFound, "callback does not exist")
		case !found:
			return fail(codeV4NotFound, "no callback configuration exists; create one first")
		case f == familyV1:
			return ok(wire.V1CallbackData{Actions: c.Commands, Address: c.URL})
		}
		return ok(wire.V4Callback(c))
	case verbDelete:
		// Deleting a missing config succeeds: the v4 delete pages list only
		// 100001/100002 (API.md §Choices where the documentation is silent, 2),
		// the v1 page only 0 and 50001 (unconfirmed).
		e.DeleteConfig(app.SDKAppID, rt.product)
		if f == familyV1 {
			return ok("")
		}
		return ok(nil)
	}
	return fail(f.internal(), "internal error")
}

// readConfig reads and checks the body of a set or update: v4 spells it
// Url/CallbackCommandList, v1 address/actions. Every v1 parameter problem is
// its generic 70001.
func readConfig(f family, p catalog.Product, m map[string]json.RawMessage) (CallbackConfig, *outcome) {
	urlKey, commandsKey := "Url", "CallbackCommandList"
	if f == familyV1 {
		urlKey, commandsKey = "address", "actions"
	}
	var c CallbackConfig
	if bad := field(f, m, urlKey, &c.URL); bad != nil {
		return c, bad
	}
	if bad := field(f, m, commandsKey, &c.Commands); bad != nil {
		return c, bad
	}
	var o outcome
	switch msg := validateConfig(p, c.URL, c.Commands); {
	case msg == "":
		return c, nil
	case f == familyV4:
		o = fail(codeV4InvalidParam, "invalid parameter: %s", msg)
	case validateURL(c.URL) != "":
		o = fail(codeV1InvalidParam, "address must begin with http or https")
	default:
		o = fail(codeV1InvalidParam, "invalid or missing request parameters: %s", msg)
	}
	return c, &o
}

// writeConfig applies set/update semantics (API.md §Verbs per product): call and v1
// set overwrite; live/room set answer "exists"; update needs a config.
func (e *Emulator) writeConfig(f family, app uint64, rt route, c CallbackConfig) outcome {
	info := catalog.Describe(rt.product)
	e.mu.Lock()
	defer e.mu.Unlock()
	_, exists := e.configLocked(app, rt.product)
	switch {
	case rt.verb == verbSet && exists && !info.SetOverwrites:
		return fail(codeV4Exists, "a callback configuration already exists; use update_callback")
	case rt.verb == verbUpdate && !exists:
		if f == familyV1 {
			return fail(codeV1NotFound, "no configuration information")
		}
		return fail(codeV4NotFound, "no callback configuration exists; create one first")
	}
	e.putConfigLocked(app, rt.product, c)
	e.logSaveErr(e.saveLocked())
	if f == familyV1 {
		return ok(c.URL)
	}
	return ok(nil)
}

// setToken creates the token config (both fields required) or partially
// updates it (API.md §Live callback token).
func (e *Emulator) setToken(app uint64, m map[string]json.RawMessage) outcome {
	var token *string
	var enabled *bool
	if bad := field(familyV4, m, "Token", &token); bad != nil {
		return *bad
	}
	if bad := field(familyV4, m, "IsTokenEnable", &enabled); bad != nil {
		return *bad
	}
	if token != nil {
		if msg := validateToken(*token); msg != "" {
			return fail(codeV4InvalidParam, "invalid parameter: %s", msg)
		}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	st := e.stateLocked(app)
	if st.LiveToken == nil {
		if token == nil || enabled == nil {
			return fail(codeV4InvalidParam, "invalid parameter: Token and IsTokenEnable are both required on first setup")
		}
		st.LiveToken = &LiveToken{}
	}
	t := *st.LiveToken
	if token != nil {
		t.Token = *token
	}
	if enabled != nil {
		t.Enabled = *enabled
	}
	st.LiveToken = &t
	e.logSaveErr(e.saveLocked())
	return ok(nil)
}
