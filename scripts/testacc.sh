#!/usr/bin/env bash
# `make testacc`: the TestAcc* suite against whatever the provider is configured
# for: real Tencent credentials (TENCENTRTC_SDK_APP_ID, TENCENTRTC_SECRET_KEY,
# region) or an emulator (TENCENTRTC_ENDPOINT). The CLI is TF_ACC_TERRAFORM_PATH
# when set, else the terraform on PATH, else Terraform built into the cache
# (scripts/cli.sh). Fails when no test ran: an acceptance suite that skips
# everything proves nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

cli=${TF_ACC_TERRAFORM_PATH:-}
if [ -z "$cli" ]; then
  cli=$(scripts/cli.sh terraform 2>/dev/null || scripts/cli.sh terraform-current) ||
    fail "no Terraform-compatible CLI: set TF_ACC_TERRAFORM_PATH or put terraform on PATH"
fi
acc_env "$cli"
label="TestAcc through $(cli_label "$cli")"
echo "$label (${TENCENTRTC_ENDPOINT:-Tencent Cloud API})"

report=$(mktemp -d "${TMPDIR:-/tmp}/tencentrtc-testacc.XXXXXX")
trap 'rm -rf "$report"' EXIT
go build -o "$report/testreport" ./tools/testreport
TF_ACC=1 go test -json -count=1 -run '^TestAcc' -timeout "${TESTACC_TIMEOUT:-60m}" ./internal/provider/ |
  "$report/testreport" -v -label "$label" -min-run 1 ${TESTACC_SUMMARY:+-summary "$TESTACC_SUMMARY"}
