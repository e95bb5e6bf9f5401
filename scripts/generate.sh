#!/usr/bin/env bash
# `make generate`: docs/ from the provider schema, templates/ and examples/ with
# tfplugindocs (pinned), and formatted examples. tfplugindocs needs `terraform`
# on PATH; without one, a shim runs OpenTofu under that name.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
TFPLUGINDOCS_VERSION=v0.25.0
if [ -z "${TF_CLI_CONFIG_FILE:-}" ] || [ ! -e "${TF_CLI_CONFIG_FILE}" ]; then export TF_CLI_CONFIG_FILE=/dev/null; fi

if ! command -v terraform >/dev/null 2>&1; then
  tofu=$(scripts/cli.sh tofu) || fail "no Terraform on PATH and OpenTofu could not be built"
  shim=$(mktemp -d)
  trap 'rm -rf "$shim"' EXIT
  ln -s "$tofu" "$shim/terraform"
  export PATH="$shim:$PATH"
  echo "terraform not on PATH: tfplugindocs runs OpenTofu ($tofu) as terraform"
fi

terraform fmt -recursive examples >/dev/null
# Command-word tables come from internal/catalog, the catalogue that validates the resource.
go run ./tools/gencommands templates/resources/callback_config.md.tmpl
go run "github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs@$TFPLUGINDOCS_VERSION" generate \
  --provider-name tencentrtc --rendered-provider-name "Tencent RTC"
go run "github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs@$TFPLUGINDOCS_VERSION" validate \
  --provider-name tencentrtc
