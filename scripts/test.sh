#!/usr/bin/env bash
# `make test`: every test of the repository, each leg through gotestsum (pinned in go.mod).
#  1. go mod verify, gofmt and go vet
#  2. the Terraform-compatible CLIs: the `terraform` on PATH (or TERRAFORM=path), Terraform
#     $TERRAFORM_CURRENT_VERSION and OpenTofu $TOFU_VERSION (installed or built into the cache once
#     per machine: see scripts/cli.sh)
#  3. the Go packages that need no CLI, once, with the race detector
#  4. per CLI: the provider tests (internal/provider), docs/ against the schema that CLI reads
#     (tools/docscheck), every example's steps and complete docs configuration run on the emulator
#     (tools/examplecheck); on Terraform $TERRAFORM_CURRENT_VERSION with the race detector
#  5. the TestAcc suite (`make testacc`) against an emulator process, per CLI, the CLIs at once
#     (scripts/testacc-emulator.sh)
#  6. every fuzz target briefly (FUZZTIME, default 10000x: a count of inputs, not a duration; see below)
# and last a table: per leg, tests run, passed, failed, skipped (gotestsum's counts: a test with
# subtests counts too), each skip reason once, and the total.
#
# Terraform $TERRAFORM_CURRENT_VERSION and OpenTofu can always be installed or built, so either
# one missing is a failure. A machine with only Go has no `terraform` on PATH: that leg is a row
# "not run", not a failure; TERRAFORM set to something that is not a CLI is a failure. The race
# detector needs cgo (a C compiler): without one the legs run without it, and their rows say so.
# A failing leg does not stop the others: the table shows every leg, then make test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

out=$(mktemp -d "${TMPDIR:-/tmp}/tencentrtc-test.XXXXXX")
trap 'rm -rf "$out"' EXIT
failed=()
legs=0

# new_leg LABEL: starts a row of the table; its runs' events go to $row.N.json.
new_leg() {
  legs=$((legs + 1))
  row="$out/$(printf '%02d' "$legs")"
  echo "$1" > "$row.label"
  row_start=$SECONDS
}

# run_leg ARGS...: one `go test ARGS` of the current row, through gotestsum.
run_leg() {
  local n
  n=$(find "$out" -name "$(basename "$row").*.json" | wc -l)
  if ! go tool gotestsum --format pkgname --format-hide-empty-pkg --hide-summary=skipped \
    --jsonfile "$row.$n.json" -- -count=1 "$@"; then
    echo FAIL > "$row.failed"
  fi
  echo $((SECONDS - row_start)) > "$row.time"
}

# end_leg: records a failed row for the final verdict.
end_leg() {
  if [ -f "$row.failed" ]; then failed+=("$(<"$row.label")"); fi
}

# count ACTION FILES...: test events (not package events) with that action.
count() {
  local action=$1
  shift
  cat "$@" /dev/null | grep -c "\"Action\":\"$action\",\"Package\":\"[^\"]*\",\"Test\":" || true
}

# skip_reasons FILES...: "N x REASON" for each distinct skip message: the last
# file.go:LINE: line a test wrote before it skipped.
skip_reasons() {
  cat "$@" /dev/null | awk '
    /"Action":"output","Package":"[^"]*","Test":"[^"]*","Output":"    [^ ]+\.go:[0-9]+: / {
      key = $0; sub(/.*"Package":"/, "", key); sub(/","Output":.*/, "", key)
      msg = $0; sub(/.*"Output":"    [^ ]+\.go:[0-9]+: /, "", msg); sub(/\\n"}$/, "", msg)
      gsub(/\\"/, "\"", msg); gsub(/\\u003c/, "<", msg); gsub(/\\u003e/, ">", msg); gsub(/\\u0026/, "\\&", msg)
      last[key] = msg; next
    }
    /"Action":"skip","Package":"[^"]*","Test":/ {
      key = $0; sub(/.*"Package":"/, "", key); sub(/","Elapsed":.*/, "", key)
      r = (key in last) ? last[key] : "(no reason given)"; n[r]++
    }
    END { for (r in n) printf "%4d x %s\n", n[r], r }' | sort -rn
}

# table: a row per leg, each skip reason once, the total.
table() {
  local f row label files tests pass fail skip tp=0 tf=0 ts=0 w
  w=$(cat "$out"/*.label | awk '{ if (length > w) w = length } END { print w }')
  printf '%-*s %6s %7s %7s %8s %6s\n' "$w" LEG TESTS PASSED FAILED SKIPPED TIME
  for f in "$out"/*.label; do
    row=${f%.label} label=$(<"$f")
    if [ -f "$row.note" ]; then printf '%-*s %s\n' "$w" "$label" "$(<"$row.note")"; continue; fi
    files=("$row".*.json)
    pass=$(count pass "${files[@]}") fail=$(count fail "${files[@]}") skip=$(count skip "${files[@]}")
    tests=$((pass + fail + skip)) tp=$((tp + pass)) tf=$((tf + fail)) ts=$((ts + skip))
    printf '%-*s %6d %7d %7d %8d %5ss%s\n' "$w" "$label" "$tests" "$pass" "$fail" "$skip" "$(cat "$row.time" 2>/dev/null || echo '?')" \
      "$([ -f "$row.failed" ] && echo '  FAILED')"
  done
  echo
  echo "Skipped, and why:"
  for f in "$out"/*.label; do
    row=${f%.label}
    [ -f "$row.note" ] || skip_reasons "$row".*.json | sed "s|^|  $(<"$f"): |"
  done | grep . || echo "  nothing"
  echo
  echo "Total: $tp passed, $tf failed, $ts skipped"
}

step "modules"
go mod download
go mod verify >/dev/null

step "gofmt and go vet"
unformatted=$(gofmt -l $(git ls-files '*.go') 2>&1 || true)
[ -z "$unformatted" ] || fail "gofmt needed on: $unformatted"
go vet ./...

step "the race detector"
race=(-race) norace=""
if [ "$(go env CGO_ENABLED)" != 1 ]; then
  race=() norace=", no -race: no C compiler for cgo"
  banner "The race detector needs cgo and a C compiler ($(go env CC)): the legs run without -race."
else
  echo "on (cgo with $(go env CC))"
fi

step "Terraform-compatible CLIs"
clis=() labels=()
if [ -n "${TERRAFORM:-}" ] || command -v terraform >/dev/null; then
  path_tf=$(scripts/cli.sh terraform) || fail "TERRAFORM=${TERRAFORM:-} is not a Terraform CLI"
  clis+=("$path_tf") labels+=("$(cli_label "$path_tf") (PATH)")
else
  new_leg "terraform (PATH)"
  echo "not run: no terraform on PATH (set TERRAFORM=/path/to/terraform to add this leg)" > "$row.note"
  echo "terraform (PATH): not on PATH, this leg is not run"
fi
current=$(scripts/cli.sh terraform-current) || fail "Terraform ${TERRAFORM_CURRENT_VERSION:-1.16.4} could not be found, installed or built (see above)"
tofu=$(scripts/cli.sh tofu) || fail "OpenTofu could not be found or built (see above)"
clis+=("$current" "$tofu") labels+=("$(cli_label "$current")" "$(cli_label "$tofu")")
for i in "${!clis[@]}"; do echo "${labels[$i]}: ${clis[$i]}"; done

read -ra cli_pkgs <<< "$(cli_packages)"

step "Go packages that need no CLI"
new_leg "Go packages, no CLI (${race[*]:-no -race}${norace})"
run_leg "${race[@]}" -timeout 20m $(no_cli_packages)
end_leg

for i in "${!clis[@]}"; do
  flags=()
  label="${labels[$i]}: provider, docs, examples"
  if [ "${clis[$i]}" = "$current" ]; then flags=("${race[@]}") label+=" (${race[*]:-no -race}${norace})"; fi
  step "$label"
  acc_env "${clis[$i]}"
  new_leg "$label"
  # The tests wait on CLI processes more than they compute: 4 at a time keep 2 cores busy.
  run_leg "${flags[@]}" -parallel 4 -timeout 30m "${cli_pkgs[@]}"
  end_leg
done

step "the acceptance suite (make testacc) against a tencentrtc-emulator process, every CLI at once"
# scripts/testacc-emulator.sh also proves, with the current Terraform, that the suite refuses to
# touch existing objects and restores them; the table shows each CLI's last make testacc run. The TestAcc
# tests run one after the other, each CLI against its own emulator process: the CLIs run at once,
# and their logs follow in turn.
acc_rows=()
for i in "${!clis[@]}"; do
  new_leg "${labels[$i]}: TestAcc on an emulator process"
  acc_rows+=("$row")
  (
    # The refusal and restore phases test the suite's own guards (Go, before any CLI runs):
    # once, with the current Terraform, is enough; the other CLIs run the suite on a clean app.
    phases=clean
    [ "${clis[$i]}" = "$current" ] && phases=all
    TESTACC_PHASES=$phases TESTACC_JSONFILE="$row.0.json" scripts/testacc-emulator.sh "${clis[$i]}" > "$row.log" 2>&1 || echo FAIL > "$row.failed"
    echo $((SECONDS - row_start)) > "$row.time"
  ) &
done
wait
for row in "${acc_rows[@]}"; do
  step "$(<"$row.label")"
  cat "$row.log"
  end_leg
done

# A count, not a duration: with a duration, Go 1.26's fuzzing coordinator can fail a target with a
# bare "context deadline exceeded" as the time runs out (golang/go#75804, fixed in Go 1.27); seen
# here on a loaded machine. A count has no deadline to race.
fuzztime="${FUZZTIME:-10000x}"
step "fuzz targets ($fuzztime each)"
new_leg "fuzz targets ($fuzztime each)"
while read -r pkg name; do
  run_leg -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" "$pkg"
done < <(fuzz_targets)
end_leg

step "summary"
table
if [ "${#failed[@]}" -gt 0 ]; then
  fail "$(printf '%s; ' "${failed[@]}")"
fi
step "make test: all passed"
