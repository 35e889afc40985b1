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

GO_TOOL_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=hack/lib/go-tool.sh
source "$GO_TOOL_DIR/../lib/go-tool.sh"
GO_TOOL=helm
GO_TOOL_VERSION=${HELM_VERSION:-v3.22.0}
GO_TOOL_LABEL="Helm $GO_TOOL_VERSION"
GO_TOOL_MODULE=helm.sh/helm/v3
GO_TOOL_PACKAGE=helm.sh/helm/v3/cmd/helm
HELM_MIN_VERSION=${HELM_MIN_VERSION:-v3.18.0}
build=0

go_tool_arg() { [[ $1 == --build ]] && build=1; }

# supported VERSION: a Helm 3 release from $HELM_MIN_VERSION on (Helm 4 changes the CLI).
supported() {
  [[ $1 =~ ^v3\.([0-9]+)\.([0-9]+)$ ]] || return 1
  local minor=${BASH_REMATCH[1]} patch=${BASH_REMATCH[2]}
  [[ $HELM_MIN_VERSION =~ ^v3\.([0-9]+)\.([0-9]+)$ ]] || die "HELM_MIN_VERSION must be v3.MINOR.PATCH"
  ((minor > BASH_REMATCH[1] || (minor == BASH_REMATCH[1] && patch >= BASH_REMATCH[2])))
}

# The helm on PATH, when supported (--build and --force build instead).
go_tool_pick() {
  local path_helm path_version
  if ((build == 0 && force == 0)) && path_helm=$(command -v helm) &&
    path_version=$("$path_helm" version --template '{{.Version}}' 2>/dev/null); then
    if supported "$path_version"; then
      ((print_only)) || log "using $path_helm ($path_version, found on PATH)"
      echo "$path_helm"
      exit 0
    fi
    ((print_only)) || log "$path_helm is $path_version; supported: Helm 3 from $HELM_MIN_VERSION on, so building $GO_TOOL_VERSION"
  fi
}

# Same stamps as Helm's Makefile: the version, and the Kubernetes version `helm template` and
# `helm lint` assume (major + 1, minor of the client-go module helm is built with).
go_tool_before_build() {
  local client_go k8s_minor p
  client_go=$(cd "$GO_TOOL_DIR" && GOFLAGS=-mod=readonly "$GO" list -m -f '{{.Version}}' k8s.io/client-go)
  [[ $client_go =~ ^v0\.([0-9]+)\. ]] || die "unexpected k8s.io/client-go version '$client_go'"
  k8s_minor=${BASH_REMATCH[1]}
  GO_TOOL_LDFLAGS="-s -w -X helm.sh/helm/v3/internal/version.version=$GO_TOOL_VERSION"
  GO_TOOL_LDFLAGS+=" -X helm.sh/helm/v3/internal/version.metadata= -X helm.sh/helm/v3/internal/version.gitTreeState=clean"
  for p in helm.sh/helm/v3/pkg/lint/rules helm.sh/helm/v3/pkg/chartutil; do
    GO_TOOL_LDFLAGS+=" -X $p.k8sVersionMajor=1 -X $p.k8sVersionMinor=$k8s_minor"
  done
}

go_tool_check() {
  local got
  got=$("$1" version --template '{{.Version}}')
  [[ $got == "$GO_TOOL_VERSION" ]] || die "built helm reports version '$got', expected $GO_TOOL_VERSION"
}

go_tool_main "$@"
