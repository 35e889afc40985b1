// The Reconciler against an in-memory API server: every planned action is attempted when some fail,
// the status reports the failure, and the reconcile rejects so that the controller retries it.
import type { V1Pod, V1PodDisruptionBudget } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import type { CompositeAppStatus } from "../../../src/api/compositeapp.js";
import { ApiError, PODS, type KubeObject } from "../../../src/controller/kube/api.js";
import { PODDISRUPTIONBUDGETS } from "../../../src/controller/reconciler/disruption-budget.js";
import {
  Reconciler,
  ReconcileError,
  type EventSink,
  type RawCompositeApp,
} from "../../../src/controller/reconciler/reconciler.js";
import { COMPOSITEAPPS } from "../../../src/controller/compositeapps.js";
import { DEFAULT_PRESET_IMAGES } from "../../../src/core/render/index.js";
import { baseApp } from "../../support/fixtures.js";
import { silentLogger } from "../controller/fake-apiserver.js";
import { MemoryApi, forbidden, internalError, timeout, type Call } from "../controller/memory-api.js";

const NS = "default";
const KEY = `${NS}/web`;

function setup(replicas: number, extraSpec: object = {}) {
  const api = new MemoryApi();
  const input = baseApp();
  api.seed(COMPOSITEAPPS, { ...input, spec: { ...input.spec, replicas, ...extraSpec } });
  const events: string[] = [];
  const sink: EventSink = {
    normal: (_o, reason, message) => events.push(`Normal ${reason} ${message}`),
    warning: (_o, reason, message) => events.push(`Warning ${reason} ${message}`),
  };
  const app = (): RawCompositeApp => api.all<RawCompositeApp>(COMPOSITEAPPS, NS)[0]!;
  const reconciler = new Reconciler({
    api,
    getApp: (key) => (key === KEY ? app() : undefined),
    podsOf: (uid) => api.all<V1Pod>(PODS, NS).filter((p) => controlledBy(p, uid)),
    budgetOf: (uid) => api.all<V1PodDisruptionBudget>(PODDISRUPTIONBUDGETS, NS).find((b) => controlledBy(b, uid)),
    events: sink,
    images: DEFAULT_PRESET_IMAGES,
    serverVersion: { major: 1, minor: 33 },
    log: silentLogger,
    now: () => new Date("2026-01-01T00:00:00Z"),
  });
  const status = (): CompositeAppStatus => app().status ?? {};
  const degraded = () => status().conditions?.find((c) => c.type === "Degraded");
  const podNames = () => api.all<V1Pod>(PODS, NS).map((p) => p.metadata!.name!);
  return { api, reconciler, events, status, degraded, podNames };
}

const controlledBy = (o: KubeObject, uid: string) =>
  o.metadata?.ownerReferences?.some((r) => r.controller && r.uid === uid) ?? false;

const slotOf = (c: Call) => (c.obj as V1Pod).metadata?.labels?.["compositeapp.io/slot"];

/** Rejection of a reconcile, or a failure of the test when it resolved. */
async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error("the reconcile resolved; it was expected to reject");
}

describe("Reconciler failure handling", () => {
  it("attempts every create when one is refused by a quota, writes Degraded/FailedCreate, and rejects", async () => {
    const { api, reconciler, degraded, podNames, events } = setup(3);
    const quota = 'pods "web-x-1" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=1, limited: pods=1';
    api.fault = (c) => (c.verb === "create" && slotOf(c) === "1" ? forbidden(quota) : undefined);

    const err = await rejection(reconciler.reconcile(KEY));

    expect(api.calledWith("create", "pods").map(slotOf)).toEqual(["0", "1", "2"]);
    expect(podNames()).toHaveLength(2);
    expect(err).toBeInstanceOf(ReconcileError);
    expect(err).toBeInstanceOf(AggregateError);
    expect((err as ReconcileError).failures.map((f) => [f.reason, f.message])).toEqual([["FailedCreate", quota]]);
    expect((err as ReconcileError).errors).toHaveLength(1);
    expect(degraded()).toMatchObject({ status: "True", reason: "FailedCreate", message: quota });
    expect(events.filter((e) => e.startsWith("Warning FailedCreate"))).toHaveLength(1);
    expect(events.filter((e) => e.startsWith("Normal SuccessfulCreate"))).toHaveLength(2);
  });

  it("reports a PodDisruptionBudget it cannot write first, still creates the Pods, and rejects", async () => {
    const { api, reconciler, degraded, podNames } = setup(2, { disruptionBudget: { minAvailable: 1 } });
    api.fault = (c) => (c.verb === "create" && c.resource === "poddisruptionbudgets" ? internalError() : undefined);

    const err = (await rejection(reconciler.reconcile(KEY))) as ReconcileError;

    expect(podNames()).toHaveLength(2);
    expect(err.failures.map((f) => f.reason)).toEqual(["FailedDisruptionBudget"]);
    expect(degraded()).toMatchObject({ status: "True", reason: "FailedDisruptionBudget" });
    api.fault = () => undefined;
    await reconciler.reconcile(KEY);
    expect(api.all(PODDISRUPTIONBUDGETS, NS)).toHaveLength(1);
  });

  it("collects 500s and timeouts alike; the status names the first and counts the rest", async () => {
    const { api, reconciler, degraded, podNames } = setup(3);
    api.fault = (c) =>
      c.verb !== "create"
        ? undefined
        : slotOf(c) === "0"
          ? internalError()
          : slotOf(c) === "2"
            ? timeout("POST")
            : undefined;

    const err = (await rejection(reconciler.reconcile(KEY))) as ReconcileError;

    expect(err.failures.map((f) => f.message)).toEqual([
      "etcdserver: request timed out",
      "POST: no answer within 30000 ms",
    ]);
    expect(podNames()).toHaveLength(1);
    expect(degraded()).toMatchObject({
      status: "True",
      reason: "FailedCreate",
      message: "etcdserver: request timed out (and 1 more failure)",
    });
  });

  it("does not rewrite the status while the same actions keep failing, and clears Degraded once they succeed", async () => {
    const { api, reconciler, degraded, podNames } = setup(2);
    let failing = true;
    api.fault = (c) => (failing && c.verb === "create" && slotOf(c) === "1" ? forbidden("exceeded quota") : undefined);

    await rejection(reconciler.reconcile(KEY));
    await rejection(reconciler.reconcile(KEY)); // now sees the Pod of slot 0: the status changes
    const writes = api.calledWith("updateStatus").length;
    await rejection(reconciler.reconcile(KEY));
    expect(api.calledWith("updateStatus")).toHaveLength(writes);
    expect(api.calledWith("create").map(slotOf)).toEqual(["0", "1", "1", "1"]);

    failing = false;
    await expect(reconciler.reconcile(KEY)).resolves.toEqual({});
    expect(podNames()).toHaveLength(2);
    expect(degraded()).toMatchObject({ status: "False", reason: "AsExpected" });
  });

  it("a failed delete does not stop the creates of the same step", async () => {
    const { api, reconciler, podNames } = setup(2);
    // A Pod in a slot out of range (as after a scale-down) whose delete fails.
    await reconciler.reconcile(KEY);
    const [first] = api.all<V1Pod>(PODS, NS);
    const extra = structuredClone(first!);
    extra.metadata = { ...extra.metadata, name: "web-old-7", uid: undefined, resourceVersion: undefined };
    extra.metadata.labels = { ...extra.metadata.labels, "compositeapp.io/slot": "7" };
    api.seed(PODS, extra);
    for (const p of api.all<V1Pod>(PODS, NS).filter((p) => p.metadata?.name !== "web-old-7")) {
      await api.delete(PODS, NS, p.metadata!.name!);
    }
    api.fault = (c) => (c.verb === "delete" ? internalError() : undefined);

    const err = (await rejection(reconciler.reconcile(KEY))) as ReconcileError;

    expect(err.failures.map((f) => [f.reason, f.pod])).toEqual([["FailedDelete", "web-old-7"]]);
    expect(podNames()).toHaveLength(3);
    expect(api.calls.filter((c) => c.verb === "create")).toHaveLength(4);
  });

  it("rejects on a 409 when writing the status, after the creates, so the app is retried", async () => {
    const { api, reconciler, podNames } = setup(2);
    api.fault = (c) =>
      c.verb === "updateStatus" ? new ApiError(409, "Conflict", "the object has been modified", "update") : undefined;

    const err = await rejection(reconciler.reconcile(KEY));

    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe(409);
    expect(podNames()).toHaveLength(2);
  });

  it("a create whose answer was lost (timeout) is retried, and AlreadyExists then counts as done", async () => {
    const { api, reconciler, podNames } = setup(1);
    const serve = api.create.bind(api);
    let lost = 0;
    api.create = async (res, ns, obj, call) => {
      const created = await serve(res, ns, obj, call);
      if (lost++ === 0) throw timeout("POST"); // the Pod was created; only the answer is lost
      return created;
    };

    await rejection(reconciler.reconcile(KEY));
    expect(podNames()).toHaveLength(1);
    await expect(reconciler.reconcile(KEY)).resolves.toEqual({});
    expect(podNames()).toHaveLength(1);
  });
});

describe("Reconciler cancellation", () => {
  it("stops at once when the signal aborts mid-request: no further create, no status write", async () => {
    const { api, reconciler, podNames } = setup(3);
    const abort = new AbortController();
    api.fault = (c) => (c.verb === "create" && slotOf(c) === "1" ? "hang" : undefined);

    const running = reconciler.reconcile(KEY, abort.signal);
    await until(() => api.calledWith("create").length === 2);
    abort.abort(new DOMException("lease lost", "AbortError"));
    const err = await rejection(running);

    expect((err as Error).name).toBe("AbortError");
    expect(api.calledWith("create").map(slotOf)).toEqual(["0", "1"]);
    expect(api.calledWith("updateStatus")).toHaveLength(0);
    expect(podNames()).toHaveLength(1);
  });

  it("sends nothing when the signal has already aborted", async () => {
    const { api, reconciler } = setup(2);
    const abort = new AbortController();
    abort.abort();
    await rejection(reconciler.reconcile(KEY, abort.signal));
    expect(api.calls).toHaveLength(0);
  });
});

/** Lets queued promise callbacks run until the condition holds (no timers involved). */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((r) => setImmediate(r));
  expect(condition()).toBe(true);
}
