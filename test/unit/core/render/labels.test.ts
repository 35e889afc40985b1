// The user's labels and annotations are never overwritten; the operator's own keys cannot be set.
import { describe, expect, it } from "vitest";
import { validateCompositeApp } from "../../../../src/api/parse.js";
import { DEFAULT_PRESET_IMAGES, renderPod, renderTemplate } from "../../../../src/core/render/index.js";
import { POD_SELECTOR } from "../../../../src/core/render/labels.js";
import type { RenderOptions } from "../../../../src/core/render/types.js";
import { baseApp, parsedApp } from "../../../support/fixtures.js";

const native: RenderOptions = { sidecarMode: "Native", images: DEFAULT_PRESET_IMAGES };

describe("labels and annotations of the rendered Pods", () => {
  it("keep the user's app.kubernetes.io/name, managed-by and default-container", () => {
    const input = baseApp();
    input.spec.sidecars = [{ name: "proxy", image: "busybox:1.35" }];
    input.spec.pod = {
      labels: { "app.kubernetes.io/name": "shop-frontend", "app.kubernetes.io/managed-by": "Helm" },
      annotations: { "kubectl.kubernetes.io/default-container": "proxy" },
    };
    const { pod, revision } = renderPod(parsedApp(input), native, 0);
    expect(pod.metadata?.labels).toEqual({
      "app.kubernetes.io/name": "shop-frontend",
      "app.kubernetes.io/managed-by": "Helm",
      "compositeapp.io/name": "web",
      "compositeapp.io/revision": revision,
      "compositeapp.io/template-hash": pod.metadata?.labels?.["compositeapp.io/template-hash"],
      "compositeapp.io/slot": "0",
    });
    expect(pod.metadata?.labels?.["compositeapp.io/template-hash"]).toMatch(/^[0-9a-f]{10}$/);
    expect(pod.metadata?.annotations?.["kubectl.kubernetes.io/default-container"]).toBe("proxy");
  });

  // Apps that set none of them render exactly as before (the example snapshots, revisions included,
  // are unchanged), so an upgrade of the operator replaces none of their Pods.
  it("set the conventional labels by default", () => {
    const { metadata } = renderTemplate(parsedApp(), native);
    expect(metadata.labels).toMatchObject({
      "app.kubernetes.io/name": "web",
      "app.kubernetes.io/managed-by": "compositeapp",
    });
    expect(metadata.annotations?.["kubectl.kubernetes.io/default-container"]).toBe("main");
  });

  it("the operator selects its Pods on its own label only", () => {
    expect(POD_SELECTOR).toBe("compositeapp.io/name");
  });

  it("rejects the operator's own keys in spec.pod, with a message", () => {
    const input = baseApp();
    input.spec.pod = {
      labels: { "compositeapp.io/slot": "7", team: "a" },
      annotations: { "compositeapp.io/roles": "{}" },
    };
    const v = validateCompositeApp(input);
    expect(v.ok ? [] : v.errors).toEqual([
      "spec.pod.labels.compositeapp.io/slot: keys with the prefix compositeapp.io/ are set by the operator on every Pod (name, revision, slot, roles, sidecar mode) and cannot be set in spec.pod.labels",
      "spec.pod.annotations.compositeapp.io/roles: keys with the prefix compositeapp.io/ are set by the operator on every Pod (name, revision, slot, roles, sidecar mode) and cannot be set in spec.pod.annotations",
    ]);
  });
});
