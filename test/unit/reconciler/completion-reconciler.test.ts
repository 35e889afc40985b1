// A run to completion through the Reconciler against an in-memory API server, with an injected
// clock: a failed Pod is kept and replaced after the back-off (the reconcile asks to be requeued
// after what remains of it), the run fails past backoffLimit, and an ended run writes nothing more.
import type { V1Pod, V1PodDisruptionBudget } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import type { CompositeAppStatus } from "../../../src/api/compositeapp.js";
import { PODS, type KubeObject } from "../../../src/controller/kube/api.js";
import { PODDISRUPTIONBUDGETS } from "../../../src/controller/reconciler/disruption-budget.js";
import { Reconciler, type RawCompositeApp } from "../../../src/controller/reconciler/reconciler.js";
import { COMPOSITEAPPS } from "../../../src/controller/compositeapps.js";
import { DEFAULT_PRESET_IMAGES } from "../../../src/core/render/index.js";
import { baseApp } from "../../support/fixtures.js";
import { silentLogger } from "../controller/fake-apiserver.js";
import { MemoryApi } from "../controller/memory-api.js";

const NS = "default";
const KEY = `${NS}/web`;
const T0 = Date.parse("2026-01-01T00:00:00Z");

const controlledBy = (o: KubeObject, uid: string) =>
  o.metadata?.ownerReferences?.some((r) => r.controller && r.uid === uid) ?? false;

function setup(spec: object) {
  const api = new MemoryApi();
  const input = baseApp();
  api.seed(COMPOSITEAPPS, { ...input, spec: { ...input.spec, pod: { restartPolicy: "Never" }, ...spec } });
  let clock = T0;
  const events: string[] = [];
  const app = (): RawCompositeApp => api.all<RawCompositeApp>(COMPOSITEAPPS, NS)[0]!;
  const pods = () => api.all<V1Pod>(PODS, NS);
  const reconciler = new Reconciler({
    api,
    getApp: (key) => (key === KEY ? app() : undefined),
    podsOf: (uid) => pods().filter((p) => controlledBy(p, uid)),
    budgetOf: (uid) => api.all<V1PodDisruptionBudget>(PODDISRUPTIONBUDGETS, NS).find((b) => controlledBy(b, uid)),
    events: {
      normal: (_o, reason) => events.push(`Normal ${reason}`),
      warning: (_o, reason) => events.push(`Warning ${reason}`),
    },
    images: DEFAULT_PRESET_IMAGES,
    serverVersion: { major: 1, minor: 33 },
    log: silentLogger,
    now: () => new Date(clock),
  });
  /** The kubelet's part: the Pod's main container exits with `code` now. */
  const finish = (name: string, code: number) => {
    const pod = pods().find((p) => p.metadata?.name === name)!;
    const finishedAt = new Date(clock).toISOString() as unknown as Date;
    api.seed(PODS, {
      ...pod,
      status: {
        phase: code === 0 ? "Succeeded" : "Failed",
        containerStatuses: [
          {
            name: "main",
            image: "busybox",
            imageID: "",
            ready: false,
            restartCount: 0,
            state: { terminated: { exitCode: code, finishedAt } },
          },
        ],
      },
    });
  };
  const status = (): CompositeAppStatus => app().status ?? {};
  const condition = (type: string) => status().conditions?.find((c) => c.type === type);
  return {
    api,
    events,
    reconciler,
    finish,
    status,
    condition,
    names: () =>
      pods()
        .map((p) => p.metadata!.name!)
        .sort(),
    advance: (ms: number) => (clock += ms),
    writes: () => api.calls.filter((c) => c.verb !== "list" && c.verb !== "get").length,
  };
}

describe("a run to completion, reconciled", () => {
  it("keeps a failed Pod, replaces it after the back-off, then fails past backoffLimit and writes no more", async () => {
    const t = setup({ backoffLimit: 1 });
    await t.reconciler.reconcile(KEY);
    const [first] = t.names();
    expect(first).toMatch(/^web-[0-9a-f]+-0$/);

    t.advance(1_000);
    t.finish(first!, 1);
    t.advance(3_000);
    expect(await t.reconciler.reconcile(KEY)).toEqual({ requeueAfterMs: 7_000 });
    expect(t.names()).toEqual([first]);
    expect(t.condition("Reconciling")).toMatchObject({ status: "True", reason: "BackOff" });
    expect(t.status()).toMatchObject({ failed: 1, succeeded: 0 });

    t.advance(7_000);
    await t.reconciler.reconcile(KEY);
    expect(t.names()).toEqual([first, `${first}-1`]);

    t.advance(2_000);
    t.finish(`${first}-1`, 1);
    await t.reconciler.reconcile(KEY);
    expect(t.condition("Failed")).toMatchObject({ status: "True", reason: "BackoffLimitExceeded" });
    expect(t.condition("Stalled")).toMatchObject({ status: "True", reason: "BackoffLimitExceeded" });
    expect(t.status()).toMatchObject({ failed: 2, succeeded: 0 });
    expect(t.names()).toEqual([first, `${first}-1`]);
    expect(t.events.filter((e) => e.includes("BackoffLimitExceeded"))).toEqual(["Warning BackoffLimitExceeded"]);

    const before = t.writes();
    t.advance(3_600_000);
    expect(await t.reconciler.reconcile(KEY)).toEqual({});
    expect(t.writes()).toBe(before);
  });

  it("does not replace a Succeeded Pod, is Complete, and writes no more", async () => {
    const t = setup({ replicas: 2 });
    await t.reconciler.reconcile(KEY);
    const names = t.names();
    expect(names).toHaveLength(2);
    t.advance(5_000);
    for (const name of names) t.finish(name, 0);
    await t.reconciler.reconcile(KEY);
    expect(t.condition("Complete")).toMatchObject({ status: "True", reason: "CompletionsReached" });
    expect(t.condition("Ready")).toMatchObject({ status: "True" });
    expect(t.status()).toMatchObject({ succeeded: 2, failed: 0, replicas: 0 });

    const before = t.writes();
    t.advance(3_600_000);
    await t.reconciler.reconcile(KEY);
    expect(t.names()).toEqual(names);
    expect(t.writes()).toBe(before);
    expect(t.events.filter((e) => !e.includes("SuccessfulCreate"))).toEqual(["Normal Completed"]);
  });
});
