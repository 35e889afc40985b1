// The Controller's wiring on an in-memory API server under a fake clock: informers feed the work
// queue, a failed reconcile comes back with the rate limiter's per-key exponential back-off, success
// resets it, and a cancelled worker sends nothing more.
import type { V1Pod } from "@kubernetes/client-node";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CompositeAppStatus } from "../../../src/api/compositeapp.js";
import { ApiError, PODS } from "../../../src/controller/kube/api.js";
import {
  CONTROLLER_NAME,
  Controller,
  MAX_RETRY_DELAY_MS,
  QUEUE_NAME,
} from "../../../src/controller/manager/controller.js";
import { OperatorMetrics } from "../../../src/controller/metrics.js";
import { STATUS_COALESCE_MS } from "../../../src/controller/reconciler/status-coalescer.js";
import type { RawCompositeApp } from "../../../src/controller/reconciler/reconciler.js";
import { COMPOSITEAPPS } from "../../../src/controller/compositeapps.js";
import { DEFAULT_PRESET_IMAGES } from "../../../src/core/render/index.js";
import { baseApp } from "../../support/fixtures.js";
import { silentLogger } from "./fake-apiserver.js";
import { MemoryApi, forbidden, type Call } from "./memory-api.js";

const NS = "default";
const KEY = `${NS}/web`;

let api: MemoryApi;
let controller: Controller;
let metrics: OperatorMetrics;
/** Reasons of the Events the controller recorded. */
let recorded: string[];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
  api = new MemoryApi();
  metrics = new OperatorMetrics();
  recorded = [];
});

afterEach(async () => {
  await controller.stop();
  vi.useRealTimers();
});

/** `statusCoalesceMs`: 0 writes every status change at once, so retries are timed alone. */
async function start(replicas: number, signal?: AbortSignal, statusCoalesceMs?: number): Promise<void> {
  const input = baseApp();
  api.seed(COMPOSITEAPPS, { ...input, spec: { ...input.spec, replicas } });
  controller = new Controller({
    api,
    namespaces: [NS],
    concurrency: 2,
    images: DEFAULT_PRESET_IMAGES,
    serverVersion: { major: 1, minor: 33 },
    events: { normal: (_o, reason) => recorded.push(reason), warning: (_o, reason) => recorded.push(reason) },
    metrics,
    resyncPeriodMs: 0,
    log: silentLogger,
    ...(statusCoalesceMs !== undefined && { statusCoalesceMs }),
  });
  await controller.startCaches();
  expect(controller.hasSynced()).toBe(true);
  controller.startWorkers(signal);
  await vi.advanceTimersByTimeAsync(0);
}

const pods = () => api.all<V1Pod>(PODS, NS);
const status = (): CompositeAppStatus => api.all<RawCompositeApp>(COMPOSITEAPPS, NS)[0]!.status ?? {};
const degraded = () => status().conditions?.find((c) => c.type === "Degraded");
const slotOf = (c: Call) => c.obj?.metadata?.labels?.["compositeapp.io/slot"];
/** controller_runtime_reconcile_total{controller="compositeapp", result}. */
const reconciles = async (result: string) =>
  (await metrics.reconcileTotal.get()).values.find(
    (v) => v.labels.result === result && v.labels.controller === CONTROLLER_NAME,
  )?.value ?? 0;
/** compositeapp_reconcile_total{controller="compositeapp", outcome}. */
const outcomes = async (outcome: string) =>
  (await metrics.reconcileOutcomes.get()).values.find((v) => v.labels.outcome === outcome)?.value ?? 0;

/** A ResourceQuota on the count of Pods, as the API server's admission enforces it. */
function podQuota(limit: { pods: number }): (c: Call) => Error | undefined {
  return (c) => {
    if (c.verb !== "create" || c.resource !== "pods" || pods().length < limit.pods) return undefined;
    const name = c.obj?.metadata?.name ?? "";
    return forbidden(
      `pods "${name}" is forbidden: exceeded quota: q, requested: pods=1, used: pods=1, limited: pods=1`,
    );
  };
}

describe("Controller retries", () => {
  it("retries a refused create with doubling back-off and converges once the quota allows it", async () => {
    const quota = { pods: 1 };
    api.fault = podQuota(quota);
    const t0 = Date.now();
    await start(3, undefined, 0);
    expect(pods()).toHaveLength(1);
    expect(degraded()).toMatchObject({ status: "True", reason: "FailedCreate" });

    await vi.advanceTimersByTimeAsync(1_000);
    const attempts = api.calledWith("create", "pods").filter((c) => slotOf(c) === "1");
    const gaps = attempts.slice(1).map((c, i) => c.at - attempts[i]!.at);
    // client-go's controller rate limiter: 5 ms, doubling per failure of the key. The Pod created by the
    // first step requeues the app at once, and that reconcile supersedes the pending 5 ms retry; its
    // failure, the key's second, asks for 10 ms.
    expect(gaps).toEqual([0, 10, 20, 40, 80, 160, 320]);
    expect(attempts.length).toBeLessThan(12); // not a hot loop
    expect(controller.queue.numRequeues(KEY)).toBeGreaterThanOrEqual(8);
    expect(pods()).toHaveLength(1);

    quota.pods = 5;
    const raisedAt = Date.now();
    const nextGap = 640;
    await vi.advanceTimersByTimeAsync(nextGap);
    expect(pods()).toHaveLength(3);
    const recoveredAt = Math.max(...api.calledWith("create", "pods").map((c) => c.at));
    expect(recoveredAt - raisedAt).toBeLessThanOrEqual(nextGap);
    await vi.advanceTimersByTimeAsync(10);
    expect(degraded()).toMatchObject({ status: "False", reason: "AsExpected" });
    expect(controller.queue.numRequeues(KEY)).toBe(0); // success forgets the key's failures
    expect(await reconciles("error")).toBe(gaps.length + 1);
    expect(Date.now() - t0).toBeLessThan(2_000);
  });

  it("caps the retry delay, so an app failing for long still notices a raised quota within the cap", async () => {
    const quota = { pods: 1 };
    api.fault = podQuota(quota);
    await start(2);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    const attempts = api.calledWith("create", "pods").filter((c) => slotOf(c) === "1");
    const gaps = attempts.slice(1).map((c, i) => c.at - attempts[i]!.at);
    expect(Math.max(...gaps)).toBe(MAX_RETRY_DELAY_MS);
    expect(gaps.slice(-10)).toEqual(Array(10).fill(MAX_RETRY_DELAY_MS));

    quota.pods = 5;
    await vi.advanceTimersByTimeAsync(MAX_RETRY_DELAY_MS);
    expect(pods()).toHaveLength(2);
  });

  it("attempts every create of a step when the first one fails", async () => {
    api.fault = (c) => (c.verb === "create" && slotOf(c) === "0" ? forbidden("denied by a webhook") : undefined);
    await start(3);
    expect(api.calledWith("create").map(slotOf).slice(0, 3)).toEqual(["0", "1", "2"]);
    expect(
      pods()
        .map((p) => p.metadata?.labels?.["compositeapp.io/slot"])
        .sort(),
    ).toEqual(["1", "2"]);
    expect(degraded()).toMatchObject({ status: "True", reason: "FailedCreate", message: "denied by a webhook" });
  });

  it("retries a status write refused with 409 after the base delay, and the status lands", async () => {
    let conflicts = 1;
    api.fault = (c) =>
      c.verb === "updateStatus" && conflicts-- > 0
        ? new ApiError(409, "Conflict", "the object has been modified", "update")
        : undefined;
    await start(1, undefined, 0);
    await vi.advanceTimersByTimeAsync(5);
    const writes = api.calledWith("updateStatus");
    expect(writes.length).toBeGreaterThanOrEqual(2);
    expect(writes[1]!.at - writes[0]!.at).toBeLessThanOrEqual(5);
    expect(status().replicas).toBeDefined();
    expect(await reconciles("error")).toBe(1);
    expect(await outcomes("conflict")).toBe(1);
    expect(await outcomes("error")).toBe(0);
  });
});

describe("Controller cancellation", () => {
  it("aborting the workers' signal cancels a hung create; nothing is sent after it", async () => {
    const lease = new AbortController();
    api.fault = (c) => (c.verb === "create" ? "hang" : undefined);
    await start(3, lease.signal);
    expect(api.calledWith("create")).toHaveLength(1);

    lease.abort();
    const callsAtAbort = api.calls.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(api.calls.slice(callsAtAbort).filter((c) => c.verb !== "list" && c.verb !== "get")).toEqual([]);
    expect(await outcomes("cancelled")).toBe(1);
    // controller-runtime counts a cancelled reconcile as an error.
    expect(await reconciles("error")).toBe(1);
    expect((await metrics.reconcileErrors.get()).values[0]?.value).toBe(1);
    await controller.stop();
  });
});

describe("Controller metrics", () => {
  type Metric = {
    get(): Promise<{ values: { labels: Record<string, unknown>; metricName?: string; value: number }[] }>;
  };
  const value = async (metric: Metric, suffix = "") =>
    (await metric.get()).values.find(
      (v) =>
        (suffix === "" || v.metricName?.endsWith(suffix)) &&
        v.labels.name === QUEUE_NAME &&
        v.labels.controller === CONTROLLER_NAME,
    )?.value ?? Number.NaN;

  it("exposes controller-runtime's reconcile metrics and client-go's work queue metrics, labelled compositeapp", async () => {
    const quota = { pods: 1 };
    api.fault = podQuota(quota);
    await start(2);
    await vi.advanceTimersByTimeAsync(100);
    quota.pods = 5;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(pods()).toHaveLength(2);

    const failed = await reconciles("error");
    const total = failed + (await reconciles("success")) + (await reconciles("requeue_after"));
    expect(failed).toBeGreaterThan(2);
    expect(await reconciles("requeue")).toBe(0);
    expect((await metrics.reconcileErrors.get()).values).toEqual([
      expect.objectContaining({ labels: { controller: CONTROLLER_NAME }, value: failed }),
    ]);
    const time = (await metrics.reconcileTime.get()).values.find((v) => v.metricName?.endsWith("_count"));
    expect(time).toMatchObject({ labels: { controller: CONTROLLER_NAME }, value: total });
    expect((await metrics.maxConcurrentReconciles.get()).values[0]).toMatchObject({ value: 2 });
    expect((await metrics.activeWorkers.get()).values[0]).toMatchObject({ value: 0 });

    expect(await value(metrics.workQueue.retries)).toBe(failed);
    expect(await value(metrics.workQueue.adds)).toBeGreaterThanOrEqual(total);
    expect(await value(metrics.workQueue.depth)).toBe(0);
    expect(await value(metrics.workQueue.workDuration, "_count")).toBe(total);
    expect(await value(metrics.workQueue.queueDuration, "_count")).toBe(total);
    expect(await value(metrics.workQueue.unfinishedWork)).toBe(0);
    expect(await value(metrics.workQueue.longestRunningProcessor)).toBe(0);
    const text = await metrics.registry.metrics();
    for (const name of [
      "adds_total counter",
      "depth gauge",
      "queue_duration_seconds histogram",
      "work_duration_seconds histogram",
      "retries_total counter",
      "unfinished_work_seconds gauge",
      "longest_running_processor_seconds gauge",
    ]) {
      expect(text).toContain(`# TYPE workqueue_${name}\n`);
    }
    expect(text).toContain(`controller_runtime_reconcile_total{controller="compositeapp",result="success"} `);
  });

  it("counts the workers busy and the work in flight while a reconcile hangs", async () => {
    let nowMs = 1_000;
    metrics = new OperatorMetrics({ now: () => nowMs });
    api.fault = (c) => (c.verb === "create" ? "hang" : undefined);
    await start(1);
    expect(api.calledWith("create")).toHaveLength(1);
    expect((await metrics.activeWorkers.get()).values[0]).toMatchObject({ value: 1 });
    nowMs += 2_500;
    expect(await value(metrics.workQueue.unfinishedWork)).toBe(2.5);
    expect(await value(metrics.workQueue.longestRunningProcessor)).toBe(2.5);
  });
});

describe("Controller writes", () => {
  /** What the controller wrote, by verb and resource: Pods and status; Events are counted apart. */
  const writes = () => api.calls.filter((c) => c.verb !== "list").map((c) => `${c.verb} ${c.resource}`);

  const readyPod = async () => {
    const pod = pods()[0]!;
    await api.replaceStatus(PODS, NS, pod.metadata!.name!, {
      ...pod,
      status: { phase: "Running", conditions: [{ type: "Ready", status: "True" }] },
    });
  };

  it("a new app costs one Pod create and one status write until its Pod changes, besides one Event", async () => {
    await start(1);
    // The first status waits STATUS_COALESCE_MS for changes that follow it.
    await vi.advanceTimersByTimeAsync(STATUS_COALESCE_MS - 10);
    expect(writes()).toEqual(["create pods"]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(writes()).toEqual(["create pods", "updateStatus compositeapps"]);
    expect(recorded).toEqual(["SuccessfulCreate"]);
    expect(status()).toMatchObject({ replicas: 1, readyReplicas: 0, updatedReplicas: 1 });

    // The kubelet starts it: one more status write, for Ready.
    await readyPod();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(writes()).toEqual([
      "create pods",
      "updateStatus compositeapps",
      "updateStatus pods",
      "updateStatus compositeapps",
    ]);
    expect(status().conditions?.find((c) => c.type === "Ready")?.status).toBe("True");
    expect(recorded).toEqual(["SuccessfulCreate"]);

    // At rest, and on every resync after, nothing more.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(writes()).toHaveLength(4);
  });

  it("a Pod that turns Ready within the window of the first status makes one status write for both", async () => {
    await start(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(writes()).toEqual(["create pods"]);
    await readyPod();
    await vi.advanceTimersByTimeAsync(2 * STATUS_COALESCE_MS);
    expect(writes()).toEqual(["create pods", "updateStatus pods", "updateStatus compositeapps"]);
    expect(status()).toMatchObject({ replicas: 1, readyReplicas: 1 });
    expect(status().conditions?.find((c) => c.type === "Ready")?.status).toBe("True");
  });
});

describe("Controller queue priorities", () => {
  it("queues the apps of the first list at low priority, so an app created after a start goes first", async () => {
    const input = baseApp();
    for (const name of ["old-1", "old-2"]) api.seed(COMPOSITEAPPS, { ...input, metadata: { ...input.metadata, name } });
    controller = new Controller({
      api,
      namespaces: [NS],
      concurrency: 1,
      images: DEFAULT_PRESET_IMAGES,
      serverVersion: { major: 1, minor: 33 },
      events: { normal: () => undefined, warning: () => undefined },
      metrics,
      resyncPeriodMs: 0,
      log: silentLogger,
    });
    await controller.startCaches();
    expect([controller.queue.len("normal"), controller.queue.len("low")]).toEqual([0, 2]);
    await api.create(COMPOSITEAPPS, NS, { ...input, metadata: { ...input.metadata, name: "new" } });
    await vi.advanceTimersByTimeAsync(0);
    expect([controller.queue.len("normal"), controller.queue.len("low")]).toEqual([1, 2]);
    const next = await controller.queue.get();
    controller.queue.done(next!);
    expect(next).toBe(`${NS}/new`);
  });
});
