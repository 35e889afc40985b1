// The Reconciler's dry-run gate against an in-memory API server: a rollout the server would refuse
// is held with the old Pods untouched and reported (Stalled/RolloutRejected, one Warning Event), asked
// about again only after its back-off, and carried out once the server admits it; a new app, an app
// at rest and a rollout under way cost no dry run.
import type { V1Pod, V1PodDisruptionBudget } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import type { CompositeAppStatus } from "../../../src/api/compositeapp.js";
import { PODS, type KubeObject } from "../../../src/controller/kube/api.js";
import { PODDISRUPTIONBUDGETS } from "../../../src/controller/reconciler/disruption-budget.js";
import { Reconciler, ReconcileError, type RawCompositeApp } from "../../../src/controller/reconciler/reconciler.js";
import { COMPOSITEAPPS } from "../../../src/controller/compositeapps.js";
import { DEFAULT_PRESET_IMAGES } from "../../../src/core/render/index.js";
import { baseApp } from "../../support/fixtures.js";
import { silentLogger } from "../controller/fake-apiserver.js";
import { MemoryApi, forbidden, internalError, type Call } from "../controller/memory-api.js";

const NS = "default";
const KEY = `${NS}/web`;
const REFUSAL = 'pods "web-x-0" is forbidden: violates PodSecurity "restricted:latest": runAsNonRoot != true';

function setup(replicas: number, extraSpec: object = {}) {
  const api = new MemoryApi();
  const input = baseApp();
  api.seed(COMPOSITEAPPS, { ...input, spec: { ...input.spec, replicas, ...extraSpec } });
  const events: string[] = [];
  const clock = { ms: Date.parse("2026-01-01T00:00:00Z") };
  const app = (): RawCompositeApp => api.all<RawCompositeApp>(COMPOSITEAPPS, NS)[0]!;
  const reconciler = new Reconciler({
    api,
    getApp: (key) => (key === KEY ? app() : undefined),
    podsOf: (uid) => api.all<V1Pod>(PODS, NS).filter((p) => controlledBy(p, uid)),
    budgetOf: (uid) => api.all<V1PodDisruptionBudget>(PODDISRUPTIONBUDGETS, NS).find((b) => controlledBy(b, uid)),
    events: {
      normal: (_o, reason, message) => events.push(`Normal ${reason} ${message}`),
      warning: (_o, reason, message) => events.push(`Warning ${reason} ${message}`),
    },
    images: DEFAULT_PRESET_IMAGES,
    serverVersion: { major: 1, minor: 33 },
    log: silentLogger,
    now: () => new Date(clock.ms),
  });
  const status = (): CompositeAppStatus => app().status ?? {};
  const condition = (type: string) => status().conditions?.find((c) => c.type === type);
  const pods = () => api.all<V1Pod>(PODS, NS);
  const revisions = () => pods().map((p) => p.metadata!.labels!["compositeapp.io/revision"]);
  /** A user's edit of the spec: a new Pod template, so a new revision. */
  const edit = async (spec: object) => {
    const current = app();
    await api.replace(COMPOSITEAPPS, NS, "web", { ...current, spec: { ...(current.spec as object), ...spec } });
  };
  return { api, reconciler, events, clock, status, condition, pods, revisions, edit };
}

const controlledBy = (o: KubeObject, uid: string) =>
  o.metadata?.ownerReferences?.some((r) => r.controller && r.uid === uid) ?? false;

/** A policy, as admission enforces it: it refuses every Pod (dry run or not) that runs as root. */
const refusesRoot = (c: Call) =>
  c.verb === "create" && c.resource === "pods" && !(c.obj as V1Pod).spec?.securityContext?.runAsNonRoot
    ? forbidden(REFUSAL)
    : undefined;

const nonRoot = { pod: { securityContext: { runAsNonRoot: true, runAsUser: 1000 } } };
const newImage = { main: { ...baseApp().spec.main, image: "busybox:1.36" } };

/** An app of `replicas` Pods rolled out as non-root, then edited into a revision the policy refuses. */
async function refusedRollout(replicas: number, extraSpec: object = {}) {
  const t = setup(replicas, { ...nonRoot, ...extraSpec });
  await t.reconciler.reconcile(KEY);
  const before = t.pods().map((p) => p.metadata!.uid);
  expect(before).toHaveLength(replicas);
  t.api.fault = refusesRoot;
  await t.edit({ pod: {} });
  return { ...t, before };
}

describe("the dry-run gate in the reconciler", () => {
  it("holds a refused rollout: old Pods untouched, Stalled/RolloutRejected, one Warning Event", async () => {
    const t = await refusedRollout(2);
    const writes = t.api.calls.length;

    const result = await t.reconciler.reconcile(KEY);

    expect(t.api.dryRuns("pods")).toHaveLength(1);
    const dryRun = t.api.dryRuns("pods")[0]!;
    expect((dryRun.obj as V1Pod).metadata?.ownerReferences?.[0]).toMatchObject({ kind: "CompositeApp", name: "web" });
    expect(t.api.calls.slice(writes).map((c) => `${c.verb}${c.dryRun ? " (dry run)" : ""}`)).toEqual([
      "create (dry run)",
      "updateStatus",
    ]);
    expect(t.pods().map((p) => p.metadata!.uid)).toEqual(t.before);
    const message = `rollout of revision ${t.status().revision} held, the Pods of the earlier revision stay: ${REFUSAL}`;
    expect(t.condition("Stalled")).toMatchObject({ status: "True", reason: "RolloutRejected", message });
    expect(t.condition("Progressing")).toMatchObject({ status: "False", reason: "RolloutRejected" });
    expect(t.condition("Reconciling")).toMatchObject({ status: "False", reason: "Stalled" });
    expect(t.events.filter((e) => e.startsWith("Warning"))).toEqual([`Warning RolloutRejected ${message}`]);
    expect(result).toEqual({ requeueAfterMs: 1_000 });
  });

  it("asks again only when the back-off is over, and a retry that hears the same refusal writes nothing", async () => {
    const t = await refusedRollout(2);
    await t.reconciler.reconcile(KEY);
    const [calls, events] = [t.api.calls.length, t.events.length];

    t.clock.ms += 400; // an old Pod changed, say: the remembered answer stands
    expect(await t.reconciler.reconcile(KEY)).toEqual({ requeueAfterMs: 600 });
    expect(t.api.calls.length).toBe(calls);

    const delays: (number | undefined)[] = [];
    for (let i = 0; i < 6; i++) {
      t.clock.ms += 60_000;
      delays.push((await t.reconciler.reconcile(KEY)).requeueAfterMs);
    }
    expect(delays).toEqual([2_000, 4_000, 8_000, 10_000, 10_000, 10_000]);
    expect(t.api.calls.slice(calls).map((c) => c.verb)).toEqual(Array(6).fill("create"));
    expect(t.api.dryRuns()).toHaveLength(7);
    expect(t.events.length).toBe(events);
    expect(t.pods().map((p) => p.metadata!.uid)).toEqual(t.before);
  });

  it("rolls out once the policy admits the revision, and asks no more", async () => {
    const t = await refusedRollout(2);
    await t.reconciler.reconcile(KEY);
    t.api.fault = () => undefined; // the namespace's policy relaxed

    t.clock.ms += 1_000;
    await t.reconciler.reconcile(KEY);
    expect(t.api.dryRuns()).toHaveLength(2);
    expect(t.api.calledWith("create", "pods")).toHaveLength(3); // 2 at first, then the rollout's first Pod
    // The old Pods are not ready (no kubelet here), so the plan lets them go at once.
    expect(t.revisions()).toEqual([t.status().revision]);
    expect(t.condition("Stalled")).toMatchObject({ status: "False" });
    expect(t.condition("Progressing")).toMatchObject({ status: "True", reason: "RolloutInProgress" });

    for (let i = 0; i < 5; i++) await t.reconciler.reconcile(KEY);
    expect(t.api.dryRuns()).toHaveLength(2);
  });

  it("replaces no old Pod that goes while held (only the refused revision is rendered), until none is left", async () => {
    const t = await refusedRollout(2);
    await t.reconciler.reconcile(KEY);
    const [first, second] = t.pods().map((p) => p.metadata!.name!);
    await t.api.delete(PODS, NS, first!);
    t.clock.ms += 60_000;
    await t.reconciler.reconcile(KEY);
    expect(t.pods()).toHaveLength(1);
    expect(t.condition("Stalled")).toMatchObject({ status: "True", reason: "RolloutRejected" });

    // With no old Pod left there is nothing to keep: the creates are tried, and refused as FailedCreate.
    await t.api.delete(PODS, NS, second!);
    await expect(t.reconciler.reconcile(KEY)).rejects.toBeInstanceOf(ReconcileError);
    expect(t.condition("Degraded")).toMatchObject({
      status: "True",
      reason: "FailedCreate",
      message: `${REFUSAL} (and 1 more failure)`,
    });
    expect(t.api.dryRuns()).toHaveLength(2);
  });

  it("holds Recreate before it deletes anything", async () => {
    const t = await refusedRollout(2, { updateStrategy: { type: "Recreate" } });
    await t.reconciler.reconcile(KEY);
    expect(t.api.calledWith("delete")).toHaveLength(0);
    expect(t.pods().map((p) => p.metadata!.uid)).toEqual(t.before);
    expect(t.condition("Stalled")).toMatchObject({ status: "True", reason: "RolloutRejected" });
  });

  it("remembers an admitted revision: a create that then fails is retried without another dry run", async () => {
    const t = setup(1);
    await t.reconciler.reconcile(KEY);
    t.api.fault = (c) => (c.verb === "create" && !c.dryRun ? internalError() : undefined);
    await t.edit(newImage);

    await expect(t.reconciler.reconcile(KEY)).rejects.toBeInstanceOf(ReconcileError);
    await expect(t.reconciler.reconcile(KEY)).rejects.toBeInstanceOf(ReconcileError);
    expect(t.api.dryRuns()).toHaveLength(1);
    expect(t.condition("Degraded")).toMatchObject({ status: "True", reason: "FailedCreate" });
  });

  it("holds the rollout when the dry run gets no answer, without a verdict: the work queue retries", async () => {
    const t = setup(2);
    await t.reconciler.reconcile(KEY);
    t.api.fault = (c) => (c.dryRun ? internalError() : undefined);
    await t.edit(newImage);

    const err = await t.reconciler.reconcile(KEY).catch((e: unknown) => e);
    expect((err as ReconcileError).failures.map((f) => f.reason)).toEqual(["FailedCreate"]);
    expect(t.api.calledWith("create", "pods")).toHaveLength(2);
    expect(t.condition("Degraded")).toMatchObject({ status: "True", reason: "FailedCreate" });
    expect(t.condition("Stalled")).toMatchObject({ status: "False" }); // not until the progress deadline
    expect(t.events.at(-1)).toBe("Warning FailedCreate Error creating: etcdserver: request timed out (dry run)");

    await t.reconciler.reconcile(KEY).catch(() => undefined);
    expect(t.api.dryRuns()).toHaveLength(2); // asked again at once: there was no answer to remember
  });

  it("sends no dry run for a new app, whose refused creates are FailedCreate as before", async () => {
    const t = setup(2, {});
    t.api.fault = refusesRoot;
    await expect(t.reconciler.reconcile(KEY)).rejects.toBeInstanceOf(ReconcileError);
    expect(t.api.dryRuns()).toHaveLength(0);
    expect(t.api.calls.filter((c) => c.verb === "create")).toHaveLength(2);
    expect(t.condition("Degraded")).toMatchObject({ status: "True", reason: "FailedCreate" });
  });

  it("sends one dry run per rollout, and none at rest or when scaling", async () => {
    const t = setup(2);
    await t.reconciler.reconcile(KEY);
    for (let i = 0; i < 3; i++) await t.reconciler.reconcile(KEY);
    await t.edit({ replicas: 3 });
    for (let i = 0; i < 3; i++) await t.reconciler.reconcile(KEY);
    expect(t.api.dryRuns()).toHaveLength(0);

    await t.edit(newImage);
    for (let i = 0; i < 8; i++) await t.reconciler.reconcile(KEY);
    expect(t.api.dryRuns()).toHaveLength(1);
  });

  it("goes ahead with a step that deletes old Pods first although their quota refuses the dry run", async () => {
    const quota = 'pods "web-x-0" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=2, limited: pods=2';
    const t = setup(2, { updateStrategy: { type: "Recreate" } });
    await t.reconciler.reconcile(KEY);
    t.api.fault = (c) => (c.dryRun ? forbidden(quota) : undefined);
    await t.edit(newImage);

    await t.reconciler.reconcile(KEY);
    expect(t.api.dryRuns()).toHaveLength(1);
    expect(t.api.calledWith("delete", "pods")).toHaveLength(2);
    expect(t.condition("Stalled")).toMatchObject({ status: "False" });
  });
});
