// Run to completion, pure: the run's verdict, the back-off between attempts and the step planned,
// each with an injected clock, as the batch/v1 Job controller judges a Job.
import type { V1ContainerStatus, V1Pod } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { BACKOFF_MAX_MS, backoffDelayMs, judgeRun, type RunInput } from "../../../src/core/completion.js";
import { observePod, type ObservedPod } from "../../../src/core/observed.js";
import { attemptOf, planRun, reportedVerdict } from "../../../src/core/run-step.js";

const T0 = Date.parse("2026-01-01T00:00:00Z");
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

const terminated = (name: string, exitCode: number, finishedSec: number): V1ContainerStatus => ({
  name,
  image: "busybox",
  imageID: "",
  ready: false,
  restartCount: 0,
  state: {
    terminated: {
      exitCode,
      reason: exitCode === 0 ? "Completed" : "Error",
      finishedAt: at(finishedSec) as unknown as Date,
    },
  },
});

/** A Pod of app `job` with a main container `work` and a native sidecar `ship`. */
function jobPod(
  name: string,
  opts: { rev?: string; slot?: number; phase?: string; exit?: number; finished?: number; restarts?: number } = {},
): ObservedPod {
  const { rev = "r1", slot = 0, phase = "Running", exit = 0, finished = 0, restarts = 0 } = opts;
  const ended = phase === "Succeeded" || phase === "Failed";
  const pod: V1Pod = {
    metadata: {
      name,
      uid: `uid-${name}`,
      labels: { "compositeapp.io/revision": rev, "compositeapp.io/slot": String(slot) },
    },
    spec: {
      restartPolicy: "Never",
      initContainers: [{ name: "ship", image: "busybox", restartPolicy: "Always" }],
      containers: [{ name: "work", image: "busybox" }],
    },
    status: {
      phase,
      initContainerStatuses: [ended ? terminated("ship", 143, finished + 1) : running("ship")],
      containerStatuses: [ended ? terminated("work", exit, finished) : { ...running("work"), restartCount: restarts }],
    },
  };
  return observePod(pod);
}

function running(name: string): V1ContainerStatus {
  return { name, image: "busybox", imageID: "", ready: true, restartCount: 0, state: { running: {} } };
}

const failedPod = (name: string, finished: number, slot = 0) =>
  jobPod(name, { phase: "Failed", exit: 1, finished, slot });

const desiredPod = (slot: number): V1Pod => ({
  metadata: { name: `job-r1-${slot}`, labels: { "compositeapp.io/slot": String(slot) } },
  spec: {
    initContainers: [{ name: "ship", image: "busybox", restartPolicy: "Always" }],
    containers: [{ name: "work", image: "busybox" }],
  },
});

const runInput = (observed: ObservedPod[], now: number, extra: Partial<RunInput> = {}): RunInput => ({
  replicas: 1,
  revision: "r1",
  backoffLimit: 6,
  restartPolicy: "Never",
  observed,
  now: at(now),
  ...extra,
});

/** One step for an app at revision r1: the Pod names created and deleted, and the run. */
function step(observed: ObservedPod[], now: number, extra: Partial<RunInput> = {}) {
  const input = runInput(observed, now, extra);
  const desired = Array.from({ length: input.replicas }, (_, slot) => desiredPod(slot));
  const { plan, run } = planRun({ ...input, desired });
  return {
    create: plan.create.map((p) => p.metadata?.name),
    delete: plan.delete.map((d) => `${d.pod.name}:${d.reason}`),
    run,
  };
}

describe("the back-off between attempts", () => {
  it("is 10 s, doubling per failure, capped at 6 minutes, as the Job controller's", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(backoffDelayMs)).toEqual([
      10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 360_000, 360_000, 360_000,
    ]);
    expect(BACKOFF_MAX_MS).toBe(360_000);
    expect(backoffDelayMs(0)).toBe(0);
  });
});

describe("a run to completion", () => {
  it("creates the first Pod under the slot's name", () => {
    expect(step([], 0)).toMatchObject({ create: ["job-r1-0"], delete: [], run: { verdict: "Running" } });
  });

  it("does not replace a Succeeded Pod, counts it, and is Complete", () => {
    const s = step([jobPod("job-r1-0", { phase: "Succeeded", finished: 5 })], 6);
    expect(s).toMatchObject({ create: [], delete: [], run: { verdict: "Complete", succeeded: 1, failed: 0 } });
  });

  it("replaces a failed Pod after 10 s, 20 s, then 40 s, keeping the failed ones", () => {
    const one = [failedPod("job-r1-0", 100)];
    expect(step(one, 104)).toMatchObject({ create: [], delete: [], run: { backoffRemainingMs: 6_000, failed: 1 } });
    expect(step(one, 110)).toMatchObject({ create: ["job-r1-0-1"], delete: [] });
    expect(step(one, 110).run.backoffRemainingMs).toBeUndefined();

    const two = [...one, failedPod("job-r1-0-1", 130)];
    expect(step(two, 131).run).toMatchObject({ backoffRemainingMs: 19_000, failed: 2, verdict: "Running" });
    expect(step(two, 150)).toMatchObject({ create: ["job-r1-0-2"], delete: [] });

    const three = [...two, failedPod("job-r1-0-2", 200)];
    expect(step(three, 200).run.backoffRemainingMs).toBe(40_000);
    expect(step(three, 239).create).toEqual([]);
    expect(step(three, 240).create).toEqual(["job-r1-0-3"]);
  });

  it("counts the back-off from the failures since the last success", () => {
    const pods = [
      failedPod("job-r1-0", 10, 0),
      failedPod("job-r1-0-1", 40, 0),
      jobPod("job-r1-1", { phase: "Succeeded", finished: 50, slot: 1 }),
      failedPod("job-r1-0-2", 60, 0),
    ];
    expect(step(pods, 61, { replicas: 2 }).run).toMatchObject({ backoffRemainingMs: 9_000, failed: 3, succeeded: 1 });
  });

  it("waits for a Pod at work: no second Pod in a slot whose Pod is running", () => {
    expect(step([failedPod("job-r1-0", 0), jobPod("job-r1-0-1")], 100)).toMatchObject({ create: [], delete: [] });
  });

  it("is Failed once more Pods failed than backoffLimit, and stops the Pods still at work", () => {
    const pods = [failedPod("job-r1-0", 0), failedPod("job-r1-0-1", 20), jobPod("job-r1-1", { slot: 1 })];
    const s = step(pods, 30, { replicas: 2, backoffLimit: 1 });
    expect(s).toMatchObject({ create: [], delete: ["job-r1-1:BackoffLimitExceeded"] });
    expect(s.run).toMatchObject({
      verdict: "Failed",
      failed: 2,
      lastFailure: { pod: "job-r1-0-1", why: "container work exited with code 1 (Error)" },
    });
    expect(step(pods.slice(0, 1), 30, { replicas: 2, backoffLimit: 1 }).run.verdict).toBe("Running");
  });

  it("with OnFailure, counts container restarts towards backoffLimit, as a Job does", () => {
    const crashing = [jobPod("job-r1-0", { restarts: 2 })];
    expect(judgeRun(runInput(crashing, 0, { restartPolicy: "OnFailure", backoffLimit: 3 })).verdict).toBe("Running");
    expect(judgeRun(runInput(crashing, 0, { restartPolicy: "OnFailure", backoffLimit: 2 })).verdict).toBe("Failed");
    expect(judgeRun(runInput(crashing, 0, { restartPolicy: "Never", backoffLimit: 2 })).verdict).toBe("Running");
  });

  it("never counts a native sidecar's exit 143 as a failure", () => {
    const done = jobPod("job-r1-0", { phase: "Succeeded", finished: 5 });
    expect(done.pod.status?.initContainerStatuses?.[0]?.state?.terminated?.exitCode).toBe(143);
    expect(judgeRun(runInput([done], 10))).toMatchObject({ verdict: "Complete", failed: 0 });
  });

  it("stays ended once the status says so for this generation, even when its Pods are deleted", () => {
    const reported = { verdict: "Complete" as const, succeeded: 1, failed: 0 };
    expect(step([], 100, { reported })).toMatchObject({ create: [], delete: [], run: { verdict: "Complete" } });
    const failed = { verdict: "Failed" as const, succeeded: 0, failed: 7 };
    expect(step([], 100, { reported: failed })).toMatchObject({ create: [], run: { verdict: "Failed", failed: 7 } });
  });

  it("starts a new run for a new revision: the old run's Pods go first, as Recreate", () => {
    const old = [jobPod("job-r0-0", { rev: "r0", phase: "Succeeded", finished: 1 })];
    expect(step(old, 10)).toMatchObject({ create: [], delete: ["job-r0-0:Rollout"], run: { verdict: "Running" } });
    const oldRunning = [jobPod("job-r0-0", { rev: "r0" })];
    expect(step(oldRunning, 10)).toMatchObject({ create: [], delete: ["job-r0-0:Rollout"] });
  });

  it("scales down by slot, whatever the Pod's phase", () => {
    const pods = [jobPod("job-r1-0", { phase: "Succeeded", finished: 1 }), jobPod("job-r1-1", { slot: 1 })];
    expect(step(pods, 10)).toMatchObject({ create: [], delete: ["job-r1-1:ScaleDown"], run: { verdict: "Complete" } });
  });
});

describe("attempt names", () => {
  it("reads the attempt from a Pod's name, and nothing else", () => {
    expect(attemptOf("job-r1-0", "job-r1-0")).toBe(0);
    expect(attemptOf("job-r1-0-12", "job-r1-0")).toBe(12);
    expect(attemptOf("job-r1-0-x", "job-r1-0")).toBeUndefined();
    expect(attemptOf("job-r1-0-01", "job-r1-0")).toBeUndefined();
    expect(attemptOf("job-r1-1", "job-r1-0")).toBeUndefined();
  });
});

describe("the verdict the status reports", () => {
  const status = (type: string, generation: number, revision = "r1") => ({
    revision,
    succeeded: 1,
    failed: 2,
    conditions: [
      {
        type,
        status: "True" as const,
        reason: "x",
        message: "",
        lastTransitionTime: at(0),
        observedGeneration: generation,
      },
    ],
  });

  it("holds for the generation and revision it was written for only", () => {
    expect(reportedVerdict(status("Complete", 3), 3, "r1")).toEqual({ verdict: "Complete", succeeded: 1, failed: 2 });
    expect(reportedVerdict(status("Failed", 3), 3, "r1")?.verdict).toBe("Failed");
    expect(reportedVerdict(status("Complete", 3), 4, "r1")).toBeUndefined();
    expect(reportedVerdict(status("Complete", 3, "r0"), 3, "r1")).toBeUndefined();
    expect(reportedVerdict(status("Ready", 3), 3, "r1")).toBeUndefined();
  });
});
