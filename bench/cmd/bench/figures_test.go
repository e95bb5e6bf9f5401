package main

import (
	"io"
	"testing"
)

// TestGrowth checks the growth figures of two sizes against values worked
// out by hand.
func TestGrowth(t *testing.T) {
	cmp := func(ours, floor float64) Comparison {
		return Comparison{OursS: Summary{Median: ours}, FloorS: Summary{Median: floor}}
	}
	small := SizeResult{Apps: 2, Plan: cmp(1, 2), Apply: cmp(3, 4),
		PeakMemory: Memory{OursPlan: 10, OursApply: 20, FloorPlan: 5, FloorApply: 8}}
	large := SizeResult{Apps: 4, Plan: cmp(3, 4), Apply: cmp(9, 6),
		PeakMemory: Memory{OursPlan: 30, OursApply: 25, FloorPlan: 8, FloorApply: 12}}
	h := &harness{rep: &report{out: io.Discard}, res: &Results{Sizes: []SizeResult{large, small}}}
	h.growth()
	want := Growth{From: 2, To: 4, SizeRatio: 2,
		OursPlan: 3, OursApply: 3, FloorPlan: 2, FloorApply: 1.5,
		OursPlanPerRes: 1.5, OursApplyPerRes: 1.5, FloorPlanPerRes: 1, FloorApplyPerRes: 0.75,
		OursMemory: 1.5, FloorMemory: 1.5, OursMemoryPerRes: 0.75, FloorMemoryPerRes: 0.75,
		RelPlan: 1.5, RelApply: 2, RelMemory: 1}
	if h.res.Growth == nil || *h.res.Growth != want {
		t.Errorf("growth = %+v\nwant     %+v", h.res.Growth, want)
	}

	q := func(apps int, ours, floor, memOurs, memFloor float64) QuerySize {
		return QuerySize{Apps: apps, Query: cmp(ours, floor), PeakMemory: QueryMemory{Ours: memOurs, Floor: memFloor}}
	}
	h.res.Query = &Query{Sizes: []QuerySize{q(10, 2, 1, 40, 20), q(30, 9, 6, 60, 20)}}
	h.queryGrowth()
	wantQ := QueryGrowth{From: 10, To: 30, SizeRatio: 3, OursTime: 4.5, FloorTime: 6, OursTimePerC: 1.5, FloorTimePerC: 2,
		OursMemory: 1.5, FloorMemory: 1, RelTime: 0.75, RelMemory: 1.5}
	if g := h.res.Query.Growth; g == nil || *g != wantQ {
		t.Errorf("query growth = %+v\nwant           %+v", g, wantQ)
	}
}
