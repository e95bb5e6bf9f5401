#!/usr/bin/env bash
# check-examples.sh CLI: every folder under examples/ passes `fmt -check` and
# `validate` with CLI, against a provider built from this tree (dev_overrides,
# so no registry is contacted and no init is needed).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
cli="${1:?usage: check-examples.sh CLI}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/bin/terraform-provider-tencentrtc" .
export TF_CLI_CONFIG_FILE
TF_CLI_CONFIG_FILE=$(dev_overrides_config "$work" "$work/bin")

"$cli" fmt -check -recursive -diff examples || fail "examples are not formatted: run 'make fmt'"
n=0
while read -r dir; do
  # Copy so that validate leaves nothing behind in the tree.
  rm -rf "$work/ex" && mkdir -p "$work/ex" && cp "$dir"/*.tf "$work/ex/"
  if ! out=$(cd "$work/ex" && "$cli" validate -no-color 2>&1); then
    echo "$out" >&2
    fail "$dir does not validate with $(basename "$cli")"
  fi
  n=$((n + 1))
done < <(find examples -name '*.tf' -printf '%h\n' | sort -u)
[ "$n" -gt 0 ] || fail "no examples found"
echo "$n example folders formatted and valid with $(basename "$cli")"
