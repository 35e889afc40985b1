// The status of an app that runs to completion: Job-like counts and conditions that kstatus reads
// the generic way (Running: Reconciling=True; Complete: Ready=True; Failed: Stalled=True), native
// sidecars stopped with the Pod reported as stopped, not failed, and no rewrite once it ended.
import type { V1ContainerStatus, V1Pod } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { CompositeAppStatus } from "../../../src/api/compositeapp.js";
import { judgeRun, type RunInput } from "../../../src/core/completion.js";
import { observePod, type ObservedPod } from "../../../src/core/observed.js";
import { computeStatus, statusChanged, type StatusInput } from "../../../src/core/status.js";

const T0 = Date.parse("2026-01-01T00:00:00Z");
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

function container(name: string, state: V1ContainerStatus["state"], restartCount = 0): V1ContainerStatus {
  return { name, image: "busybox", imageID: "", ready: state?.running !== undefined, restartCount, state };
}
const exited = (code: number, finished: number, reason = code === 0 ? "Completed" : "Error") => ({
  terminated: { exitCode: code, reason, finishedAt: at(finished) as unknown as Date },
});

/** A finished Pod: main `work` exited `code`, the native sidecar `ship` was stopped with `sidecarCode`. */
function finishedPod(name: string, code: number, finished: number, sidecarCode = 143): ObservedPod {
  const pod: V1Pod = {
    metadata: {
      name,
      uid: name,
      labels: { "compositeapp.io/revision": "r1", "compositeapp.io/slot": "0" },
      annotations: { "compositeapp.io/roles": JSON.stringify({ work: "main", ship: "sidecar" }) },
    },
    spec: {
      restartPolicy: "Never",
      initContainers: [{ name: "ship", image: "busybox", restartPolicy: "Always" }],
      containers: [{ name: "work", image: "busybox" }],
    },
    status: {
      phase: code === 0 ? "Succeeded" : "Failed",
      conditions: [{ type: "Ready", status: "False" }],
      initContainerStatuses: [container("ship", exited(sidecarCode, finished + 1))],
      containerStatuses: [container("work", exited(code, finished))],
    },
  };
  return observePod(pod);
}

function statusAt(observed: ObservedPod[], now: number, previous?: CompositeAppStatus, extra: Partial<RunInput> = {}) {
  const runInput: RunInput = {
    replicas: 1,
    revision: "r1",
    backoffLimit: 1,
    restartPolicy: "Never",
    observed,
    now: at(now),
    ...extra,
  };
  const input: StatusInput = {
    generation: 2,
    replicas: 1,
    revision: "r1",
    sidecarMode: "Native",
    effectiveResources: { requests: {}, limits: {} },
    observed,
    progressing: false,
    previous,
    run: { run: judgeRun(runInput), backoffLimit: runInput.backoffLimit },
    now: at(now),
  };
  return computeStatus(input);
}

const conditions = (s: CompositeAppStatus) =>
  Object.fromEntries((s.conditions ?? []).map((c) => [c.type, `${c.status} ${c.reason}`]));

describe("the status of a run to completion", () => {
  it("Complete: Ready, not Reconciling nor Stalled (kstatus Current), with a Job's Complete condition", () => {
    const s = statusAt([finishedPod("job-r1-0", 0, 5)], 10);
    expect(conditions(s)).toEqual({
      Ready: "True CompletionsReached",
      Progressing: "False CompletionsReached",
      Degraded: "False AsExpected",
      Reconciling: "False CompletionsReached",
      Stalled: "False AsExpected",
      Complete: "True CompletionsReached",
      Failed: "False CompletionsReached",
    });
    expect(s).toMatchObject({ replicas: 0, readyReplicas: 0, succeeded: 1, failed: 0, observedGeneration: 2 });
    expect(CompositeAppStatus.safeParse(s).success).toBe(true);
  });

  it("reports a native sidecar's exit 143 or 137 at Pod termination as a stop, not an error", () => {
    const stopped = (code: number) =>
      statusAt([finishedPod("job-r1-0", 0, 5, code)], 10).pods?.[0]?.containers.find((c) => c.name === "ship");
    expect(stopped(143)).toEqual({
      name: "ship",
      role: "sidecar",
      ready: false,
      restartCount: 0,
      state: "terminated: Stopped (exit 143, SIGTERM at Pod termination)",
    });
    expect(stopped(137)?.state).toBe("terminated: Stopped (exit 137, SIGKILL at Pod termination)");
    // Any other exit code is the sidecar's own failure, and says so.
    expect(stopped(2)?.state).toBe("terminated: Error");
  });

  it("while a failed Pod waits out its back-off: Reconciling BackOff (InProgress), Degraded PodFailed", () => {
    const s = statusAt([finishedPod("job-r1-0", 1, 5)], 8);
    expect(conditions(s)).toMatchObject({
      Ready: "False Running",
      Reconciling: "True BackOff",
      Stalled: "False AsExpected",
      Degraded: "True PodFailed",
      Complete: "False Running",
      Failed: "False Running",
    });
    expect(s.conditions?.find((c) => c.type === "Degraded")?.message).toBe(
      "Pod job-r1-0 failed: container work exited with code 1 (Error) (1 of at most 2 failed)",
    );
    expect(s).toMatchObject({ succeeded: 0, failed: 1 });
  });

  it("Failed past backoffLimit: Stalled (kstatus Failed), Ready False, a Job's Failed condition", () => {
    const s = statusAt([finishedPod("job-r1-0", 1, 5), finishedPod("job-r1-0-1", 1, 20)], 21);
    expect(conditions(s)).toEqual({
      Ready: "False BackoffLimitExceeded",
      Progressing: "False BackoffLimitExceeded",
      Degraded: "True BackoffLimitExceeded",
      Reconciling: "False Stalled",
      Stalled: "True BackoffLimitExceeded",
      Complete: "False BackoffLimitExceeded",
      Failed: "True BackoffLimitExceeded",
    });
    expect(s.conditions?.find((c) => c.type === "Failed")?.message).toBe(
      "the run reached backoffLimit 1: 2 failed Pods; the last, Pod job-r1-0-1: container work exited with code 1 (Error)",
    );
    expect(s).toMatchObject({ succeeded: 0, failed: 2 });
  });

  it("writes nothing further once Complete or Failed, however much later", () => {
    const done = [finishedPod("job-r1-0", 0, 5)];
    const first = statusAt(done, 10);
    expect(statusChanged(first, statusAt(done, 10_000, first))).toBe(false);
    const failed = [finishedPod("job-r1-0", 1, 5), finishedPod("job-r1-0-1", 1, 20)];
    const firstFailed = statusAt(failed, 21);
    expect(statusChanged(firstFailed, statusAt(failed, 10_000, firstFailed))).toBe(false);
  });
});
