#!/usr/bin/env bash
# Proves that the acceptance suite (`make testacc`) works and is safe, against a
# tencentrtc-emulator process started the way a user starts it:
#
#   scripts/testacc-emulator.sh [CLI]
#
#   CLI  a terraform or tofu binary; default TF_ACC_TERRAFORM_PATH, else
#        terraform on PATH, else OpenTofu (scripts/cli.sh tofu)
#
#  1. clean app: `make testacc` passes, at least 4 TestAcc tests pass, none is
#     skipped, and the app holds nothing afterwards;
#  2. the app already has a configuration of every product and a Live token:
#     `make testacc` fails with the refusal message for each, sends no write
#     request, and every object stays byte-identical;
#  3. the same app with TENCENTRTC_ACC_ALLOW_EXISTING=1: `make testacc` passes
#     and every object is restored byte-identical.
# Only loopback traffic; the caller's TENCENTRTC_* settings are not used.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

APP=1400000001
KEY=testacc-emulator-secret-key-not-a-real-one
PRODUCTS=(call live room callkit)
MIN_TESTS=4

if [ -n "${1:-}" ]; then cli=$1
elif [ -n "${TF_ACC_TERRAFORM_PATH:-}" ]; then cli=$TF_ACC_TERRAFORM_PATH
else cli=$(scripts/cli.sh terraform 2>/dev/null || scripts/cli.sh tofu)
fi
[ -x "$cli" ] || fail "CLI $cli is not an executable"
acc_env "$cli"

work=$(mktemp -d "${TMPDIR:-/tmp}/testacc-emulator.XXXXXX")
emu_pid=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -n "$emu_pid" ]; then kill -TERM "$emu_pid" 2>/dev/null || true; wait "$emu_pid" 2>/dev/null || true; fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step "build and start tencentrtc-emulator"
go build -o "$work/tencentrtc-emulator" ./cmd/tencentrtc-emulator
"$work/tencentrtc-emulator" -listen 127.0.0.1:0 -app "$APP:$KEY" -log-level warn >"$work/emulator.out" 2>"$work/emulator.err" &
emu_pid=$!
E=""
for _ in $(seq 1 100); do
  line=$(head -n 1 "$work/emulator.out" 2>/dev/null || true)
  case $line in *" listening on http://"*) E=${line##* listening on }; break ;; esac
  kill -0 "$emu_pid" 2>/dev/null || { cat "$work/emulator.err" >&2; fail "the emulator exited before it was listening"; }
  sleep 0.1
done
[ -n "$E" ] || fail "the emulator did not print its address within 10 s"
echo "$line"

unset TENCENTRTC_REGION TENCENTRTC_IDENTIFIER TENCENTRTC_ACC_ALLOW_EXISTING
export TENCENTRTC_ENDPOINT=$E TENCENTRTC_SDK_APP_ID=$APP TENCENTRTC_SECRET_KEY=$KEY
export NO_PROXY="127.0.0.1,localhost${NO_PROXY:+,$NO_PROXY}" no_proxy="127.0.0.1,localhost${no_proxy:+,$no_proxy}"

ctl() { curl -sS --fail-with-body -X "$1" "$E/emulator/$2" ${3:+-d "$3"}; }
status() { curl -sS -o /dev/null -w '%{http_code}' "$E/emulator/$1"; }

# snapshot: every object the suite could touch, as the control API shows it.
snapshot() {
  for p in "${PRODUCTS[@]}"; do
    printf '%s %s ' "$p" "$(status "apps/$APP/config/$p")"
    curl -sS "$E/emulator/apps/$APP/config/$p"; echo
  done
  printf 'live-token %s ' "$(status "apps/$APP/live-token")"
  curl -sS "$E/emulator/apps/$APP/live-token"; echo
}

# testacc NAME: runs `make testacc`, output to the terminal and $work/NAME.log;
# returns its exit status.
testacc() {
  local rc=0
  make --no-print-directory testacc 2>&1 | tee "$work/$1.log" || rc=$?
  return "$rc"
}

# testacc_expecting_failure NAME: runs `make testacc` that must fail, output
# only to $work/NAME.log (its expected `--- FAIL` lines would read as real
# failures in a CI log); prints the refusals it found. Returns its exit status.
testacc_expecting_failure() {
  local rc=0
  make --no-print-directory testacc >"$work/$1.log" 2>&1 || rc=$?
  echo "make testacc exited $rc (expected non-zero); refusals:"
  grep -oE 'already has an? [A-Za-z ]+(configuration|token)' "$work/$1.log" | sort | uniq -c || true
  return "$rc"
}

# expect_tests_passed LOG: at least MIN_TESTS TestAcc tests passed, none skipped.
expect_tests_passed() {
  local passed
  passed=$(grep -c '^--- PASS: TestAcc' "$1" || true)
  [ "$passed" -ge "$MIN_TESTS" ] || fail "$passed TestAcc tests passed in $1, want at least $MIN_TESTS"
  ! grep -q '^--- SKIP: TestAcc' "$1" || fail "TestAcc tests were skipped: $(grep '^--- SKIP: TestAcc' "$1")"
  echo "ok: $passed TestAcc tests passed"
}

step "1. clean app: make testacc passes"
testacc clean || fail "make testacc failed against a clean emulator app"
expect_tests_passed "$work/clean.log"
for p in "${PRODUCTS[@]}"; do
  [ "$(status "apps/$APP/config/$p")" = 404 ] || fail "the suite left a $p configuration behind: $(ctl GET "apps/$APP/config/$p")"
done
[ "$(status "apps/$APP/live-token")" = 404 ] || fail "the suite left a Live callback token behind"
echo "ok: nothing left behind"

if [ "${TESTACC_PHASES:-all}" = clean ]; then
  step "2 and 3 (refusal, restore) are not run with this CLI (TESTACC_PHASES=clean): they check the suite's Go guards, which make test checks once, with the current Terraform"
  exit 0
fi

step "2. existing configurations: make testacc refuses and touches nothing"
# Words deliberately not in sorted order: a restore must keep them as they were.
ctl PUT "apps/$APP/config/call" '{"url":"https://production.example.org/call","callback_commands":["Call.CallbackAfterMemberChanged","Call.CallbackAfterEndCall"]}' >/dev/null
ctl PUT "apps/$APP/config/live" '{"url":"https://production.example.org/live","callback_commands":["Live.CallbackAfterDestroyRoom","Live.CallbackAfterCreateRoom"]}' >/dev/null
ctl PUT "apps/$APP/config/room" '{"url":"https://production.example.org/room","callback_commands":["Room.CallbackAfterDestroyRoom","Room.CallbackAfterCreateRoom"]}' >/dev/null
ctl PUT "apps/$APP/config/callkit" '{"url":"https://production.example.org/callkit","callback_commands":["normal_end","call_busy"]}' >/dev/null
ctl PUT "apps/$APP/live-token" '{"token":"production-token-kept-by-the-suite","enabled":false}' >/dev/null
snapshot >"$work/before"
ctl DELETE stats >/dev/null
if testacc_expecting_failure refused; then cat "$work/refused.log"; fail "make testacc passed although the app already had configurations"; fi
for p in "${PRODUCTS[@]}"; do
  grep -q "already has a $p callback configuration" "$work/refused.log" || fail "no refusal message for the existing $p configuration"
done
grep -q "already has a Live callback token" "$work/refused.log" || fail "no refusal message for the existing Live callback token"
grep -q "TENCENTRTC_ACC_ALLOW_EXISTING=1" "$work/refused.log" || fail "the refusal does not name TENCENTRTC_ACC_ALLOW_EXISTING=1"
if grep -q "production-token-kept-by-the-suite" "$work/refused.log"; then fail "the output shows the existing Live token"; fi
snapshot | diff "$work/before" - || fail "an existing configuration changed although the suite refused"
writes=$(ctl GET stats | grep -oE '"/v[14]/[^"]+": *[1-9][0-9]*' | grep -vE '/(get|get_callback|get_callback_token)":' || true)
[ -z "$writes" ] || fail "the suite sent write requests although it refused: $writes"
echo "ok: refused with a clear message; no write request; every object byte-identical"

step "3. TENCENTRTC_ACC_ALLOW_EXISTING=1: make testacc passes and restores"
TENCENTRTC_ACC_ALLOW_EXISTING=1 testacc allowed || fail "make testacc failed with TENCENTRTC_ACC_ALLOW_EXISTING=1"
expect_tests_passed "$work/allowed.log"
snapshot | diff "$work/before" - || fail "the suite did not restore the existing configurations exactly"
echo "ok: every object restored byte-identical"

step "testacc against the emulator: all checks passed"
