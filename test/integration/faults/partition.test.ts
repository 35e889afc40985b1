// Fault matrix, network: a 20 s loopback partition between the operator and the API server. The
// operator (in this process) reaches the API server on 127.0.0.1, where hack/cluster/netfault.sh drops
// every packet; the test itself observes through the server's advertise address, which stays open.
// The rules go away in `finally`, in afterEach/afterAll (restoreCluster) and in `npm run cluster:down`.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningOperator } from "../../../src/controller/manager/manager.js";
import { loadKubeConfig } from "../../../src/controller/kube/client.js";
import {
  answers,
  blockLoopbackFor,
  clearNetworkFaults,
  kubeconfigViaAdvertiseAddress,
  restoreCluster,
} from "../../support/cluster-faults.js";
import { sleep } from "../../support/wait.js";
import { createNamespace, deleteNamespace, installCrd, requireCluster, startInProcess } from "../support.js";
import {
  SlotMonitor,
  converge,
  createApps,
  playKubelet,
  delta,
  report,
  requestCounts,
  seconds,
  startRollouts,
  succeeded,
  unanswered,
} from "../invariants.js";

const PARTITION_S = 20;

let ns: string;
let op: RunningOperator;
let monitor: SlotMonitor;
const loopbackKubeconfig = process.env.KUBECONFIG;

beforeAll(async () => {
  await requireCluster();
  await installCrd();
  ns = await createNamespace("it-faults-net");
  // The operator keeps the loopback kubeconfig; this file's kubectl calls and monitor do not.
  process.env.KUBECONFIG = await kubeconfigViaAdvertiseAddress(mkdtempSync(join(tmpdir(), "compositeapp-net-")));
  monitor = new SlotMonitor(ns, process.env.KUBECONFIG);
  await monitor.start();
});

// A fresh operator per case, so that one case's back-off state does not slow the next one's recovery.
beforeEach(async () => {
  monitor.reset();
  op = await startInProcess(ns, { kubeconfig: loopbackKubeconfig });
});

afterEach(async () => {
  await restoreCluster();
  await op?.stop();
});

afterAll(async () => {
  await restoreCluster();
  await monitor?.stop();
  if (ns) await deleteNamespace(ns);
  process.env.KUBECONFIG = loopbackKubeconfig;
});

/** The API server URL of the operator's (loopback) kubeconfig. */
function loopbackServer(): string {
  const server = loadKubeConfig(loopbackKubeconfig).getCurrentCluster()?.server;
  if (!server) throw new Error("KUBECONFIG names no server");
  return server;
}

describe("fault matrix: network", () => {
  it("a 20 s loopback partition between the operator and the API server mid-rollout", async () => {
    const apps = await createApps(ns, ["partition-a", "partition-b"], monitor);
    await startRollouts(ns, apps, "7200");
    const before = await requestCounts(op, unanswered);
    const beforeOk = await requestCounts(op, succeeded);
    const server = new URL(loopbackServer()).origin;
    expect(await answers(server, 5_000)).toBe(true);
    let partitionedFor: number;
    let cutOff: boolean;
    const partition = blockLoopbackFor(PARTITION_S);
    try {
      await partition.cut;
      const cutAt = performance.now();
      cutOff = !(await answers(server, 2_000));
      // The test keeps observing (and playing the kubelet) over the other path meanwhile: the
      // operator comes back to a world that moved on without it.
      let healed = false;
      const done = () => (healed = true);
      partition.healed.then(done, done);
      while (!healed) {
        await playKubelet(ns);
        await sleep(1000);
      }
      await partition.healed;
      partitionedFor = performance.now() - cutAt;
    } finally {
      await clearNetworkFaults();
    }
    const recovery = await converge(ns, apps);
    const failed = await requestCounts(op, unanswered);
    const ok = await requestCounts(op, succeeded);
    report("loopback partition 20 s", {
      partitionS: seconds(partitionedFor),
      recoveryS: seconds(recovery),
      unansweredRequests: delta(failed, before, "all"),
      relists: delta(ok, beforeOk, "list"),
    });
    expect(cutOff).toBe(true);
    expect(await answers(server, 5_000)).toBe(true);
    monitor.assertHeld();
  });
});
