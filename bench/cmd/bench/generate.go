package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

// genRuns collects one side's round-trip measurements.
type genRuns struct{ query, apply, plan cliRuns }

// measureGenerate times, per side and repetition (alternating), from an
// empty state: `query -generate-config-out=generated.tf`, `apply` of the
// generated import and resource blocks (every configuration imported, nothing
// added or changed), and a refreshing plan that must be empty.
func (h *harness) measureGenerate(ctx context.Context, n, reps int) (*Generate, error) {
	resources := n * len(catalog.Products)
	h.rep.Printf("\n== generated config N=%d apps, %d resources: query -generate-config-out, apply, plan; %d repetitions per side ==\n", n, resources, reps)
	emu, ws, err := h.querySetup(ctx, fmt.Sprintf("gen%d", n), n)
	if err != nil {
		return nil, err
	}
	if emu != nil {
		defer emu.Stop()
	}
	g := &Generate{Apps: n, Resources: resources}
	runs := [2]*genRuns{{}, {}}
	for i := range reps {
		order := []int{0, 1}
		if i%2 == 1 {
			order = []int{1, 0}
		}
		for _, side := range order {
			if err := h.roundTrip(ctx, ws[side], emu, g, runs[side]); err != nil {
				return nil, err
			}
		}
		if i == 0 {
			if err := sameFile(ws[0], ws[1], "generated.tf"); err != nil {
				return nil, err
			}
		}
		g.Repetitions++
		h.rep.Printf("  rep %d/%d: generate ours %.2fs floor %.2fs; apply ours %.2fs floor %.2fs; plan ours %.2fs floor %.2fs\n", i+1, reps,
			runs[0].query.wall[i], runs[1].query.wall[i], runs[0].apply.wall[i], runs[1].apply.wall[i], runs[0].plan.wall[i], runs[1].plan.wall[i])
	}
	ours, floor := runs[0], runs[1]
	g.Query = compare(ours.query.wall, floor.query.wall, ours.query.cpu, floor.query.cpu)
	g.Apply = compare(ours.apply.wall, floor.apply.wall, ours.apply.cpu, floor.apply.cpu)
	g.Plan = compare(ours.plan.wall, floor.plan.wall, ours.plan.cpu, floor.plan.cpu)
	peak := func(r *genRuns) int64 { return max(r.query.peak, r.apply.peak, r.plan.peak) }
	g.PeakMemory = QueryMemory{Ours: mb(peak(ours)), Floor: mb(peak(floor))}
	g.PeakMemory.Ratio = round(ratio(g.PeakMemory.Ours, g.PeakMemory.Floor), 3)
	h.printGenerate(g)
	return g, nil
}

// roundTrip runs one generate → apply → plan in ws from an empty state.
func (h *harness) roundTrip(ctx context.Context, ws *workspace, emu *emuProc, g *Generate, r *genRuns) error {
	if ws.side != "ours" {
		emu = nil // no counters to read
	}
	if err := ws.remove("generated.tf", "terraform.tfstate", "terraform.tfstate.backup"); err != nil {
		return err
	}
	q, _, err := counted(ctx, emu, func() (tfRun, error) {
		return h.qtf.Run(ctx, ws, []int{0}, "query", "-no-color", "-generate-config-out=generated.tf")
	})
	if err != nil {
		return err
	}
	if got := countResults(q.OutputLog); got != g.Resources {
		return fmt.Errorf("query -generate-config-out (%s) listed %d configurations, want %d", ws.side, got, g.Resources)
	}
	r.query.add(q)

	a, st, err := counted(ctx, emu, func() (tfRun, error) { return h.qtf.Apply(ctx, ws, h.opts.parallelism[0]) })
	if err != nil {
		return err
	}
	want := fmt.Sprintf("Resources: %d imported, 0 added, 0 changed, 0 destroyed.", g.Resources)
	if out, _ := os.ReadFile(a.OutputLog); !strings.Contains(string(out), want) {
		return fmt.Errorf("apply of the generated config (%s) did not end with %q; last output:\n%s", ws.side, want, tail(a.OutputLog, 20))
	}
	r.apply.add(a)
	if st != nil {
		g.ApplyRequestsPerResource = append(g.ApplyRequestsPerResource, perResource(st.Total, g.Resources))
		g.Throttled += st.Throttled
		for path, c := range st.Requests {
			if !isRead(path) {
				g.ApplyWrites += c
			}
		}
	}

	p, st, err := counted(ctx, emu, func() (tfRun, error) { return h.qtf.Plan(ctx, ws) }) // fails unless the plan is empty
	if err != nil {
		return err
	}
	r.plan.add(p)
	if st != nil {
		g.Throttled += st.Throttled
	}
	return nil
}

// sameFile checks that the two sides wrote the same file: the floor's list
// resource must give what the real provider reads from the emulator, down to
// the generated configuration.
func sameFile(a, b *workspace, name string) error {
	x, err := os.ReadFile(filepath.Join(a.dir, name))
	if err != nil {
		return err
	}
	y, err := os.ReadFile(filepath.Join(b.dir, name))
	if err != nil {
		return err
	}
	if !bytes.Equal(x, y) {
		return fmt.Errorf("%s differs between %s and %s (the floor must list what the provider reads); see %s and %s",
			name, a.side, b.side, filepath.Join(a.dir, name), filepath.Join(b.dir, name)+" (kept with -keep)")
	}
	return nil
}
