#!/usr/bin/env bash
# Finds or builds the Terraform-compatible CLIs the tests run against.
#
#   scripts/cli.sh terraform   path of a Terraform CLI (TERRAFORM, else PATH); exit 1 if none
#   scripts/cli.sh tofu        path of OpenTofu $TOFU_VERSION (TOFU, else the cache, else built
#                              from the Go module proxy into the cache: about 3-4 minutes, once per machine)
#   scripts/cli.sh terraform-current
#                              path of Terraform $TERRAFORM_CURRENT_VERSION (TERRAFORM_CURRENT, else the
#                              cache, else the official release installed by hc-install from
#                              releases.hashicorp.com in seconds, else built from the Go module proxy:
#                              about 5 minutes; either way once per machine)
#
# The cache lives outside the clone: ${TENCENTRTC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tencentrtc}.
set -euo pipefail

TOFU_VERSION="${TOFU_VERSION:-1.12.6}"
TERRAFORM_CURRENT_VERSION="${TERRAFORM_CURRENT_VERSION:-1.16.4}"
CACHE="${TENCENTRTC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tencentrtc}"

find_terraform() {
  if [ -n "${TERRAFORM:-}" ]; then
    [ -x "$TERRAFORM" ] || { echo "TERRAFORM=$TERRAFORM is not an executable" >&2; exit 1; }
    echo "$TERRAFORM"; return
  fi
  command -v terraform || { echo "no terraform on PATH" >&2; exit 1; }
}

find_tofu() {
  if [ -n "${TOFU:-}" ]; then
    [ -x "$TOFU" ] || { echo "TOFU=$TOFU is not an executable" >&2; exit 1; }
    echo "$TOFU"; return
  fi
  local bin="$CACHE/tofu-$TOFU_VERSION"
  if [ -x "$bin" ] && "$bin" version >/dev/null 2>&1; then
    echo "$bin"; return
  fi
  mkdir -p "$CACHE"
  echo "Building OpenTofu $TOFU_VERSION from the Go module proxy into $bin (once per machine, ~4 min)..." >&2
  local dir
  dir=$(cd / && go mod download -json "github.com/opentofu/opentofu@v$TOFU_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  if [ -z "$dir" ] || [ ! -d "$dir" ]; then
    echo "FAIL: could not download github.com/opentofu/opentofu@v$TOFU_VERSION from the Go module proxy" >&2
    exit 1
  fi
  # OpenTofu's go.mod has replace directives, so `go install` refuses; build in place.
  (cd "$dir" && GOFLAGS=-mod=mod go build -ldflags "-X github.com/opentofu/opentofu/version.dev=no" -o "$bin.tmp.$$" ./cmd/tofu) >&2 || {
    echo "FAIL: building OpenTofu $TOFU_VERSION failed" >&2; rm -f "$bin.tmp.$$"; exit 1; }
  mv "$bin.tmp.$$" "$bin"
  echo "$bin"
}

# install_terraform V BIN: the official Terraform V from releases.hashicorp.com (hc-install, pinned
# in go.mod, checks HashiCorp's signature) into BIN. Fails within seconds, in one line, when the
# site cannot be reached.
install_terraform() {
  local v=$1 bin=$2 hc dir
  if command -v curl >/dev/null && ! curl -fsSI -m 5 -o /dev/null "https://releases.hashicorp.com/terraform/$v/index.json" 2>/dev/null; then
    echo "releases.hashicorp.com cannot be reached: Terraform $v is built from the Go module proxy instead" >&2
    return 1
  fi
  hc=$(go tool -n hc-install) || return 1
  dir=$(mktemp -d "${TMPDIR:-/tmp}/terraform-install.XXXXXX")
  if timeout 120 "$hc" install -version "$v" -path "$dir" terraform >&2; then
    mv "$dir/terraform" "$bin" && rm -rf "$dir"
    return
  fi
  rm -rf "$dir"
  echo "hc-install could not install Terraform $v (above): it is built from the Go module proxy instead" >&2
  return 1
}

# Terraform's module zip lacks its nested modules (internal/legacy and nine
# remote-state backends) that its go.mod replaces with local paths: drop them
# from go.mod and from the backend registry in a writable copy, then build.
find_terraform_current() {
  if [ -n "${TERRAFORM_CURRENT:-}" ]; then
    [ -x "$TERRAFORM_CURRENT" ] || { echo "TERRAFORM_CURRENT=$TERRAFORM_CURRENT is not an executable" >&2; exit 1; }
    echo "$TERRAFORM_CURRENT"; return
  fi
  local v=$TERRAFORM_CURRENT_VERSION bin="$CACHE/terraform-$TERRAFORM_CURRENT_VERSION"
  if [ -x "$bin" ] && "$bin" version >/dev/null 2>&1; then
    echo "$bin"; return
  fi
  mkdir -p "$CACHE"
  if install_terraform "$v" "$bin"; then
    echo "$bin"; return
  fi
  echo "Building Terraform $v from the Go module proxy into $bin (once per machine, ~5 min)..." >&2
  local dir src
  dir=$(cd / && go mod download -json "github.com/hashicorp/terraform@v$v" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  if [ -z "$dir" ] || [ ! -d "$dir" ]; then
    echo "FAIL: could not download github.com/hashicorp/terraform@v$v from the Go module proxy" >&2
    exit 1
  fi
  src=$(mktemp -d "${TMPDIR:-/tmp}/terraform-src.XXXXXX")
  cp -r "$dir/." "$src" && chmod -R u+w "$src"
  local backends='azure|consul|cos|gcs|kubernetes|oci|oss|pg|s3'
  sed -i -E "/github.com\/hashicorp\/terraform\/internal\/(legacy|backend\/remote-state\/($backends))([[:space:]]|\$)/d" "$src/go.mod"
  sed -i -E "/remote-state\/($backends)\"|backend(Azure|Consul|Cos|GCS|Kubernetes|OCI|OSS|Pg|S3)\./d" "$src/internal/backend/init/init.go"
  (cd "$src" && GOFLAGS=-mod=mod go build -trimpath -ldflags "-s -w -X github.com/hashicorp/terraform/version.dev=no" -o "$bin.tmp.$$" .) >&2 || {
    echo "FAIL: building Terraform $v failed (source left in $src)" >&2; rm -f "$bin.tmp.$$"; exit 1; }
  rm -rf "$src"
  mv "$bin.tmp.$$" "$bin"
  echo "$bin"
}

case "${1:-}" in
  terraform) find_terraform ;;
  terraform-current) find_terraform_current ;;
  tofu) find_tofu ;;
  *) echo "usage: $0 terraform|terraform-current|tofu" >&2; exit 2 ;;
esac
