// The kstatus of an object as Flux and kubectl-based tools compute it: the tool hack/kstatus
// builds from sigs.k8s.io/cli-utils (its cache path from `build.sh --print-path`), or $KSTATUS.
// A missing binary fails the test with what to run.
import { execFileSync, spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");

export interface KstatusResult {
  status: "InProgress" | "Failed" | "Current" | "Terminating" | "NotFound" | "Unknown";
  message: string;
}

let binary: string | undefined;

export function kstatusBinary(): string {
  if (binary) return binary;
  const path =
    process.env.KSTATUS ||
    execFileSync("bash", [join(ROOT, "hack", "kstatus", "build.sh"), "--print-path"], { encoding: "utf8" }).trim();
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(`the kstatus tool is missing at ${path}: run \`npm run kstatus:build\` (Go from the module proxy)`);
  }
  binary = path;
  return path;
}

function run(args: string[], input?: string): KstatusResult {
  const r = spawnSync(kstatusBinary(), args, { input: input ?? "", encoding: "utf8", timeout: 60_000 });
  if (r.status !== 0) throw new Error(`kstatus ${args.join(" ")} failed (exit ${r.status}): ${r.stderr.trim()}`);
  return JSON.parse(r.stdout) as KstatusResult;
}

/** The kstatus of an object given as JSON. */
export const kstatusOf = (object: object): KstatusResult => run([], JSON.stringify(object));

/** The kstatus of an object read from the cluster in $KUBECONFIG. */
export const kstatusInCluster = (resource: string, name: string, namespace: string): KstatusResult =>
  run(["-n", namespace, resource, name]);
