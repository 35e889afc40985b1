// The informer against the real API server: watches the server ends, and watches that go silent
// (fault matrix: the connection's packets dropped with hack/cluster/netfault.sh), are resumed from the
// last resourceVersion, without a relist, and no event is lost across them.
import type { V1ConfigMap } from "@kubernetes/client-node";
import { pino } from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Resource } from "../../src/controller/kube/api.js";
import { HttpApiClient, loadKubeConfig } from "../../src/controller/kube/client.js";
import { Informer } from "../../src/controller/runtime/informer.js";
import { sleep, waitFor } from "../support/wait.js";
import { blockLoopback, clearNetworkFaults, connectionPorts } from "../support/cluster-faults.js";
import { apply, createNamespace, deleteNamespace, requireCluster } from "./support.js";

/** Short, so that a silent watch is noticed quickly; the server ends none of its watches meanwhile. */
const WATCHDOG_MS = 5_000;
const CONFIGMAPS: Resource = { group: "", version: "v1", plural: "configmaps", namespaced: true };

let ns: string;
beforeAll(async () => {
  await requireCluster();
  ns = await createNamespace("it-watch");
});
afterAll(async () => {
  await clearNetworkFaults();
  if (ns) await deleteNamespace(ns);
});

it("resumes watches the server ends, without relisting and without losing an event", async () => {
  const requests: string[] = [];
  const client = new HttpApiClient(loadKubeConfig(), { observer: (verb) => requests.push(verb) });
  const informer = new Informer<V1ConfigMap>({
    client,
    resource: CONFIGMAPS,
    namespace: ns,
    labelSelector: "watch-test=yes",
    logger: pino({ level: "silent" }),
    watchTimeoutSeconds: () => 2, // the server closes each watch after 2 s
  });
  const seen = new Set<string>();
  informer.addEventHandler({ onAdd: (cm) => seen.add(cm.metadata?.name ?? "") });
  informer.start();
  await informer.waitForSync();
  try {
    for (let i = 0; i < 4; i++) {
      await apply(
        { apiVersion: "v1", kind: "ConfigMap", metadata: { name: `cm-${i}`, labels: { "watch-test": "yes" } } },
        ns,
      );
      await sleep(2500); // across at least one server-ended watch
    }
    await waitFor("every ConfigMap", () => Promise.resolve(seen.size === 4 || undefined), 10_000);
    expect([...seen].sort()).toEqual(["cm-0", "cm-1", "cm-2", "cm-3"]);
    expect(requests.filter((v) => v === "watch").length).toBeGreaterThanOrEqual(4);
    expect(requests.filter((v) => v === "list")).toHaveLength(1);
  } finally {
    await informer.stop();
    client.close();
  }
});

it("restarts a watch whose connection went silent (watchdog), without relisting and without losing an event", async () => {
  const requests: string[] = [];
  const client = new HttpApiClient(loadKubeConfig(), { observer: (verb) => requests.push(verb) });
  const warnings: Array<{ at: number; msg: string }> = [];
  const logger = pino(
    { level: "warn" },
    {
      write: (line: string) =>
        warnings.push({ at: performance.now(), msg: String((JSON.parse(line) as { msg?: unknown }).msg) }),
    },
  );
  const informer = new Informer<V1ConfigMap>({
    client,
    resource: CONFIGMAPS,
    namespace: ns,
    labelSelector: "silent-test=yes",
    logger,
    watchdogMs: WATCHDOG_MS,
    watchTimeoutSeconds: () => 300,
  });
  const seenAt = new Map<string, number>();
  informer.addEventHandler({ onAdd: (cm) => seenAt.set(cm.metadata?.name ?? "", performance.now()) });
  const configMap = (name: string) =>
    apply({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, labels: { "silent-test": "yes" } } }, ns);
  informer.start();
  await informer.waitForSync();
  try {
    await configMap("before");
    await waitFor("the healthy watch to deliver", () => Promise.resolve(seenAt.has("before") || undefined));
    // Every packet of this process's open connections to the API server is dropped from now on:
    // the watch's TCP connection stays open and says nothing. New connections get through.
    const server = loadKubeConfig().getCurrentCluster()!.server;
    const ports = await connectionPorts(process.pid, server);
    expect(ports.length).toBeGreaterThan(0);
    await blockLoopback(ports);
    const silencedAt = performance.now();
    const createdAt = performance.now();
    await configMap("during");
    await waitFor(
      "the event sent while the watch was silent",
      () => Promise.resolve(seenAt.has("during") || undefined),
      WATCHDOG_MS + 30_000,
      100,
    );
    const recovery = seenAt.get("during")! - createdAt;
    const restarts = warnings.filter((w) => w.at >= silencedAt && w.msg.includes("watch silent too long"));
    console.log(
      `[fault matrix] silent watch (watchdog ${WATCHDOG_MS / 1000} s): event delivered ${(recovery / 1000).toFixed(1)}s ` +
        `after it was written; watchdog restarts=${restarts.length} lists=${requests.filter((v) => v === "list").length}`,
    );
    expect(restarts.length).toBeGreaterThanOrEqual(1);
    expect(requests.filter((v) => v === "list")).toHaveLength(1);
  } finally {
    await clearNetworkFaults();
    await informer.stop();
    client.close();
  }
});
