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

GO_TOOL_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=hack/lib/go-tool.sh
source "$GO_TOOL_DIR/../lib/go-tool.sh"
GO_TOOL=coredns
GO_TOOL_VERSION=${COREDNS_VERSION:-v1.15.0}
GO_TOOL_LABEL="CoreDNS $GO_TOOL_VERSION"
GO_TOOL_MODULE=github.com/coredns/coredns
GO_TOOL_PACKAGE=.
GO_TOOL_STAMP_FILES=(main.go)
# coremain.GitCommit is what `coredns -version` prints after the version.
GO_TOOL_LDFLAGS="-s -w -X github.com/coredns/coredns/coremain.GitCommit=compositeapp"

go_tool_check() {
  local got plugins
  got=$("$1" -version)
  [[ $got == *"CoreDNS-${GO_TOOL_VERSION#v}"* ]] || die "built coredns reports '$got', expected CoreDNS-${GO_TOOL_VERSION#v}"
  # No plugin that sends a query anywhere else (forward, grpc, the cloud backends) may be linked in.
  plugins=$("$1" -plugins | tr -d ' ')
  grep -qx kubernetes <<<"$plugins" || die "built coredns lacks the kubernetes plugin: ${plugins//$'\n'/ }"
  if grep -qxE 'forward|grpc|proxy|route53|azure|clouddns|etcd|nomad' <<<"$plugins"; then
    die "built coredns links a plugin that forwards: ${plugins//$'\n'/ }"
  fi
}

go_tool_main "$@"
