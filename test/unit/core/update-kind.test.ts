import type { V1Pod } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import type { CompositeAppInput } from "../../../src/api/compositeapp.js";
import { renderPod } from "../../../src/core/render/index.js";
import { classifyUpdate, inPlaceOptions, type ClassifyOptions } from "../../../src/core/update-kind.js";
import { DEFAULT_PRESET_IMAGES } from "../../../src/core/index.js";
import { baseApp, parsedApp } from "../../support/fixtures.js";

const options = { sidecarMode: "Native", images: DEFAULT_PRESET_IMAGES } as const;
const HELPERS: ClassifyOptions = { policy: "Helpers", resize: true };

type Edit = (spec: CompositeAppInput["spec"]) => void;

/** An app with a main container and one sidecar, both with CPU/memory requests and limits. */
function app(edit: Edit = () => undefined): CompositeAppInput {
  const input = baseApp();
  input.spec.main.resources = { requests: { cpu: "100m", memory: "64Mi" }, limits: { cpu: "200m", memory: "128Mi" } };
  input.spec.sidecars = [
    {
      name: "log",
      image: "busybox:1.35",
      resources: { requests: { cpu: "10m", memory: "16Mi" }, limits: { cpu: "50m", memory: "32Mi" } },
    },
  ];
  input.spec.initContainers = [{ name: "setup", image: "busybox:1.35" }];
  edit(input.spec);
  return input;
}

const podOf = (input: CompositeAppInput): V1Pod => renderPod(parsedApp(input), options, 0).pod;

/** The live Pod as the API server keeps it: a request left out is the limit. */
const live = (edit?: Edit): V1Pod => podOf(app(edit));

const classify = (edit: Edit, o: ClassifyOptions = HELPERS, from: V1Pod = live()) =>
  classifyUpdate(from, podOf(app(edit)), o);

describe("classifyUpdate", () => {
  it("an unchanged template is Current", () => {
    expect(classify(() => undefined)).toEqual({ kind: "Current" });
  });

  it("a helper's new image is an in-place image patch of that helper only", () => {
    expect(classify((s) => (s.sidecars![0]!.image = "busybox:1.36"))).toEqual({
      kind: "InPlace",
      images: [{ container: "log", image: "busybox:1.36" }],
      resize: [],
    });
  });

  it("main's new image replaces the Pod unless updateStrategy.inPlace is All", () => {
    const bump: Edit = (s) => (s.main.image = "busybox:1.36");
    expect(classify(bump)).toMatchObject({ kind: "Replace", why: "the image of main container main changed" });
    expect(classify(bump, { policy: "All", resize: true })).toEqual({
      kind: "InPlace",
      images: [{ container: "main", image: "busybox:1.36" }],
      resize: [],
    });
  });

  it("Never replaces the Pod for any change", () => {
    expect(classify((s) => (s.sidecars![0]!.image = "busybox:1.36"), { policy: "Never", resize: true })).toMatchObject({
      kind: "Replace",
      why: "updateStrategy.inPlace is Never",
    });
  });

  it("a plain init container's new image replaces the Pod (it has already run)", () => {
    expect(classify((s) => (s.initContainers![0]!.image = "busybox:1.36"))).toMatchObject({ kind: "Replace" });
  });

  it("CPU/memory changes of main and of a sidecar are resizes with requests and limits in full", () => {
    const kind = classify((s) => {
      s.main.resources!.limits!.cpu = "300m";
      s.sidecars![0]!.resources = { limits: { cpu: "100m", memory: "32Mi" }, requests: { cpu: "20m", memory: "16Mi" } };
    });
    expect(kind).toEqual({
      kind: "InPlace",
      images: [],
      resize: [
        {
          container: "log",
          resources: { requests: { cpu: "20m", memory: "16Mi" }, limits: { cpu: "100m", memory: "32Mi" } },
        },
        {
          container: "main",
          resources: { requests: { cpu: "100m", memory: "64Mi" }, limits: { cpu: "300m", memory: "128Mi" } },
        },
      ],
    });
  });

  it("a request the API server defaulted from the limit is no change", () => {
    const onlyLimits: Edit = (s) => (s.main.resources = { limits: { cpu: "200m", memory: "128Mi" } });
    const defaulted = live(onlyLimits);
    defaulted.spec!.containers[0]!.resources!.requests = { cpu: "200m", memory: "128Mi" };
    expect(classify(onlyLimits, HELPERS, defaulted)).toEqual({ kind: "Current" });
    // 0.2 CPUs and 200m are the same amount.
    expect(
      classify((s) => (s.main.resources = { limits: { cpu: "0.2", memory: "128Mi" } }), HELPERS, defaulted),
    ).toEqual(expect.objectContaining({ kind: "InPlace", images: [] }));
  });

  it("replaces the Pod where a resize cannot do", () => {
    const o = HELPERS;
    expect(classify((s) => (s.main.resources!.limits!.cpu = "300m"), { ...o, resize: false })).toMatchObject({
      why: "the server cannot resize Pods in place",
    });
    expect(classify((s) => (s.initContainers![0]!.resources = { limits: { cpu: "1" } }))).toMatchObject({
      kind: "Replace",
    });
    expect(classify((s) => delete s.main.resources!.limits)).toMatchObject({ kind: "Replace" });
    expect(classify((s) => (s.main.resources!.limits!.memory = "96Mi"))).toMatchObject({
      why: "container main lowers its memory limit without resizePolicy RestartContainer",
    });
  });

  it("a memory limit may shrink in place when the container restarts for it", () => {
    const restart: Edit = (s) =>
      (s.main.resizePolicy = [{ resourceName: "memory", restartPolicy: "RestartContainer" }]);
    const kind = classify(
      (s) => {
        restart(s);
        s.main.resources!.limits!.memory = "96Mi";
      },
      HELPERS,
      live(restart),
    );
    expect(kind).toMatchObject({ kind: "InPlace", resize: [{ container: "main" }] });
  });

  it("a resize that would change the QoS class replaces the Pod", () => {
    const guaranteed: Edit = (s) => {
      s.main.resources = { limits: { cpu: "200m", memory: "128Mi" } };
      s.sidecars![0]!.resources = { limits: { cpu: "50m", memory: "32Mi" } };
      s.initContainers![0]!.resources = { limits: { cpu: "50m", memory: "32Mi" } };
    };
    const burstable: Edit = (s) => {
      guaranteed(s);
      s.main.resources = { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "200m", memory: "128Mi" } };
    };
    expect(classify(burstable, HELPERS, live(guaranteed))).toMatchObject({
      why: "the resize would change the Pod's QoS class",
    });
  });

  it("any other change replaces the Pod", () => {
    expect(classify((s) => (s.main.env = [{ name: "A", value: "1" }]))).toMatchObject({
      kind: "Replace",
      why: "the Pod template changed beyond images and CPU/memory",
    });
  });

  it("a Pod without a template hash (made by an older operator) is replaced", () => {
    const old = live();
    delete old.metadata!.labels!["compositeapp.io/template-hash"];
    expect(classify((s) => (s.sidecars![0]!.image = "busybox:1.36"), HELPERS, old)).toMatchObject({ kind: "Replace" });
  });

  it("a resize the node reports Infeasible replaces the Pod, even at the current revision", () => {
    const pod = live();
    pod.status = { conditions: [{ type: "PodResizePending", status: "True", reason: "Infeasible" }] };
    expect(classify(() => undefined, HELPERS, pod)).toEqual({
      kind: "Replace",
      why: "the node reports the resize Infeasible",
    });
    pod.status.conditions![0]!.reason = "Deferred";
    expect(classify(() => undefined, HELPERS, pod)).toEqual({ kind: "Current" });
  });
});

describe("inPlaceOptions", () => {
  it("resizes from Kubernetes 1.33, helpers in place by default", () => {
    expect(inPlaceOptions(undefined, { major: 1, minor: 33 })).toEqual({ policy: "Helpers", resize: true });
    expect(inPlaceOptions("All", { major: 1, minor: 32 })).toEqual({ policy: "All", resize: false });
    expect(inPlaceOptions("Never", undefined)).toEqual({ policy: "Never", resize: false });
  });
});
