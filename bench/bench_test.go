// Package bench measures terraform-provider-tencentrtc against the floor
// (bench/floor: the same schemas, no I/O) through a Terraform-compatible CLI,
// as Go benchmarks: `make bench` runs them, prints benchstat tables and checks
// the goals (goals_test.go). See README.md.
package bench

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tencentrtc/terraform-provider-tencentrtc/bench/fleet"
	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

// sizes are the numbers of apps; `-bench '/apps=100$/'` picks one.
var sizes = []int{100, 1000}

// managed are the products of the managed resources: N apps × 3 resources.
var managed = []catalog.Product{catalog.Call, catalog.Live, catalog.Room}

// BenchmarkCLI: the multi-app root module (a provider block with N apps, a
// tencentrtc_callback_config per app and product through for_each) on the
// CLI of BENCH_CLI: the plan of an empty state, the apply that creates
// everything (-parallelism=10), the refreshing plan that must find nothing
// to change, and, for ours only, the apply at -parallelism=50.
func BenchmarkCLI(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("apps=%d", n), func(b *testing.B) {
			apps := testfixtures.ExtraApps(n)
			emu := testfixtures.StartEmulator(b, emulator.Options{Apps: apps})
			main := testfixtures.RequiredProviders + testfixtures.MultiApp{
				Endpoint: emu.URL, Apps: apps, Products: managed, URLBase: fleet.URLBase,
				DefaultApp: apps[0].SDKAppID, Words: fleet.Commands,
			}.HCL()
			p := newPair(b, "BENCH_CLI", emu, map[string]string{"main.tf": main})
			resources := n * len(managed)
			reset := func(_ context.Context, s *side) error {
				for _, a := range apps {
					for _, pr := range managed {
						emu.DeleteConfig(a.SDKAppID, pr)
					}
				}
				return s.remove("terraform.tfstate", "terraform.tfstate.backup")
			}
			applied := func(ctx context.Context, s *side) error {
				if s.has("terraform.tfstate") {
					return nil
				}
				if err := reset(ctx, s); err != nil {
					return err
				}
				return s.apply(ctx, 10)
			}
			p.step(b, "plan-new", resources, reset, func(ctx context.Context, s *side) error { return s.plan(ctx, true) })
			p.step(b, "apply", resources, reset, func(ctx context.Context, s *side) error { return s.apply(ctx, 10) })
			p.step(b, "plan", resources, applied, func(ctx context.Context, s *side) error { return s.plan(ctx, false) })
			(&pair{ours: p.ours}).step(b, "apply-p50", resources, reset, func(ctx context.Context, s *side) error { return s.apply(ctx, 50) })
		})
	}
}

// BenchmarkQuery: `terraform query` (BENCH_QUERY_CLI, Terraform 1.14+) of
// every configuration of N apps × 4 products, stored in the emulator
// beforehand, with the resources (include_resource).
func BenchmarkQuery(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("apps=%d", n), func(b *testing.B) {
			p, configs := queryPair(b, n)
			p.step(b, "query", configs, nil, func(ctx context.Context, s *side) error { return s.query(ctx, configs, "") })
		})
	}
}

// BenchmarkGenerate: the generated-config round trip from an empty state:
// `query -generate-config-out` (the two sides' files must be the same), the
// apply that imports every configuration (no write: 0 added, 0 changed) and
// the plan after it, which must be empty.
func BenchmarkGenerate(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("apps=%d", n), func(b *testing.B) {
			p, configs := queryPair(b, n)
			state := []string{"terraform.tfstate", "terraform.tfstate.backup"}
			generate := func(ctx context.Context, s *side) error { return s.query(ctx, configs, "generated.tf") }
			generated := func(ctx context.Context, s *side) error {
				if !s.has("generated.tf") {
					if err := generate(ctx, s); err != nil {
						return err
					}
				}
				return errors.Join(p.sameFile("generated.tf"), s.remove(state...))
			}
			imports := func(ctx context.Context, s *side) error {
				if err := s.apply(ctx, 10); err != nil {
					return err
				}
				want := fmt.Sprintf("Resources: %d imported, 0 added, 0 changed, 0 destroyed.", configs)
				if !strings.Contains(s.out.String(), want) {
					return fmt.Errorf("the apply did not say %q:\n%s", want, tail(s.out.String()))
				}
				return nil
			}
			imported := func(ctx context.Context, s *side) error {
				if s.has("terraform.tfstate") {
					return nil
				}
				if err := generated(ctx, s); err != nil {
					return err
				}
				return imports(ctx, s)
			}
			p.step(b, "query", configs, func(_ context.Context, s *side) error {
				return s.remove(append(state, "generated.tf")...)
			}, generate)
			p.step(b, "import", configs, generated, imports)
			p.step(b, "plan", configs, imported, func(ctx context.Context, s *side) error { return s.plan(ctx, false) })
		})
	}
}

// queryPair stores the fleet's configuration of N apps × every product in
// an emulator and writes the query's root module: the multi-app provider
// block and one list block of all four products, limited to exactly the
// fleet (Terraform's default limit is 100).
func queryPair(b *testing.B, n int) (*pair, int) {
	apps := testfixtures.ExtraApps(n)
	emu := testfixtures.StartEmulator(b, emulator.Options{Apps: apps})
	for _, a := range apps {
		for _, p := range catalog.Products {
			c := emulator.CallbackConfig{URL: fleet.URL(a.SDKAppID, p), Commands: fleet.Commands(p)}
			if err := emu.PutConfig(a.SDKAppID, p, c); err != nil {
				b.Fatal(err)
			}
		}
	}
	configs := n * len(catalog.Products)
	files := map[string]string{
		"main.tf": testfixtures.RequiredProviders + testfixtures.Provider(emu.URL,
			fmt.Sprintf("  sdk_app_id = %d", apps[0].SDKAppID), testfixtures.AppsAttribute(apps)),
		"fleet.tfquery.hcl": fmt.Sprintf(`list "tencentrtc_callback_config" "fleet" {
  provider         = tencentrtc
  include_resource = true
  limit            = %d
  config {
    products = [%s]
  }
}
`, configs, testfixtures.Quoted(catalog.Products)),
	}
	return newPair(b, "BENCH_QUERY_CLI", emu, files), configs
}

// sameFile fails unless both sides wrote the same file: the floor lists what
// the provider reads.
func (p *pair) sameFile(name string) error {
	a, errA := os.ReadFile(filepath.Join(p.ours.dir, name))
	f, errF := os.ReadFile(filepath.Join(p.floor.dir, name))
	if err := errors.Join(errA, errF); err != nil {
		return err
	}
	if string(a) != string(f) {
		return fmt.Errorf("%s differs between ours and the floor", name)
	}
	return nil
}
