// Package fleet is the callback configuration every (app, product) pair of
// the benchmark's fleet of Tencent apps has. The benchmarks (bench/*_test.go)
// store these configurations in the emulator, and the floor provider's list
// resource and import (bench/floor) return the same ones without any I/O, so
// `terraform query` over both providers yields the same results.
package fleet

import (
	"strconv"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

// URLBase is the start of every callback URL: URL(app, p) is
// URLBase/<app>/<p>.
const URLBase = "https://hooks.example.com/trtc"

// URL is the callback URL of app's configuration of p.
func URL(app uint64, p catalog.Product) string {
	return URLBase + "/" + strconv.FormatUint(app, 10) + "/" + string(p)
}

// Commands are up to three real command words of p from the catalogue (no
// aliases), so a configuration passes the real provider's validation.
func Commands(p catalog.Product) []string {
	var out []string
	for _, c := range catalog.Commands(p) {
		if c.IsAlias() {
			continue
		}
		out = append(out, c.Name)
		if len(out) == 3 {
			break
		}
	}
	return out
}
