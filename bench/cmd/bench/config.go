package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"

	"github.com/tencentrtc/terraform-provider-tencentrtc/bench/fleet"
	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

// firstAppID is the SDKAppID of the first benchmark app; app i is firstAppID+i.
const firstAppID = 1400000001

// benchProducts are the products every app gets one managed configuration of
// in the apply/plan measurements; the query lists all four (catalog.Products).
var benchProducts = []catalog.Product{catalog.Call, catalog.Live, catalog.Room}

// benchApps returns n apps with deterministic, well-formed (64 hex digit)
// secret keys.
func benchApps(n int) []emulator.App {
	apps := make([]emulator.App, n)
	for i := range apps {
		id := uint64(firstAppID + i) //nolint:gosec // i >= 0
		sum := sha256.Sum256([]byte("tencentrtc-bench/" + strconv.FormatUint(id, 10)))
		apps[i] = emulator.App{SDKAppID: id, SecretKey: hex.EncodeToString(sum[:])}
	}
	return apps
}

// rootModule is the apply/plan module, the repository's multi-app module
// (testfixtures.MultiApp, also used by the provider tests): a provider block
// with the emulator endpoint, the first app as the default app and every app
// in the apps map, and one tencentrtc_callback_config per app ×
// benchProducts through for_each, with the fleet's URLs and command words.
func rootModule(endpoint string, apps []emulator.App) string {
	return testfixtures.RequiredProviders + testfixtures.MultiApp{
		Endpoint:   endpoint,
		Apps:       apps,
		Products:   benchProducts,
		URLBase:    fleet.URLBase,
		DefaultApp: apps[0].SDKAppID,
		Words:      fleet.Commands,
	}.HCL()
}

// queryModule is the query's main.tf: the same provider block, no resources.
func queryModule(endpoint string, apps []emulator.App) string {
	return testfixtures.RequiredProviders + testfixtures.Provider(endpoint,
		fmt.Sprintf("  sdk_app_id = %d", apps[0].SDKAppID), testfixtures.AppsAttribute(apps))
}

// queryFile is the fleet.tfquery.hcl of the query measurement: every
// configuration of every app the provider block has credentials for (the list
// resource's default sdk_app_ids), all four products, with the resources
// (what -generate-config-out needs), and a limit of exactly the fleet's size
// (Terraform's default is 100).
func queryFile(configurations int) string {
	return fmt.Sprintf(`list "tencentrtc_callback_config" "fleet" {
  provider         = tencentrtc
  include_resource = true
  limit            = %d

  config {
    products = [%s]
  }
}
`, configurations, testfixtures.Quoted(catalog.Products))
}
