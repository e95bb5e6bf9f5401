#!/usr/bin/env bash
# Benchmark of terraform-provider-tencentrtc against the floor provider
# (bench/floor): plan and apply ratios, API requests per resource, throttling,
# peak memory and growth from N=100 to N=1000 apps; then `terraform query` of
# N apps x 4 products and the generated-config round trip (Terraform 1.14+).
# See bench/README.md.
#
#   scripts/bench.sh [harness flags]        e.g. -n 100 -reps 3
#
# Environment: BENCH_CLI, BENCH_QUERY_CLI, BENCH_PARTS (apply,query), BENCH_QUERY_N,
# BENCH_QUERY_REPS, BENCH_QUERY_BUDGET, BENCH_GENERATE_N, BENCH_N, BENCH_REPS, BENCH_REPS_LARGE, BENCH_PARALLELISM,
# BENCH_BUDGET, BENCH_OURS=floor (harness self-test), BENCH_PROFILE=1 (also
# profile the provider under Terraform and run the client/emulator Go
# benchmark with CPU and memory profiles).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tencentrtc-bench-sh.XXXXXX")
harness_pid=
cleanup() {
  if [ -n "$harness_pid" ] && kill -0 "$harness_pid" 2>/dev/null; then
    kill -TERM "$harness_pid" 2>/dev/null || true
    wait "$harness_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step "Terraform-compatible CLI"
# One CLI for both sizes, so the growth figures compare like with like.
# OpenTofu first: at N=1000 (3000 instances) on 2 CPUs, OpenTofu 1.12.6 costs
# about 63 s per apply and 45 s per plan of the floor, Terraform 1.11.4 about
# 220 s and 62 s, which leaves no room for the whole benchmark in 10 minutes.
# BENCH_CLI overrides; Terraform is used when OpenTofu is not built yet (building
# it takes minutes), with fewer N=1000 repetitions (printed).
tofu_cached="${TENCENTRTC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tencentrtc}/tofu-${TOFU_VERSION:-1.12.6}"
if [ -n "${BENCH_CLI:-}" ]; then
  cli=$BENCH_CLI
  echo "using BENCH_CLI: $cli"
elif { [ -n "${TOFU:-}" ] || [ -x "$tofu_cached" ]; } && cli=$(scripts/cli.sh tofu 2>/dev/null); then
  echo "using OpenTofu for both sizes: $cli"
elif cli=$(scripts/cli.sh terraform 2>/dev/null); then
  echo "using Terraform for both sizes (no OpenTofu built; N=1000 gets fewer repetitions): $cli"
else
  echo "no Terraform found; using OpenTofu (built once per machine if missing)"
  cli=$(scripts/cli.sh tofu)
  echo "using OpenTofu: $cli"
fi

# terraform query exists from Terraform 1.14 on, not in OpenTofu: the query part
# uses Terraform 1.15.9 (built once per machine by scripts/cli.sh if missing).
query_cli=${BENCH_QUERY_CLI:-}
if [ -z "$query_cli" ] && [[ ",${BENCH_PARTS:-apply,query}," == *,query,* ]]; then
  query_cli=$(scripts/cli.sh terraform-current) || {
    echo "no Terraform 1.14+ could be found or built: the query part is skipped (noted in the results)"; query_cli=; }
fi
[ -n "$query_cli" ] && echo "query part: $query_cli"

step "Build the harness"
go build -o "$tmp/bench" ./bench/cmd/bench

if [ "${BENCH_PROFILE:-}" = "1" ]; then
  step "Go benchmark: client against the in-process emulator (CPU and memory profiles)"
  prof="bench/results/hotpath-$(date -u +%Y%m%dT%H%M%SZ)"
  mkdir -p "$prof"
  go test -run '^$' -bench . -benchmem -benchtime "${BENCH_HOTPATH_TIME:-3s}" \
    -cpuprofile "$prof/cpu.prof" -memprofile "$prof/mem.prof" -o "$prof/hotpath.test" ./bench/hotpath
  go tool pprof -top -nodecount=30 "$prof/hotpath.test" "$prof/cpu.prof"
  go tool pprof -top -nodecount=20 -sample_index=alloc_space "$prof/hotpath.test" "$prof/mem.prof"
  echo "profiles in $prof"
fi

step "Benchmark (ours against the floor)"
# The harness runs in the background so that a TERM to this script reaches it
# through cleanup; it kills every process it started and removes its work
# directory on any exit.
"$tmp/bench" -cli "$cli" -query-cli "$query_cli" -root . "$@" &
harness_pid=$!
wait "$harness_pid"
