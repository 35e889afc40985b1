// Shared by the integration tests: a namespace per file, the CRD, an operator in this process,
// and helpers that read and nudge the cluster through kubectl.
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { V1Pod } from "@kubernetes/client-node";
import { pino } from "pino";
import { parseOperatorConfig } from "../../src/controller/config.js";
import { createLogger } from "../../src/controller/logging.js";
import { startOperator, type RunningOperator } from "../../src/controller/manager/manager.js";
import { rfc3339 } from "../../src/controller/kube/time.js";
import type { CompositeAppStatus } from "../../src/api/compositeapp.js";
import { apply, createNamespace, deleteNamespace, kubectl, kubectlJson, requireCluster } from "../support/kubectl.js";
import { waitFor } from "../support/wait.js";
import { installCrd } from "../support/crd.js";
import { spawnOperatorProcess } from "../support/operator-process.js";

export { installCrd };

export { apply, createNamespace, deleteNamespace, kubectl, kubectlJson, requireCluster };

const LOG_DIR = mkdtempSync(join(tmpdir(), "compositeapp-it-"));

/** The operator in this process, watching one namespace; its log goes to a file. */
export async function startInProcess(ns: string, extra: Record<string, unknown> = {}): Promise<RunningOperator> {
  const config = parseOperatorConfig({
    namespaces: [ns],
    metricsBindAddress: "127.0.0.1:0",
    healthProbeBindAddress: "127.0.0.1:0",
    resyncPeriodSeconds: 0,
    logLevel: "debug",
    ...extra,
  });
  const destination = pino.destination({ dest: join(LOG_DIR, `${ns}.log`), sync: true });
  const log = createLogger({ level: "debug", format: "json", destination });
  return startOperator(config, log);
}

/** The operator as its own process (`compositeapp run`), for tests that kill it. */
export function spawnOperator(args: string[], logName: string): ChildProcess {
  return spawnOperatorProcess(args, join(LOG_DIR, `${logName}.log`));
}

export function logOf(name: string): string {
  try {
    return readFileSync(join(LOG_DIR, `${name}.log`), "utf8");
  } catch {
    return "";
  }
}

/** Writes (create, update, delete, patch) the operator has sent to the API server so far. */
export async function writesOf(op: RunningOperator): Promise<number> {
  const metric = await op.metrics.apiRequests.get();
  return metric.values
    .filter((v) => ["create", "update", "delete", "patch"].includes(String(v.labels.verb)))
    .reduce((sum, v) => sum + v.value, 0);
}

export async function reconcilesOf(op: RunningOperator): Promise<number> {
  const metric = await op.metrics.reconcileTotal.get();
  return metric.values.reduce((sum, v) => sum + v.value, 0);
}

/** Waits until the operator has nothing left to do: no app queued or being reconciled, no Event being written. */
export async function settled(op: RunningOperator): Promise<void> {
  await waitFor("the operator to settle", () => Promise.resolve(op.idle()), 30_000, 50);
}

/**
 * Changes `kind/name` (an annotation, which the operator does not own) and waits until the operator
 * has reconciled after seeing the change and settled again: the change's watch event reached it,
 * and everything it did about it, writes and Events, is done and counted.
 */
export async function nudgeAndSettle(op: RunningOperator, ns: string, kind: string, name: string): Promise<void> {
  const before = await reconcilesOf(op);
  await kubectl(["annotate", "--overwrite", kind, name, "-n", ns, `nudge=${before}`]);
  await waitFor(`a reconcile after the change to ${kind} ${name}`, async () => (await reconcilesOf(op)) > before);
  await settled(op);
}

export interface PodList {
  items: V1Pod[];
}

export async function podsOf(ns: string, app: string): Promise<V1Pod[]> {
  const list = await kubectlJson<PodList>(["get", "pods", "-n", ns, "-l", `compositeapp.io/name=${app}`]);
  return list.items;
}

export const livePods = (pods: V1Pod[]) => pods.filter((p) => !p.metadata?.deletionTimestamp);

export async function statusOf(ns: string, app: string): Promise<CompositeAppStatus & { observedGeneration?: number }> {
  const obj = await kubectlJson<{ status?: CompositeAppStatus }>(["get", "compositeapp", app, "-n", ns]);
  return obj.status ?? {};
}

export const conditionOf = (status: CompositeAppStatus, type: string) =>
  status.conditions?.find((c) => c.type === type);

/** What the kubelet would do once a Pod's containers are up: Running and Ready. */
export async function markReady(ns: string, pod: string): Promise<void> {
  const now = rfc3339(Date.now());
  const status = {
    phase: "Running",
    conditions: [
      { type: "Ready", status: "True", lastTransitionTime: now },
      { type: "ContainersReady", status: "True", lastTransitionTime: now },
    ],
  };
  await kubectl([
    "patch",
    "pod",
    pod,
    "-n",
    ns,
    "--subresource=status",
    "--type=merge",
    "-p",
    JSON.stringify({ status }),
  ]);
}

/** Marks every live Pod of an app ready, until the app reports Ready. */
export async function settleReady(ns: string, app: string, replicas: number, timeoutMs = 60_000): Promise<void> {
  await waitFor(
    `${app} to be Ready with ${replicas} Pods`,
    async () => {
      for (const p of livePods(await podsOf(ns, app))) {
        const ready = p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True");
        if (!ready) await markReady(ns, p.metadata!.name!);
      }
      const s = await statusOf(ns, app);
      return conditionOf(s, "Ready")?.status === "True" && s.readyReplicas === replicas;
    },
    timeoutMs,
    300,
  );
}

/** A minimal valid app. */
export function app(name: string, spec: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: "compositeapp.io/v1alpha1",
    kind: "CompositeApp",
    metadata: { name },
    spec: {
      main: { name: "main", image: "docker.io/library/busybox:1.35", command: ["sleep", "3600"] },
      ...spec,
    },
  };
}
