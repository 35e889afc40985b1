import type { V1Container, V1PodSpec } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { effectiveResources } from "../../../../src/core/render/resources.js";

const c = (name: string, requests: Record<string, string>, extra: Partial<V1Container> = {}): V1Container => ({
  name,
  image: "x",
  resources: { requests },
  ...extra,
});
const sidecar = (name: string, requests: Record<string, string>) => c(name, requests, { restartPolicy: "Always" });

// [case, spec, expected requests] — the scheduler's rule (component-helpers PodRequests).
const cases: [string, V1PodSpec, Record<string, string>][] = [
  ["one container", { containers: [c("a", { cpu: "100m", memory: "64Mi" })] }, { cpu: "100m", memory: "64Mi" }],
  [
    "containers add up",
    { containers: [c("a", { memory: "1Gi" }), c("b", { memory: "1Gi" }), c("c", { memory: "1Gi" })] },
    { memory: "3Gi" },
  ],
  [
    "a large init container dominates",
    { initContainers: [c("init", { cpu: "2", memory: "2Gi" })], containers: [c("a", { cpu: "500m", memory: "1Gi" })] },
    { cpu: "2", memory: "2Gi" },
  ],
  [
    "a small init container does not count",
    { initContainers: [c("init", { cpu: "100m" })], containers: [c("a", { cpu: "500m" })] },
    { cpu: "500m" },
  ],
  [
    "init containers take the max, not the sum",
    { initContainers: [c("i1", { cpu: "1" }), c("i2", { cpu: "1500m" })], containers: [c("a", { cpu: "100m" })] },
    { cpu: "1500m" },
  ],
  [
    "native sidecars add to the long-running sum",
    { initContainers: [sidecar("s", { cpu: "200m" })], containers: [c("a", { cpu: "300m" })] },
    { cpu: "500m" },
  ],
  [
    "pod-level resources replace the containers' cpu and memory",
    {
      resources: { requests: { cpu: "2" }, limits: { memory: "1Gi" } },
      containers: [c("a", { cpu: "100m", memory: "64Mi", "ephemeral-storage": "1Gi" })],
    },
    { cpu: "2", memory: "1Gi", "ephemeral-storage": "1Gi" },
  ],
  [
    "an init container after a sidecar runs beside it",
    { initContainers: [sidecar("s", { cpu: "200m" }), c("i", { cpu: "1" })], containers: [c("a", { cpu: "100m" })] },
    { cpu: "1200m" },
  ],
  [
    "an init container before a sidecar runs alone",
    { initContainers: [c("i", { cpu: "1" }), sidecar("s", { cpu: "200m" })], containers: [c("a", { cpu: "100m" })] },
    { cpu: "1" },
  ],
  [
    "requests default to limits",
    { containers: [c("a", {}, { resources: { limits: { memory: "128Mi" } } })] },
    { memory: "128Mi" },
  ],
  ["nothing requested", { containers: [c("a", {})] }, {}],
];

describe("effectiveResources", () => {
  it.each(cases)("%s", (_name, spec, expected) => {
    expect(effectiveResources(spec).requests).toEqual(expected);
  });

  it("aggregates limits by the same rule", () => {
    const spec: V1PodSpec = {
      initContainers: [{ name: "s", image: "x", restartPolicy: "Always", resources: { limits: { memory: "64Mi" } } }],
      containers: [{ name: "a", image: "x", resources: { limits: { memory: "1Gi" } } }],
    };
    expect(effectiveResources(spec).limits).toEqual({ memory: "1088Mi" });
  });
});
