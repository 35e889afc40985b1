// What the caches keep: the trimmed objects lose what the operator never reads, and a reconcile
// over trimmed Pods decides and reports exactly what it does over the full ones.
import type { V1Pod, V1PodDisruptionBudget } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { PODS, type KubeObject } from "../../../src/controller/kube/api.js";
import { LAST_APPLIED, cachedApp, cachedBudget, cachedPod } from "../../../src/controller/manager/cached.js";
import { Reconciler, type RawCompositeApp } from "../../../src/controller/reconciler/reconciler.js";
import { COMPOSITEAPPS } from "../../../src/controller/compositeapps.js";
import { DEFAULT_PRESET_IMAGES } from "../../../src/core/index.js";
import { baseApp } from "../../support/fixtures.js";
import { silentLogger } from "./fake-apiserver.js";
import { MemoryApi } from "./memory-api.js";

const NS = "default";
const MANAGED = [{ manager: "kubelet", operation: "Update", fieldsV1: { "f:status": { ".": {} } } }];

const controlledBy = (o: KubeObject, uid: string) =>
  o.metadata?.ownerReferences?.some((r) => r.controller && r.uid === uid) ?? false;

/** An app of 4 Pods with a native log shipper, its Pods created, then moved by a "kubelet". */
async function appWithPodsInEveryState(trim: (pod: V1Pod) => V1Pod) {
  const api = new MemoryApi();
  const input = baseApp();
  api.seed(COMPOSITEAPPS, {
    ...input,
    spec: {
      ...input.spec,
      replicas: 4,
      sidecars: [{ name: "ship", preset: { logShipper: { volume: "data", mountPath: "/data", files: ["a.log"] } } }],
    },
  });
  const app = (): RawCompositeApp => api.all<RawCompositeApp>(COMPOSITEAPPS, NS)[0]!;
  const reconciler = new Reconciler({
    api,
    getApp: () => app(),
    podsOf: (uid) =>
      api
        .all<V1Pod>(PODS, NS)
        .filter((p) => controlledBy(p, uid))
        .map(trim),
    budgetOf: () => undefined,
    events: { normal: () => undefined, warning: () => undefined },
    images: DEFAULT_PRESET_IMAGES,
    serverVersion: { major: 1, minor: 33 },
    log: silentLogger,
    now: () => new Date("2026-01-01T00:00:00Z"),
  });
  await reconciler.reconcile(`${NS}/web`);
  const [ready, crashing, edited, failed] = api.all<V1Pod>(PODS, NS);
  for (const pod of [ready, crashing, edited, failed]) {
    pod!.metadata!.managedFields = MANAGED;
    pod!.spec!.nodeName = "node-1";
  }
  const running = (name: string, ok: boolean) => ({ name, image: "x", imageID: "sha", ready: ok, restartCount: 0 });
  ready!.status = {
    phase: "Running",
    conditions: [{ type: "Ready", status: "True" }],
    containerStatuses: [{ ...running("main", true), state: { running: {} } }],
    initContainerStatuses: [{ ...running("ship", true), state: { running: {} } }],
  };
  crashing!.status = {
    phase: "Running",
    containerStatuses: [
      { ...running("main", false), restartCount: 3, state: { waiting: { reason: "CrashLoopBackOff", message: "m" } } },
    ],
  };
  edited!.spec!.containers[0]!.image = "busybox:edited";
  failed!.status = { phase: "Failed", reason: "Evicted", message: "node low on memory" };
  return { api, reconciler, app };
}

describe("cached objects", () => {
  it("a Pod keeps metadata, status, restart policies and container names, images and resources, and nothing else", async () => {
    const { api } = await appWithPodsInEveryState((p) => p);
    const raw = api.all<V1Pod>(PODS, NS)[0]!;
    const cached = cachedPod(raw);
    expect(raw.metadata?.managedFields).toBeDefined();
    const { managedFields: _dropped, ...metadata } = raw.metadata!;
    expect(cached.metadata).toEqual(metadata);
    expect(cached.status).toBe(raw.status);
    expect(cached.spec).toEqual({
      restartPolicy: raw.spec?.restartPolicy,
      initContainers: raw.spec?.initContainers?.map((c) => ({
        name: c.name,
        image: c.image,
        ...(c.resources && { resources: c.resources }),
        restartPolicy: "Always",
      })),
      containers: raw.spec?.containers.map((c) => ({
        name: c.name,
        image: c.image,
        ...(c.resources && { resources: c.resources }),
      })),
    });
    expect(JSON.stringify(cached).length).toBeLessThan(JSON.stringify(raw).length * 0.7);
  });

  it("a reconcile over trimmed Pods writes the same status and takes the same actions as over full ones", async () => {
    const full = await appWithPodsInEveryState((p) => p);
    const trimmed = await appWithPodsInEveryState(cachedPod);
    const before = { full: full.api.calls.length, trimmed: trimmed.api.calls.length };
    await Promise.allSettled([full.reconciler.reconcile(`${NS}/web`), trimmed.reconciler.reconcile(`${NS}/web`)]);
    const actions = (api: MemoryApi, from: number) => api.calls.slice(from).map((c) => `${c.verb} ${c.name}`);
    expect(actions(trimmed.api, before.trimmed)).toEqual(actions(full.api, before.full));
    // The edited and the failed Pod are replaced; the crash loop is reported.
    expect(actions(full.api, before.full).filter((a) => a.startsWith("delete"))).toHaveLength(2);
    expect(trimmed.app().status).toEqual(full.app().status);
    expect(full.app().status?.conditions?.find((c) => c.type === "Degraded")?.status).toBe("True");
  });

  it("an app loses managedFields and kubectl's last-applied copy, and keeps spec, status and other annotations", () => {
    const app: RawCompositeApp = {
      metadata: {
        name: "web",
        annotations: { [LAST_APPLIED]: JSON.stringify(baseApp()), team: "a" },
        managedFields: MANAGED,
      },
      spec: baseApp().spec,
      status: { replicas: 1 },
    };
    const cached = cachedApp(app);
    expect(cached).toEqual({
      metadata: { name: "web", annotations: { team: "a" } },
      spec: app.spec,
      status: app.status,
    });
    expect(cached.spec).toBe(app.spec);
  });

  it("a PodDisruptionBudget loses its status and managedFields but keeps every annotation (it is replaced whole)", () => {
    const budget: V1PodDisruptionBudget = {
      metadata: { name: "web", annotations: { [LAST_APPLIED]: "{}" }, managedFields: MANAGED },
      spec: { maxUnavailable: 1 },
      status: { currentHealthy: 1, desiredHealthy: 1, disruptionsAllowed: 1, expectedPods: 1 },
    };
    expect(cachedBudget(budget)).toEqual({
      metadata: { name: "web", annotations: { [LAST_APPLIED]: "{}" } },
      spec: { maxUnavailable: 1 },
    });
  });
});
