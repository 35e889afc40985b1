#!/usr/bin/env bash
# build.sh [--print-path] [--force]
#
# Builds the kstatus test tool (hack/kstatus/main.go: sigs.k8s.io/cli-utils/pkg/kstatus/status at
# $CLI_UTILS_VERSION, the status rules Flux and kubectl-based tools use) from the Go module proxy:
# static (CGO_ENABLED=0), -trimpath. The build module is hack/kstatus/go.mod + go.sum (keep them in
# the repository; a new CLI_UTILS_VERSION regenerates them). The binary is cached in
#   $COMPOSITEAPP_CACHE/kstatus/<CLI_UTILS_VERSION>-<go version>/kstatus
# and a second run rebuilds nothing. Prints the path of the binary on stdout (progress goes to
# stderr).
#   --print-path  print the path the binary has (or would have) and exit, building nothing
#   --force       rebuild even when the cached binary is up to date
# Environment: CLI_UTILS_VERSION (default v0.37.2), COMPOSITEAPP_CACHE (default
# ${XDG_CACHE_HOME:-$HOME/.cache}/compositeapp). Go >= 1.26 from PATH or /usr/local/go/bin;
# GOTOOLCHAIN=local, so no other toolchain is ever downloaded.
set -euo pipefail

CLI_UTILS_VERSION=${CLI_UTILS_VERSION:-v0.37.2}
MOD_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=hack/lib/cache.sh
source "$MOD_DIR/../lib/cache.sh"
export CGO_ENABLED=0

print_only=0 force=0
for arg in "$@"; do
  case $arg in
    --print-path) print_only=1 ;;
    --force) force=1 ;;
    -h | --help)
      sed -n '2,15p' "$0"
      exit 0
      ;;
    *)
      echo "build.sh: unknown argument '$arg'" >&2
      exit 2
      ;;
  esac
done

log() { printf '[kstatus] %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

OUT=$(versioned_cache_dir kstatus "$CLI_UTILS_VERSION" .stamp)
if ((print_only)); then
  echo "$OUT/kstatus"
  exit 0
fi

GO=$(go_bin) || die "Go is not installed (need Go >= 1.26 in PATH or /usr/local/go/bin)"
GOVERSION=$("$GO" env GOVERSION)

mod_current() {
  [[ -f $MOD_DIR/go.mod && -f $MOD_DIR/go.sum ]] &&
    grep -qE "^[[:space:]]*(require )?sigs\.k8s\.io/cli-utils $CLI_UTILS_VERSION( |$)" "$MOD_DIR/go.mod"
}
generate_mod() {
  local tmp
  tmp=$(mktemp -d)
  cp "$MOD_DIR/main.go" "$tmp/"
  printf 'module compositeapp.test/hack/kstatus\n\ngo 1.26.0\n' >"$tmp/go.mod"
  (
    cd "$tmp"
    "$GO" mod edit -require="sigs.k8s.io/cli-utils@$CLI_UTILS_VERSION"
    GOFLAGS=-mod=mod "$GO" mod tidy
  ) >&2
  cp "$tmp/go.mod" "$tmp/go.sum" "$MOD_DIR/"
  rm -rf "$tmp"
  log "generated $MOD_DIR/go.mod and go.sum for cli-utils $CLI_UTILS_VERSION (keep them in the repository)"
}
mod_current || generate_mod

stamp="$CLI_UTILS_VERSION $GOVERSION $(cat "$MOD_DIR/go.mod" "$MOD_DIR/go.sum" "$MOD_DIR/main.go" | sha256sum | cut -c1-16)"
if ((force == 0)) && [[ -x $OUT/kstatus && -f $OUT/.stamp && $(cat "$OUT/.stamp") == "$stamp" ]]; then
  log "kstatus (cli-utils $CLI_UTILS_VERSION, $GOVERSION): up to date"
  echo "$OUT/kstatus"
  exit 0
fi

log "building kstatus (cli-utils $CLI_UTILS_VERSION) with $GOVERSION -> $OUT"
mkdir -p "$OUT"
rm -f "$OUT/.stamp"
(cd "$MOD_DIR" && GOFLAGS=-mod=readonly "$GO" build -trimpath -buildvcs=false -ldflags "-s -w" \
  -o "$OUT/kstatus.tmp" .) >&2
mv "$OUT/kstatus.tmp" "$OUT/kstatus"
echo '{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"x"}}' | "$OUT/kstatus" | grep -q '"Current"' ||
  die "the built kstatus does not compute Current for a ConfigMap"
echo "$stamp" >"$OUT/.stamp"
echo "$OUT/kstatus"
