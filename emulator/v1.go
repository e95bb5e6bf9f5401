package emulator

import (
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

type v1Config struct {
	Actions []string `json:"actions"`
	Address string   `json:"address"`
}

// serveV1 handles the legacy callkit verbs (API.md §Verbs per product). Every parameter
// problem, including malformed JSON, is v1's generic 70001.
func (e *Emulator) serveV1(app App, rt route, body []byte) outcome {
	m, bad := jsonObject(familyV1, body)
	if bad != nil {
		return *bad
	}
	switch rt.verb {
	case verbSet, verbUpdate:
		var c v1Config
		if bad := field(familyV1, m, "address", &c.Address); bad != nil {
			return *bad
		}
		if bad := field(familyV1, m, "actions", &c.Actions); bad != nil {
			return *bad
		}
		if msg := validateURL(c.Address); msg != "" {
			return fail(codeV1InvalidParam, "address must begin with http or https")
		}
		if msg := validateConfig(catalog.CallKit, c.Address, c.Actions); msg != "" {
			return fail(codeV1InvalidParam, "invalid or missing request parameters: %s", msg)
		}
		return e.writeConfig(familyV1, app.SDKAppID, rt, CallbackConfig{URL: c.Address, Commands: c.Actions})
	case verbGet:
		c, found := e.Config(app.SDKAppID, catalog.CallKit)
		if !found {
			// The get page documents no "missing" code; 999 is v1's
			// "callback does not exist" (status page), our choice.
			return fail(codeV1NotFound, "callback does not exist")
		}
		return ok(v1Config{Actions: c.Commands, Address: c.URL})
	case verbDelete:
		// Deleting a missing config succeeds (unconfirmed; the delete page
		// lists only 0 and 50001).
		e.DeleteConfig(app.SDKAppID, catalog.CallKit)
		return ok("")
	}
	return fail(codeV1Internal, "internal error")
}
