import { dump } from "js-yaml";
import { describe, expect, it } from "vitest";
import { DEFAULT_PRESET_IMAGES, render, renderPod, renderTemplate } from "../../../../src/core/render/index.js";
import type { RenderOptions } from "../../../../src/core/render/types.js";
import { baseApp, exampleApps, exampleFiles, parsedApp } from "../../../support/fixtures.js";

const native: RenderOptions = { sidecarMode: "Native", images: DEFAULT_PRESET_IMAGES };
const classic: RenderOptions = { sidecarMode: "Classic", images: DEFAULT_PRESET_IMAGES };

const appWithEveryRole = () => {
  const input = baseApp();
  input.spec.initContainers = [{ name: "setup", image: "busybox:1.35", command: ["true"] }];
  input.spec.sidecars = [
    { name: "ship", preset: { logShipper: { volume: "data", mountPath: "/logs", files: ["a.log"] } } },
  ];
  input.spec.ambassadors = [{ name: "db", preset: { tcpProxy: { listenPort: 5432, upstream: "db.example:5432" } } }];
  input.spec.adapters = [{ name: "fmt", image: "busybox:1.35", command: ["sleep", "1d"] }];
  return parsedApp(input);
};

/** The same value with every object's keys in reverse order. */
const reverseKeys = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(reverseKeys)
    : v !== null && typeof v === "object"
      ? Object.fromEntries(
          Object.entries(v)
            .reverse()
            .map(([k, x]) => [k, reverseKeys(x)]),
        )
      : v;

describe("render", () => {
  it.each(exampleFiles())("renders example %s as in its snapshot", async (file) => {
    const pods = exampleApps(file).flatMap((app) => render(app, native).map((r) => r.pod));
    const yaml = pods.map((p) => dump(p, { noRefs: true, lineWidth: -1 })).join("---\n");
    await expect(yaml).toMatchFileSnapshot(`__snapshots__/${file}`);
  });

  it("is deterministic: same input, same bytes, whatever the key order of the input", () => {
    const a = appWithEveryRole();
    const reordered = reverseKeys(a) as typeof a;
    expect(Object.keys(reordered.spec)[0]).not.toBe(Object.keys(a.spec)[0]);
    const once = JSON.stringify(render(a, native));
    expect(JSON.stringify(render(a, native))).toBe(once);
    expect(renderTemplate(reordered, native).revision).toBe(renderTemplate(a, native).revision);
  });

  it("changes the revision when the template changes, and only then", () => {
    const a = appWithEveryRole();
    const b = appWithEveryRole();
    b.spec.replicas = 5; // replicas is not part of the template
    expect(renderTemplate(b, native).revision).toBe(renderTemplate(a, native).revision);
    b.spec.main.image = "busybox:1.36";
    expect(renderTemplate(b, native).revision).not.toBe(renderTemplate(a, native).revision);
    expect(renderTemplate(a, classic).revision).not.toBe(renderTemplate(a, native).revision);
  });

  it("native mode: ambassadors first, then init steps, then sidecars and adapters, all restartable but the init step", () => {
    const { spec } = renderTemplate(appWithEveryRole(), native);
    expect(spec.initContainers?.map((c) => [c.name, c.restartPolicy ?? null])).toEqual([
      ["db", "Always"],
      ["setup", null],
      ["ship", "Always"],
      ["fmt", "Always"],
    ]);
    expect(spec.containers.map((c) => c.name)).toEqual(["main"]);
  });

  it("classic mode: helpers are ordinary containers after the main one", () => {
    const { spec } = renderTemplate(appWithEveryRole(), classic);
    expect(spec.initContainers?.map((c) => c.name)).toEqual(["setup"]);
    expect(spec.containers.map((c) => c.name)).toEqual(["main", "ship", "db", "fmt"]);
    expect(spec.containers.every((c) => c.restartPolicy === undefined)).toBe(true);
  });

  it("labels and annotates roles and ownership", () => {
    const { pod, revision } = renderPod(appWithEveryRole(), native, 2);
    expect(pod.metadata?.name).toBe(`web-${revision}-2`);
    expect(pod.metadata?.labels).toMatchObject({
      "app.kubernetes.io/name": "web",
      "app.kubernetes.io/managed-by": "compositeapp",
      "compositeapp.io/name": "web",
      "compositeapp.io/revision": revision,
      "compositeapp.io/slot": "2",
    });
    expect(JSON.parse(pod.metadata?.annotations?.["compositeapp.io/roles"] ?? "{}")).toEqual({
      db: "ambassador",
      setup: "init",
      ship: "sidecar",
      fmt: "adapter",
      main: "main",
    });
    expect(pod.metadata?.annotations?.["kubectl.kubernetes.io/default-container"]).toBe("main");
  });

  it("renders one Pod per replica, with distinct stable names", () => {
    const input = baseApp();
    input.spec.replicas = 3;
    const names = render(parsedApp(input), native).map((r) => r.pod.metadata?.name);
    expect(new Set(names).size).toBe(3);
    expect(render(parsedApp(input), native).map((r) => r.pod.metadata?.name)).toEqual(names);
  });

  it("lays a helper's own fields over its preset: scalars replace, lists append", () => {
    const input = baseApp();
    input.spec.ambassadors = [
      {
        name: "db",
        image: "example.org/proxy:2",
        env: [{ name: "A", value: "1" }],
        ports: [{ containerPort: 9000, name: "admin" }],
        resources: { requests: { cpu: "1" } },
        preset: { tcpProxy: { listenPort: 5432, upstream: "db:5432" } },
      },
    ];
    const db = renderTemplate(parsedApp(input), native).spec.initContainers?.find((c) => c.name === "db");
    expect(db?.image).toBe("example.org/proxy:2");
    expect(db?.ports?.map((p) => p.containerPort)).toEqual([5432, 9000]);
    expect(db?.env).toEqual([{ name: "A", value: "1" }]);
    expect(db?.resources).toEqual({ requests: { cpu: "1" } });
    expect(db?.startupProbe?.tcpSocket?.port).toBe(5432);
  });

  it("uses the configured preset images", () => {
    const images = { ...DEFAULT_PRESET_IMAGES, logShipper: "mirror.example/busybox:1.36" };
    const { spec } = renderTemplate(appWithEveryRole(), { sidecarMode: "Native", images });
    expect(spec.initContainers?.find((c) => c.name === "ship")?.image).toBe("mirror.example/busybox:1.36");
    expect(spec.initContainers?.find((c) => c.name === "db")?.image).toBe(DEFAULT_PRESET_IMAGES.tcpProxy);
  });

  it("passes Pod-level fields through and writes quantities as strings", () => {
    const input = baseApp();
    input.spec.pod = { shareProcessNamespace: true, serviceAccountName: "app", labels: { team: "a" } };
    input.spec.main.resources = { requests: { cpu: 1 } };
    const { metadata, spec } = renderTemplate(parsedApp(input), native);
    expect(spec.shareProcessNamespace).toBe(true);
    expect(spec.serviceAccountName).toBe("app");
    expect(metadata.labels?.team).toBe("a");
    expect(spec.containers[0]?.resources?.requests).toEqual({ cpu: "1" });
  });

  it("quotes preset parameters for the shell", () => {
    const input = baseApp();
    input.spec.sidecars = [
      { name: "ship", preset: { logShipper: { volume: "data", mountPath: "/logs", files: ["it's.log"] } } },
    ];
    const ship = renderTemplate(parsedApp(input), native).spec.initContainers?.[0];
    expect(ship?.command?.[2]).toContain(`tail -n +1 -F '/logs/it'\\''s.log'`);
  });
});
