// Regenerates the core/v1 schema from the official Kubernetes OpenAPI document.
//   node hack/generate-core.mjs               extract from the k8s.io/kubernetes module (needs Go), then generate
//   node hack/generate-core.mjs --no-extract  only regenerate src/api/generated/core-v1.ts from the committed JSON
// The module version is K8S_VERSION in hack/cluster/lib.sh (the cluster the tests run against).
// Uses the compiled generator in dist/: `npm run generate:core` builds first.
import { join } from "node:path";
import { regenerate } from "../dist/api/codegen/run.js";

regenerate(join(import.meta.dirname, ".."), !process.argv.includes("--no-extract"));
