#!/usr/bin/env bash
# `make test`: every test of the repository.
#  1. gofmt and go vet
#  2. go test ./... with Terraform (the one on PATH) as the CLI of the provider tests
#  3. the provider tests again with OpenTofu (built from the Go module proxy when absent)
#  4. every example: fmt -check and validate, against the freshly built provider
#  5. every fuzz target briefly (FUZZTIME, default 3s)
# A CLI that cannot be found or built is a failure, never a skip.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

step "modules"
go mod download
go mod verify >/dev/null

step "gofmt and go vet"
unformatted=$(gofmt -l $(git ls-files '*.go' | grep -v '^vendor/') 2>&1 || true)
[ -z "$unformatted" ] || fail "gofmt needed on: $unformatted"
go vet ./...

step "Terraform-compatible CLIs"
tofu=$(scripts/cli.sh tofu) || fail "OpenTofu could not be found or built (see above)"
echo "OpenTofu:  $tofu ($("$tofu" version | head -1))"
if terraform=$(scripts/cli.sh terraform 2>/dev/null); then
  echo "Terraform: $terraform ($("$terraform" version | head -1))"
  primary=$terraform
else
  terraform=""
  primary=$tofu
  banner "Terraform is not on PATH: the Terraform leg cannot run on this machine (Terraform cannot be built from the Go module proxy)." \
         "The whole suite runs against OpenTofu instead. Put terraform on PATH (or set TERRAFORM=/path) to run both."
fi

step "go test ./... (provider tests through $(basename "$primary"))"
acc_env "$primary"
go test -count=1 -timeout 30m ./...

if [ -n "$terraform" ]; then
  step "provider tests through OpenTofu"
  acc_env "$tofu"
  go test -count=1 -timeout 30m ./internal/provider/...
fi

step "examples: fmt -check and validate"
scripts/check-examples.sh "$primary"
if [ -n "$terraform" ]; then scripts/check-examples.sh "$tofu"; fi

step "fuzz targets (${FUZZTIME:-3s} each)"
FUZZTIME="${FUZZTIME:-3s}" scripts/fuzz.sh

step "make test: all passed"
