// Package hotpath holds Go benchmarks of the per-request path of the API
// client and the emulator, for CPU and memory profiles:
//
//	go test -run '^$' -bench . -benchmem -cpuprofile cpu.prof -memprofile mem.prof ./bench/hotpath
//	go tool pprof -top hotpath.test cpu.prof
//
// BenchmarkEndToEnd drives the real client against the in-process emulator
// over loopback HTTP with many concurrent callers, as a large refresh does;
// BenchmarkClientOnly replaces the emulator by a canned answer and
// BenchmarkEmulatorOnly calls the emulator's handler without a network, so a
// hot spot can be attributed to one side. Rate limits are lifted on both sides:
// the benchmarks measure cost per request, not the configured pacing.
package hotpath
