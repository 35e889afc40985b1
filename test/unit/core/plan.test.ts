import type { V1Pod } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import type { UpdateStrategy } from "../../../src/api/compositeapp.js";
import type { ObservedPod } from "../../../src/core/observed.js";
import { plan, resolveBound } from "../../../src/core/plan.js";

const desiredPod = (rev: string, slot: number): V1Pod => ({
  metadata: { name: `app-${rev}-${slot}`, labels: { "compositeapp.io/slot": String(slot) } },
  spec: { containers: [{ name: "main", image: "busybox:1.35" }] },
});
const desired = (rev: string, n: number) => Array.from({ length: n }, (_, i) => desiredPod(rev, i));

let uid = 0;
const pod = (rev: string, slot: number, extra: Partial<ObservedPod> = {}): ObservedPod => ({
  name: `app-${rev}-${slot}`,
  uid: `uid-${++uid}`,
  revision: rev,
  slot,
  phase: "Running",
  ready: true,
  terminating: false,
  finished: false,
  pod: { spec: { containers: [{ name: "main", image: "busybox:1.35" }] } },
  ...extra,
});

const rolling = (maxSurge: number | string, maxUnavailable: number | string): UpdateStrategy => ({
  type: "RollingUpdate",
  rollingUpdate: { maxSurge, maxUnavailable },
});

/** One plan step for an app at revision r2 with `replicas` slots. */
const stepPlan = (replicas: number, observed: ObservedPod[], strategy?: UpdateStrategy) =>
  plan({ replicas, revision: "r2", strategy, desired: desired("r2", replicas), observed });

const names = (p: ReturnType<typeof plan>) => ({
  create: p.create.map((c) => c.metadata?.name),
  delete: p.delete.map((d) => `${d.pod.name}:${d.reason}`),
  waiting: p.waiting,
});

/** The step's creates and deletes by name. */
const step = (replicas: number, observed: ObservedPod[], strategy?: UpdateStrategy) =>
  names(stepPlan(replicas, observed, strategy));

describe("plan", () => {
  it("creates every slot of a new app", () => {
    expect(step(2, [])).toEqual({
      create: ["app-r2-0", "app-r2-1"],
      delete: [],
      waiting: false,
    });
  });

  it("does nothing when every slot holds a Pod of the revision", () => {
    const p = stepPlan(2, [pod("r2", 0), pod("r2", 1)]);
    expect(names(p)).toEqual({ create: [], delete: [], waiting: false });
  });

  it("recreates a Pod deleted behind its back", () => {
    const p = stepPlan(2, [pod("r2", 1)]);
    expect(names(p).create).toEqual(["app-r2-0"]);
  });

  it("scales down from the highest slot", () => {
    const p = stepPlan(1, [pod("r2", 0), pod("r2", 1), pod("r2", 2)]);
    expect(names(p).delete).toEqual(["app-r2-1:ScaleDown", "app-r2-2:ScaleDown"]);
  });

  it("replaces a failed Pod, waiting for its name to be free", () => {
    const first = stepPlan(1, [pod("r2", 0, { phase: "Failed", ready: false, finished: true })]);
    expect(names(first)).toEqual({ create: [], delete: ["app-r2-0:Replace"], waiting: true });
    const second = stepPlan(1, [pod("r2", 0, { terminating: true })]);
    expect(names(second)).toEqual({ create: [], delete: [], waiting: true });
  });

  it("replaces a Pod whose image was edited in place, once its name is free", () => {
    const edited = pod("r2", 0, { pod: { spec: { containers: [{ name: "main", image: "busybox:1.36" }] } } });
    const first = stepPlan(1, [edited]);
    expect(names(first)).toEqual({ create: [], delete: ["app-r2-0:Drift"], waiting: true });
  });

  describe("RollingUpdate maxSurge 1, maxUnavailable 0 (the default)", () => {
    const strategy = rolling(1, 0);
    it("first surges one new Pod and keeps every old one", () => {
      const p = stepPlan(2, [pod("r1", 0), pod("r1", 1)], strategy);
      expect(names(p)).toEqual({ create: ["app-r2-0"], delete: [], waiting: true });
    });
    it("deletes an old Pod only once the new one is ready", () => {
      const notReady = stepPlan(2, [pod("r1", 0), pod("r1", 1), pod("r2", 0, { ready: false })], strategy);
      expect(names(notReady)).toEqual({ create: [], delete: [], waiting: true });
      const ready = stepPlan(2, [pod("r1", 0), pod("r1", 1), pod("r2", 0)], strategy);
      expect(names(ready)).toEqual({ create: [], delete: ["app-r1-0:Rollout"], waiting: true });
    });
    it("finishes when the last old Pod can go", () => {
      const p = stepPlan(2, [pod("r1", 1), pod("r2", 0), pod("r2", 1)], strategy);
      expect(names(p)).toEqual({ create: [], delete: ["app-r1-1:Rollout"], waiting: false });
    });
  });

  describe("RollingUpdate maxSurge 0, maxUnavailable 1", () => {
    const strategy = rolling(0, 1);
    it("deletes an old Pod first, then creates its replacement", () => {
      const first = stepPlan(2, [pod("r1", 0), pod("r1", 1)], strategy);
      expect(names(first)).toEqual({ create: [], delete: ["app-r1-1:Rollout"], waiting: true });
      const second = stepPlan(2, [pod("r1", 0), pod("r1", 1, { terminating: true })], strategy);
      expect(names(second).create).toEqual(["app-r2-1"]);
    });
  });

  describe.each([
    [3, 1, 0],
    [3, 0, 1],
    [3, 1, 1],
    [5, 2, 0],
    [5, "25%", "25%"],
  ] as const)(
    "a whole rollout of %i replicas, maxSurge %s, maxUnavailable %s",
    (replicas, maxSurge, maxUnavailable) => {
      it("never holds more live Pods in one slot than the surge allows, and ends with one per slot", () => {
        const strategy = rolling(maxSurge, maxUnavailable);
        const surge = resolveBound(maxSurge, replicas, true);
        let observed = Array.from({ length: replicas }, (_, i) => pod("r1", i));
        for (let steps = 0; steps < 4 * replicas; steps++) {
          const p = stepPlan(replicas, observed, strategy);
          const deleted = new Set(p.delete.map((d) => d.pod.name));
          observed = observed.filter((o) => !deleted.has(o.name));
          observed.push(...p.create.map((c) => pod("r2", Number(c.metadata?.labels?.["compositeapp.io/slot"]))));
          const perSlot = new Map<number, number>();
          for (const o of observed) perSlot.set(o.slot, (perSlot.get(o.slot) ?? 0) + 1);
          const extra = [...perSlot.values()].reduce((sum, n) => sum + n - 1, 0);
          expect(extra).toBeLessThanOrEqual(surge);
          expect(observed.length).toBeLessThanOrEqual(replicas + surge);
          if (p.create.length === 0 && p.delete.length === 0) break;
        }
        expect(observed.map((o) => o.name).sort()).toEqual(desired("r2", replicas).map((d) => d.metadata?.name));
      });
    },
  );

  it("prefers giving up old Pods that are not ready", () => {
    const p = stepPlan(2, [pod("r1", 0), pod("r1", 1, { ready: false }), pod("r2", 0)], rolling(1, 0));
    expect(names(p).delete).toEqual(["app-r1-1:Rollout"]);
  });

  describe("Recreate", () => {
    const strategy: UpdateStrategy = { type: "Recreate" };
    it("deletes every old Pod before creating any new one", () => {
      const first = stepPlan(2, [pod("r1", 0), pod("r1", 1)], strategy);
      expect(names(first)).toEqual({ create: [], delete: ["app-r1-0:Rollout", "app-r1-1:Rollout"], waiting: true });
      const terminating = stepPlan(2, [pod("r1", 0, { terminating: true })], strategy);
      expect(names(terminating)).toEqual({ create: [], delete: [], waiting: true });
      const gone = stepPlan(2, [], strategy);
      expect(names(gone).create).toEqual(["app-r2-0", "app-r2-1"]);
    });
  });

  it.each([
    [1, 10, true, 1],
    ["25%", 10, true, 3],
    ["25%", 10, false, 2],
    ["0%", 3, true, 0],
  ] as const)("resolves %s of %i (round up %s) to %i", (value, replicas, up, expected) => {
    expect(resolveBound(value, replicas, up)).toBe(expected);
  });
});
