// The reconcile loop against the real API server (no kubelet: the tests play its part by marking
// Pods ready through the status subresource).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningOperator } from "../../src/controller/manager/manager.js";
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
  nudgeAndSettle,
  podsOf,
  reconcilesOf,
  requireCluster,
  settleReady,
  settled,
  startInProcess,
  statusOf,
  writesOf,
} from "./support.js";

let ns: string;
let op: RunningOperator;

beforeAll(async () => {
  await requireCluster();
  await installCrd();
  ns = await createNamespace("it-operator");
  op = await startInProcess(ns);
});

afterAll(async () => {
  await op?.stop();
  if (ns) await deleteNamespace(ns);
});

const revisions = async (name: string) =>
  new Set(livePods(await podsOf(ns, name)).map((p) => p.metadata?.labels?.["compositeapp.io/revision"]));

describe("the operator", () => {
  it("creates the rendered Pods, owned by the app, and reports them", async () => {
    await apply(
      app("create", {
        replicas: 2,
        sidecars: [{ name: "helper", image: "docker.io/library/busybox:1.35", command: ["sleep", "3600"] }],
      }),
      ns,
    );
    const pods = await waitFor("two Pods", async () => {
      const p = await podsOf(ns, "create");
      return p.length === 2 && p;
    });
    const owner = await kubectlJson<{ metadata: { uid: string } }>(["get", "compositeapp", "create", "-n", ns]);
    for (const pod of pods) {
      expect(pod.metadata?.ownerReferences).toEqual([
        {
          apiVersion: "compositeapp.io/v1alpha1",
          kind: "CompositeApp",
          name: "create",
          uid: owner.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ]);
      expect(pod.spec?.initContainers?.[0]).toMatchObject({ name: "helper", restartPolicy: "Always" });
    }
    expect(pods.map((p) => p.metadata?.labels?.["compositeapp.io/slot"]).sort()).toEqual(["0", "1"]);
    const status = await waitFor("status", async () => {
      const s = await statusOf(ns, "create");
      return s.replicas === 2 && s;
    });
    expect(status).toMatchObject({
      observedGeneration: 1,
      updatedReplicas: 2,
      readyReplicas: 0,
      sidecarMode: "Native",
    });
    expect(status.effectiveResources?.requests).toEqual({});
    expect(conditionOf(status, "Ready")).toMatchObject({ status: "False", reason: "PodsNotReady" });
    await settleReady(ns, "create", 2);
    expect(conditionOf(await statusOf(ns, "create"), "Progressing")).toMatchObject({
      status: "False",
      reason: "RolloutComplete",
    });
  });

  it("makes no API write when a reconcile finds nothing to change", async () => {
    await apply(app("steady"), ns);
    await settleReady(ns, "steady", 1);
    // Every write of getting there (Pods, status, Events) is done and counted once the operator settles.
    await settled(op);
    const writes = await writesOf(op);
    const reconciles = await reconcilesOf(op);
    // Nudge the app, then its Pod: each triggers a reconcile that must find nothing to do.
    await nudgeAndSettle(op, ns, "compositeapp", "steady");
    const [pod] = await podsOf(ns, "steady");
    await nudgeAndSettle(op, ns, "pod", pod!.metadata!.name!);
    expect(await reconcilesOf(op)).toBeGreaterThanOrEqual(reconciles + 2);
    expect(await writesOf(op)).toBe(writes);
  });

  it("scales up and down by slot", async () => {
    await apply(app("scale", { replicas: 1 }), ns);
    await waitFor("one Pod", async () => (await podsOf(ns, "scale")).length === 1);
    await apply(app("scale", { replicas: 3 }), ns);
    await waitFor("three Pods", async () => livePods(await podsOf(ns, "scale")).length === 3);
    await apply(app("scale", { replicas: 1 }), ns);
    const left = await waitFor("one live Pod", async () => {
      const live = livePods(await podsOf(ns, "scale"));
      return live.length === 1 && live;
    });
    expect(left[0]?.metadata?.labels?.["compositeapp.io/slot"]).toBe("0");
  });

  it("recreates a Pod deleted behind its back", async () => {
    await apply(app("heal"), ns);
    const [first] = await waitFor("a Pod", async () => {
      const p = await podsOf(ns, "heal");
      return p.length === 1 && p;
    });
    await kubectl(["delete", "pod", first!.metadata!.name!, "-n", ns, "--wait=false"]);
    const again = await waitFor("a new Pod", async () => {
      const p = livePods(await podsOf(ns, "heal"));
      return p.length === 1 && p[0]!.metadata!.uid !== first!.metadata!.uid && p;
    });
    expect(again[0]?.metadata?.name).toBe(first?.metadata?.name);
  });

  it("replaces a Pod whose image was edited behind its back", async () => {
    await apply(app("drift"), ns);
    const [first] = await waitFor("a Pod", async () => {
      const p = await podsOf(ns, "drift");
      return p.length === 1 && p;
    });
    await kubectl(["set", "image", `pod/${first!.metadata!.name!}`, "-n", ns, "main=docker.io/library/busybox:1.36"]);
    const replaced = await waitFor("a replacement with the rendered image", async () => {
      const p = livePods(await podsOf(ns, "drift"));
      return p.length === 1 && p[0]!.metadata!.uid !== first!.metadata!.uid && p;
    });
    expect(replaced[0]?.spec?.containers[0]?.image).toBe("docker.io/library/busybox:1.35");
  });

  it("rolls out a change with maxSurge 1 / maxUnavailable 0: never fewer ready Pods than replicas", async () => {
    await apply(app("rolling", { replicas: 2 }), ns);
    await settleReady(ns, "rolling", 2);
    const before = [...(await revisions("rolling"))];
    await apply(
      app("rolling", {
        replicas: 2,
        main: { name: "main", image: "docker.io/library/busybox:1.35", command: ["sleep", "7200"] },
      }),
      ns,
    );
    let minReady = 2;
    let maxLive = 2;
    await waitFor(
      "the rollout to finish",
      async () => {
        const live = livePods(await podsOf(ns, "rolling"));
        maxLive = Math.max(maxLive, live.length);
        minReady = Math.min(
          minReady,
          live.filter((p) => p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")).length,
        );
        for (const p of live.filter(
          (x) => !x.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"),
        )) {
          await kubectl([
            "patch",
            "pod",
            p.metadata!.name!,
            "-n",
            ns,
            "--subresource=status",
            "--type=merge",
            "-p",
            JSON.stringify({ status: { phase: "Running", conditions: [{ type: "Ready", status: "True" }] } }),
          ]);
        }
        const revs = await revisions("rolling");
        return revs.size === 1 && !revs.has(before[0]) && live.length === 2;
      },
      60_000,
      250,
    );
    expect(minReady).toBeGreaterThanOrEqual(2);
    expect(maxLive).toBeLessThanOrEqual(3);
  });

  it("rolls out with Recreate: every old Pod goes before a new one comes", async () => {
    await apply(app("recreate", { replicas: 2, updateStrategy: { type: "Recreate" } }), ns);
    await waitFor("two Pods", async () => livePods(await podsOf(ns, "recreate")).length === 2);
    const before = await revisions("recreate");
    await apply(
      app("recreate", {
        replicas: 2,
        updateStrategy: { type: "Recreate" },
        main: { name: "main", image: "docker.io/library/busybox:1.35", command: ["sleep", "7200"] },
      }),
      ns,
    );
    let mixed = false;
    await waitFor("the new revision", async () => {
      const pods = await podsOf(ns, "recreate");
      const revs = new Set(pods.map((p) => p.metadata?.labels?.["compositeapp.io/revision"]));
      if (revs.size > 1) mixed = true;
      return pods.length === 2 && revs.size === 1 && ![...before].some((r) => revs.has(r));
    });
    expect(mixed).toBe(false);
  });

  it("reports an invalid spec that got past admission and leaves the Pods alone", async () => {
    await apply(app("invalid"), ns);
    const [pod] = await waitFor("a Pod", async () => {
      const p = await podsOf(ns, "invalid");
      return p.length === 1 && p;
    });
    // The CRD cannot check requests against limits within its CEL budget; the operator does.
    await apply(
      app("invalid", {
        main: {
          name: "main",
          image: "docker.io/library/busybox:1.35",
          command: ["sleep", "3600"],
          resources: { requests: { memory: "2Gi" }, limits: { memory: "1Gi" } },
        },
      }),
      ns,
    );
    const status = await waitFor("InvalidSpec", async () => {
      const s = await statusOf(ns, "invalid");
      return conditionOf(s, "Ready")?.reason === "InvalidSpec" && s;
    });
    expect(conditionOf(status, "Ready")?.message).toBe(
      "spec.main.resources.requests.memory: request 2Gi is greater than the limit 1Gi; a request must be less than or equal to its limit",
    );
    expect(status.observedGeneration).toBe(2);
    const after = await podsOf(ns, "invalid");
    expect(after.map((p) => p.metadata?.uid)).toEqual([pod!.metadata!.uid]);
    const events = await kubectl([
      "get",
      "events",
      "-n",
      ns,
      "--field-selector",
      "involvedObject.name=invalid,reason=InvalidSpec",
      "-o",
      "name",
    ]);
    expect(events.trim()).not.toBe("");
  });

  it("leaves deletion of the Pods to the garbage collector", async () => {
    await apply(app("gc", { replicas: 2 }), ns);
    await waitFor("two Pods", async () => (await podsOf(ns, "gc")).length === 2);
    await kubectl(["delete", "compositeapp", "gc", "-n", ns, "--wait=false"]);
    await waitFor("the Pods to be gone", async () => (await podsOf(ns, "gc")).length === 0, 60_000);
  });

  it("converges after a burst of conflicting updates", async () => {
    await apply(app("burst", { replicas: 1 }), ns);
    for (let i = 2; i <= 6; i++) await apply(app("burst", { replicas: i }), ns);
    await waitFor("six Pods and a status at generation 6", async () => {
      const s = await statusOf(ns, "burst");
      return livePods(await podsOf(ns, "burst")).length === 6 && s.observedGeneration === 6 && s.replicas === 6;
    });
  });
});
