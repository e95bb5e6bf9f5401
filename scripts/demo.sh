#!/usr/bin/env bash
# `make demo`: the provider's main job end to end against the local emulator.
#
#   build -> start the emulator and the example webhook receiver on free
#   loopback ports -> apply -> empty plan -> out-of-band change shows as drift
#   -> apply restores it -> import a configuration made outside Terraform ->
#   callbacks delivered and verified -> destroy -> stop everything.
#
# Every file lives in a temporary folder that is removed at the end; nothing is
# written into the clone and nothing is left running, also on failure or
# Ctrl-C. Network traffic goes to 127.0.0.1 only. The secrets are demo-only
# fixed strings and are never printed.
#
# Environment: TERRAFORM=/path or TOFU=/path pick the CLI (see scripts/cli.sh);
# without Terraform on PATH, OpenTofu is used (and built once per machine).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

APP=1400000000
DEMO_SECRET_KEY="demo-only-secret-key-0123456789abcdef"
DEMO_LIVE_TOKEN="demo-only-live-token-fedcba9876543210"

start_time=$SECONDS
work=$(mktemp -d "${TMPDIR:-/tmp}/tencentrtc-demo.XXXXXX")
emu_pid=""
rcv_pid=""

# stop_pid PID: SIGTERM, up to 5 s for a graceful exit, then SIGKILL.
stop_pid() {
  local pid=$1 _
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "  (pid $pid ignored SIGTERM: killing it)" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_pid "$rcv_pid"
  stop_pid "$emu_pid"
  rm -rf "$work"
  if [ "$rc" -ne 0 ]; then
    printf '\nmake demo failed (exit %d); the emulator and receiver were stopped and %s removed.\n' "$rc" "$work" >&2
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Only loopback traffic, and no settings of the caller's shell leak in.
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0
export NO_PROXY="127.0.0.1,localhost${NO_PROXY:+,$NO_PROXY}" no_proxy="127.0.0.1,localhost${no_proxy:+,$no_proxy}"
unset TF_CLI_ARGS TF_CLI_ARGS_plan TF_CLI_ARGS_apply TF_CLI_ARGS_destroy TF_WORKSPACE TF_DATA_DIR TF_LOG TF_LOG_PATH
unset TENCENTRTC_IDENTIFIER TENCENTRTC_REGION

# ---------------------------------------------------------------------------
# Output helpers

say() { printf '%s\n' "$*"; }
# shown COMMAND...: prints a command the way a user would type it.
shown() { printf '\n  $ %s\n' "$*"; }
# redact: hides the demo secrets in anything shown.
redact() { sed -e "s/$DEMO_SECRET_KEY/***/g" -e "s/$DEMO_LIVE_TOKEN/***/g"; }
indent() { sed -e 's/^/    /'; }

# trim_tf: shortens the CLI output for reading: drops the notice that
# development overrides are in effect (the demo uses the provider just built,
# on purpose), the plan legend and boilerplate paragraphs, turns each
# -compact-warnings block into one line per warning, and squeezes blank lines.
trim_tf() {
  awk '
    /^Warning: Provider development overrides are in effect/ { skip = 1; next }
    skip && /^(Error|Warning): / { skip = 0 }
    skip { if ($0 ~ /releases\.[[:space:]]*$/) skip = 0; next }

    /^Warnings:[[:space:]]*$/ { warn = 1; item = ""; next }
    warn && /^To see the full warning notes/ { flush(); warn = 0; next }
    warn && /^- / { flush(); item = substr($0, 3); where = ""; next }
    warn && /^  on / { where = substr($0, 6); next }
    warn { next }

    /^(Terraform|OpenTofu) used the selected providers/ { legend = 1; next }
    legend { if ($0 ~ /will perform the following actions:/) legend = 0; next }
    /^(Terraform|OpenTofu) will perform the following actions:/ { next }
    /has compared your real infrastructure against your configuration/ { para = 1; next }
    para { if ($0 ~ /^[[:space:]]*$/) para = 0; next }

    /^[[:space:]]*$/ { if (!blank) print ""; blank = 1; next }
    { blank = 0; print }

    function flush() {
      if (item != "" && item !~ /development overrides/) {
        print "Warning: " item (where != "" ? ": " where : "")
        blank = 0
      }
      item = ""
    }
  '
}

# tf ARGS...: runs the CLI in the demo folder, shows the command and its
# trimmed output, and sets tf_rc (never fails by itself). When tf_keep is set,
# only the output lines that match it (an ERE) are shown.
tf_keep=""
tf() {
  shown "$cli_name $*"
  tf_rc=0
  (cd "$work/tf" && "$cli" "$@" -no-color -compact-warnings) >"$work/tf.out" 2>&1 || tf_rc=$?
  if [ -n "$tf_keep" ] && [ "$tf_rc" -le 2 ]; then
    trim_tf <"$work/tf.out" | { grep -E "$tf_keep" || true; } | redact | indent
  else
    trim_tf <"$work/tf.out" | redact | sed -e '1{/^$/d;}' | indent
  fi
  tf_keep=""
}

# tf_expect RC ARGS...: tf, and fail unless it exits with RC.
tf_expect() {
  local want=$1
  shift
  tf "$@"
  if [ "$tf_rc" -ne "$want" ]; then
    fail "'$cli_name $*' exited with $tf_rc, expected $want (full output above)"
  fi
  if [[ " $* " == *" -detailed-exitcode "* ]]; then
    say "    (exit code $tf_rc)"
  fi
}

# http_req METHOD URL [JSON]: one request to a loopback server; sets
# http_status and http_body. Uses curl, or the Go stand-in when curl is absent.
http_req() {
  local method=$1 url=$2 data=${3:-} out
  if [ -n "$curl" ]; then
    local args=(-sS --noproxy '*' --max-time 30 -X "$method" -w '\n%{http_code}')
    if [ -n "$data" ]; then args+=(-H 'Content-Type: application/json' --data "$data"); fi
    out=$("$curl" "${args[@]}" "$url") || fail "curl $method $url failed"
  else
    if [ -n "$data" ]; then
      out=$("$work/bin/httpc" "$method" "$url" "$data") || fail "$method $url failed"
    else
      out=$("$work/bin/httpc" "$method" "$url") || fail "$method $url failed"
    fi
  fi
  http_status=${out##*$'\n'}
  http_body=${out%$'\n'*}
  http_body=${http_body%$'\n'}
}

# api METHOD PATH [JSON]: a control-API request to the emulator, shown as the
# curl command a user would type ($E is the emulator's URL).
api() {
  local method=$1 path=$2 data=${3:-} cmd="curl -s"
  if [ "$method" != GET ]; then cmd+=" -X $method"; fi
  cmd+=" \$E$path"
  if [ -n "$data" ]; then cmd+=" -d '$data'"; fi
  shown "$cmd" | redact
  http_req "$method" "$E$path" "$data"
}

# show_body [GREP-ERE]: prints the last answer (only the lines matching the
# pattern, if one is given).
show_body() {
  {
    printf 'HTTP %s\n' "$http_status"
    if [ -n "${1:-}" ]; then
      printf '%s\n' "$http_body" | grep -E "$1" || true
    elif [ -n "$http_body" ]; then
      printf '%s\n' "$http_body"
    fi
  } | sed -e 's/\\u0026/\&/g' | redact | indent
}

show_status() { printf '    HTTP %s\n' "$http_status"; }

# expect_status CODE: fails unless the last answer had this HTTP status.
expect_status() {
  [ "$http_status" = "$1" ] || { show_body; fail "expected HTTP $1, got $http_status"; }
}

# wait_listening PID OUTFILE NAME: waits for the "NAME listening on URL" first
# line of a server started on port 0 and prints URL.
wait_listening() {
  local pid=$1 out=$2 name=$3 line _
  for _ in $(seq 1 100); do
    line=$(head -n 1 "$out" 2>/dev/null || true)
    case $line in
      *" listening on http://"*)
        printf '%s\n' "${line##* listening on }"
        return 0
        ;;
    esac
    if ! kill -0 "$pid" 2>/dev/null; then
      cat "$out" "$out.err" 2>/dev/null | redact >&2 || true
      fail "$name exited before it was listening"
    fi
    sleep 0.1
  done
  fail "$name did not print its address within 10 s"
}

receiver_lines_seen=0
# receiver_news: prints what the receiver logged since the last call.
receiver_news() {
  local total
  total=$(wc -l <"$work/receiver.out")
  tail -n "+$((receiver_lines_seen + 1))" "$work/receiver.out" | head -n "$((total - receiver_lines_seen))" |
    sed -e 's/^[0-9]\{4\}\/[0-9/]* [0-9:]* //' -e 's/^\(  body: .\{140\}\).....*/\1 .../' | redact | indent
  receiver_lines_seen=$total
}

# ---------------------------------------------------------------------------

cat <<'EOT'
tencentrtc demo: manage Tencent RTC callback configurations with Terraform,
against the local emulator (no Tencent account, no network beyond 127.0.0.1).
EOT

# clone_files: untracked and ignored files of the clone, to show at the end
# that the demo added none (empty outside a git checkout).
clone_files() { git status --porcelain --ignored --untracked-files=all 2>/dev/null | LC_ALL=C sort || true; }
in_git=$(git rev-parse --is-inside-work-tree 2>/dev/null || true)
clone_before=$(clone_files)

step "0. Build the provider, the emulator and the example webhook receiver"
mkdir -p "$work/bin" "$work/tf"
shown "go build -o \$BIN/ . ./cmd/tencentrtc-emulator ./examples/webhook-receiver"
say "    (a first build on a machine compiles the dependencies: a few minutes; later runs take seconds)"
go build -o "$work/bin/" . ./cmd/tencentrtc-emulator ./examples/webhook-receiver
for b in terraform-provider-tencentrtc tencentrtc-emulator webhook-receiver; do
  [ -x "$work/bin/$b" ] || fail "go build did not produce $b"
done
curl=$(command -v curl || true)
if [ -z "$curl" ]; then
  say "    curl is not installed: using demo/httpc, a tiny Go stand-in, for the HTTP requests"
  go build -o "$work/bin/httpc" ./demo/httpc
fi

if cli=$(scripts/cli.sh terraform 2>/dev/null); then
  cli_name=terraform
else
  say "    Terraform is not on PATH: using OpenTofu from scripts/cli.sh tofu"
  say "    (when it is not cached yet, scripts/cli.sh builds it from the Go module proxy: about 4 minutes, once per machine)"
  cli=$(scripts/cli.sh tofu) || fail "no Terraform-compatible CLI: put terraform on PATH or let scripts/cli.sh tofu build OpenTofu"
  cli_name=tofu
fi
say "    CLI: $cli ($("$cli" version | head -n 1))"

# The CLI uses the provider just built (dev_overrides): no registry, no init.
TF_CLI_CONFIG_FILE=$(dev_overrides_config "$work" "$work/bin")
export TF_CLI_CONFIG_FILE
cp demo/main.tf "$work/tf/"
build_done=$SECONDS
say "    built in $((build_done - start_time)) s; working folder $work (removed at the end)"

step "Start the emulator and the webhook receiver on free loopback ports"
export TENCENTRTC_EMULATOR_APPS="$APP:$DEMO_SECRET_KEY"
shown "TENCENTRTC_EMULATOR_APPS=\"$APP:\$TENCENTRTC_SECRET_KEY\" tencentrtc-emulator -listen 127.0.0.1:0 &"
"$work/bin/tencentrtc-emulator" -listen 127.0.0.1:0 -log-level warn >"$work/emulator.out" 2>"$work/emulator.out.err" &
emu_pid=$!
unset TENCENTRTC_EMULATOR_APPS
E=$(wait_listening "$emu_pid" "$work/emulator.out" tencentrtc-emulator)
say "    $(head -n 1 "$work/emulator.out")"

export TENCENTRTC_CALLBACK_TOKEN="$DEMO_LIVE_TOKEN"
shown "TENCENTRTC_CALLBACK_TOKEN=\$LIVE_TOKEN webhook-receiver -listen 127.0.0.1:0 -sdkappid $APP &"
"$work/bin/webhook-receiver" -listen 127.0.0.1:0 -sdkappid "$APP" >"$work/receiver.out" 2>&1 &
rcv_pid=$!
unset TENCENTRTC_CALLBACK_TOKEN
R=$(wait_listening "$rcv_pid" "$work/receiver.out" webhook-receiver)
receiver_news
say ""
say "    E=$E   # the emulator (stands in for the Tencent APIs)"
say "    R=$R   # the webhook receiver (your backend)"

# The provider reads everything from the environment, like in CI.
export TENCENTRTC_ENDPOINT="$E" TENCENTRTC_SDK_APP_ID="$APP" TENCENTRTC_SECRET_KEY="$DEMO_SECRET_KEY"
export TF_VAR_receiver_url="$R" TF_VAR_live_callback_token="$DEMO_LIVE_TOKEN"
say ""
say "    export TENCENTRTC_ENDPOINT=\$E TENCENTRTC_SDK_APP_ID=$APP TENCENTRTC_SECRET_KEY=..."
say "    export TF_VAR_receiver_url=\$R TF_VAR_live_callback_token=..."
say "    export TF_CLI_CONFIG_FILE=cli.tfrc   # dev_overrides: use the provider just built, no init"
walk_start=$SECONDS

step "1. Apply the quick-start configuration (demo/main.tf)"
say "    call and live callback configurations pointing at the receiver, and the Live signing token:"
grep -E '^(resource|  (product|url|enabled))' demo/main.tf | indent
tf_expect 0 apply -auto-approve
say "    (The provider warns about plain-http callback URLs: fine for this loopback receiver; use https in production.)"

step "2. Plan again: nothing to do"
tf_expect 0 plan -detailed-exitcode

step "3. Someone changes the call configuration outside Terraform"
api PUT "/emulator/apps/$APP/config/call" '{"url":"https://old-backend.example.com/call","callback_commands":["Call.CallbackAfterStartCall"]}'
expect_status 200
show_body
say ""
say "    The plan shows the drift (exit code 2 = changes):"
tf_expect 2 plan -detailed-exitcode

step "4. Apply restores the configured values"
tf_keep='^ *# [a-z_]+\.|Plan:|Modif|Apply complete|Warning'
tf_expect 0 apply -auto-approve
api GET "/emulator/apps/$APP/config/call"
expect_status 200
show_body
case $http_body in
  *"\"$R/call\""*) ;;
  *) fail "the emulator does not hold the configured call URL $R/call" ;;
esac

step "5. Import a configuration created outside Terraform"
api PUT "/emulator/apps/$APP/config/room" "{\"url\":\"$R/room\",\"callback_commands\":[\"Room.CallbackAfterCreateRoom\",\"Room.CallbackAfterDestroyRoom\"]}"
expect_status 200
show_status
say ""
say "    Add an import block and the matching resource (demo/import/room.tf):"
cp demo/import/room.tf "$work/tf/"
sed -n '/^import/,/^}/p' demo/import/room.tf | indent
tf_expect 0 apply -auto-approve
tf_expect 0 plan -detailed-exitcode

step "6. Callbacks reach the receiver"
say "    The emulator delivers an event the way Tencent does: POST to the configured URL with"
say "    SdkAppid, CallbackCommand, contenttype=json, ClientIP, OptPlatform (+ Sign, RequestTime for Live)."
api POST /emulator/trigger "{\"sdkappid\":$APP,\"command\":\"Call.CallbackAfterStartCall\"}"
expect_status 200
show_body '"(delivered|url|status|reply|reason)"'
case $http_body in *'"delivered": true'*) ;; *) fail "the Call callback was not delivered" ;; esac
say "    The receiver logged:"
receiver_news

api POST /emulator/trigger "{\"sdkappid\":$APP,\"command\":\"Live.CallbackAfterCreateRoom\"}"
expect_status 200
show_body '"(delivered|url|status|reply|reason)"'
case $http_body in *'"delivered": true'*) ;; *) fail "the Live callback was not delivered" ;; esac
say "    The receiver logged:"
log_before=$receiver_lines_seen
receiver_news
tail -n "+$((log_before + 1))" "$work/receiver.out" | grep -q 'ACCEPTED Live.CallbackAfterCreateRoom .*signature valid' ||
  fail "the receiver did not report a valid signature on the Live callback"

now=$(date +%s)
forged="SdkAppid=$APP&CallbackCommand=Live.CallbackAfterCreateRoom&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI&RequestTime=$now&Sign="
say ""
say "    A forged Live callback (wrong Sign) is refused:"
shown "curl -s -X POST \"\$R/live?${forged}0000...0000\" -d '{}'"
http_req POST "$R/live?$forged$(printf '%064d' 0)" '{}'
show_body
expect_status 403
say "    The receiver logged:"
receiver_news

step "7. Destroy"
tf_keep='^ *# [a-z_]+\.|Plan:|Destruction complete|Destroy complete|Warning'
tf_expect 0 destroy -auto-approve
say ""
say "    The emulator holds no configuration and no token for the app any more:"
for product in call live room callkit; do
  http_req GET "$E/emulator/apps/$APP/config/$product"
  say "    GET \$E/emulator/apps/$APP/config/$product -> HTTP $http_status"
  [ "$http_status" = 404 ] || fail "the $product configuration is still there after destroy: $http_body"
done
http_req GET "$E/emulator/apps/$APP/live-token"
say "    GET \$E/emulator/apps/$APP/live-token     -> HTTP $http_status"
[ "$http_status" = 404 ] || fail "the Live token is still there after destroy"

step "8. Stop the emulator and the receiver"
shown "kill $rcv_pid $emu_pid   # SIGTERM: both shut down gracefully"
stop_pid "$rcv_pid"
stop_pid "$emu_pid"
receiver_news
for pid in "$rcv_pid" "$emu_pid"; do
  if kill -0 "$pid" 2>/dev/null; then fail "process $pid is still running"; fi
done
rcv_pid="" emu_pid=""
# No process started from the demo's folder may survive (provider plugins included).
leftover=$(ps -A -o pid= -o args= | W="$work/" awk 'index($0, ENVIRON["W"]) { print }' || true)
[ -z "$leftover" ] || fail "processes still running from $work: $leftover"
say "    nothing left running (no process runs from $work)"
if [ "$in_git" = true ]; then
  clone_after=$(clone_files)
  new_files=$(comm -13 <(printf '%s\n' "$clone_before") <(printf '%s\n' "$clone_after"))
  if [ -n "$new_files" ]; then
    say "    note: files appeared in the clone while the demo ran (the demo writes only to $work):"
    printf '%s\n' "$new_files" | indent
  else
    say "    the clone is untouched (git status shows no new files)"
  fi
fi
walk_end=$SECONDS

step "Done"
say "    build $((build_done - start_time)) s, walkthrough $((walk_end - walk_start)) s, total $((walk_end - start_time)) s"
say "    The configuration is demo/main.tf (+ demo/import/room.tf); the receiver is examples/webhook-receiver."
