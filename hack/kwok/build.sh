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

GO_TOOL_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=hack/lib/go-tool.sh
source "$GO_TOOL_DIR/../lib/go-tool.sh"
GO_TOOL=kwok
GO_TOOL_VERSION=${KWOK_VERSION:-v0.8.0}
GO_TOOL_LABEL="KWOK $GO_TOOL_VERSION"
GO_TOOL_MODULE=sigs.k8s.io/kwok
GO_TOOL_PACKAGE=sigs.k8s.io/kwok/cmd/kwok
GO_TOOL_LDFLAGS="-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=${GO_TOOL_VERSION#v}"
GO_TOOL_OUTPUTS=(stages.yaml)
# This script is part of the build (the stage list below), so the stamp hashes it.
GO_TOOL_STAMP_FILES=(build.sh)

go_tool_check() {
  local src f got
  src=$(cd "$GO_TOOL_DIR" && GOFLAGS=-mod=readonly "$GO" list -m -f '{{.Dir}}' sigs.k8s.io/kwok)/kustomize/stage
  for f in node/fast/node-initialize.yaml node/heartbeat-with-lease/node-heartbeat-with-lease.yaml \
    pod/fast/pod-ready.yaml pod/fast/pod-complete.yaml pod/fast/pod-delete.yaml; do
    [[ -f $src/$f ]] || die "stage $f not found in $src"
    echo "---"
    cat "$src/$f"
  done >"$OUT/stages.yaml"
  got=$("$1" --version 2>&1 || true)
  [[ $got == *"${GO_TOOL_VERSION#v}"* ]] || die "built kwok reports '$got', expected $GO_TOOL_VERSION"
}

go_tool_main "$@"
