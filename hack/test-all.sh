#!/usr/bin/env bash
# The whole suite on the project's own cluster: unit, then integration on the API server alone,
# then e2e on the full node. Builds the cluster on first use (cached), always tears it down.
# Against another cluster (kind, ...): KUBECONFIG=... npm run test:e2e
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

reports=$(mktemp -d)
cleanup() {
  local code=$?
  npm run --silent cluster:down || code=1
  node hack/summarize-tests.mjs "$reports"/*.json || true
  rm -rf "$reports"
  exit "$code"
}
trap cleanup EXIT

tier() { # tier NAME: runs one vitest project with a JSON report beside the usual output
  local name=$1
  echo "=== $name tests"
  npx vitest run --project "$name" --reporter=default --reporter=json --outputFile.json="$reports/$name.json"
}

npm run --silent build
npm run --silent helm:build >/dev/null
tier unit

npm run --silent cluster:build
npm run --silent cluster:up -- --api-only
# shellcheck source=hack/cluster/env.sh
source hack/cluster/env.sh
tier integration

npm run --silent cluster:up
source hack/cluster/env.sh
tier e2e
