#!/usr/bin/env bash
# make bench: the Go benchmarks in bench/ (terraform-provider-tencentrtc
# against the floor provider, through the CLI), benchstat tables (against
# the baseline when there is one) and the goals. See bench/README.md.
#
#   BENCH_COUNT=6        runs per benchmark at N=100 (benchstat needs 6 for an interval)
#   BENCH_LARGE=1        also N=1000 (CLI and query), BENCH_LARGE_COUNT=1 runs each
#   BENCH_BASELINE=FILE  compare with FILE (default bench/baseline.txt, when present)
#   BENCH_OURS=floor     self-test: the floor against itself
#   BENCH_CLI, BENCH_QUERY_CLI  the CLIs (default: OpenTofu if built, else Terraform,
#                        else OpenTofu built; Terraform 1.16.4 for terraform query)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

step "Terraform-compatible CLIs"
# One CLI for every size, so growth compares like with like. OpenTofu first:
# at N=1000 it plans and applies about 3 times faster than Terraform 1.11.
tofu_cached="${TENCENTRTC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tencentrtc}/tofu-${TOFU_VERSION:-1.12.6}"
if [ -n "${BENCH_CLI:-}" ]; then
  cli=$BENCH_CLI
elif { [ -n "${TOFU:-}" ] || [ -x "$tofu_cached" ]; } && cli=$(scripts/cli.sh tofu 2>/dev/null); then
  :
elif cli=$(scripts/cli.sh terraform 2>/dev/null); then
  :
else
  cli=$(scripts/cli.sh tofu) || fail "no Terraform-compatible CLI could be found or built for plan and apply"
fi
# terraform query exists from Terraform 1.14 on, not in OpenTofu.
query_cli=${BENCH_QUERY_CLI:-$(TERRAFORM_CURRENT_VERSION="${TERRAFORM_CURRENT_VERSION:-1.16.4}" scripts/cli.sh terraform-current)} ||
  fail "no Terraform 1.14+ could be found or built for terraform query"
for c in "$cli" "$query_cli"; do [ -x "$c" ] || fail "$c is not an executable CLI"; done
export BENCH_CLI=$cli BENCH_QUERY_CLI=$query_cli
echo "plan and apply: $(cli_label "$cli") ($cli)"
echo "query:          $(cli_label "$query_cli") ($query_cli)"
echo "ours: ${BENCH_OURS:-provider}; $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tencentrtc-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
out=$PWD/bench/new.out
go test -c -o "$tmp/bench.test" ./bench
# benchfmt configuration lines: what was measured where, kept with the figures.
printf 'commit: %s\ncli: %s\nquery-cli: %s\nours: %s\nload-average: %s\n' "$(git describe --always --dirty)" \
  "$(cli_label "$cli")" "$(cli_label "$query_cli")" "${BENCH_OURS:-provider}" "$(cut -d' ' -f1 /proc/loadavg)" > "$out"
run() { (cd bench && "$tmp/bench.test" -test.run '^$' -test.benchtime 1x -test.timeout 0 "$@"); }

step "Benchmarks at N=100 (${BENCH_COUNT:-6} runs each)"
run -test.bench '/apps=100$/' -test.count "${BENCH_COUNT:-6}" | tee -a "$out"
if [ "${BENCH_LARGE:-0}" = 1 ]; then
  step "Benchmarks at N=1000 (${BENCH_LARGE_COUNT:-1} runs each)"
  run -test.bench '^Benchmark(CLI|Query)$/apps=1000$/' -test.count "${BENCH_LARGE_COUNT:-1}" | tee -a "$out"
fi
echo "load average $(cut -d' ' -f1-3 /proc/loadavg); results in bench/new.out"

base=${BENCH_BASELINE:-bench/baseline.txt}
if [ -f "$base" ]; then
  step "benchstat: $base against this run"
  go tool benchstat -ignore commit,load-average base="$base" new="$out"
else
  step "benchstat"
  go tool benchstat -ignore commit,load-average new="$out"
fi

step "Goals"
(cd bench && BENCH_RESULTS=$out "$tmp/bench.test" -test.run '^TestGoals$' -test.v) | grep -v '^=== RUN\|^--- PASS\|^PASS$'
