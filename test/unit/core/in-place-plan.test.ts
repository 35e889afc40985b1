// Planning in-place updates: slot by slot within maxUnavailable, a Pod updated in place keeps its
// slot and name, counts as updated only once its containers run the new spec, and a resize the node
// cannot fit falls back to a replacement.
import type { V1ContainerStatus, V1Pod } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import type { CompositeAppInput, UpdateStrategy } from "../../../src/api/compositeapp.js";
import { inEffect, normalizeImage } from "../../../src/core/in-effect.js";
import { computeStatus, DEFAULT_PRESET_IMAGES, observePod, plan, render } from "../../../src/core/index.js";
import { baseApp, parsedApp } from "../../support/fixtures.js";

const options = { sidecarMode: "Native", images: DEFAULT_PRESET_IMAGES } as const;
const IN_PLACE = { policy: "Helpers", resize: true } as const;

function appInput(replicas: number, logImage: string, cpu = "50m"): CompositeAppInput {
  const input = baseApp();
  input.spec.replicas = replicas;
  input.spec.main.resources = { requests: { cpu: "100m", memory: "64Mi" }, limits: { cpu: "200m", memory: "128Mi" } };
  input.spec.sidecars = [
    { name: "log", image: logImage, resources: { requests: { cpu: "10m" }, limits: { cpu, memory: "32Mi" } } },
  ];
  return input;
}

const rendered = (input: CompositeAppInput) => render(parsedApp(input), options).map((r) => r.pod);

let uid = 0;
/** A running, ready Pod as the kubelet reports it, with its containers' IDs and images. */
function running(pod: V1Pod, extra: { ready?: boolean } = {}): V1Pod {
  const status = (c: { name: string; image?: string }): V1ContainerStatus => ({
    name: c.name,
    image: normalizeImage(c.image ?? ""),
    imageID: "",
    containerID: `containerd://${c.name}-${uid}`,
    ready: true,
    restartCount: 0,
    state: { running: { startedAt: new Date(0) } },
  });
  return {
    ...structuredClone(pod),
    metadata: { ...structuredClone(pod.metadata), uid: `uid-${++uid}`, generation: 1 },
    status: {
      phase: "Running",
      observedGeneration: 1,
      conditions: [{ type: "Ready", status: extra.ready === false ? "False" : "True" }],
      initContainerStatuses: (pod.spec?.initContainers ?? []).map(status),
      containerStatuses: (pod.spec?.containers ?? []).map(status),
    },
  };
}

const step = (input: CompositeAppInput, live: V1Pod[], strategy?: UpdateStrategy) => {
  const desired = rendered(input);
  const revision = desired[0]!.metadata!.labels!["compositeapp.io/revision"]!;
  return plan({
    replicas: input.spec.replicas ?? 1,
    revision,
    strategy,
    desired,
    observed: live.map(observePod),
    inPlace: IN_PLACE,
  });
};

/** What the patches of an in-place update leave on the Pod before the kubelet acts on them. */
function patched(pod: V1Pod, revision: string, image: string): V1Pod {
  const next = structuredClone(pod);
  next.metadata!.labels!["compositeapp.io/revision"] = revision;
  const before = pod.status?.initContainerStatuses?.find((s) => s.name === "log")?.containerID;
  next.metadata!.annotations!["compositeapp.io/in-place-from"] = JSON.stringify({ log: before });
  next.metadata!.generation = 2;
  next.spec!.initContainers!.find((c) => c.name === "log")!.image = image;
  return next;
}

describe("planning in-place updates", () => {
  const v1 = rendered(appInput(3, "busybox:1.35")).map((p) => running(p));
  const v2 = appInput(3, "busybox:1.36");
  const rev2 = rendered(v2)[0]!.metadata!.labels!["compositeapp.io/revision"]!;

  it("patches one Pod at a time by default (maxUnavailable 0 still lets one go), lowest slot first", () => {
    const p = step(v2, v1);
    expect(p.create).toEqual([]);
    expect(p.delete).toEqual([]);
    expect(p.update.map((u) => [u.pod.name, u.revision, u.images])).toEqual([
      [v1[0]!.metadata!.name, rev2, [{ container: "log", image: "busybox:1.36" }]],
    ]);
    expect(p.waiting).toBe(true);
  });

  it("patches up to maxUnavailable Pods at once, and all of them with Recreate", () => {
    const rolling: UpdateStrategy = { type: "RollingUpdate", rollingUpdate: { maxSurge: 0, maxUnavailable: 2 } };
    expect(step(v2, v1, rolling).update).toHaveLength(2);
    expect(step(v2, v1, { type: "Recreate" }).update).toHaveLength(3);
  });

  it("waits while an update is in flight, then goes on with the next slot", () => {
    const first = patched(v1[0]!, rev2, "busybox:1.36"); // the kubelet has not restarted the helper yet
    expect(inEffect(first)).toBe(false);
    const waiting = step(v2, [first, v1[1]!, v1[2]!]);
    expect(waiting.update).toEqual([]);
    expect(waiting.waiting).toBe(true);

    const done = structuredClone(first);
    done.status!.observedGeneration = 2;
    const log = done.status!.initContainerStatuses!.find((s) => s.name === "log")!;
    Object.assign(log, {
      image: "docker.io/library/busybox:1.36",
      containerID: "containerd://log-new",
      restartCount: 1,
    });
    expect(inEffect(done)).toBe(true);
    expect(step(v2, [done, v1[1]!, v1[2]!]).update.map((u) => u.pod.slot)).toEqual([1]);
  });

  it("always patches a Pod that is not ready: no one loses it", () => {
    const notReady = running(rendered(appInput(3, "busybox:1.35"))[2]!, { ready: false });
    const p = step(v2, [v1[0]!, v1[1]!, notReady]);
    expect(p.update.map((u) => u.pod.slot).sort()).toEqual([0, 2]);
  });

  it("replaces the Pods when the change is not one for in place", () => {
    const input = appInput(3, "busybox:1.35");
    input.spec.main.env = [{ name: "A", value: "1" }];
    const p = step(input, v1);
    expect(p.update).toEqual([]);
    expect(p.create).toHaveLength(1); // maxSurge 1
  });

  it("replaces a Pod whose resize the node reports Infeasible, keeping it until its successor is ready", () => {
    const v3 = appInput(1, "busybox:1.35", "64");
    const [pod] = rendered(v3).map((p) => running(p));
    pod!.metadata!.name = "web-oldname-0"; // updated in place: the name of its first revision
    pod!.status!.conditions!.push({ type: "PodResizePending", status: "True", reason: "Infeasible" });
    const p = step(v3, [pod!]);
    expect(p.create.map((c) => c.metadata?.name)).toEqual([rendered(v3)[0]!.metadata!.name]);
    expect(p.delete).toEqual([]);
  });
});

describe("status of in-place updates", () => {
  const input = appInput(1, "busybox:1.36");
  const [desired] = rendered(input);
  const revision = desired!.metadata!.labels!["compositeapp.io/revision"]!;
  const status = (pod: V1Pod) =>
    computeStatus({
      generation: 2,
      replicas: 1,
      revision,
      sidecarMode: "Native",
      effectiveResources: { requests: {}, limits: {} },
      observed: [observePod(pod)],
      progressing: true,
      previous: undefined,
      now: "2026-01-01T00:00:00Z",
    });

  it("counts a Pod patched in place as updated only once it runs the new image", () => {
    const before = running(rendered(appInput(1, "busybox:1.35"))[0]!);
    const pod = patched(before, revision, "busybox:1.36");
    expect(status(pod).updatedReplicas).toBe(0);
    pod.status!.observedGeneration = 2;
    expect(status(pod).updatedReplicas).toBe(0); // the kubelet saw the spec; the helper still runs 1.35
    const log = pod.status!.initContainerStatuses!.find((s) => s.name === "log")!;
    // Another tag of the same image: the restart since the patch tells it is the new container.
    Object.assign(log, { image: "docker.io/library/busybox:other", containerID: "containerd://log-new" });
    expect(status(pod).updatedReplicas).toBe(1);
  });

  it("reports a pending resize in the Pod's summary and in Progressing", () => {
    const pod = running(desired!);
    pod.metadata!.annotations!["compositeapp.io/in-place-from"] = "{}";
    pod.status!.conditions!.push({
      type: "PodResizePending",
      status: "True",
      reason: "Deferred",
      message: "Node didn't have enough resource: cpu",
    });
    const s = status(pod);
    expect(s.updatedReplicas).toBe(0);
    expect(s.pods?.[0]?.resize).toEqual({
      condition: "PodResizePending",
      reason: "Deferred",
      message: "Node didn't have enough resource: cpu",
    });
    expect(s.conditions?.find((c) => c.type === "Progressing")).toMatchObject({
      status: "True",
      reason: "PodResizePending",
      message: `Pod ${pod.metadata!.name}: Deferred: Node didn't have enough resource: cpu`,
    });
  });

  it("a resize counts once the container status shows the new resources", () => {
    const pod = running(desired!);
    pod.metadata!.annotations!["compositeapp.io/in-place-from"] = "{}";
    const log = pod.status!.initContainerStatuses!.find((s) => s.name === "log")!;
    log.resources = { requests: { cpu: "10m", memory: "32Mi" }, limits: { cpu: "25m", memory: "32Mi" } };
    expect(status(pod).updatedReplicas).toBe(0);
    log.resources.limits = { cpu: "0.05", memory: "32Mi" };
    expect(status(pod).updatedReplicas).toBe(1);
  });
});

describe("normalizeImage", () => {
  it("writes references the way the container runtime reports them", () => {
    expect(normalizeImage("busybox")).toBe("docker.io/library/busybox:latest");
    expect(normalizeImage("busybox:1.36")).toBe("docker.io/library/busybox:1.36");
    expect(normalizeImage("grafana/loki:3")).toBe("docker.io/grafana/loki:3");
    expect(normalizeImage("docker.io/busybox:1")).toBe("docker.io/library/busybox:1");
    expect(normalizeImage("localhost:5000/app")).toBe("localhost:5000/app:latest");
    expect(normalizeImage("registry.k8s.io/pause:3.10")).toBe("registry.k8s.io/pause:3.10");
  });
});
