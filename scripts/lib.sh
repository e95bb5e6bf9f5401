# Shared helpers for the scripts in this folder (sourced, not run).
step()   { printf '\n==> %s\n' "$*"; }
fail()   { printf '\nFAIL: %s\n' "$*" >&2; exit 1; }
banner() { printf '\n!!! %s\n' "$@" >&2; printf '\n' >&2; }

# acc_env CLI: environment for terraform-plugin-testing with CLI as the binary.
acc_env() {
  export TF_ACC_TERRAFORM_PATH="$1"
  unset TF_ACC_TERRAFORM_VERSION
  if [[ "$(basename "$1")" == tofu* ]]; then
    export TF_ACC_PROVIDER_HOST=registry.opentofu.org
  else
    unset TF_ACC_PROVIDER_HOST
  fi
  if [ -z "${TF_CLI_CONFIG_FILE:-}" ] || [ ! -e "${TF_CLI_CONFIG_FILE}" ]; then
    export TF_CLI_CONFIG_FILE=/dev/null
  fi
  export TF_ACC_TEMP_DIR="${TF_ACC_TEMP_DIR:-${TMPDIR:-/tmp}/tencentrtc-acc}"
  mkdir -p "$TF_ACC_TEMP_DIR"
}

# dev_overrides_config DIR BINDIR: writes DIR/cli.tfrc that makes the CLI use
# the provider binary in BINDIR, and prints its path (the text lives in
# internal/testfixtures, shared with the Go tests and the benchmark).
dev_overrides_config() {
  go run ./internal/testfixtures/cmd/cliconfig "$1" "$2"
}
