package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

// firstAppID is the SDKAppID of the first benchmark app; app i is firstAppID+i.
const firstAppID = 1400000001

// benchProducts are the products every app gets one configuration of.
var benchProducts = []catalog.Product{catalog.Call, catalog.Live, catalog.Room}

// app is one emulated SDKAppID with its secret key.
type app struct {
	ID     uint64
	Secret string
}

// benchApps returns n apps with deterministic, well-formed (64 hex digit)
// secret keys.
func benchApps(n int) []app {
	apps := make([]app, n)
	for i := range apps {
		id := uint64(firstAppID + i)
		sum := sha256.Sum256([]byte("tencentrtc-bench/" + strconv.FormatUint(id, 10)))
		apps[i] = app{ID: id, Secret: hex.EncodeToString(sum[:])}
	}
	return apps
}

// commandWords picks up to three real command words of p from the catalogue,
// so the configuration passes the real provider's validation.
func commandWords(p catalog.Product) []string {
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

// rootModule renders the benchmark's root module: a provider block with the
// emulator endpoint, the first app as the default app (its key in the apps
// map: the provider rejects credentials given twice) and every app in the apps
// map, and one tencentrtc_callback_config per app × product through for_each
// over a local map.
func rootModule(endpoint string, apps []app) string {
	var b strings.Builder
	b.WriteString(`terraform {
  required_providers {
    tencentrtc = {
      source = "tencentrtc/tencentrtc"
    }
  }
}

`)
	fmt.Fprintf(&b, "provider \"tencentrtc\" {\n  endpoint   = %q\n", endpoint)
	if len(apps) > 0 {
		fmt.Fprintf(&b, "  sdk_app_id = %d\n", apps[0].ID)
	}
	b.WriteString("\n  apps = {\n")
	for _, a := range apps {
		fmt.Fprintf(&b, "    \"%d\" = { secret_key = %q }\n", a.ID, a.Secret)
	}
	b.WriteString("  }\n}\n\nlocals {\n  apps = [\n")
	for _, a := range apps {
		fmt.Fprintf(&b, "    %d,\n", a.ID)
	}
	b.WriteString("  ]\n\n  commands = {\n")
	for _, p := range benchProducts {
		words := commandWords(p)
		quoted := make([]string, len(words))
		for i, w := range words {
			quoted[i] = strconv.Quote(w)
		}
		fmt.Fprintf(&b, "    %s = [%s]\n", p, strings.Join(quoted, ", "))
	}
	b.WriteString(`  }

  configs = merge([
    for app in local.apps : {
      for product, commands in local.commands : "${app}/${product}" => {
        sdk_app_id = app
        product    = product
        commands   = commands
      }
    }
  ]...)
}

resource "tencentrtc_callback_config" "bench" {
  for_each = local.configs

  sdk_app_id        = each.value.sdk_app_id
  product           = each.value.product
  url               = "https://hooks.example.com/trtc/${each.value.sdk_app_id}/${each.value.product}"
  callback_commands = each.value.commands
}
`)
	return b.String()
}

// cliConfig writes a CLI configuration whose dev_overrides point the
// tencentrtc provider at the binary in binDir (the same file
// scripts/lib.sh's dev_overrides_config writes), and returns its path.
func cliConfig(dir, binDir string) (string, error) {
	path := filepath.Join(dir, "cli.tfrc")
	text := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "registry.terraform.io/tencentrtc/tencentrtc" = %[1]q
    "registry.opentofu.org/tencentrtc/tencentrtc" = %[1]q
  }
  direct {}
}
`, binDir)
	return path, os.WriteFile(path, []byte(text), 0o600)
}
