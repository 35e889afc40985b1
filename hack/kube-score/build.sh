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

GO_TOOL_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=hack/lib/go-tool.sh
source "$GO_TOOL_DIR/../lib/go-tool.sh"
GO_TOOL=kube-score
GO_TOOL_VERSION=${KUBE_SCORE_VERSION:-v1.20.0}
GO_TOOL_MODULE=github.com/zegl/kube-score
GO_TOOL_PACKAGE=github.com/zegl/kube-score/cmd/kube-score
# kube-score's main package prints the version stamped into main.version.
GO_TOOL_LDFLAGS="-s -w -X main.version=$GO_TOOL_VERSION"

go_tool_check() { "$1" version >&2 || die "the built kube-score does not run"; }

go_tool_main "$@"
