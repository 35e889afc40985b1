// A ResourceQuota that refuses Pods, then is raised: the app reports Degraded/FailedCreate meanwhile,
// and the missing Pods come with the retry back-off (capped), not with the resync (off here). Throughout,
// never more than one live Pod per (app, slot).
import type { V1Pod } from "@kubernetes/client-node";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PODS } from "../../src/controller/kube/api.js";
import { HttpApiClient, loadKubeConfig } from "../../src/controller/kube/client.js";
import { MAX_RETRY_DELAY_MS } from "../../src/controller/manager/controller.js";
import type { RunningOperator } from "../../src/controller/manager/manager.js";
import { Informer } from "../../src/controller/runtime/informer.js";
import { waitFor } from "../support/wait.js";
import {
  app,
  apply,
  conditionOf,
  createNamespace,
  deleteNamespace,
  installCrd,
  kubectl,
  kubectlJson,
  livePods,
  podsOf,
  requireCluster,
  startInProcess,
  statusOf,
} from "./support.js";

let ns: string;
let op: RunningOperator | undefined;
let informer: Informer<V1Pod> | undefined;
/** Every moment a slot of an app had more than one live Pod, as seen by a watch on the namespace. */
const duplicates: string[] = [];

beforeAll(async () => {
  await requireCluster();
  await installCrd();
  ns = await createNamespace("it-quota");
  informer = new Informer<V1Pod>({
    client: new HttpApiClient(loadKubeConfig()),
    resource: PODS,
    namespace: ns,
    logger: pino({ level: "silent" }),
  });
  const check = () => {
    const bySlot = new Map<string, string[]>();
    for (const pod of livePods(informer!.store.list())) {
      const labels = pod.metadata?.labels ?? {};
      const key = `${labels["compositeapp.io/name"]}/${labels["compositeapp.io/slot"]}`;
      bySlot.set(key, [...(bySlot.get(key) ?? []), pod.metadata!.name!]);
    }
    for (const [slot, names] of bySlot) if (names.length > 1) duplicates.push(`${slot}: ${names.join(", ")}`);
  };
  informer.addEventHandler({ onAdd: check, onUpdate: check, onDelete: check });
  informer.start();
  await informer.waitForSync();
});

afterAll(async () => {
  await op?.stop();
  await informer?.stop();
  if (ns) await deleteNamespace(ns);
});

const quota = (pods: number) => ({
  apiVersion: "v1",
  kind: "ResourceQuota",
  metadata: { name: "pods" },
  spec: { hard: { pods: String(pods) } },
});

interface QuotaStatus {
  status?: { hard?: Record<string, string> };
}

/** Admission refuses every Pod until the quota controller has computed the quota's status. */
async function quotaInForce(pods: number): Promise<void> {
  await waitFor(`the quota pods=${pods} to be in force`, async () => {
    const q = await kubectlJson<QuotaStatus>(["get", "resourcequota", "pods", "-n", ns]);
    return q.status?.hard?.pods === String(pods);
  });
}

describe("a ResourceQuota that refuses Pods", () => {
  it("reports FailedCreate, then creates the missing Pods within the retry back-off once raised", async () => {
    await apply(quota(1), ns);
    await quotaInForce(1);
    op = await startInProcess(ns);
    await apply(app("capped", { replicas: 3 }), ns);

    const degraded = await waitFor("Degraded/FailedCreate", async () => {
      const c = conditionOf(await statusOf(ns, "capped"), "Degraded");
      return c?.status === "True" && c.reason === "FailedCreate" && c;
    });
    expect(degraded.message).toContain("exceeded quota");
    expect(livePods(await podsOf(ns, "capped"))).toHaveLength(1);

    // Let the back-off grow to its cap: the recovery below is then the worst case.
    await waitFor(
      "the retry back-off to reach its cap",
      async () => (await failedReconciles()) >= Math.ceil(Math.log2(MAX_RETRY_DELAY_MS / 5)) + 2,
      60_000,
      500,
    );
    expect(livePods(await podsOf(ns, "capped"))).toHaveLength(1);

    const raised = performance.now();
    await kubectl(["patch", "resourcequota", "pods", "-n", ns, "--type=merge", "-p", '{"spec":{"hard":{"pods":"5"}}}']);
    await waitFor("three Pods", async () => livePods(await podsOf(ns, "capped")).length === 3, 30_000, 100);
    const recoverySeconds = (performance.now() - raised) / 1000;
    console.log(
      `quota raised -> 3 Pods in ${recoverySeconds.toFixed(1)} s (retry delay capped at ${MAX_RETRY_DELAY_MS / 1000} s)`,
    );

    await waitFor("Degraded=False", async () => {
      const s = await statusOf(ns, "capped");
      return conditionOf(s, "Degraded")?.status === "False" && s.replicas === 3;
    });
    expect(duplicates).toEqual([]);
  }, 150_000);
});

async function failedReconciles(): Promise<number> {
  const metric = await op!.metrics.reconcileTotal.get();
  return metric.values.find((v) => v.labels.result === "error")?.value ?? 0;
}
