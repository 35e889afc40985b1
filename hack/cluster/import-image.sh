#!/usr/bin/env bash
# import-image.sh IMAGE.tar...
#
# Imports OCI image-layout / docker-archive tars (e.g. made by mk-oci-image.sh) into the test
# cluster's private containerd, namespace k8s.io, where the kubelet finds them. The image name
# comes from the archive (io.containerd.image.name annotation). Pods must use that exact,
# fully qualified name with imagePullPolicy IfNotPresent or Never. Needs the cluster up
# (full mode).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
(($#)) || {
  sed -n '2,8p' "$0" >&2
  exit 2
}
require_root
[[ -S $CTR_SOCK ]] || die "containerd socket $CTR_SOCK not found: start the cluster with hack/cluster/up.sh (full mode)"
for f in "$@"; do
  [[ -f $f ]] || die "no such file: $f"
  ctr_ images import "$f"
done
