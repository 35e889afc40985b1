import { describe, expect, it } from "vitest";
import { validateCompositeApp } from "../../../src/api/parse.js";
import { specWarnings } from "../../../src/api/warnings.js";

const app = (spec: Record<string, unknown>) => {
  const v = validateCompositeApp({
    apiVersion: "compositeapp.io/v1alpha1",
    kind: "CompositeApp",
    metadata: { name: "w" },
    spec: { main: { name: "web", image: "busybox:1.36", ports: [{ containerPort: 80 }] }, ...spec },
  });
  if (!v.ok) throw new Error(v.errors.join("\n"));
  return v.app;
};

describe("specWarnings", () => {
  it("warns, without rejecting, when two containers declare one port (the API server warns too)", () => {
    const a = app({ sidecars: [{ name: "other", image: "busybox:1.36", ports: [{ containerPort: 80 }] }] });
    expect(specWarnings(a.spec)).toEqual([
      {
        path: ["spec", "sidecars", 0, "ports", 0],
        message: 'port 80/TCP is also declared by container "web"; only one container of a Pod can listen on it',
      },
    ]);
  });

  it("tells protocols apart and says nothing of distinct ports", () => {
    const a = app({
      sidecars: [
        { name: "dns", image: "busybox:1.36", ports: [{ containerPort: 80, protocol: "UDP" }] },
        { name: "admin", image: "busybox:1.36", ports: [{ containerPort: 81 }] },
      ],
    });
    expect(specWarnings(a.spec)).toEqual([]);
  });

  it("leaves a port a preset binds to the rules, which reject it", () => {
    const v = validateCompositeApp({
      apiVersion: "compositeapp.io/v1alpha1",
      kind: "CompositeApp",
      metadata: { name: "w" },
      spec: {
        main: { name: "web", image: "busybox:1.36", ports: [{ containerPort: 5432 }] },
        ambassadors: [{ name: "db", preset: { tcpProxy: { listenPort: 5432, upstream: "db:5432" } } }],
      },
    });
    expect(v.ok).toBe(false);
  });
});
