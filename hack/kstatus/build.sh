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

GO_TOOL_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=hack/lib/go-tool.sh
source "$GO_TOOL_DIR/../lib/go-tool.sh"
GO_TOOL=kstatus
GO_TOOL_VERSION=${CLI_UTILS_VERSION:-v0.37.2}
GO_TOOL_LABEL="kstatus of cli-utils $GO_TOOL_VERSION"
GO_TOOL_MODULE=sigs.k8s.io/cli-utils
GO_TOOL_PACKAGE=.
GO_TOOL_STAMP_FILES=(main.go)

go_tool_check() {
  echo '{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"x"}}' | "$1" | grep -q '"Current"' ||
    die "the built kstatus does not compute Current for a ConfigMap"
}

go_tool_main "$@"
