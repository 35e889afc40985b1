// Fault matrix, control plane: the API server killed mid-rollout, etcd stopped for 20 s, and a watch
// that gets 410 Gone after an etcd compaction. The operator runs in this process; the tests play the
// kubelet. Each case checks the slot invariant throughout (SlotMonitor), convergence and no lost app
// at the end, and prints its recovery time.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningOperator } from "../../../src/controller/manager/manager.js";
import { compactEtcd, component, restoreCluster } from "../../support/cluster-faults.js";
import { sleep, waitFor } from "../../support/wait.js";
import {
  apply,
  createNamespace,
  deleteNamespace,
  installCrd,
  kubectl,
  logOf,
  requireCluster,
  startInProcess,
} from "../support.js";
import {
  SlotMonitor,
  converge,
  createApps,
  delta,
  report,
  requestCounts,
  seconds,
  startRollouts,
  succeeded,
} from "../invariants.js";

let ns: string;
let op: RunningOperator;
let monitor: SlotMonitor;
/**
 * The operator's informers (CompositeApps, Pods, PodDisruptionBudgets), each watching the test's
 * namespace: each may relist once after a fault, no more.
 */
const INFORMERS = 3;

beforeAll(async () => {
  await requireCluster();
  await installCrd();
  ns = await createNamespace("it-faults-cp");
  monitor = new SlotMonitor(ns);
  await monitor.start();
});

// A fresh operator per case, so that one case's back-off state does not slow the next one's recovery.
beforeEach(async () => {
  monitor.reset();
  op = await startInProcess(ns);
});

afterEach(async () => {
  await restoreCluster();
  await op?.stop();
});

afterAll(async () => {
  await restoreCluster();
  await monitor?.stop();
  if (ns) await deleteNamespace(ns);
});

/** Until the operator has had `n` watches answered since `before`: its informers are back. */
async function watchesResumed(before: Map<string, number>, n = INFORMERS): Promise<number> {
  const started = performance.now();
  await waitFor(
    "the operator's watches to resume",
    async () => delta(await requestCounts(op, succeeded), before, "watch") >= n,
    120_000,
    100,
  );
  return performance.now() - started;
}

describe("fault matrix: control plane", () => {
  it("kube-apiserver SIGKILLed and restarted mid-rollout: informers resume without a relist storm", async () => {
    const apps = await createApps(ns, ["apiserver-a", "apiserver-b"], monitor);
    await startRollouts(ns, apps, "7200");
    const before = await requestCounts(op, succeeded);
    const killedAt = performance.now();
    await component("kill", "kube-apiserver");
    await component("start", "kube-apiserver");
    const upAt = performance.now();
    const resumed = await watchesResumed(before);
    const recovery = await converge(ns, apps);
    const after = await requestCounts(op, succeeded);
    const lists = delta(after, before, "list");
    report("kube-apiserver SIGKILL mid-rollout", {
      apiserverDownS: seconds(upAt - killedAt),
      watchesResumedS: seconds(resumed),
      recoveryS: seconds(recovery),
      relists: lists,
    });
    monitor.assertHeld();
    expect(lists).toBeLessThanOrEqual(INFORMERS);
  });

  it("etcd stopped for 20 s and restarted mid-rollout", async () => {
    const apps = await createApps(ns, ["etcd-a", "etcd-b"], monitor);
    await startRollouts(ns, apps, "7200");
    const before = await requestCounts(op, succeeded);
    await component("stop", "etcd");
    const stoppedAt = performance.now();
    await sleep(20_000);
    await component("start", "etcd");
    const etcdDown = performance.now() - stoppedAt;
    const upAt = performance.now();
    await waitFor(
      "the API server to be ready again",
      async () => (await kubectl(["get", "--raw", "/readyz"])) === "ok",
    );
    const apiReady = performance.now() - upAt;
    const recovery = await converge(ns, apps);
    const lists = delta(await requestCounts(op, succeeded), before, "list");
    report("etcd stopped 20 s", {
      etcdDownS: seconds(etcdDown),
      apiserverReadyS: seconds(apiReady),
      recoveryS: seconds(recovery),
      relists: lists,
    });
    monitor.assertHeld();
    expect(lists).toBeLessThanOrEqual(INFORMERS);
  });

  it("a watch resumed from a compacted resourceVersion gets 410 Gone, relists once and converges", async () => {
    const apps = await createApps(ns, ["gone-a"], monitor);
    await startRollouts(ns, apps, "7200");
    // Move etcd's revision past the last Pod and app events, then compact it away: the API server's
    // own watch on etcd cannot resume from there and reinitializes its cache, which ends our watches,
    // and their resourceVersions are older than anything the new cache holds.
    for (let i = 0; i < 3; i++) {
      await apply({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: `bump-${i}` }, data: {} }, ns);
    }
    const before = await requestCounts(op, succeeded);
    const goneBefore = (logOf(ns).match(/resourceVersion too old \(410\)/g) ?? []).length;
    const revision = await compactEtcd();
    const faultAt = performance.now();
    await component("kill", "etcd");
    await component("start", "etcd");
    const gone = await waitFor(
      "the operator to get 410 Gone and relist",
      () => Promise.resolve((logOf(ns).match(/resourceVersion too old \(410\)/g) ?? []).length > goneBefore),
      120_000,
      100,
    );
    const relistedAfter = performance.now() - faultAt;
    const recovery = await converge(ns, apps);
    const lists = delta(await requestCounts(op, succeeded), before, "list");
    report("watch 410 Gone after etcd compaction", {
      compactedAt: String(revision),
      goneAndRelistS: seconds(relistedAfter),
      recoveryS: seconds(recovery),
      relists: lists,
    });
    expect(gone).toBe(true);
    monitor.assertHeld();
    expect(lists).toBeGreaterThanOrEqual(1);
    expect(lists).toBeLessThanOrEqual(INFORMERS);
  });
});
