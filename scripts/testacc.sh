#!/usr/bin/env bash
# `make testacc`: the TestAcc* suite against whatever the provider is configured
# for: real Tencent credentials (TENCENTRTC_SDK_APP_ID, TENCENTRTC_SECRET_KEY,
# region) or an emulator (TENCENTRTC_ENDPOINT). The CLI is TF_ACC_TERRAFORM_PATH
# when set, else the terraform on PATH, else Terraform built into the cache
# (scripts/cli.sh). Fails when no test passed: an acceptance suite that skips
# everything proves nothing. TESTACC_JSONFILE keeps gotestsum's --jsonfile.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

cli=${TF_ACC_TERRAFORM_PATH:-}
if [ -z "$cli" ]; then
  cli=$(scripts/cli.sh terraform 2>/dev/null || scripts/cli.sh terraform-current) ||
    fail "no Terraform-compatible CLI: set TF_ACC_TERRAFORM_PATH or put terraform on PATH"
fi
acc_env "$cli"
echo "TestAcc through $(cli_label "$cli") (${TENCENTRTC_ENDPOINT:-Tencent Cloud API})"

report=$(mktemp -d "${TMPDIR:-/tmp}/tencentrtc-testacc.XXXXXX")
trap 'rm -rf "$report"' EXIT
json=${TESTACC_JSONFILE:-$report/testacc.json}
TF_ACC=1 go tool gotestsum --format standard-verbose --hide-summary=skipped --jsonfile "$json" -- \
  -count=1 -run '^TestAcc[A-Z_]' -timeout "${TESTACC_TIMEOUT:-60m}" ./internal/provider/
passed=$(grep -c '"Action":"pass","Package":"[^"]*","Test":"TestAcc' "$json" || true)
[ "$passed" -gt 0 ] || fail "no TestAcc test passed (all skipped?): the acceptance suite proved nothing"
