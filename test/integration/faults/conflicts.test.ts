// Fault matrix, 409 storms: many writers update the same apps (read-modify-write with the
// resourceVersion, as kubectl edit and other controllers do) while they roll out, so the operator's
// status writes keep meeting 409 Conflict. The rollout must still complete with the slot invariant
// held throughout.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningOperator } from "../../../src/controller/manager/manager.js";
import { isConflict, type KubeObject } from "../../../src/controller/kube/api.js";
import { HttpApiClient, loadKubeConfig } from "../../../src/controller/kube/client.js";
import { COMPOSITEAPPS } from "../../../src/controller/compositeapps.js";
import { restoreCluster } from "../../support/cluster-faults.js";
import { createNamespace, deleteNamespace, installCrd, requireCluster, startInProcess } from "../support.js";
import {
  SlotMonitor,
  converge,
  createApps,
  delta,
  report,
  requestCounts,
  seconds,
  startRollouts,
} from "../invariants.js";

let ns: string;
let op: RunningOperator;
let monitor: SlotMonitor;

const WRITERS_PER_APP = 4;
const STORM_MS = 15_000;

beforeAll(async () => {
  await requireCluster();
  await installCrd();
  ns = await createNamespace("it-faults-409");
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
  await monitor?.stop();
  if (ns) await deleteNamespace(ns);
});

interface Storm {
  writes: number;
  conflicts: number;
  stop(): Promise<void>;
}

/** Writers that each keep reading the app and writing it back with one annotation changed. */
function storm(client: HttpApiClient, names: string[]): Storm {
  let stopped = false;
  const result = { writes: 0, conflicts: 0 };
  const writer = async (name: string, id: number) => {
    for (let n = 0; !stopped; n++) {
      const obj = await client.get<KubeObject>(COMPOSITEAPPS, ns, name);
      obj.metadata = { ...obj.metadata, annotations: { ...obj.metadata?.annotations, [`storm.test/w${id}`]: `${n}` } };
      try {
        await client.replace(COMPOSITEAPPS, ns, name, obj);
        result.writes++;
      } catch (err) {
        if (!isConflict(err)) throw err;
        result.conflicts++;
      }
    }
  };
  const running = names.flatMap((name) => Array.from({ length: WRITERS_PER_APP }, (_, i) => writer(name, i)));
  return {
    get writes() {
      return result.writes;
    },
    get conflicts() {
      return result.conflicts;
    },
    stop: async () => {
      stopped = true;
      await Promise.all(running);
    },
  };
}

describe("fault matrix: 409 storms", () => {
  it("many writers update the apps while they roll out: the rollout completes, one Pod per slot", async () => {
    const apps = await createApps(ns, ["storm-a", "storm-b"], monitor);
    const before = await requestCounts(op, (code) => code === "409");
    const client = new HttpApiClient(loadKubeConfig(), { requestTimeoutMs: 10_000 });
    const writers = storm(client, [...apps.keys()]);
    const started = performance.now();
    let duringStorm: number;
    try {
      await startRollouts(ns, apps, "7200");
      // The rollout proceeds (the test plays the kubelet) while the writers keep going.
      duringStorm = await converge(ns, apps);
      const left = STORM_MS - (performance.now() - started);
      if (left > 0) await new Promise((r) => setTimeout(r, left));
    } finally {
      await writers.stop();
      client.close();
    }
    const stormMs = performance.now() - started;
    // The last writes changed annotations: the operator must settle again without Pod churn.
    const recovery = await converge(ns, apps);
    const conflicts = delta(await requestCounts(op, (code) => code === "409"), before, "all");
    report("409 storm", {
      stormS: seconds(stormMs),
      writers: WRITERS_PER_APP * apps.size,
      writerWrites: writers.writes,
      writerConflicts: writers.conflicts,
      operatorConflicts: conflicts,
      rolloutUnderStormS: seconds(duringStorm),
      recoveryS: seconds(recovery),
    });
    expect(writers.writes).toBeGreaterThan(0);
    expect(writers.conflicts).toBeGreaterThan(0);
    monitor.assertHeld();
  });
});
