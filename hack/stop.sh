#!/usr/bin/env bash
# stop.sh   (npm stop)
#
# Removes what `npm start` (hack/start.sh) made: the local cluster with the operator and the
# examples (hack/cluster/down.sh: processes, Pods, mounts, cgroups, bridges, iptables chains,
# state, host sysctls restored), then the host directories the examples' hostPath volumes made
# the kubelet create. Ends with hack/cluster/check-clean.sh (through down.sh): exits non-zero if
# anything is left. Keeps the build cache and the node's image store, as down.sh does. Safe when
# nothing is running. Needs root.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=hack/cluster/lib.sh
source "$REPO/hack/cluster/lib.sh"
# shellcheck source=hack/lib/host-paths.sh
source "$REPO/hack/lib/host-paths.sh"
case ${1:-} in
  "") ;;
  -h | --help)
    sed -n '2,9p' "$0"
    exit 0
    ;;
  *) die "unknown argument: $1 (npm stop takes none)" ;;
esac
require_root
t=$(now_ms)
mapfile -t created < <(recorded_host_paths) # the record goes with the cluster's state
bash "$REPO/hack/cluster/down.sh"
if ((${#created[@]})); then
  remove_host_paths "${created[@]}"
  log "removed what the examples created on the host: ${created[*]}"
fi
left=()
for p in "${created[@]}"; do [[ -e $p ]] && left+=("$p"); done
((${#left[@]} == 0)) || die "could not remove ${left[*]}"
log "npm stop: done in $(secs_since "$t")s"
