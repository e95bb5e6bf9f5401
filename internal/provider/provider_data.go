package provider

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/client"
)

// providerData is what Configure hands to every resource and data source: one
// client per app, built once per provider process so that UserSigs, rate
// limiters and connections are shared by all resources of that app.
type providerData struct {
	// defaultApp is the provider-level sdk_app_id; 0 when none was given.
	defaultApp uint64
	clients    map[uint64]*client.Client
}

// appID picks the app of a resource: its own sdk_app_id when set (configured
// > 0), else the provider's default. The error names both ways to fix it.
func (d *providerData) appID(configured int64, set bool) (uint64, error) {
	if set {
		if configured <= 0 {
			return 0, fmt.Errorf("sdk_app_id must be a positive SDKAppID, got %d", configured)
		}
		return uint64(configured), nil
	}
	if d.defaultApp == 0 {
		return 0, fmt.Errorf("no SDKAppID: set sdk_app_id on this resource, or sdk_app_id in the provider block (or the %s environment variable)", envSDKAppID)
	}
	return d.defaultApp, nil
}

// client returns the shared client of app, or an error that says how to
// provide its credentials. It never mentions a secret.
func (d *providerData) client(app uint64) (*client.Client, error) {
	if c, ok := d.clients[app]; ok {
		return c, nil
	}
	known := make([]string, 0, len(d.clients))
	for id := range d.clients {
		known = append(known, strconv.FormatUint(id, 10))
	}
	sort.Strings(known)
	have := "none"
	if len(known) > 0 {
		have = strings.Join(known, ", ")
	}
	return nil, fmt.Errorf("no credentials for SDKAppID %d (the provider has credentials for: %s). Add it to the provider's apps map: apps = { \"%d\" = { secret_key = ... } }, or make it the provider's sdk_app_id with secret_key (or %s and %s)",
		app, have, app, envSDKAppID, envSecretKey)
}

// Environment variables of the provider block (contract).
const (
	envSDKAppID   = "TENCENTRTC_SDK_APP_ID"
	envIdentifier = "TENCENTRTC_IDENTIFIER"
	envSecretKey  = "TENCENTRTC_SECRET_KEY" //nolint:gosec // a variable name, not a secret
	envRegion     = "TENCENTRTC_REGION"
	envEndpoint   = "TENCENTRTC_ENDPOINT"
)
