#!/usr/bin/env bash
# `make generate`: docs/ with tfplugindocs (go.mod's `tool` directive pins it)
# from templates/, examples/ and the provider schema, and formatted examples.
# The schema comes from Terraform $TERRAFORM_CURRENT_VERSION (scripts/cli.sh installs or builds it once per
# machine) through `providers schema -json` against a freshly built provider, so
# identity and list-resource pages are generated; tfplugindocs itself then runs
# no CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

terraform=$(scripts/cli.sh terraform-current) || fail "Terraform ${TERRAFORM_CURRENT_VERSION:-1.16.4} could not be found, installed or built (see above)"
work=$(mktemp -d "${TMPDIR:-/tmp}/tencentrtc-generate.XXXXXX")
trap 'rm -rf "$work"' EXIT
provider_schema "$work" "$terraform"
# tfplugindocs looks the schema up under the bare name (or a hashicorp/ address).
sed 's|"registry.terraform.io/tencentrtc/tencentrtc":|"tencentrtc":|' "$work/schema.json" > "$work/schema-docs.json"
grep -q '"tencentrtc":' "$work/schema-docs.json" || fail "providers schema -json has no tencentrtc provider"

"$terraform" fmt -recursive examples >/dev/null
go tool tfplugindocs generate --provider-name tencentrtc --rendered-provider-name "Tencent RTC" \
  --providers-schema "$work/schema-docs.json"
go tool tfplugindocs validate --provider-name tencentrtc > "$work/validate.log" 2>&1 ||
  { cat "$work/validate.log" >&2; fail "tfplugindocs validate rejected docs/ (its log is above)"; }
echo "docs/ generated and valid"
