// The informer against the real API server: watches the server ends are resumed from the last
// resourceVersion, without a relist, and no event is lost across them.
import type { V1ConfigMap } from "@kubernetes/client-node";
import { pino } from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Resource } from "../../src/controller/kube/api.js";
import { HttpApiClient, loadKubeConfig } from "../../src/controller/kube/client.js";
import { Informer } from "../../src/controller/runtime/informer.js";
import { sleep, waitFor } from "../support/wait.js";
import { apply, createNamespace, deleteNamespace, requireCluster } from "./support.js";

const CONFIGMAPS: Resource = { group: "", version: "v1", plural: "configmaps", namespaced: true };

let ns: string;
beforeAll(async () => {
  await requireCluster();
  ns = await createNamespace("it-watch");
});
afterAll(async () => {
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
