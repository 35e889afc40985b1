#!/usr/bin/env bash
# start.sh [--timeout SECONDS]   (npm start; npm start -- --timeout 600)
#
# From a fresh checkout (after `npm ci`) to the operator running in the local cluster with every
# example Ready, in steps that each print their time (hack/lib/steps.sh: long ones a line every
# 20 s, Go builds with the number of outputs written to the Go build cache so far):
#   1. the project build (dist/), when src/ is newer       npm run build
#   2. the cluster binaries (cached)                        hack/cluster/build.sh
#   3. Helm (cached; a supported helm on PATH is used)      hack/helm/build.sh
#   4. the operator image (cached)                          hack/image/build.sh
#   5. the full local cluster; kept when an earlier run's   hack/cluster/up.sh
#   6. the operator image loaded into the node              npm run image:import
#   7. the operator and its CRD, with the Helm chart        hack/helm/operator-release.sh install
#   8. examples/ applied                                    kubectl apply -f examples/
#   9. every example Ready (--timeout, default 300 s); else each app that is not, with its status
# then prints `kubectl get capp -A` and what to try next. Safe to repeat: the cluster of an
# earlier run is kept, the release upgraded (the operator restarted when its image changed) and
# the examples re-applied. A failed step is named, with how to retry, and the exit status is 1.
# `npm stop` (hack/stop.sh) removes it all. Needs root, as the cluster does.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
# shellcheck source=hack/cluster/lib.sh
source hack/cluster/lib.sh
# shellcheck source=hack/lib/host-paths.sh
source hack/lib/host-paths.sh

timeout_s=300
while (($#)); do
  case $1 in
    --timeout)
      timeout_s=${2:-}
      shift
      ;;
    --timeout=*) timeout_s=${1#--timeout=} ;;
    -h | --help)
      sed -n '2,19p' "$0"
      exit 0
      ;;
    *) die "unknown argument: $1 (use --timeout SECONDS)" ;;
  esac
  shift
done
[[ $timeout_s =~ ^[1-9][0-9]*$ ]] || die "--timeout needs a number of seconds"
require_root
[[ -x node_modules/.bin/tsc && -x node_modules/.bin/node ]] || die "node_modules is missing: run npm ci first"
# The project's Node.js and tools first, as under `npm run`.
export PATH="$REPO/node_modules/.bin:$PATH"

EXAMPLES=examples
# shellcheck source=hack/lib/steps.sh
source hack/lib/steps.sh
STEPS_TOTAL=9
STEPS_COMMAND="npm start"
STEPS_RETRY="finished builds are cached and a running cluster is kept; \"npm stop\" removes the cluster and everything it created."

# ---- the steps ------------------------------------------------------------------------------
project_build() {
  local stale
  stale=$(find src bin tsconfig.json tsconfig.build.json package.json -newer dist/cli/main.js -print -quit 2>/dev/null || echo missing)
  if [[ -f dist/cli/main.js && -z $stale ]]; then
    echo "dist/ is up to date"
  else
    npm run --silent build
    echo "dist/ built"
  fi
}

helm_build() {
  local helm
  helm=$(bash hack/helm/build.sh)
  "$helm" version --short
}

cluster_is_up() { # a full cluster of up.sh whose API server answers and whose nodes are Ready
  [[ -f $CLUSTER_MODE_FILE && $(<"$CLUSTER_MODE_FILE") == full ]] &&
    kubectl get --raw /readyz >/dev/null 2>&1 &&
    kubectl wait --for=condition=Ready nodes --all --timeout=10s >/dev/null 2>&1
}
cluster() {
  if ! cluster_is_up; then
    bash hack/cluster/up.sh
  elif ! bash hack/helm/operator-release.sh installed; then
    # Up, but not with the release: someone else's (a test run's), whose leftovers could get in
    # the way (Helm does not adopt a CRD applied with kubectl).
    echo "a cluster is up without the operator release (a test run's?): starting a new one"
    bash hack/cluster/up.sh
  else
    echo "the cluster of an earlier npm start is up and its nodes are Ready: kept (npm stop first for a new one)"
    kubectl get nodes
  fi
}

image_import() {
  npm run --silent image:import >/dev/null
}

# The Pods of the release's Deployment run the image the node now has; when a rebuilt image
# kept its tag, they don't, and a rollout restart picks it up (what a user would do).
restart_on_new_image() {
  local namespace=$1 image=$2 want deployment pods
  want=$(crictl_ inspecti -o go-template --template '{{.status.id}}' "$image")
  deployment=$(kubectl get deployment -n "$namespace" -l app.kubernetes.io/name=compositeapp -o name)
  pods=$(kubectl get pods -n "$namespace" -l app.kubernetes.io/name=compositeapp \
    -o jsonpath='{range .items[*]}{.status.containerStatuses[0].imageID}{"\n"}{end}')
  # Pods on another image. Captured, not `| grep -q`: under pipefail, a writer cut off by grep's
  # early exit would fail the test.
  local stale
  stale=$(grep -v '^$' <<<"$pods" | grep -vF "${want#sha256:}" || true)
  if [[ -n $stale ]]; then
    echo "the operator image changed: restarting $deployment"
    kubectl rollout restart -n "$namespace" "$deployment"
    kubectl rollout status -n "$namespace" "$deployment" --timeout=180s
  fi
}

operator_install() {
  local settings namespace image out
  mapfile -t settings < <(bash hack/helm/operator-release.sh settings)
  namespace=${settings[1]} image=${settings[2]}
  # helm's output ends with the chart's NOTES, which the end of this script covers: status only.
  out=$(bash hack/helm/operator-release.sh install 2>&1) || {
    echo "$out"
    return 1
  }
  grep -E '^(Release |STATUS:|REVISION:)' <<<"$out" || true
  restart_on_new_image "$namespace" "$image"
  kubectl get deployment -n "$namespace" -l app.kubernetes.io/name=compositeapp
  # The chart's CRD: served before anything is applied (kubectl wait gives up at once while a
  # new CRD has no conditions yet).
  local i
  for ((i = 0; i < 60; i++)); do
    [[ $(kubectl get crd compositeapps.compositeapp.io -o 'jsonpath={.status.conditions[?(@.type=="Established")].status}' 2>/dev/null) == True ]] && return 0
    sleep 1
  done
  echo "the CompositeApp CRD is not Established after 60s:"
  kubectl get crd compositeapps.compositeapp.io -o yaml | sed -n '/^status:/,$p'
  return 1
}

apply_examples() {
  record_host_paths "$EXAMPLES"
  kubectl apply -f "$EXAMPLES"
}

# One line per CompositeApp of examples/: "ns/name<TAB>1" when Ready, else "ns/name<TAB>0<TAB>why".
example_status() {
  kubectl get -f "$EXAMPLES" -o json | node hack/examples-inspect.mjs status
}

wait_examples() {
  local deadline=$(($(now_ms) + timeout_s * 1000)) t0 last_report=0 last_summary='' lines
  local app ok why total waiting not_ready line
  t0=$(now_ms)
  while :; do
    lines=$(example_status) || lines=
    total=0 waiting=() not_ready=()
    while IFS=$'\t' read -r app ok why; do
      [[ -n $app ]] || continue
      total=$((total + 1))
      ((ok)) && continue
      waiting+=("$app")
      not_ready+=("$app: $why")
    done <<<"$lines"
    if ((total > 0 && ${#waiting[@]} == 0)); then
      echo "all $total examples are Ready after $(since "$t0")"
      return 0
    fi
    if (($(now_ms) > deadline)); then
      echo "not Ready after ${timeout_s}s: ${#waiting[@]} of $total example(s):"
      for line in "${not_ready[@]}"; do
        echo "  $line"
        app=${line%%: *}
        kubectl get pods -n "${app%%/*}" -l "compositeapp.io/name=${app#*/}" -o json |
          node hack/examples-inspect.mjs pods | sed 's/^/    /' || true
      done
      echo "Look closer with: kubectl describe capp -n NAMESPACE NAME; kubectl get pods -A -l compositeapp.io/name"
      echo "(npm start -- --timeout SECONDS waits longer.)"
      return 1
    fi
    # A progress line when the picture changes, else every 15 s.
    local summary="$((total - ${#waiting[@]}))/$total Ready; waiting for ${waiting[*]}"
    if [[ $summary != "$last_summary" ]] || (($(now_ms) - last_report >= 15000)); then
      echo "$(since "$t0"): $summary"
      [[ $summary == "$last_summary" ]] || printf '      %s\n' "${not_ready[@]}"
      last_summary=$summary last_report=$(now_ms)
    fi
    sleep 2
  done
}

# ---- run ------------------------------------------------------------------------------------
echo "npm start: the operator in the local cluster, with the examples (hack/start.sh)"
step "project build (dist/)" project_build
step --go "cluster binaries" bash hack/cluster/build.sh
# shellcheck source=hack/cluster/env.sh
source hack/cluster/env.sh # the cluster's kubectl and KUBECONFIG, from here on
step --go "Helm" helm_build
step "operator image" bash hack/image/build.sh
step "local cluster" cluster
step "operator image into the node" image_import
step "operator and CRD (Helm chart)" operator_install
step "examples applied" apply_examples
step --own-progress "examples Ready" wait_examples
steps_timings
mapfile -t settings < <(bash hack/helm/operator-release.sh settings)
operator=$(kubectl get deployment -n "${settings[1]}" -l app.kubernetes.io/name=compositeapp -o name)
cat <<EOF

The operator runs in the local cluster with the examples:

$(kubectl get capp -A)

Use the cluster from your shell (the cluster's own kubectl and its KUBECONFIG):

  source hack/cluster/env.sh

Try next:

  kubectl get pods -o wide                                        # the Pods the operator made
  kubectl logs -l compositeapp.io/name=log-sidecar -c log-shipper  # a sidecar shipping the app's log
  kubectl logs -l compositeapp.io/name=ambassador -c app --tail=3  # replies through the ambassador
  kubectl scale capp log-sidecar --replicas=2; kubectl get capp log-sidecar -w
  kubectl describe capp tightly-coupled                           # status, effectiveResources, events
  npx compositeapp render -f examples/adapter.yaml                # the Pods an app renders to, offline
  kubectl logs -n ${settings[1]} $operator -f   # the operator's log (JSON lines)

npm start again re-applies the examples and upgrades the operator; npm stop removes it all.
EOF
