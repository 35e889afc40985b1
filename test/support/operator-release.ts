// The operator installed in the cluster with its Helm chart, as users install it: into its own
// namespace, which enforces the Pod Security Standard `restricted`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CHART, ROOT, helmOnCluster } from "./helm.js";
import { apply, kubectl } from "./kubectl.js";

export const RELEASE_NAME = "compositeapp";
export const RELEASE_NAMESPACE = "compositeapp-system";

const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
/** The image `npm run image:import` builds and loads into the local cluster; IMAGE overrides it. */
export const OPERATOR_IMAGE = process.env.IMAGE ?? `docker.io/compositeapp/operator:${version}`;

function imageValues(): string[] {
  const at = OPERATOR_IMAGE.lastIndexOf(":");
  return [
    "--set",
    `image.repository=${OPERATOR_IMAGE.slice(0, at)}`,
    "--set",
    `image.tag=${OPERATOR_IMAGE.slice(at + 1)}`,
    "--set",
    "image.pullPolicy=IfNotPresent",
  ];
}

export async function createRestrictedNamespace(): Promise<void> {
  await apply({
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name: RELEASE_NAMESPACE,
      labels: {
        "pod-security.kubernetes.io/enforce": "restricted",
        "pod-security.kubernetes.io/enforce-version": "latest",
      },
    },
  });
}

/** `helm upgrade --install`, waiting until the Deployment is available; extra args are --set flags and such. */
export async function installOperator(extra: string[] = []): Promise<void> {
  await createRestrictedNamespace();
  const run = helmOnCluster([
    "upgrade",
    "--install",
    RELEASE_NAME,
    CHART,
    "-n",
    RELEASE_NAMESPACE,
    ...imageValues(),
    ...extra,
    "--wait",
    "--timeout",
    "180s",
  ]);
  if (run.status !== 0) {
    const pods = await kubectl(["describe", "pods", "-n", RELEASE_NAMESPACE]).catch(() => "");
    throw new Error(`helm upgrade --install failed: ${run.stderr}\n${pods}`);
  }
}

/** Synchronous underneath (helm runs to completion); a promise so callers can chain and catch. */
export function uninstallOperator(): Promise<void> {
  const run = helmOnCluster([
    "uninstall",
    RELEASE_NAME,
    "-n",
    RELEASE_NAMESPACE,
    "--wait",
    "--timeout",
    "120s",
    "--ignore-not-found",
  ]);
  return run.status === 0 ? Promise.resolve() : Promise.reject(new Error(`helm uninstall failed: ${run.stderr}`));
}
