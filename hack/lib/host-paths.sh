# shellcheck shell=bash
# host-paths.sh - the host directories the examples' hostPath volumes make the kubelet create
# (type DirectoryOrCreate or FileOrCreate), so that `npm stop` removes them with the cluster.
# Source it after hack/cluster/lib.sh. The record lives in the cluster's state directory.
HOST_PATHS_RECORD=$CLUSTER_DIR/created-host-paths
HOST_PATHS_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# record_host_paths MANIFEST...: appends to the record, for each such hostPath of the
# CompositeApps in the manifests that does not exist yet, its topmost missing directory.
# Paths that exist already (the user's own, or recorded by an earlier run) are left alone.
record_host_paths() {
  local path top
  while IFS= read -r path; do
    [[ $path == /* && ! -e $path ]] || continue
    top=$path
    while [[ $(dirname "$top") != / && ! -e $(dirname "$top") ]]; do top=$(dirname "$top"); done
    grep -qxF "$top" "$HOST_PATHS_RECORD" 2>/dev/null || echo "$top" >>"$HOST_PATHS_RECORD"
  done < <(
    args=()
    for f in "$@"; do args+=(-f "$f"); done
    node "$HOST_PATHS_REPO/bin/compositeapp.js" render "${args[@]}" -o json |
      node "$HOST_PATHS_REPO/hack/examples-inspect.mjs" host-paths
  )
}

# recorded_host_paths: the record, one path a line (read it before down.sh removes the state).
recorded_host_paths() {
  if [[ -f $HOST_PATHS_RECORD ]]; then cat "$HOST_PATHS_RECORD"; fi
}

# remove_host_paths PATH...: removes them (after the cluster is down: no Pod uses them).
remove_host_paths() {
  local path
  for path in "$@"; do
    if [[ $path == /?* ]]; then rm -rf -- "$path"; fi
  done
}
