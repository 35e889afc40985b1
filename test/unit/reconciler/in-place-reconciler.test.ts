// The Reconciler's in-place updates against an in-memory API server, reading Pods as the cache holds
// them: a helper's new image is one patch of the live Pod (image and revision label together), a
// CPU change goes through the resize subresource, and other changes still replace the Pod.
import type { V1Pod } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import type { CompositeAppInput } from "../../../src/api/compositeapp.js";
import { PODS } from "../../../src/controller/kube/api.js";
import { cachedPod } from "../../../src/controller/manager/cached.js";
import { Reconciler, type RawCompositeApp } from "../../../src/controller/reconciler/reconciler.js";
import { COMPOSITEAPPS } from "../../../src/controller/compositeapps.js";
import { DEFAULT_PRESET_IMAGES } from "../../../src/core/render/index.js";
import { baseApp } from "../../support/fixtures.js";
import { silentLogger } from "../controller/fake-apiserver.js";
import { MemoryApi } from "../controller/memory-api.js";

const NS = "default";
const KEY = `${NS}/web`;

function spec(logImage: string, cpu = "50m"): CompositeAppInput["spec"] {
  const input = baseApp();
  return {
    ...input.spec,
    main: { ...input.spec.main, resources: { requests: { cpu: "100m" }, limits: { cpu: "200m", memory: "64Mi" } } },
    sidecars: [
      { name: "log", image: logImage, resources: { requests: { cpu: "10m" }, limits: { cpu, memory: "32Mi" } } },
    ],
  };
}

function setup() {
  const api = new MemoryApi();
  api.seed(COMPOSITEAPPS, { ...baseApp(), spec: spec("busybox:1.35") });
  const events: string[] = [];
  const app = (): RawCompositeApp => api.all<RawCompositeApp>(COMPOSITEAPPS, NS)[0]!;
  const reconciler = new Reconciler({
    api,
    getApp: () => app(),
    podsOf: () => api.all<V1Pod>(PODS, NS).map(cachedPod),
    budgetOf: () => undefined,
    events: { normal: (_o, r, m) => events.push(`${r} ${m}`), warning: (_o, r, m) => events.push(`${r} ${m}`) },
    images: DEFAULT_PRESET_IMAGES,
    serverVersion: { major: 1, minor: 33 },
    log: silentLogger,
    now: () => new Date("2026-01-01T00:00:00Z"),
  });
  const change = (next: CompositeAppInput["spec"]) => api.replace(COMPOSITEAPPS, NS, "web", { ...app(), spec: next });
  const pods = () => api.all<V1Pod>(PODS, NS);
  return { api, reconciler, events, change, pods };
}

describe("Reconciler in-place updates", () => {
  it("patches a helper's new image into the live Pod, with its revision label, and keeps its name and UID", async () => {
    const { api, reconciler, events, change, pods } = setup();
    await reconciler.reconcile(KEY);
    const [before] = pods();
    await change(spec("busybox:1.36"));
    const calls = api.calls.length;
    await reconciler.reconcile(KEY);

    expect(api.calls.slice(calls).map((c) => `${c.verb} ${c.resource}`)).toEqual([
      "patch pods",
      "updateStatus compositeapps",
    ]);
    const [after] = pods();
    expect(after!.metadata).toMatchObject({ name: before!.metadata!.name, uid: before!.metadata!.uid, generation: 2 });
    expect(after!.spec!.initContainers!.find((c) => c.name === "log")!.image).toBe("busybox:1.36");
    expect(after!.metadata!.labels!["compositeapp.io/revision"]).toBe(
      api.all<RawCompositeApp>(COMPOSITEAPPS)[0]!.status!.revision,
    );
    expect(after!.metadata!.annotations!["compositeapp.io/in-place-from"]).toBe('{"log":""}');
    expect(events.at(-1)).toBe(
      `SuccessfulUpdate Updated pod in place: ${before!.metadata!.name} (image log=busybox:1.36)`,
    );
  });

  it("resizes a CPU change through pods/resize, then moves the revision label", async () => {
    const { api, reconciler, change, pods } = setup();
    await reconciler.reconcile(KEY);
    await change(spec("busybox:1.35", "100m"));
    const calls = api.calls.length;
    await reconciler.reconcile(KEY);

    const patches = api.calls.slice(calls).filter((c) => c.verb === "patch");
    expect(patches.map((c) => c.resource)).toEqual(["pods/resize", "pods"]);
    expect(patches[0]!.obj).toMatchObject({
      spec: { initContainers: [{ name: "log", resources: { limits: { cpu: "100m", memory: "32Mi" } } }] },
    });
    expect(pods()).toHaveLength(1);
    expect(pods()[0]!.spec!.initContainers![0]!.resources!.limits).toEqual({ cpu: "100m", memory: "32Mi" });
  });

  it("replaces the Pod for any other change", async () => {
    const { api, reconciler, change } = setup();
    await reconciler.reconcile(KEY);
    const next = spec("busybox:1.35");
    next.main.env = [{ name: "A", value: "1" }];
    await change(next);
    const calls = api.calls.length;
    await reconciler.reconcile(KEY);
    // The old Pod never became ready here, so it may go at once; no patch.
    expect(api.calls.slice(calls).map((c) => c.verb)).toEqual(["delete", "create", "updateStatus"]);
  });
});
