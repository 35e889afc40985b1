/**
 * Minimal kubectl driver for the e2e tests: `kubectl` from PATH, argument arrays (no shell),
 * the cluster from KUBECONFIG. Works against any cluster (the project's hack/cluster one, kind, ...).
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { waitFor } from "./wait.js";

export { waitFor };

export interface KubectlOptions {
  /** Written to kubectl's stdin (e.g. a manifest for `apply -f -`). */
  input?: string;
  /** Kills kubectl after this long (default: 60 s, or 30 s more than a `--timeout=<N>s` argument). */
  timeoutMs?: number;
}

export class KubectlError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | string | null,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(`kubectl ${args.join(" ")} failed (exit ${String(exitCode)}): ${stderr.trim() || stdout.trim()}`);
    this.name = "KubectlError";
  }
}

/**
 * Runs kubectl and resolves with its stdout; rejects with a KubectlError on a non-zero exit.
 * A `--timeout=<N>s` argument (kubectl wait/delete) extends the default process timeout to N + 30 s.
 */
export function kubectl(args: readonly string[], options: KubectlOptions = {}): Promise<string> {
  const argTimeout = args.map((a) => /^--timeout=(\d+)s$/.exec(a)?.[1]).find((t) => t !== undefined);
  const timeoutMs = options.timeoutMs ?? Math.max(60_000, (Number(argTimeout ?? 0) + 30) * 1000);
  return new Promise((resolve, reject) => {
    const child = execFile(
      "kubectl",
      [...args],
      { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" },
      (error, stdout, stderr) => {
        if (error) {
          const code = error.killed ? `killed after the ${timeoutMs} ms timeout` : (error.code ?? null);
          reject(new KubectlError(args, code, stdout, stderr));
        } else {
          resolve(stdout);
        }
      },
    );
    child.stdin?.end(options.input ?? "");
  });
}

/** kubectl ... -o json, parsed. */
export async function kubectlJson<T>(args: readonly string[], options: KubectlOptions = {}): Promise<T> {
  return JSON.parse(await kubectl([...args, "-o", "json"], options)) as T;
}

/** `kubectl apply -f -` of one object (sent as JSON). */
export async function apply(object: object, namespace?: string): Promise<string> {
  const ns = namespace ? ["--namespace", namespace] : [];
  return kubectl(["apply", ...ns, "-f", "-"], { input: JSON.stringify(object) });
}

/**
 * Fails loudly (never skips) when there is no cluster: KUBECONFIG must be set, point at existing
 * files, and the API server must answer. Resolves with the server's gitVersion.
 */
export async function requireCluster(): Promise<string> {
  const kubeconfig = process.env.KUBECONFIG;
  if (!kubeconfig) {
    throw new Error(
      "KUBECONFIG is not set: the e2e tests need a running cluster. Start one with `npm run cluster:up` " +
        "and `source hack/cluster/env.sh` (or point KUBECONFIG at any cluster, e.g. kind).",
    );
  }
  const missing = kubeconfig.split(":").filter((p) => p && !existsSync(p));
  if (missing.length > 0) throw new Error(`KUBECONFIG names missing file(s): ${missing.join(", ")}`);
  try {
    const v = await kubectlJson<{ serverVersion?: { gitVersion?: string } }>(["version", "--request-timeout=10s"], {
      timeoutMs: 20_000,
    });
    if (!v.serverVersion?.gitVersion) throw new Error("no serverVersion in `kubectl version` output");
    return v.serverVersion.gitVersion;
  } catch (e) {
    throw new Error(`the cluster in KUBECONFIG=${kubeconfig} is unreachable: ${(e as Error).message}`, { cause: e });
  }
}

/**
 * Creates a fresh namespace (random suffix) and waits for its default ServiceAccount, without
 * which Pods are rejected.
 */
export async function createNamespace(prefix: string): Promise<string> {
  const name = `${prefix}-${randomBytes(3).toString("hex")}`;
  await apply({
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name, labels: { "compositeapp.io/e2e": "true" } },
  });
  await waitFor(`ServiceAccount default in namespace ${name}`, async () =>
    (await kubectl(["get", "serviceaccount", "default", "--namespace", name, "--ignore-not-found", "-o", "name"]))
      ? true
      : undefined,
  );
  return name;
}

/**
 * Deletes a namespace. By default does not wait for the namespace controller to finish (that
 * takes 5-10 s even for an empty namespace); pass a timeout to wait until it is gone.
 */
export async function deleteNamespace(name: string, waitMs = 0): Promise<void> {
  const wait = waitMs > 0 ? ["--wait=true", `--timeout=${Math.ceil(waitMs / 1000)}s`] : ["--wait=false"];
  await kubectl(["delete", "namespace", name, "--ignore-not-found", ...wait]);
}
