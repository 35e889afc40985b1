#!/usr/bin/env bash
# build.sh [--print-path] [--force]
#
# Builds kube-score (github.com/zegl/kube-score/cmd/kube-score at $KUBE_SCORE_VERSION), the
# static checker of Kubernetes objects the chart's unit tests run over the rendered chart, from
# the Go module proxy: static (CGO_ENABLED=0), -trimpath. The build module is
# hack/kube-score/go.mod + go.sum (keep them in the repository; a new KUBE_SCORE_VERSION
# regenerates them). The binary is cached in
#   $COMPOSITEAPP_CACHE/kube-score/<KUBE_SCORE_VERSION>-<go version>/kube-score
# and a second run rebuilds nothing. Prints the path of the binary on stdout (progress goes to
# stderr).
#   --print-path  print the path the binary has (or would have) and exit, building nothing
#   --force       rebuild even when the cached binary is up to date
# Environment: KUBE_SCORE_VERSION (default v1.20.0), COMPOSITEAPP_CACHE (default
# ${XDG_CACHE_HOME:-$HOME/.cache}/compositeapp). Go >= 1.26 from PATH or /usr/local/go/bin;
# GOTOOLCHAIN=local, so no other toolchain is ever downloaded.
set -euo pipefail

KUBE_SCORE_VERSION=${KUBE_SCORE_VERSION:-v1.20.0}
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
      sed -n '2,16p' "$0"
      exit 0
      ;;
    *)
      echo "build.sh: unknown argument '$arg'" >&2
      exit 2
      ;;
  esac
done

log() { printf '[kube-score] %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

OUT=$(versioned_cache_dir kube-score "$KUBE_SCORE_VERSION" .stamp)
if ((print_only)); then
  echo "$OUT/kube-score"
  exit 0
fi

GO=$(go_bin) || die "Go is not installed (need Go >= 1.26 in PATH or /usr/local/go/bin)"
GOVERSION=$("$GO" env GOVERSION)
now_ms() { date +%s%3N; }
t0=$(now_ms)

# The build module: `tool github.com/zegl/kube-score/cmd/kube-score` pins it and its dependencies.
mod_current() {
  [[ -f $MOD_DIR/go.mod && -f $MOD_DIR/go.sum ]] &&
    grep -qE "^[[:space:]]*(require )?github\.com/zegl/kube-score $KUBE_SCORE_VERSION( |$)" "$MOD_DIR/go.mod"
}
generate_mod() {
  local tmp
  tmp=$(mktemp -d)
  printf 'module compositeapp.test/hack/kube-score\n\ngo 1.26.0\n' >"$tmp/go.mod"
  (
    cd "$tmp"
    "$GO" mod edit -require="github.com/zegl/kube-score@$KUBE_SCORE_VERSION" \
      -tool=github.com/zegl/kube-score/cmd/kube-score
    GOFLAGS=-mod=mod "$GO" mod tidy
  ) >&2
  cp "$tmp/go.mod" "$tmp/go.sum" "$MOD_DIR/"
  rm -rf "$tmp"
  log "generated $MOD_DIR/go.mod and go.sum for kube-score $KUBE_SCORE_VERSION (keep them in the repository)"
}
mod_current || generate_mod

stamp="$KUBE_SCORE_VERSION $GOVERSION $(cat "$MOD_DIR/go.mod" "$MOD_DIR/go.sum" | sha256sum | cut -c1-16)"
if ((force == 0)) && [[ -x $OUT/kube-score && -f $OUT/.stamp && $(cat "$OUT/.stamp") == "$stamp" ]]; then
  log "kube-score $KUBE_SCORE_VERSION ($GOVERSION): up to date"
  echo "$OUT/kube-score"
  exit 0
fi

log "building kube-score $KUBE_SCORE_VERSION with $GOVERSION -> $OUT (empty Go build cache: a few minutes)"
mkdir -p "$OUT"
rm -f "$OUT/.stamp"
# kube-score's main package prints the version stamped into main.version.
(cd "$MOD_DIR" && GOFLAGS=-mod=readonly "$GO" build -trimpath -buildvcs=false \
  -ldflags "-s -w -X main.version=$KUBE_SCORE_VERSION" \
  -o "$OUT/kube-score.tmp" github.com/zegl/kube-score/cmd/kube-score) >&2
mv "$OUT/kube-score.tmp" "$OUT/kube-score"
"$OUT/kube-score" version >&2 || die "the built kube-score does not run"
echo "$stamp" >"$OUT/.stamp"
t1=$(now_ms)
log "built in $(((t1 - t0) / 1000)).$((((t1 - t0) % 1000) / 100))s"
echo "$OUT/kube-score"
