#!/usr/bin/env bash
# build.sh [--print-path] [--force]
#
# Builds KWOK's controller (sigs.k8s.io/kwok/cmd/kwok at $KWOK_VERSION), which keeps fake nodes of
# the test cluster Ready and plays the life of the Pods bound to them without running anything,
# from the Go module proxy: static (CGO_ENABLED=0), -trimpath, version-stamped. Beside it,
# stages.yaml: the upstream default stages (node-initialize, node-heartbeat-with-lease, pod-ready,
# pod-complete, pod-delete) taken from the same module, as kwokctl uses them. The build module is
# hack/kwok/go.mod + go.sum (keep them in the repository; a new KWOK_VERSION regenerates them).
# Cached in
#   $COMPOSITEAPP_CACHE/kwok/<KWOK_VERSION>-<go version>/{kwok,stages.yaml}
# and a second run rebuilds nothing. Prints the path of the binary on stdout (progress on stderr).
#   --print-path  print the path the binary has (or would have) and exit, building nothing
#   --force       rebuild even when the cached binary is up to date
# Environment: KWOK_VERSION (default v0.8.0), COMPOSITEAPP_CACHE (default
# ${XDG_CACHE_HOME:-$HOME/.cache}/compositeapp). Go >= 1.26 from PATH or /usr/local/go/bin;
# GOTOOLCHAIN=local, so no other toolchain is ever downloaded.
set -euo pipefail

KWOK_VERSION=${KWOK_VERSION:-v0.8.0}
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
      sed -n '2,18p' "$0"
      exit 0
      ;;
    *)
      echo "build.sh: unknown argument '$arg'" >&2
      exit 2
      ;;
  esac
done

log() { printf '[kwok] %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

OUT=$(versioned_cache_dir kwok "$KWOK_VERSION" .stamp)
if ((print_only)); then
  echo "$OUT/kwok"
  exit 0
fi

GO=$(go_bin) || die "Go is not installed (need Go >= 1.26 in PATH or /usr/local/go/bin)"
GOVERSION=$("$GO" env GOVERSION)
now_ms() { date +%s%3N; }
t0=$(now_ms)

mod_current() {
  [[ -f $MOD_DIR/go.mod && -f $MOD_DIR/go.sum ]] &&
    grep -qE "^[[:space:]]*(require )?sigs\.k8s\.io/kwok $KWOK_VERSION( |$)" "$MOD_DIR/go.mod"
}
generate_mod() {
  local tmp
  tmp=$(mktemp -d)
  printf 'module compositeapp.test/hack/kwok\n\ngo 1.26.0\n' >"$tmp/go.mod"
  (
    cd "$tmp"
    "$GO" mod edit -require="sigs.k8s.io/kwok@$KWOK_VERSION" -tool=sigs.k8s.io/kwok/cmd/kwok
    GOFLAGS=-mod=mod "$GO" mod tidy
  ) >&2
  cp "$tmp/go.mod" "$tmp/go.sum" "$MOD_DIR/"
  rm -rf "$tmp"
  log "generated $MOD_DIR/go.mod and go.sum for KWOK $KWOK_VERSION (keep them in the repository)"
}
mod_current || generate_mod

stamp="$KWOK_VERSION $GOVERSION $(cat "$MOD_DIR/go.mod" "$MOD_DIR/go.sum" "$0" | sha256sum | cut -c1-16)"
if ((force == 0)) && [[ -x $OUT/kwok && -f $OUT/stages.yaml && -f $OUT/.stamp && $(cat "$OUT/.stamp") == "$stamp" ]]; then
  log "KWOK $KWOK_VERSION ($GOVERSION): up to date"
  echo "$OUT/kwok"
  exit 0
fi

log "building KWOK $KWOK_VERSION with $GOVERSION -> $OUT (empty Go build cache: a few minutes)"
mkdir -p "$OUT"
rm -f "$OUT/.stamp"
(cd "$MOD_DIR" && GOFLAGS=-mod=readonly "$GO" build -trimpath -buildvcs=false \
  -ldflags "-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=${KWOK_VERSION#v}" \
  -o "$OUT/kwok.tmp" sigs.k8s.io/kwok/cmd/kwok) >&2
mv "$OUT/kwok.tmp" "$OUT/kwok"
src=$(cd "$MOD_DIR" && GOFLAGS=-mod=readonly "$GO" list -m -f '{{.Dir}}' sigs.k8s.io/kwok)/kustomize/stage
for f in node/fast/node-initialize.yaml node/heartbeat-with-lease/node-heartbeat-with-lease.yaml \
  pod/fast/pod-ready.yaml pod/fast/pod-complete.yaml pod/fast/pod-delete.yaml; do
  [[ -f $src/$f ]] || die "stage $f not found in $src"
  echo "---"
  cat "$src/$f"
done >"$OUT/stages.yaml"
got=$("$OUT/kwok" --version 2>&1 || true)
[[ $got == *"${KWOK_VERSION#v}"* ]] || die "built kwok reports '$got', expected $KWOK_VERSION"
echo "$stamp" >"$OUT/.stamp"
t1=$(now_ms)
log "built in $(((t1 - t0) / 1000)).$((((t1 - t0) % 1000) / 100))s"
echo "$OUT/kwok"
