#!/usr/bin/env bash
# build.sh [--print-path] [--force]
#
# Builds the test cluster's DNS server (hack/coredns/main.go: CoreDNS at $COREDNS_VERSION with the
# plugins bind, ready, errors, log, loadbalance, cache and kubernetes only; nothing that
# forwards) from the Go module proxy: static (CGO_ENABLED=0), -trimpath. The build module is
# hack/coredns/go.mod + go.sum (keep them in the repository; a new COREDNS_VERSION regenerates
# them). The binary is cached in
#   $COMPOSITEAPP_CACHE/coredns/<COREDNS_VERSION>-<go version>/coredns
# and a second run rebuilds nothing. Prints the path of the binary on stdout (progress on stderr).
#   --print-path  print the path the binary has (or would have) and exit, building nothing
#   --force       rebuild even when the cached binary is up to date
# Environment: COREDNS_VERSION (default v1.15.0), COMPOSITEAPP_CACHE (default
# ${XDG_CACHE_HOME:-$HOME/.cache}/compositeapp). Go >= 1.26 from PATH or /usr/local/go/bin;
# GOTOOLCHAIN=local, so no other toolchain is ever downloaded.
set -euo pipefail

COREDNS_VERSION=${COREDNS_VERSION:-v1.15.0}
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

log() { printf '[coredns] %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

OUT=$(versioned_cache_dir coredns "$COREDNS_VERSION" .stamp)
if ((print_only)); then
  echo "$OUT/coredns"
  exit 0
fi

GO=$(go_bin) || die "Go is not installed (need Go >= 1.26 in PATH or /usr/local/go/bin)"
GOVERSION=$("$GO" env GOVERSION)
now_ms() { date +%s%3N; }
t0=$(now_ms)

mod_current() {
  [[ -f $MOD_DIR/go.mod && -f $MOD_DIR/go.sum ]] &&
    grep -qE "^[[:space:]]*(require )?github\.com/coredns/coredns $COREDNS_VERSION( |$)" "$MOD_DIR/go.mod"
}
generate_mod() {
  local tmp
  tmp=$(mktemp -d)
  cp "$MOD_DIR/main.go" "$tmp/"
  printf 'module compositeapp.test/hack/coredns\n\ngo 1.26.0\n' >"$tmp/go.mod"
  (
    cd "$tmp"
    "$GO" mod edit -require="github.com/coredns/coredns@$COREDNS_VERSION"
    GOFLAGS=-mod=mod "$GO" mod tidy
  ) >&2
  cp "$tmp/go.mod" "$tmp/go.sum" "$MOD_DIR/"
  rm -rf "$tmp"
  log "generated $MOD_DIR/go.mod and go.sum for CoreDNS $COREDNS_VERSION (keep them in the repository)"
}
mod_current || generate_mod

stamp="$COREDNS_VERSION $GOVERSION $(cat "$MOD_DIR/go.mod" "$MOD_DIR/go.sum" "$MOD_DIR/main.go" | sha256sum | cut -c1-16)"
if ((force == 0)) && [[ -x $OUT/coredns && -f $OUT/.stamp && $(cat "$OUT/.stamp") == "$stamp" ]]; then
  log "CoreDNS $COREDNS_VERSION ($GOVERSION): up to date"
  echo "$OUT/coredns"
  exit 0
fi

log "building CoreDNS $COREDNS_VERSION with $GOVERSION -> $OUT (empty Go build cache: a few minutes)"
mkdir -p "$OUT"
rm -f "$OUT/.stamp"
# coremain.GitCommit is what `coredns -version` prints after the version.
(cd "$MOD_DIR" && GOFLAGS=-mod=readonly "$GO" build -trimpath -buildvcs=false \
  -ldflags "-s -w -X github.com/coredns/coredns/coremain.GitCommit=compositeapp" \
  -o "$OUT/coredns.tmp" .) >&2
mv "$OUT/coredns.tmp" "$OUT/coredns"
got=$("$OUT/coredns" -version)
[[ $got == *"CoreDNS-${COREDNS_VERSION#v}"* ]] || die "built coredns reports '$got', expected CoreDNS-${COREDNS_VERSION#v}"
# No plugin that sends a query anywhere else (forward, grpc, the cloud backends) may be linked in.
plugins=$("$OUT/coredns" -plugins | tr -d ' ')
grep -qx kubernetes <<<"$plugins" || die "built coredns lacks the kubernetes plugin: ${plugins//$'\n'/ }"
if grep -qxE 'forward|grpc|proxy|route53|azure|clouddns|etcd|nomad' <<<"$plugins"; then
  die "built coredns links a plugin that forwards: ${plugins//$'\n'/ }"
fi
echo "$stamp" >"$OUT/.stamp"
t1=$(now_ms)
log "built in $(((t1 - t0) / 1000)).$((((t1 - t0) % 1000) / 100))s"
echo "$OUT/coredns"
