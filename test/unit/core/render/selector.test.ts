import { describe, expect, it } from "vitest";
import { CompositeApp } from "../../../../src/api/compositeapp.js";
import {
  DEFAULT_PRESET_IMAGES,
  podSelector,
  podSelectorString,
  renderTemplate,
} from "../../../../src/core/render/index.js";

describe("podSelector", () => {
  it("selects on the operator's own label, in object and string form", () => {
    expect(podSelector("shop")).toEqual({ "compositeapp.io/name": "shop" });
    expect(podSelectorString("shop")).toBe("compositeapp.io/name=shop");
  });

  it("matches every rendered Pod, whatever labels the user adds", () => {
    const app = CompositeApp.parse({
      apiVersion: "compositeapp.io/v1alpha1",
      kind: "CompositeApp",
      metadata: { name: "shop" },
      spec: {
        main: { name: "web", image: "busybox" },
        pod: { labels: { "app.kubernetes.io/name": "other", app: "x" } },
      },
    });
    const { metadata } = renderTemplate(app, { sidecarMode: "Native", images: DEFAULT_PRESET_IMAGES });
    expect(metadata.labels).toMatchObject(podSelector("shop"));
  });
});
