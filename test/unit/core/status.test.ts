import { describe, expect, it } from "vitest";
import { CompositeAppStatus } from "../../../src/api/compositeapp.js";
import type { ObservedPod } from "../../../src/core/observed.js";
import { observePod } from "../../../src/core/observed.js";
import {
  computeStatus,
  computeStatusAndRecheck,
  invalidSpecStatus,
  statusChanged,
  type StatusInput,
} from "../../../src/core/status.js";

const runningPod = (name: string, rev: string, ready: boolean, waitingReason?: string): ObservedPod =>
  observePod({
    metadata: {
      name,
      uid: name,
      labels: { "compositeapp.io/revision": rev, "compositeapp.io/slot": "0" },
      annotations: { "compositeapp.io/roles": JSON.stringify({ web: "main", proxy: "ambassador" }) },
    },
    status: {
      phase: "Running",
      conditions: [{ type: "Ready", status: ready ? "True" : "False" }],
      initContainerStatuses: [
        { name: "proxy", image: "b", imageID: "", ready: true, restartCount: 0, state: { running: {} } },
      ],
      containerStatuses: [
        {
          name: "web",
          image: "b",
          imageID: "",
          ready,
          restartCount: waitingReason ? 3 : 0,
          state: waitingReason ? { waiting: { reason: waitingReason, message: "back-off" } } : { running: {} },
          ...(waitingReason && { lastState: { terminated: { exitCode: 1, reason: "Error" } } }),
        },
      ],
    },
  });

const input = (observed: ObservedPod[], extra: Partial<StatusInput> = {}): StatusInput => ({
  generation: 3,
  replicas: 1,
  revision: "r2",
  sidecarMode: "Native",
  effectiveResources: { requests: { cpu: "110m" }, limits: {} },
  observed,
  progressing: false,
  previous: undefined,
  now: "2026-01-01T00:00:00Z",
  ...extra,
});

const cond = (s: ReturnType<typeof computeStatus>, type: string) => s.conditions?.find((c) => c.type === type);

describe("computeStatus", () => {
  it("reports a ready app", () => {
    const s = computeStatus(input([runningPod("a", "r2", true)]));
    expect(s).toMatchObject({
      observedGeneration: 3,
      replicas: 1,
      readyReplicas: 1,
      updatedReplicas: 1,
      revision: "r2",
      sidecarMode: "Native",
    });
    expect(cond(s, "Ready")).toMatchObject({ status: "True", reason: "AllPodsReady", observedGeneration: 3 });
    expect(cond(s, "Progressing")).toMatchObject({ status: "False", reason: "RolloutComplete" });
    expect(cond(s, "Degraded")).toMatchObject({ status: "False", reason: "AsExpected" });
    expect(s.pods?.[0]?.containers).toEqual([
      { name: "proxy", role: "ambassador", ready: true, restartCount: 0, state: "running" },
      { name: "web", role: "main", ready: true, restartCount: 0, state: "running" },
    ]);
  });

  it("says Mixed when some helpers run native and others classic, a value the status schema accepts", () => {
    const s = computeStatus(input([runningPod("a", "r2", true)], { sidecarMode: "Mixed" }));
    expect(s.sidecarMode).toBe("Mixed");
    expect(CompositeAppStatus.safeParse(s).success).toBe(true);
  });

  it("reports a crash loop as Degraded with the container and its last termination", () => {
    const s = computeStatus(input([runningPod("a", "r2", false, "CrashLoopBackOff")]));
    expect(cond(s, "Ready")).toMatchObject({ status: "False", reason: "PodsNotReady" });
    expect(cond(s, "Degraded")).toMatchObject({
      status: "True",
      reason: "CrashLoopBackOff",
      message: "container web of Pod a: back-off",
    });
    expect(s.pods?.[0]?.containers[1]).toMatchObject({
      restartCount: 3,
      state: "waiting: CrashLoopBackOff",
      lastTerminationReason: "Error",
    });
  });

  it("reports a Pod the scheduler cannot place as Degraded, with the scheduler's message, and does not stall it", () => {
    const message = "0/2 nodes are available: 2 Insufficient memory. preemption: 0/2 nodes are available.";
    const pending = observePod({
      metadata: { name: "a", uid: "a", labels: { "compositeapp.io/revision": "r2", "compositeapp.io/slot": "0" } },
      status: {
        phase: "Pending",
        conditions: [{ type: "PodScheduled", status: "False", reason: "Unschedulable", message }],
      },
    });
    const first = computeStatusAndRecheck(input([pending]));
    expect(cond(first.status, "Ready")).toMatchObject({ status: "False", reason: "PodsNotReady" });
    expect(cond(first.status, "Degraded")).toMatchObject({
      status: "True",
      reason: "Unschedulable",
      message: `Pod a cannot be scheduled: ${message}`,
    });
    // Capacity can free up without a new spec (another Pod ends, a node joins): not Stalled, and
    // nothing is timed towards it.
    expect(first.recheckAfterMs).toBeUndefined();
    const later = computeStatus(input([pending], { previous: first.status, now: "2026-01-02T00:00:00Z" }));
    expect(cond(later, "Stalled")).toMatchObject({ status: "False" });
    expect(cond(later, "Reconciling")).toMatchObject({ status: "True", reason: "Starting" });
  });

  it("does not call a Pod that waits for its first scheduling attempt unschedulable", () => {
    const fresh = observePod({
      metadata: { name: "a", uid: "a", labels: { "compositeapp.io/revision": "r2", "compositeapp.io/slot": "0" } },
      status: { phase: "Pending" },
    });
    expect(cond(computeStatus(input([fresh])), "Degraded")).toMatchObject({ status: "False", reason: "AsExpected" });
  });

  it("is not ready while old revisions remain", () => {
    const s = computeStatus(input([runningPod("a", "r1", true), runningPod("b", "r2", true)], { progressing: true }));
    expect(cond(s, "Ready")?.status).toBe("False");
    expect(cond(s, "Progressing")).toMatchObject({ status: "True", reason: "RolloutInProgress" });
  });

  it("keeps lastTransitionTime while a condition's status holds", () => {
    const first = computeStatus(input([runningPod("a", "r2", true)]));
    const again = computeStatus(input([runningPod("a", "r2", true)], { previous: first, now: "2026-02-02T00:00:00Z" }));
    expect(cond(again, "Ready")?.lastTransitionTime).toBe("2026-01-01T00:00:00Z");
    expect(statusChanged(first, again)).toBe(false);
    const down = computeStatus(input([runningPod("a", "r2", false)], { previous: first, now: "2026-02-02T00:00:00Z" }));
    expect(cond(down, "Ready")?.lastTransitionTime).toBe("2026-02-02T00:00:00Z");
    expect(statusChanged(first, down)).toBe(true);
  });

  it("reports an invalid spec without touching what it knew of the Pods", () => {
    const before = computeStatus(input([runningPod("a", "r2", true)]));
    const s = invalidSpecStatus(4, ["spec.main.image: required field is missing"], before, "2026-03-03T00:00:00Z");
    expect(s.readyReplicas).toBe(1);
    expect(s.observedGeneration).toBe(4);
    expect(cond(s, "Ready")).toMatchObject({
      status: "False",
      reason: "InvalidSpec",
      message: "spec.main.image: required field is missing",
    });
  });
});

describe("computeStatus: scale subresource", () => {
  it("reports the Pod selector as a string beside the live replica count", () => {
    const s = computeStatus(input([runningPod("a", "r2", true)], { selector: "compositeapp.io/name=shop" }));
    expect(s).toMatchObject({ replicas: 1, selector: "compositeapp.io/name=shop" });
  });
});

describe("computeStatus: kstatus conditions", () => {
  const stuck = () => [runningPod("a", "r2", false, "ImagePullBackOff")];

  it("writes Reconciling and Stalled beside Ready", () => {
    const s = computeStatus(input([runningPod("a", "r2", true)]));
    expect(cond(s, "Reconciling")).toMatchObject({ status: "False", reason: "Reconciled", observedGeneration: 3 });
    expect(cond(s, "Stalled")).toMatchObject({ status: "False", reason: "AsExpected" });
  });

  it("times a stuck Pod from when Degraded turned True, and stalls it past the progress deadline", () => {
    const first = computeStatusAndRecheck(input(stuck(), { progressDeadlineSeconds: 30 }));
    expect(cond(first.status, "Reconciling")).toMatchObject({ status: "True", reason: "Starting" });
    expect(first.recheckAfterMs).toBe(30_000);
    const later = computeStatusAndRecheck(
      input(stuck(), { progressDeadlineSeconds: 30, previous: first.status, now: "2026-01-01T00:00:30Z" }),
    );
    expect(cond(later.status, "Stalled")).toMatchObject({ status: "True", reason: "ImagePullBackOff" });
    expect(cond(later.status, "Reconciling")).toMatchObject({ status: "False", reason: "Stalled" });
    expect(cond(later.status, "Degraded")?.lastTransitionTime).toBe("2026-01-01T00:00:00Z");
  });

  it("keeps a crash loop Degraded in the moment between back-offs, so restarts do not reset the clock", () => {
    const pod = runningPod("a", "r2", false, "CrashLoopBackOff");
    const web = pod.pod.status?.containerStatuses?.[0];
    if (web) web.state = { terminated: { exitCode: 1, reason: "Error" } };
    const s = computeStatus(input([pod]));
    expect(cond(s, "Degraded")).toMatchObject({
      status: "True",
      reason: "CrashLoopBackOff",
      message: "container web of Pod a exited with code 1 and is being restarted",
    });
  });

  it("stalls an invalid spec and keeps observedGeneration", () => {
    const s = invalidSpecStatus(4, ["spec.main.image: required"], undefined, "2026-03-03T00:00:00Z");
    expect(s.observedGeneration).toBe(4);
    expect(cond(s, "Stalled")).toMatchObject({ status: "True", reason: "InvalidSpec", observedGeneration: 4 });
    expect(cond(s, "Reconciling")?.status).toBe("False");
  });
});
