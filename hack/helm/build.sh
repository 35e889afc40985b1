#!/usr/bin/env bash
# build.sh [--print-path] [--build] [--force]
#
# Prints the path of a Helm binary for the project's scripts and tests (progress goes to stderr):
# the `helm` on PATH when its version is supported (Helm 3 from $HELM_MIN_VERSION on), else
# Helm 3 built from the Go module proxy. A supported helm on PATH needs no Go at all.
#
# The build (helm.sh/helm/v3/cmd/helm at $HELM_VERSION) is static (CGO_ENABLED=0), -trimpath,
# version-stamped so `helm version` shows $HELM_VERSION. The build module is hack/helm/go.mod +
# go.sum (keep them in the repository; a new HELM_VERSION regenerates them). The binary is
# cached in
#   $COMPOSITEAPP_CACHE/helm/<HELM_VERSION>-<go version>/helm
# and a second run rebuilds nothing.
#   --print-path  print the path the binary has (or would have) and exit, building nothing
#   --build       use the built $HELM_VERSION even when a supported helm is on PATH
#   --force       rebuild even when the cached binary is up to date (implies --build)
# Environment: HELM_VERSION (default v3.22.0), HELM_MIN_VERSION (default v3.18.0: the first
# Helm 3 validating values with the JSON-schema library whose messages the chart tests read),
# COMPOSITEAPP_CACHE (default ${XDG_CACHE_HOME:-$HOME/.cache}/compositeapp). Go >= 1.26 from
# PATH or /usr/local/go/bin; GOTOOLCHAIN=local, so no other toolchain is ever downloaded.
set -euo pipefail

HELM_VERSION=${HELM_VERSION:-v3.22.0}
HELM_MIN_VERSION=${HELM_MIN_VERSION:-v3.18.0}
MOD_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=hack/lib/cache.sh
source "$MOD_DIR/../lib/cache.sh"
export CGO_ENABLED=0

print_only=0 force=0 build=0
for arg in "$@"; do
  case $arg in
    --print-path) print_only=1 ;;
    --build) build=1 ;;
    --force) force=1 build=1 ;;
    -h | --help)
      sed -n '2,22p' "$0"
      exit 0
      ;;
    *)
      echo "build.sh: unknown argument '$arg'" >&2
      exit 2
      ;;
  esac
done

log() { printf '[helm] %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}
# out_dir: $CACHE_ROOT/helm/<HELM_VERSION>-<go version>.
out_dir() { versioned_cache_dir helm "$HELM_VERSION" .stamp; }

# supported VERSION: a Helm 3 release from $HELM_MIN_VERSION on (Helm 4 changes the CLI).
supported() {
  [[ $1 =~ ^v3\.([0-9]+)\.([0-9]+)$ ]] || return 1
  local minor=${BASH_REMATCH[1]} patch=${BASH_REMATCH[2]}
  [[ $HELM_MIN_VERSION =~ ^v3\.([0-9]+)\.([0-9]+)$ ]] || die "HELM_MIN_VERSION must be v3.MINOR.PATCH"
  ((minor > BASH_REMATCH[1] || (minor == BASH_REMATCH[1] && patch >= BASH_REMATCH[2])))
}

# The helm on PATH, when supported.
if ((build == 0)) && path_helm=$(command -v helm) &&
  path_version=$("$path_helm" version --template '{{.Version}}' 2>/dev/null); then
  if supported "$path_version"; then
    ((print_only)) || log "using $path_helm ($path_version, found on PATH)"
    echo "$path_helm"
    exit 0
  fi
  ((print_only)) || log "$path_helm is $path_version; supported: Helm 3 from $HELM_MIN_VERSION on, so building $HELM_VERSION"
fi

OUT=$(out_dir)
if ((print_only)); then
  echo "$OUT/helm"
  exit 0
fi

GO=$(go_bin) || die "Go is not installed (need Go >= 1.26 in PATH or /usr/local/go/bin)"
GOVERSION=$("$GO" env GOVERSION)
now_ms() { date +%s%3N; }
t0=$(now_ms)

# The build module: `tool helm.sh/helm/v3/cmd/helm` pins helm and all its dependencies.
mod_current() {
  [[ -f $MOD_DIR/go.mod && -f $MOD_DIR/go.sum ]] &&
    grep -qE "^[[:space:]]*(require )?helm\.sh/helm/v3 $HELM_VERSION( |$)" "$MOD_DIR/go.mod"
}
generate_mod() {
  local tmp
  tmp=$(mktemp -d)
  printf 'module compositeapp.test/hack/helm\n\ngo 1.26.0\n' >"$tmp/go.mod"
  (
    cd "$tmp"
    "$GO" mod edit -require="helm.sh/helm/v3@$HELM_VERSION" -tool=helm.sh/helm/v3/cmd/helm
    GOFLAGS=-mod=mod "$GO" mod tidy
  ) >&2
  cp "$tmp/go.mod" "$tmp/go.sum" "$MOD_DIR/"
  rm -rf "$tmp"
  log "generated $MOD_DIR/go.mod and go.sum for Helm $HELM_VERSION (keep them in the repository)"
}
mod_current || generate_mod

stamp="$HELM_VERSION $GOVERSION $(cat "$MOD_DIR/go.mod" "$MOD_DIR/go.sum" | sha256sum | cut -c1-16)"
if ((force == 0)) && [[ -x $OUT/helm && -f $OUT/.stamp && $(cat "$OUT/.stamp") == "$stamp" ]]; then
  log "Helm $HELM_VERSION ($GOVERSION): up to date"
  echo "$OUT/helm"
  exit 0
fi

# Same stamps as Helm's Makefile: the version, and the Kubernetes version `helm template` and
# `helm lint` assume (major + 1, minor of the client-go module helm is built with).
client_go=$(cd "$MOD_DIR" && GOFLAGS=-mod=readonly "$GO" list -m -f '{{.Version}}' k8s.io/client-go)
[[ $client_go =~ ^v0\.([0-9]+)\. ]] || die "unexpected k8s.io/client-go version '$client_go'"
k8s_minor=${BASH_REMATCH[1]}
ldflags="-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION"
ldflags+=" -X helm.sh/helm/v3/internal/version.metadata= -X helm.sh/helm/v3/internal/version.gitTreeState=clean"
for p in helm.sh/helm/v3/pkg/lint/rules helm.sh/helm/v3/pkg/chartutil; do
  ldflags+=" -X $p.k8sVersionMajor=1 -X $p.k8sVersionMinor=$k8s_minor"
done

log "building Helm $HELM_VERSION with $GOVERSION -> $OUT (empty Go build cache: a few minutes)"
mkdir -p "$OUT"
rm -f "$OUT/.stamp"
(cd "$MOD_DIR" && GOFLAGS=-mod=readonly "$GO" build -trimpath -buildvcs=false -ldflags "$ldflags" \
  -o "$OUT/helm.tmp" helm.sh/helm/v3/cmd/helm) >&2
mv "$OUT/helm.tmp" "$OUT/helm"
got=$("$OUT/helm" version --template '{{.Version}}')
[[ $got == "$HELM_VERSION" ]] || die "built helm reports version '$got', expected $HELM_VERSION"
echo "$stamp" >"$OUT/.stamp"
t1=$(now_ms)
log "built in $(((t1 - t0) / 1000)).$((((t1 - t0) % 1000) / 100))s"
echo "$OUT/helm"
