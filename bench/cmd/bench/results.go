package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Results is the JSON written to bench/results/<timestamp>.json. The README
// next to it explains every field.
type Results struct {
	FormatVersion int          `json:"format_version"`
	Started       time.Time    `json:"started"`
	DurationS     float64      `json:"duration_s"`
	Complete      bool         `json:"complete"`
	Error         string       `json:"error,omitempty"`
	Commit        string       `json:"commit"`
	Machine       Machine      `json:"machine"`
	CLI           string       `json:"cli"`
	CLIVersion    string       `json:"cli_version"`
	Ours          string       `json:"ours"` // "provider", or "floor" for the floor-vs-floor self-test
	Parallelism   []int        `json:"parallelism"`
	Sizes         []SizeResult `json:"sizes"`
	Growth        *Growth      `json:"growth,omitempty"`
	Query         *Query       `json:"query,omitempty"`
	Goals         []Goal       `json:"goals"`
	Notes         []string     `json:"notes,omitempty"`
}

// Machine describes where the figures were taken.
type Machine struct {
	GoVersion string `json:"go_version"`
	OS        string `json:"os"`
	Arch      string `json:"arch"`
	CPUs      int    `json:"cpus"`
}

// SizeResult holds every figure of one size N.
type SizeResult struct {
	Apps        int        `json:"apps"`
	Resources   int        `json:"resources"`
	Repetitions int        `json:"repetitions"`
	Plan        Comparison `json:"plan"`
	Apply       Comparison `json:"apply"`
	API         *API       `json:"api,omitempty"`
	PeakMemory  Memory     `json:"peak_memory_mb"`
	LoadAvg     [2]float64 `json:"load_avg"` // 1-minute load average at the start and the end
}

// Comparison is one command timed over ours and over the floor, alternating.
type Comparison struct {
	OursS          Summary   `json:"ours_s"`
	FloorS         Summary   `json:"floor_s"`
	PairRatios     []float64 `json:"pair_ratios"`
	Ratio          float64   `json:"ratio"`
	RatioOfMedians float64   `json:"ratio_of_medians"`
	OursCPUS       Summary   `json:"ours_cpu_s"`
	FloorCPUS      Summary   `json:"floor_cpu_s"`
	CPURatio       float64   `json:"cpu_ratio"`
}

// API holds the emulator's request counts.
type API struct {
	// Per refreshing plan, per resource, one value per repetition.
	PlanReadsPerResource    []float64 `json:"plan_reads_per_resource"`
	PlanRequestsPerResource []float64 `json:"plan_requests_per_resource"`
	PlanThrottled           int64     `json:"plan_throttled"`
	// Per create-everything apply, per resource, one value per repetition.
	ApplyRequestsPerResource []float64 `json:"apply_requests_per_resource"`
	// Throttled requests per apply, by -parallelism; one value per apply.
	ApplyThrottled map[string][]int64 `json:"apply_throttled"`
	// Wall time of the ours-only applies at the extra parallelism values.
	ApplyExtraS map[string]float64 `json:"apply_extra_s,omitempty"`
	// Requests per API path of the last plan, for inspection.
	PlanPaths map[string]int64 `json:"plan_paths"`
}

// Memory is the highest VmHWM of the provider plugin processes, in MB (10^6 bytes).
type Memory struct {
	OursPlan   float64 `json:"ours_plan"`
	OursApply  float64 `json:"ours_apply"`
	FloorPlan  float64 `json:"floor_plan"`
	FloorApply float64 `json:"floor_apply"`
}

// Growth compares the largest size to the smallest.
type Growth struct {
	From      int     `json:"from_apps"`
	To        int     `json:"to_apps"`
	SizeRatio float64 `json:"size_ratio"`
	// Total wall-time ratios (linear growth = size_ratio) and per-resource
	// ratios (linear growth = 1).
	OursPlan         float64 `json:"ours_plan_time_ratio"`
	OursApply        float64 `json:"ours_apply_time_ratio"`
	FloorPlan        float64 `json:"floor_plan_time_ratio"`
	FloorApply       float64 `json:"floor_apply_time_ratio"`
	OursPlanPerRes   float64 `json:"ours_plan_time_per_resource_ratio"`
	OursApplyPerRes  float64 `json:"ours_apply_time_per_resource_ratio"`
	FloorPlanPerRes  float64 `json:"floor_plan_time_per_resource_ratio"`
	FloorApplyPerRes float64 `json:"floor_apply_time_per_resource_ratio"`
	OursMemory       float64 `json:"ours_memory_ratio"`
	FloorMemory      float64 `json:"floor_memory_ratio"`
	OursMemoryPerRes float64 `json:"ours_memory_per_resource_ratio"`
	// Relative growth: ours' ratio divided by the floor's (1 = ours grows
	// exactly as Terraform/OpenTofu with a no-op provider does).
	RelPlan           float64 `json:"ours_over_floor_plan_growth"`
	RelApply          float64 `json:"ours_over_floor_apply_growth"`
	RelMemory         float64 `json:"ours_over_floor_memory_growth"`
	FloorMemoryPerRes float64 `json:"floor_memory_per_resource_ratio"`
}

// Query holds the terraform query measurements (Terraform 1.14+).
type Query struct {
	CLI        string       `json:"cli"`
	CLIVersion string       `json:"cli_version"`
	Sizes      []QuerySize  `json:"sizes"`
	Generate   *Generate    `json:"generate,omitempty"`
	Growth     *QueryGrowth `json:"growth,omitempty"`
}

// QuerySize is one size of the query measurement: N apps × 4 products.
type QuerySize struct {
	Apps           int        `json:"apps"`
	Configurations int        `json:"configurations"`
	Repetitions    int        `json:"repetitions"`
	Query          Comparison `json:"query"`
	// Per query of ours: all API requests ÷ configurations (goal: exactly 1),
	// and the requests per API path of the last one (each product's read
	// path: N).
	RequestsPerConfiguration []float64        `json:"requests_per_configuration,omitempty"`
	Paths                    map[string]int64 `json:"paths,omitempty"`
	// Queries of ours that sent exactly one read per (app, product) and
	// nothing else (goal: every repetition).
	RunsOnePerPair int   `json:"runs_one_request_per_configuration"`
	Throttled      int64 `json:"throttled"`
	// CPU seconds the emulator used per query of ours: on the benchmark
	// machine it shares the cores with Terraform and the provider.
	EmulatorCPUS []float64   `json:"emulator_cpu_s,omitempty"`
	PeakMemory   QueryMemory `json:"peak_memory_mb"`
	LoadAvg      [2]float64  `json:"load_avg"`
}

// QueryMemory is the highest VmHWM of the provider plugin over every query of
// a side, in MB (10^6 bytes).
type QueryMemory struct {
	Ours  float64 `json:"ours"`
	Floor float64 `json:"floor"`
	Ratio float64 `json:"ratio"`
}

// Generate is the round trip `query -generate-config-out=generated.tf`, then
// `apply` of the generated import blocks and resources, then a plan that must
// be empty, per side from an empty state.
type Generate struct {
	Apps        int        `json:"apps"`
	Resources   int        `json:"resources"`
	Repetitions int        `json:"repetitions"`
	Query       Comparison `json:"query"`
	Apply       Comparison `json:"apply"`
	Plan        Comparison `json:"plan"`
	// Per apply of ours: all API requests ÷ resources, and writes (set,
	// update, delete: goal 0, an import changes nothing).
	ApplyRequestsPerResource []float64   `json:"apply_requests_per_resource,omitempty"`
	ApplyWrites              int64       `json:"apply_writes"`
	Throttled                int64       `json:"throttled"`
	PeakMemory               QueryMemory `json:"peak_memory_mb"`
}

// QueryGrowth compares the largest query size to the smallest.
type QueryGrowth struct {
	From      int     `json:"from_apps"`
	To        int     `json:"to_apps"`
	SizeRatio float64 `json:"size_ratio"`
	// Median wall-time ratios (linear = size_ratio) and per configuration
	// (linear = 1); memory ratios; ours' growth ÷ the floor's.
	OursTime      float64 `json:"ours_time_ratio"`
	FloorTime     float64 `json:"floor_time_ratio"`
	OursTimePerC  float64 `json:"ours_time_per_configuration_ratio"`
	FloorTimePerC float64 `json:"floor_time_per_configuration_ratio"`
	OursMemory    float64 `json:"ours_memory_ratio"`
	FloorMemory   float64 `json:"floor_memory_ratio"`
	RelTime       float64 `json:"ours_over_floor_time_growth"`
	RelMemory     float64 `json:"ours_over_floor_memory_growth"`
}

// Goal is one target of the scale issue with the measured value.
type Goal struct {
	Name   string  `json:"name"`
	Value  float64 `json:"value"`
	Target string  `json:"target"`
	Pass   bool    `json:"pass"`
}

// report prints to stdout and keeps a copy for the .txt results file.
type report struct {
	out io.Writer
	buf strings.Builder
}

func (r *report) Printf(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	_, _ = io.WriteString(r.out, s)
	r.buf.WriteString(s)
}

func verdict(pass bool) string {
	if pass {
		return "PASS"
	}
	return "MISS"
}

// write stores res and the printed text as dir/<stamp>.json and .txt.
func (r *report) write(dir string, res *Results) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	stamp := res.Started.UTC().Format("20060102T150405Z")
	base := filepath.Join(dir, stamp)
	b, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(base+".json", append(b, '\n'), 0o644); err != nil {
		return "", err
	}
	return base, os.WriteFile(base+".txt", []byte(r.buf.String()), 0o644)
}
