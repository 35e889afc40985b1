// Runs Helm on the chart in deploy/helm/compositeapp: $HELM, or the binary hack/helm/build.sh
// picks (`build.sh --print-path`: a supported helm on PATH, else the one it builds and caches).
// A missing binary fails the tests.
import { execFileSync, spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { join } from "node:path";
import { loadAll } from "js-yaml";

export const ROOT = join(import.meta.dirname, "..", "..");
export const CHART = join(ROOT, "deploy", "helm", "compositeapp");
export const RELEASE = "capp";
export const NAMESPACE = "compositeapp-system";

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [key: string]: unknown;
}

export interface HelmRun {
  status: number;
  stdout: string;
  stderr: string;
}

let binary: string | undefined;

/** Path of the helm binary; throws (failing the test) with what to do when it is missing. */
export function helmBinary(): string {
  if (binary) return binary;
  const path =
    process.env.HELM ||
    execFileSync("bash", [join(ROOT, "hack", "helm", "build.sh"), "--print-path"], { encoding: "utf8" }).trim();
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(
      `helm not found at ${path}: put Helm 3 (v3.18 or later) on PATH, or build it with \`bash hack/helm/build.sh\` (or set HELM to a Helm 3 binary)`,
    );
  }
  binary = path;
  return path;
}

export function helm(args: string[]): HelmRun {
  // No kubeconfig: nothing here may reach a cluster.
  const env = { ...process.env, KUBECONFIG: join(ROOT, "nonexistent-kubeconfig") };
  const run = spawnSync(helmBinary(), args, { cwd: ROOT, encoding: "utf8", env });
  if (run.error) throw run.error;
  return { status: run.status ?? 1, stdout: run.stdout, stderr: run.stderr };
}

/** `helm template` arguments for the chart: release capp in compositeapp-system, plus extra flags. */
export function templateArgs(flags: string[] = []): string[] {
  return ["template", RELEASE, CHART, "--namespace", NAMESPACE, ...flags];
}

/** Renders the chart with `--set` values (and any extra flags) and parses every object. */
export function render(sets: string[] = [], flags: string[] = []): K8sObject[] {
  const args = templateArgs([...sets.flatMap((s) => ["--set", s]), ...flags]);
  const run = helm(args);
  if (run.status !== 0) throw new Error(`helm ${args.join(" ")} failed (${run.status}):\n${run.stderr}`);
  return loadAll(run.stdout).filter((doc): doc is K8sObject => doc !== null && typeof doc === "object");
}

/** Renders with `--set` values that must make helm fail; returns its stderr. */
export function renderFails(sets: string[], flags: string[] = []): string {
  const run = helm(templateArgs([...sets.flatMap((s) => ["--set", s]), ...flags]));
  if (run.status === 0) throw new Error(`helm template with ${sets.join(" ")} succeeded, expected a failure`);
  return run.stderr;
}

export function ofKind<T = K8sObject>(objects: K8sObject[], kind: string): (K8sObject & T)[] {
  return objects.filter((o) => o.kind === kind) as (K8sObject & T)[];
}

export function only<T = K8sObject>(objects: K8sObject[], kind: string): K8sObject & T {
  const found = ofKind<T>(objects, kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, got ${found.length}`);
  return found[0]!;
}
