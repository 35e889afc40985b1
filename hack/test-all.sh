#!/usr/bin/env bash
# The whole suite on the project's own cluster: unit, then integration on the API server alone,
# then e2e on the full node, with the operator first as a local process and then installed with
# its Helm chart by `npm start`. Builds the cluster on first use (cached), always tears it down
# with `npm stop` (which fails when anything is left).
# Against another cluster (kind, ...): KUBECONFIG=... npm run test:e2e
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

reports=$(mktemp -d)
cleanup() {
  local code=$?
  npm run --silent stop || code=1
  node hack/summarize-tests.mjs "$reports"/*.json || true
  rm -rf "$reports"
  exit "$code"
}
trap cleanup EXIT

tier() { # tier PROJECT [REPORT]: runs one vitest project with a JSON report beside the usual output
  local project=$1 report=${2:-$1}
  echo "=== $report tests"
  npx vitest run --project "$project" --reporter=default --reporter=json --outputFile.json="$reports/$report.json"
}

npm run --silent build
npm run --silent helm:build >/dev/null
npm run --silent kstatus:build >/dev/null
npm run --silent kube-score:build >/dev/null
bash hack/lua/ensure.sh >/dev/null
tier unit
tier static

npm run --silent cluster:build
npm run --silent cluster:up -- --api-only
# shellcheck source=hack/cluster/env.sh
source hack/cluster/env.sh
tier integration

npm run --silent cluster:up
source hack/cluster/env.sh
tier e2e

# npm start as a newcomer runs it: a fresh cluster (Helm will not adopt the CRD the e2e tier
# applied with kubectl), the operator image and the Helm chart, every example Ready; run again;
# an example that cannot become Ready. It leaves the cluster with the operator and no examples
# for the same suite against the operator as users run it.
tier start
source hack/cluster/env.sh
COMPOSITEAPP_E2E_OPERATOR=helm tier e2e e2e-in-cluster
tier e2e-helm
