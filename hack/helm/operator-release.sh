#!/usr/bin/env bash
# operator-release.sh install [HELM FLAG...] | uninstall | installed | settings
#
# The operator installed with its Helm chart (deploy/helm/compositeapp) as users install it, in
# the cluster of KUBECONFIG (kubectl from PATH; `source hack/cluster/env.sh` for the local one):
#   install     creates the release namespace enforcing the Pod Security Standard `restricted`,
#               then `helm upgrade --install` with the operator image (hack/image/build.sh
#               --print-name: the one `npm run image:import` loads into the local cluster), and
#               waits until the Deployment is available. Extra arguments go to helm
#               (`--set replicaCount=2`). Safe to repeat: a second run upgrades the release.
#               On failure, prints the operator Pods' description.
#   uninstall   `helm uninstall --wait`; nothing to do when there is no release.
#   installed   exits 0 when the release is deployed, 1 otherwise.
#   settings    prints the release name, its namespace and the image, one a line.
# Helm is $HELM, or the one hack/helm/build.sh picks (a supported helm on PATH, else its build;
# this script builds nothing).
# Used by `npm start` and by the tests (test/support/operator-release.ts).
set -euo pipefail
HACK=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CHART=$HACK/../deploy/helm/compositeapp
RELEASE_NAME=compositeapp
RELEASE_NAMESPACE=compositeapp-system
INSTALL_TIMEOUT=180s

die() {
  echo "operator-release.sh: error: $*" >&2
  exit 1
}
usage() {
  sed -n '2,17p' "$0"
  exit "${1:-0}"
}
(($#)) || usage 2
command=$1
shift

image=$(bash "$HACK/image/build.sh" --print-name) || die "could not determine the operator image name"
helm_bin() {
  local path=${HELM:-}
  [[ -n $path ]] || path=$(bash "$HACK/helm/build.sh" --print-path)
  [[ -x $path ]] || die "helm not found at $path: put Helm 3 (v3.18 or later) on PATH, or build it with \`bash hack/helm/build.sh\` (or set HELM)"
  echo "$path"
}

case $command in
  settings)
    printf '%s\n' "$RELEASE_NAME" "$RELEASE_NAMESPACE" "$image"
    ;;
  install)
    helm=$(helm_bin)
    kubectl apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Namespace
metadata:
  name: $RELEASE_NAMESPACE
  labels:
    pod-security.kubernetes.io/enforce: restricted
    pod-security.kubernetes.io/enforce-version: latest
EOF
    if ! "$helm" upgrade --install "$RELEASE_NAME" "$CHART" -n "$RELEASE_NAMESPACE" \
      --set "image.repository=${image%:*}" --set "image.tag=${image##*:}" --set image.pullPolicy=IfNotPresent \
      "$@" --wait --timeout "$INSTALL_TIMEOUT"; then
      echo "helm upgrade --install $RELEASE_NAME failed; the operator Pods:" >&2
      kubectl describe pods -n "$RELEASE_NAMESPACE" >&2 || true
      exit 1
    fi
    ;;
  uninstall)
    (($# == 0)) || die "uninstall takes no arguments"
    helm=$(helm_bin)
    "$helm" uninstall "$RELEASE_NAME" -n "$RELEASE_NAMESPACE" --wait --timeout 120s --ignore-not-found
    ;;
  installed)
    helm=$(helm_bin)
    [[ $("$helm" status "$RELEASE_NAME" -n "$RELEASE_NAMESPACE" -o json 2>/dev/null) == *'"status":"deployed"'* ]]
    ;;
  -h | --help) usage ;;
  *) die "unknown command '$command' (use install, uninstall, installed or settings)" ;;
esac
