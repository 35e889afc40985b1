// The dry-run gate's pure half: when a step starts a rollout the API server is asked about first,
// what a refusal holds, and how a held rollout reads in the status (kstatus: Stalled at once).
import type { V1Pod } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import type { ObservedPod } from "../../../src/core/observed.js";
import { plan, type Plan } from "../../../src/core/plan.js";
import {
  heldPlan,
  refusalHolds,
  rolloutPending,
  rolloutRejected,
  startsRollout,
} from "../../../src/core/rollout-gate.js";
import { computeStatus, type StatusInput } from "../../../src/core/status.js";
import { health } from "../../../src/core/health.js";

const desiredPod = (rev: string, slot: number): V1Pod => ({
  metadata: { name: `app-${rev}-${slot}`, labels: { "compositeapp.io/slot": String(slot) } },
  spec: { containers: [{ name: "main", image: "busybox:1.35" }] },
});

const pod = (rev: string, slot: number, extra: Partial<ObservedPod> = {}): ObservedPod => ({
  name: `app-${rev}-${slot}`,
  uid: `uid-${rev}-${slot}`,
  revision: rev,
  slot,
  phase: "Running",
  ready: true,
  terminating: false,
  finished: false,
  pod: { spec: { containers: [{ name: "main", image: "busybox:1.35" }] } },
  ...extra,
});

/** The plan's step for an app of 2 replicas at revision r2, and the gate's input for it. */
function gateInput(observed: ObservedPod[], strategy?: Parameters<typeof plan>[0]["strategy"]) {
  const desired = [desiredPod("r2", 0), desiredPod("r2", 1)];
  const step = plan({ replicas: 2, revision: "r2", strategy, desired, observed });
  return { revision: "r2", observed, plan: step };
}

const quotaRefusal =
  'pods "app-r2-0" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=2, limited: pods=2';

describe("the dry-run gate: when it applies", () => {
  it("applies to the first step of a rollout: old Pods live, none of the new revision yet", () => {
    const input = gateInput([pod("r1", 0), pod("r1", 1)]);
    expect(input.plan.create).toHaveLength(1); // maxSurge 1: the step would create the first new Pod
    expect(rolloutPending(input)).toBe(true);
    expect(startsRollout(input)).toBe(true);
  });

  it("applies before Recreate deletes the old Pods, although that step creates nothing", () => {
    const input = gateInput([pod("r1", 0), pod("r1", 1)], { type: "Recreate" });
    expect(input.plan.create).toHaveLength(0);
    expect(input.plan.delete.map((d) => d.reason)).toEqual(["Rollout", "Rollout"]);
    expect(startsRollout(input)).toBe(true);
  });

  it("does not apply to a new app: with no old Pod to keep, the first create is itself the check", () => {
    const input = gateInput([]);
    expect(input.plan.create).toHaveLength(2);
    expect(startsRollout(input)).toBe(false);
  });

  it("does not apply once a Pod of the revision exists, terminating or not: the server admitted it", () => {
    expect(startsRollout(gateInput([pod("r1", 0), pod("r1", 1), pod("r2", 0, { ready: false })]))).toBe(false);
    expect(startsRollout(gateInput([pod("r1", 0), pod("r2", 1, { terminating: true })]))).toBe(false);
  });

  it("does not apply when only terminating Pods of the old revision are left (Recreate's second step)", () => {
    const input = gateInput([pod("r1", 0, { terminating: true }), pod("r1", 1, { terminating: true })], {
      type: "Recreate",
    });
    expect(rolloutPending(input)).toBe(false);
    expect(startsRollout(input)).toBe(false);
  });

  it("does not apply to an app at rest, nor to a scale-up of the current revision", () => {
    expect(startsRollout(gateInput([pod("r2", 0), pod("r2", 1)]))).toBe(false);
    const scaleUp = gateInput([pod("r2", 0)]);
    expect(scaleUp.plan.create).toHaveLength(1);
    expect(startsRollout(scaleUp)).toBe(false);
  });

  it("is pending but not started by a step that does nothing", () => {
    const idle: Plan = { create: [], delete: [], update: [], waiting: true };
    const input = { revision: "r2", observed: [pod("r1", 0)], plan: idle };
    expect(rolloutPending(input)).toBe(true);
    expect(startsRollout(input)).toBe(false);
  });

  it("holds a rollout with a plan that does nothing", () => {
    expect(heldPlan()).toEqual({ create: [], delete: [], update: [], waiting: false });
  });
});

describe("the dry-run gate: what a refusal holds", () => {
  it.each([
    ['pods "app-r2-0" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false'],
    ['pods "app-r2-0" is forbidden: maximum cpu usage per Container is 500m, but limit is 1'],
    ['admission webhook "deny.example.com" denied the request: no latest tags'],
    ['pods "app-r2-0" is forbidden: failed quota: compute: must specify limits.cpu for: main'],
  ])("holds the rollout on a refusal by policy: %s", (message) => {
    expect(refusalHolds(message, gateInput([pod("r1", 0), pod("r1", 1)]).plan)).toBe(true);
    expect(refusalHolds(message, gateInput([pod("r1", 0), pod("r1", 1)], { type: "Recreate" }).plan)).toBe(true);
  });

  it("holds a surging rollout on an exceeded quota: the new Pod needs room the old ones still use", () => {
    expect(refusalHolds(quotaRefusal, gateInput([pod("r1", 0), pod("r1", 1)]).plan)).toBe(true);
  });

  it("lets a step that deletes old Pods first go on despite an exceeded quota: it frees what they use", () => {
    const old = [pod("r1", 0), pod("r1", 1)];
    const recreate = gateInput(old, { type: "Recreate" });
    const deleteFirst = gateInput(old, { type: "RollingUpdate", rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } });
    expect(deleteFirst.plan.create).toHaveLength(0);
    expect(refusalHolds(quotaRefusal, recreate.plan)).toBe(false);
    expect(refusalHolds(quotaRefusal, deleteFirst.plan)).toBe(false);
  });
});

describe("the dry-run gate: status", () => {
  const refusal = 'pods "app-r2-0" is forbidden: violates PodSecurity "restricted:latest": runAsNonRoot != true';
  const input: StatusInput = {
    generation: 4,
    replicas: 2,
    revision: "r2",
    sidecarMode: "Native",
    effectiveResources: { requests: {}, limits: {} },
    observed: [pod("r1", 0), pod("r1", 1)],
    progressing: false,
    failure: rolloutRejected("r2", refusal),
    previous: undefined,
    progressDeadlineSeconds: 600,
    now: "2026-01-01T00:00:00Z",
  };

  it("reports a held rollout as Stalled at once, with the server's message, for kstatus to read as Failed", () => {
    const s = computeStatus(input);
    const message = `rollout of revision r2 held, the Pods of the earlier revision stay: ${refusal}`;
    const conditions = Object.fromEntries((s.conditions ?? []).map((c) => [c.type, [c.status, c.reason, c.message]]));
    expect(conditions).toEqual({
      Ready: ["False", "PodsNotReady", "2/2 Pods ready, 0 at revision r2"],
      Progressing: ["False", "RolloutRejected", message],
      Degraded: ["True", "RolloutRejected", message],
      Reconciling: ["False", "Stalled", "progress needs a human; see Stalled"],
      Stalled: ["True", "RolloutRejected", message],
    });
    expect(s).toMatchObject({ replicas: 2, readyReplicas: 2, updatedReplicas: 0, revision: "r2" });
    expect(s.conditions?.every((c) => c.observedGeneration === 4)).toBe(true);
  });

  it("writes the same status again while the same refusal holds (a retry writes nothing)", () => {
    const first = computeStatus(input);
    const again = computeStatus({ ...input, previous: first, now: "2026-01-01T00:05:00Z" });
    expect(again).toEqual(first);
  });

  it("is Stalled with no deadline to wait for, unlike a Pod the server refused to create", () => {
    const h = health({
      replicas: 2,
      revision: "r2",
      live: 2,
      ready: 2,
      updated: 0,
      progressing: false,
      problem: rolloutRejected("r2", refusal),
      problemSince: "2026-01-01T00:00:00Z",
      progressDeadlineSeconds: 600,
      now: "2026-01-01T00:00:00Z",
    });
    expect(h.stalled).toMatchObject({ status: true, reason: "RolloutRejected" });
    expect(h.recheckAfterMs).toBeUndefined();
  });
});
