#!/usr/bin/env bash
# Runs every Go fuzz target of the repository for FUZZTIME each.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
FUZZTIME="${FUZZTIME:-30s}"
count=0
while read -r pkg name; do
  echo "fuzz $pkg $name ($FUZZTIME)"
  go test -run '^$' -fuzz "^${name}\$" -fuzztime "$FUZZTIME" "$pkg" > /tmp/fuzz.$$.log 2>&1 || { cat /tmp/fuzz.$$.log; rm -f /tmp/fuzz.$$.log; fail "fuzz target $name in $pkg failed"; }
  tail -1 /tmp/fuzz.$$.log
  count=$((count + 1))
done < <(fuzz_targets)
rm -f /tmp/fuzz.$$.log
[ "$count" -gt 0 ] || fail "no fuzz targets found"
echo "$count fuzz targets ran for $FUZZTIME each"
