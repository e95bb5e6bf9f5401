# Shared helpers for the scripts in this folder (sourced, not run).
step()   { printf '\n==> %s\n' "$*"; }
fail()   { printf '\nFAIL: %s\n' "$*" >&2; exit 1; }
banner() { printf '\n!!! %s\n' "$@" >&2; printf '\n' >&2; }

# acc_env CLI: environment for terraform-plugin-testing with CLI as the binary.
# TF_CLI_CONFIG_FILE needs no fallback here: GNUmakefile sets it for every
# target, and the provider tests' TestMain sets it for a plain `go test`.
acc_env() {
  export TF_ACC_TERRAFORM_PATH="$1"
  unset TF_ACC_TERRAFORM_VERSION
  if [[ "$(cli_label "$1")" == OpenTofu* ]]; then
    export TF_ACC_PROVIDER_HOST=registry.opentofu.org
  else
    unset TF_ACC_PROVIDER_HOST
  fi
  export TF_ACC_TEMP_DIR="${TF_ACC_TEMP_DIR:-${TMPDIR:-/tmp}/tencentrtc-acc}"
  mkdir -p "$TF_ACC_TEMP_DIR"
}

# cli_label CLI: "Terraform 1.16.4", "OpenTofu 1.12.6".
cli_label() {
  local v
  v=$("$1" version 2>/dev/null) || { echo "$(basename "$1") (version unknown)"; return; }
  v=${v%%$'\n'*}
  echo "${v/ v/ }"
}

# dev_overrides_config DIR BINDIR: writes DIR/cli.tfrc that makes the CLI use
# the provider binary in BINDIR, and prints its path (the Go tests write the
# same file with internal/testfixtures.WriteCLIConfig).
dev_overrides_config() {
  local bin
  bin=$(cd "$2" && pwd)
  cat > "$1/cli.tfrc" <<EOT
provider_installation {
  dev_overrides {
    "registry.terraform.io/tencentrtc/tencentrtc" = "$bin"
    "registry.opentofu.org/tencentrtc/tencentrtc" = "$bin"
  }
  direct {}
}
EOT
  echo "$1/cli.tfrc"
}

# cli_packages: the Go packages whose tests need a CLI (TF_ACC_TERRAFORM_PATH): the provider,
# the docs check and the examples.
cli_packages() {
  echo ./internal/provider/ ./tools/docscheck/ ./tools/examplecheck/
}

# no_cli_packages: every other Go package.
no_cli_packages() {
  # shellcheck disable=SC2046 # one package per word
  go list ./... | grep -vxF -f <(go list $(cli_packages))
}

# fuzz_targets: "PACKAGE TARGET" per Go fuzz target of the repository.
fuzz_targets() {
  git ls-files '*_test.go' | xargs grep -oE '^func Fuzz[A-Za-z0-9_]+' | sed -E 's|^((.*)/)?[^/]*:func |./\2 |'
}

# provider_schema DIR CLI: builds the provider of this tree into DIR/bin and
# writes DIR/schema.json, the output of CLI's `providers schema -json` for it
# (dev_overrides: no registry, no init).
provider_schema() {
  local dir=$1 cli=$2 cfg
  go build -o "$dir/bin/terraform-provider-tencentrtc" .
  cfg=$(dev_overrides_config "$dir" "$dir/bin")
  mkdir -p "$dir/schema-ws"
  cat > "$dir/schema-ws/main.tf" <<EOT
terraform {
  required_providers {
    tencentrtc = { source = "tencentrtc/tencentrtc" }
  }
}
EOT
  (cd "$dir/schema-ws" && TF_CLI_CONFIG_FILE=$cfg "$cli" providers schema -json) > "$dir/schema.json" 2> "$dir/schema.err" ||
    { cat "$dir/schema.err" >&2; fail "$(cli_label "$cli") providers schema -json failed"; }
}
