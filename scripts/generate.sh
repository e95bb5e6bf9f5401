#!/usr/bin/env bash
# `make generate`: docs/ from the provider schema, templates/ and examples/ with
# tfplugindocs (pinned), and formatted examples. The schema and `fmt` come from
# the current Terraform (scripts/cli.sh terraform-current: built once per
# machine when it is not in the cache).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
TFPLUGINDOCS_VERSION=v0.25.0

tfcurrent=$(scripts/cli.sh terraform-current) || fail "the current Terraform could not be found or built"
"$tfcurrent" fmt -recursive examples >/dev/null
# Command-word tables come from internal/catalog, the catalogue that validates the resource.
go run ./tools/gencommands templates/resources/callback_config.md.tmpl

# The schema comes from the current Terraform, which knows resource identity
# and list resources (older CLIs leave both out of `providers schema -json`).
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/bin/terraform-provider-tencentrtc" .
cliconfig=$(dev_overrides_config "$work" "$work/bin")
mkdir "$work/schema"
printf 'terraform {\n  required_providers {\n    tencentrtc = { source = "tencentrtc/tencentrtc" }\n  }\n}\n' > "$work/schema/main.tf"
(cd "$work/schema" && TF_CLI_CONFIG_FILE="$cliconfig" "$tfcurrent" providers schema -json) > "$work/schema.raw.json"
# tfplugindocs finds a provider by its short name (or under hashicorp/).
sed 's#"registry.terraform.io/tencentrtc/tencentrtc":#"tencentrtc":#' "$work/schema.raw.json" > "$work/schema.json"
grep -q '"tencentrtc":' "$work/schema.json" || fail "providers schema -json has no tencentrtc provider"

go run "github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs@$TFPLUGINDOCS_VERSION" generate \
  --provider-name tencentrtc --rendered-provider-name "Tencent RTC" --providers-schema "$work/schema.json"
go run "github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs@$TFPLUGINDOCS_VERSION" validate \
  --provider-name tencentrtc
