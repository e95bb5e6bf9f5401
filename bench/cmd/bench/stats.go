package main

import (
	"math"
	"slices"
	"time"
)

// Summary is a set of measurements of one figure.
type Summary struct {
	Runs   []float64 `json:"runs"`
	Min    float64   `json:"min"`
	Median float64   `json:"median"`
	Max    float64   `json:"max"`
}

func summarize(xs []float64) Summary {
	if len(xs) == 0 {
		return Summary{}
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return Summary{Runs: xs, Min: s[0], Median: median(s), Max: s[len(s)-1]}
}

// median of xs (sorted or not); NaN for none.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	m := len(s) / 2
	if len(s)%2 == 1 {
		return s[m]
	}
	return (s[m-1] + s[m]) / 2
}

func seconds(d time.Duration) float64 { return round(d.Seconds(), 3) }

func round(x float64, places int) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return x
	}
	p := math.Pow(10, float64(places))
	return math.Round(x*p) / p
}

// mb converts KiB to megabytes (10^6 bytes), the unit of the memory goal.
func mb(kib int64) float64 { return round(float64(kib)*1024/1e6, 1) }
