#!/usr/bin/env bash
# kind-e2e.sh: the e2e tests against the operator installed by its Helm chart in a kind cluster.
#
# Needs a working Docker engine and kind, helm (3) and kubectl in PATH (HELM may name the helm
# binary, e.g. the one `bash hack/helm/build.sh` prints). Creates a throw-away kind cluster,
# builds the image with the Dockerfile, loads it into the cluster, installs the chart, waits for
# the operator, runs `npm run test:e2e`, and deletes the cluster on exit.
# Environment: KIND_CLUSTER (default compositeapp-e2e), IMAGE (default
# docker.io/compositeapp/operator:e2e), KEEP_CLUSTER=1 keeps the cluster for debugging.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CLUSTER=${KIND_CLUSTER:-compositeapp-e2e}
IMAGE=${IMAGE:-docker.io/compositeapp/operator:e2e}
HELM=${HELM:-helm}
NAMESPACE=compositeapp-system

missing=()
for tool in docker kind "$HELM" kubectl; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
((${#missing[@]} == 0)) || {
  echo "kind-e2e.sh: missing in PATH: ${missing[*]}" >&2
  exit 1
}
if ! err=$(docker info 2>&1 >/dev/null); then
  echo "kind-e2e.sh: docker is installed but no Docker engine answers ('docker info' fails):" >&2
  echo "  $(tail -n 1 <<<"$err")" >&2
  exit 1
fi

work=$(mktemp -d)
export KUBECONFIG=$work/kubeconfig # the kind cluster only; ~/.kube/config stays untouched
cleanup() {
  if [[ ${KEEP_CLUSTER:-0} == 1 ]]; then
    echo "kept kind cluster $CLUSTER: kind delete cluster --name $CLUSTER"
  else
    kind delete cluster --name "$CLUSTER" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

kind create cluster --name "$CLUSTER" --kubeconfig "$KUBECONFIG" --wait 120s
docker build -t "$IMAGE" .
kind load docker-image "$IMAGE" --name "$CLUSTER"
"$HELM" install compositeapp deploy/helm/compositeapp --namespace "$NAMESPACE" --create-namespace \
  --set image.repository="${IMAGE%:*}" --set image.tag="${IMAGE##*:}" --set image.pullPolicy=IfNotPresent \
  --wait --timeout 3m
kubectl rollout status -n "$NAMESPACE" deployment/compositeapp --timeout 120s
# The health tests read objects with kstatus (Go) and run the Argo CD check with Lua 5.1.
bash hack/kstatus/build.sh >/dev/null
bash hack/lua/ensure.sh >/dev/null
npm run test:e2e
