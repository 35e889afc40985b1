// Accepted means the Pod is accepted: generated valid CompositeApps (fixed seed) are validated and
// rendered as the operator renders them, and both the CompositeApp and its Pod are sent to the API
// server with dryRun=All and strict field validation. Any app validate accepts but the server
// rejects (either object) fails the test, with the server's message and the app that caused it.
import { ApiException, CoreV1Api, CustomObjectsApi } from "@kubernetes/client-node";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientNodeKubeConfig } from "../support/client-node-kubeconfig.js";
import { GROUP, PLURAL, VERSION } from "../../src/api/compositeapp.js";
import { arbitraryApp } from "../support/arbitrary-app.js";
import { PROPERTY_SEED, validateAndRender } from "../support/render-generated.js";
import { createNamespace, deleteNamespace, installCrd, requireCluster } from "./support.js";

const APPS = 300;
const CONCURRENCY = 4;

let ns = "";

const messageOf = (err: unknown): string =>
  err instanceof ApiException ? `${err.code}: ${String(err.body)}` : String((err as Error).message);

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

describe("generated apps on the API server", () => {
  beforeAll(async () => {
    await requireCluster();
    await installCrd();
    ns = await createNamespace("generated");
  });
  afterAll(async () => {
    if (ns) await deleteNamespace(ns);
  });

  it(`${APPS} valid apps: the server accepts each CompositeApp and the Pod it renders (dryRun=All)`, async () => {
    const kc = clientNodeKubeConfig();
    const core = kc.makeApiClient(CoreV1Api);
    const custom = kc.makeApiClient(CustomObjectsApi);
    const apps = fc.sample(arbitraryApp, { numRuns: APPS, seed: PROPERTY_SEED });
    const failures: { app: unknown; object: string; message: string }[] = [];
    let pods = 0;
    const started = performance.now();
    await inBatches(apps, CONCURRENCY, async (app) => {
      const input = { ...app, metadata: { ...app.metadata, namespace: ns } };
      const rendered = validateAndRender(input);
      expect(rendered.errors, JSON.stringify(input)).toEqual([]);
      try {
        await custom.createNamespacedCustomObject({
          group: GROUP,
          version: VERSION,
          namespace: ns,
          plural: PLURAL,
          body: input,
          dryRun: "All",
          fieldValidation: "Strict",
        });
      } catch (err) {
        failures.push({ app: input, object: "CompositeApp", message: messageOf(err) });
      }
      try {
        await core.createNamespacedPod({
          namespace: ns,
          body: rendered.pod!,
          dryRun: "All",
          fieldValidation: "Strict",
        });
        pods++;
      } catch (err) {
        failures.push({ app: input, object: "Pod", message: messageOf(err) });
      }
    });
    console.log(
      `generated-pods: ${apps.length} apps, ${pods} Pods accepted, ${failures.length} rejections, ${((performance.now() - started) / 1000).toFixed(1)} s (seed ${PROPERTY_SEED})`,
    );
    expect(failures.slice(0, 5)).toEqual([]);
    expect(pods).toBe(APPS);
  });

  it("the same dry run does reject a Pod the schema lets through only as zod (requests above limits)", async () => {
    const core = clientNodeKubeConfig().makeApiClient(CoreV1Api);
    const [app] = fc.sample(arbitraryApp, { numRuns: 1, seed: PROPERTY_SEED });
    const { pod } = validateAndRender({ ...app, metadata: { ...app!.metadata, namespace: ns } });
    const main = pod!.spec!.containers[0]!;
    main.resources = { requests: { memory: "2Gi" }, limits: { memory: "1Gi" } };
    const rejected = await core
      .createNamespacedPod({ namespace: ns, body: pod!, dryRun: "All", fieldValidation: "Strict" })
      .then(() => "")
      .catch(messageOf);
    expect(rejected).toContain("must be less than or equal to memory limit");
  });
});
