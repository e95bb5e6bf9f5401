// Package fleet is the benchmark's fleet of Tencent apps: N SDKAppIDs with
// their secret keys and the callback configuration every (app, product) pair
// has. The harness (bench/cmd/bench) writes these configurations into the
// emulator, and the floor provider's list resource (bench/floor) returns the
// same ones without any I/O, so `terraform query` over both providers yields
// the same results.
package fleet

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

// FirstAppID is the SDKAppID of the first app; app i is FirstAppID+i.
const FirstAppID = 1400000001

// App is one SDKAppID with its secret key.
type App struct {
	ID     uint64
	Secret string
}

// Apps returns n apps with deterministic, well-formed (64 hex digit) secret
// keys.
func Apps(n int) []App {
	apps := make([]App, n)
	for i := range apps {
		id := uint64(FirstAppID + i) //nolint:gosec // i >= 0
		sum := sha256.Sum256([]byte("tencentrtc-bench/" + strconv.FormatUint(id, 10)))
		apps[i] = App{ID: id, Secret: hex.EncodeToString(sum[:])}
	}
	return apps
}

// URL is the callback URL of app's configuration of p.
func URL(app uint64, p catalog.Product) string {
	return "https://hooks.example.com/trtc/" + strconv.FormatUint(app, 10) + "/" + string(p)
}

// Commands are up to three real command words of p from the catalogue (no
// aliases), so a configuration passes the real provider's validation.
func Commands(p catalog.Product) []string {
	var out []string
	for _, c := range catalog.Commands(p) {
		if c.Alias {
			continue
		}
		out = append(out, c.Name)
		if len(out) == 3 {
			break
		}
	}
	return out
}
