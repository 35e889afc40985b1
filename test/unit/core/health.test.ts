import { describe, expect, it } from "vitest";
import { health, invalidSpecHealth, type HealthInput } from "../../../src/core/health.js";

const steady: HealthInput = {
  replicas: 2,
  revision: "r2",
  live: 2,
  ready: 2,
  updated: 2,
  progressing: false,
  problem: undefined,
  problemSince: undefined,
  progressDeadlineSeconds: 60,
  now: "2026-01-01T00:10:00Z",
};
const at = (extra: Partial<HealthInput>) => health({ ...steady, ...extra });
const pullBackOff = { reason: "ImagePullBackOff", message: "container web of Pod a: Back-off pulling image" };

describe("health (kstatus conditions)", () => {
  it("is neither reconciling nor stalled when every Pod is ready at the current revision", () => {
    const h = at({});
    expect(h.reconciling).toMatchObject({ status: false, reason: "Reconciled" });
    expect(h.stalled).toMatchObject({ status: false, reason: "AsExpected" });
    expect(h.recheckAfterMs).toBeUndefined();
  });

  it.each([
    ["a first start", { live: 0, ready: 0, updated: 0 }, "Starting", "0/2 Pods ready at revision r2"],
    ["Pods starting", { ready: 0 }, "Starting", "0/2 Pods ready at revision r2"],
    ["a rollout", { live: 3, updated: 1 }, "RollingOut", "1/2 Pods at revision r2"],
    ["a scale-up", { replicas: 3 }, "Scaling", "2 Pods, 3 wanted"],
    ["a scale-down", { replicas: 1 }, "Scaling", "2 Pods, 1 wanted"],
    ["a step that still waits", { progressing: true }, "Starting", "2/2 Pods ready at revision r2"],
  ])("is Reconciling during %s", (_what, extra, reason, message) => {
    const h = at(extra);
    expect(h.reconciling).toEqual({ type: "Reconciling", status: true, reason, message });
    expect(h.stalled.status).toBe(false);
  });

  it("keeps reconciling while a stalling problem is younger than the deadline, and says when to look again", () => {
    const h = at({ ready: 1, problem: pullBackOff, problemSince: "2026-01-01T00:09:20Z" });
    expect(h.reconciling).toMatchObject({ status: true, reason: "Starting" });
    expect(h.stalled.status).toBe(false);
    expect(h.recheckAfterMs).toBe(20_000);
  });

  it("is Stalled, and no longer Reconciling, once the problem outlasts the deadline", () => {
    const h = at({ ready: 1, problem: pullBackOff, problemSince: "2026-01-01T00:09:00Z" });
    expect(h.stalled).toEqual({
      type: "Stalled",
      status: true,
      reason: "ImagePullBackOff",
      message: "container web of Pod a: Back-off pulling image (for 60s, past the progress deadline of 60s)",
    });
    expect(h.reconciling).toMatchObject({ status: false, reason: "Stalled" });
    expect(h.recheckAfterMs).toBeUndefined();
  });

  it.each(["CrashLoopBackOff", "FailedCreate", "ErrImagePull", "CreateContainerConfigError", "FailedDisruptionBudget"])(
    "stalls on a lasting %s",
    (reason) => {
      const h = at({ problem: { reason, message: "m" }, problemSince: "2026-01-01T00:00:00Z" });
      expect(h.stalled).toMatchObject({ status: true, reason });
    },
  );

  it("never stalls on a problem that clears by itself (a failed Pod is replaced)", () => {
    const h = at({ ready: 1, problem: { reason: "PodFailed", message: "m" }, problemSince: "2026-01-01T00:00:00Z" });
    expect(h.stalled.status).toBe(false);
    expect(h.recheckAfterMs).toBeUndefined();
    expect(h.reconciling.status).toBe(true);
  });

  it("starts the clock now when the problem has just appeared", () => {
    const h = at({ problem: pullBackOff, problemSince: undefined });
    expect(h.stalled.status).toBe(false);
    expect(h.recheckAfterMs).toBe(60_000);
  });

  it("stalls an invalid spec at once", () => {
    const h = invalidSpecHealth("spec.main.image: required");
    expect(h.stalled).toMatchObject({ status: true, reason: "InvalidSpec", message: "spec.main.image: required" });
    expect(h.reconciling.status).toBe(false);
  });
});
