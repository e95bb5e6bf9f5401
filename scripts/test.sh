#!/usr/bin/env bash
# `make test`: every test of the repository.
#  1. go mod verify, gofmt and go vet
#  2. the Terraform-compatible CLIs: the `terraform` on PATH (or TERRAFORM=path), Terraform
#     $TERRAFORM_CURRENT_VERSION and OpenTofu $TOFU_VERSION (both built from the Go module proxy
#     into the cache once per machine: see scripts/cli.sh)
#  3. the Go packages that need no CLI, once
#  4. the provider tests (internal/provider) once per CLI
#  5. docs/ lists every attribute of the schema (tools/docscheck); every example's steps and
#     complete configuration in the docs run on the emulator, per CLI (TestExamples)
#  6. the TestAcc suite (`make testacc`) against an emulator process, per CLI
#     (scripts/testacc-emulator.sh)
#  7. every fuzz target briefly (FUZZTIME, default 3s)
# and last a table: per CLI, tests run, passed, failed, skipped, and each skip reason once.
#
# Terraform $TERRAFORM_CURRENT_VERSION and OpenTofu can always be built, so either one missing is a
# failure. A machine with only Go has no `terraform` on PATH: that leg is reported as not run (a
# row in the table, not a failure); TERRAFORM set to something that is not a CLI is a failure.
# A failing leg does not stop the others: the table shows every leg, then make test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

out=$(mktemp -d "${TMPDIR:-/tmp}/tencentrtc-test.XXXXXX")
trap 'rm -rf "$out"' EXIT
go build -o "$out/testreport" ./tools/testreport
failed=()

# leg NAME LABEL COMMAND...: runs a `go test -json` command through testreport.
leg() {
  local name=$1 label=$2
  shift 2
  if ! "$@" | "$out/testreport" -label "$label" -summary "$out/$name.json"; then
    failed+=("$label")
  fi
}

step "modules"
go mod download
go mod verify >/dev/null

step "gofmt and go vet"
unformatted=$(gofmt -l $(git ls-files '*.go') 2>&1 || true)
[ -z "$unformatted" ] || fail "gofmt needed on: $unformatted"
go vet ./...

step "Terraform-compatible CLIs"
clis=() labels=()
if [ -n "${TERRAFORM:-}" ] || command -v terraform >/dev/null; then
  path_tf=$(scripts/cli.sh terraform) || fail "TERRAFORM=${TERRAFORM:-} is not a Terraform CLI"
  clis+=("$path_tf") labels+=("$(cli_label "$path_tf") (PATH)")
else
  path_tf=""
fi
current=$(scripts/cli.sh terraform-current) || fail "Terraform ${TERRAFORM_CURRENT_VERSION:-1.15.9} could not be found or built (see above)"
tofu=$(scripts/cli.sh tofu) || fail "OpenTofu could not be found or built (see above)"
clis+=("$current" "$tofu") labels+=("$(cli_label "$current")" "$(cli_label "$tofu")")
for i in "${!clis[@]}"; do echo "${labels[$i]}: ${clis[$i]}"; done
if [ -z "$path_tf" ]; then
  "$out/testreport" -label "terraform (PATH)" -summary "$out/1-path.json" \
    -unavailable "no terraform on PATH (set TERRAFORM=/path/to/terraform to add this leg)"
  echo "terraform (PATH): not on PATH, this leg is not run"
fi

step "Go packages that need no CLI"
leg 0-go "Go packages (no CLI)" go test -json -count=1 -timeout 20m $(go list ./... | grep -v -e '/internal/provider$' -e '/tools/examplecheck$')

for i in "${!clis[@]}"; do
  step "provider tests through ${labels[$i]}"
  acc_env "${clis[$i]}"
  leg "$((i + 2))-provider" "${labels[$i]}" go test -json -count=1 -timeout 30m ./internal/provider/
done

step "docs: every page lists every attribute of the schema (Terraform $(cli_label "$current" | cut -d' ' -f2))"
provider_schema "$out/schema" "$current"
go run ./tools/docscheck -schema "$out/schema/schema.json" -docs docs || failed+=("docs")

for i in "${!clis[@]}"; do
  step "examples and complete configurations in the docs, their steps run on the emulator through ${labels[$i]}"
  acc_env "${clis[$i]}"
  leg "examples-$i" "examples with ${labels[$i]}" go test -json -count=1 -timeout 20m ./tools/examplecheck/
done

step "the acceptance suite (make testacc) against a tencentrtc-emulator process, per CLI"
# scripts/testacc-emulator.sh also proves the suite refuses to touch existing objects and restores
# them; the table shows its last make testacc run (TENCENTRTC_ACC_ALLOW_EXISTING=1).
for i in "${!clis[@]}"; do
  TESTACC_SUMMARY="$out/acc-$i.json" scripts/testacc-emulator.sh "${clis[$i]}" ||
    failed+=("TestAcc against the emulator with ${labels[$i]}")
done

step "fuzz targets (${FUZZTIME:-3s} each)"
FUZZTIME="${FUZZTIME:-3s}" scripts/fuzz.sh || failed+=("fuzz targets")

step "summary"
"$out/testreport" -table "$out"/*.json
if [ "${#failed[@]}" -gt 0 ]; then
  fail "$(printf '%s; ' "${failed[@]}")"
fi
step "make test: all passed"
