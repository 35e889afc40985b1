// The operator installed in the cluster with its Helm chart, as users install it: into its own
// namespace, which enforces the Pod Security Standard `restricted`. hack/helm/operator-release.sh
// does it (the same script `npm start` uses); this module runs it.
import { execFileSync, spawnSync } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./helm.js";

const SCRIPT = join(ROOT, "hack", "helm", "operator-release.sh");

/** The script's `settings`: release, namespace, image, one a line. */
const SETTINGS = execFileSync("bash", [SCRIPT, "settings"], { encoding: "utf8" }).split("\n");

/** The release's name: the first line of the script's `settings`. */
export const RELEASE_NAME = ((): string => {
  const name = SETTINGS[0];
  if (!name) throw new Error(`${SCRIPT} settings printed no release name`);
  return name;
})();

/** The release's namespace: the second line of the script's `settings`. */
export const RELEASE_NAMESPACE = ((): string => {
  const namespace = SETTINGS[1];
  if (!namespace) throw new Error(`${SCRIPT} settings printed no namespace`);
  return namespace;
})();

function release(args: string[]): { status: number; stderr: string } {
  const run = spawnSync("bash", [SCRIPT, ...args], { cwd: ROOT, encoding: "utf8", timeout: 600_000 });
  if (run.error) throw run.error;
  return { status: run.status ?? 1, stderr: run.stderr };
}

/** `helm upgrade --install`, waiting until the Deployment is available; extra args are --set flags and such. */
export function installOperator(extra: string[] = []): Promise<void> {
  const run = release(["install", ...extra]);
  return run.status === 0
    ? Promise.resolve()
    : Promise.reject(new Error(`hack/helm/operator-release.sh install failed: ${run.stderr}`));
}

/** Synchronous underneath (helm runs to completion); a promise so callers can chain and catch. */
export function uninstallOperator(): Promise<void> {
  const run = release(["uninstall"]);
  return run.status === 0 ? Promise.resolve() : Promise.reject(new Error(`helm uninstall failed: ${run.stderr}`));
}
