// The httpProxy and configReloader presets on a real node, from their examples, each checked from
// inside its Pod: requests through the ambassador reach the upstream of their route; an edited
// ConfigMap reaches the main container through the reloader's POST, without a restart.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { V1ContainerStatus, V1Pod } from "@kubernetes/client-node";
import { loadAll } from "js-yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apply, createNamespace, deleteNamespace, kubectl, requireCluster } from "../support/kubectl.js";
import { installCrd } from "../support/crd.js";
import { waitFor } from "../support/wait.js";
import { podsOf, readyApp } from "./support/apps.js";
import { startOperatorFor, type OperatorUnderTest } from "./support/operator.js";

type Obj = { kind: string; metadata: { name: string; namespace?: string }; spec?: Record<string, unknown> };
type Route = { path: string; upstream: string };

let ns: string;
let operator: OperatorUnderTest;

const example = (file: string): Obj[] =>
  loadAll(readFileSync(join(import.meta.dirname, "..", "..", "examples", file), "utf8")) as Obj[];
const named = (objects: Obj[], kind: string, name: string): Obj =>
  objects.find((o) => o.kind === kind && o.metadata.name === name)!;

async function applyAll(objects: Obj[]): Promise<void> {
  for (const o of objects) await apply({ ...o, metadata: { ...o.metadata, namespace: ns } });
}

async function podOf(name: string): Promise<V1Pod> {
  const pods = await podsOf(ns, name);
  if (pods.length !== 1) throw new Error(`expected one Pod of ${name}, found ${pods.length}`);
  return pods[0]!;
}

const exec = (pod: V1Pod, container: string, cmd: string[]) =>
  kubectl(["exec", "-n", ns, pod.metadata!.name!, "-c", container, "--", ...cmd]);
const logs = (pod: V1Pod, container: string) => kubectl(["logs", "-n", ns, pod.metadata!.name!, "-c", container]);
const statusOf = (pod: V1Pod, container: string): V1ContainerStatus | undefined =>
  [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].find(
    (s) => s.name === container,
  );

beforeAll(async () => {
  await requireCluster();
  await installCrd();
  ns = await createNamespace("e2e-presets");
  operator = await startOperatorFor([ns]);
});

afterAll(async () => {
  await operator?.stop();
  if (ns) await deleteNamespace(ns);
});

describe("presets, reconciled into real Pods", () => {
  it("httpProxy: each path reaches the upstream of its route, and the proxy is ready by its own probe", async () => {
    const objects = example("http-proxy.yaml");
    await applyAll(objects.filter((o) => o.metadata.name !== "http-proxy"));
    await readyApp(ns, "orders");
    await readyApp(ns, "catalog");
    // No cluster DNS is assumed: point the routes at the Services' ClusterIPs.
    const ip = (svc: string) => kubectl(["get", "service", svc, "-n", ns, "-o", "jsonpath={.spec.clusterIP}"]);
    const app = named(objects, "CompositeApp", "http-proxy");
    const spec = app.spec as { ambassadors: { preset: { httpProxy: { routes: Route[] } } }[] };
    spec.ambassadors[0]!.preset.httpProxy.routes = [
      { path: "/api", upstream: `http://${await ip("orders")}:8080/v1` },
      { path: "/", upstream: `http://${await ip("catalog")}:8080` },
    ];
    await applyAll([app]);
    await readyApp(ns, "http-proxy");
    const pod = await podOf("http-proxy");

    expect(await exec(pod, "app", ["wget", "-qO-", "http://127.0.0.1:8081/api/orders.txt"])).toBe("3 orders\n");
    expect(await exec(pod, "app", ["wget", "-qO-", "http://127.0.0.1:8081/items.txt"])).toBe("7 items\n");
    expect(await exec(pod, "app", ["wget", "-qO-", "http://127.0.0.1:8081/-/ready"])).toBe("ok\n");
    // /api/items.txt goes to orders as /v1/items.txt, which orders does not have.
    await expect(exec(pod, "app", ["wget", "-qO-", "http://127.0.0.1:8081/api/items.txt"])).rejects.toThrow(
      /404 Not Found/,
    );
    await waitFor(
      "the main container's own requests through the proxy",
      async () => ((await logs(pod, "app")).includes("orders: 3 orders catalog: 7 items") ? true : undefined),
      30_000,
    );
    expect(await logs(pod, "web-proxy")).toMatch(/GET \/api\/orders.txt -> http:\/\/[\d.]+:8080\/v1\/orders.txt/);
    expect(pod.spec?.initContainers?.find((c) => c.name === "web-proxy")?.readinessProbe?.httpGet?.path).toBe(
      "/-/ready",
    );
    expect(statusOf(pod, "web-proxy")).toMatchObject({ ready: true, started: true });
  });

  it("configReloader: an edited ConfigMap reaches the main container through its reload endpoint", async () => {
    const objects = example("config-reloader.yaml");
    await applyAll(objects);
    await readyApp(ns, "config-reloader");
    const pod = await podOf("config-reloader");
    const greeting = () => exec(pod, "app", ["wget", "-qO-", "http://127.0.0.1:8080/greeting.txt"]);
    expect(await greeting()).toBe("hello");
    // The endpoint reloads on POST only, so a served change shows the reloader POSTed.
    await expect(exec(pod, "app", ["wget", "-qO-", "http://127.0.0.1:8080/cgi-bin/reload"])).rejects.toThrow(
      /405 Method Not Allowed/,
    );
    expect(await logs(pod, "reloader")).toContain(
      "watching /etc/app; on change: POST http://localhost:8080/cgi-bin/reload",
    );

    const configMap = named(objects, "ConfigMap", "greeting");
    await applyAll([{ ...configMap, data: { "greeting.txt": "bonjour" } } as Obj]);
    // The kubelet refreshes ConfigMap volumes on its sync period (a minute by default).
    await waitFor(
      "the main container to serve the new greeting",
      async () => (await greeting()) === "bonjour",
      180_000,
      2000,
    );
    expect(await exec(pod, "app", ["cat", "/tmp/www/reloads.txt"])).toBe("reloaded: bonjour\n");
    expect(await logs(pod, "reloader")).toMatch(
      / \/etc\/app changed: POST http:\/\/localhost:8080\/cgi-bin\/reload: reloaded$/m,
    );
    const [now] = await podsOf(ns, "config-reloader");
    expect(now?.metadata?.uid).toBe(pod.metadata?.uid);
    expect(statusOf(now!, "app")?.restartCount).toBe(0);
  }, 300_000);
});
