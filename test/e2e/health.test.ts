// Health that GitOps tools read: the kstatus of a CompositeApp, computed by sigs.k8s.io/cli-utils
// itself (the tool hack/kstatus builds), and Argo CD's view through the shipped health.lua, across
// a first start, a rollout, steady state and an image that cannot be pulled.
// COMPOSITEAPP_RECORD_HEALTH_FIXTURES=1 writes the objects seen to test/unit/argocd/fixtures.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { argoHealthOf } from "../support/argocd-health.js";
import { installCrd } from "../support/crd.js";
import { kstatusInCluster, kstatusOf, type KstatusResult } from "../support/kstatus.js";
import { createNamespace, deleteNamespace, requireCluster } from "../support/kubectl.js";
import { waitFor } from "../support/wait.js";
import { applyApp, conditionOf, getApp, webApp, type AppObject } from "./support/apps.js";
import { startOperatorFor, type OperatorUnderTest } from "./support/operator.js";

const FIXTURES = join(import.meta.dirname, "..", "unit", "argocd", "fixtures");

let ns: string;
let operator: OperatorUnderTest;

beforeAll(async () => {
  await requireCluster();
  await installCrd();
  ns = await createNamespace("e2e-health");
  operator = await startOperatorFor([ns]);
});

afterAll(async () => {
  await operator?.stop();
  if (ns) await deleteNamespace(ns);
});

/** The app as stored, without what changes from run to run, for a fixture. */
function record(fixture: string, app: AppObject): void {
  if (process.env.COMPOSITEAPP_RECORD_HEALTH_FIXTURES !== "1") return;
  const { name, generation } = app.metadata;
  const object = { ...app, metadata: { name, namespace: "default", generation } };
  writeFileSync(join(FIXTURES, `${fixture}.json`), `${JSON.stringify(object, null, 2)}\n`);
}

/**
 * Polls the app until kstatus says `want` about a state the operator has reported on (its
 * observedGeneration is the generation); returns that object and the result.
 */
async function untilKstatus(name: string, want: KstatusResult["status"], timeoutMs = 120_000) {
  let seen: string[] = [];
  try {
    return await waitFor(
      `kstatus ${want} for ${name}`,
      async () => {
        const app = await getApp(ns, name);
        const result = kstatusOf(app);
        seen = [...seen.slice(-4), `${result.status}: ${result.message}`];
        const observed = app.status?.observedGeneration === app.metadata.generation;
        return result.status === want && observed ? { app, result } : undefined;
      },
      timeoutMs,
      200,
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}; last seen: ${seen.join(" | ")}; operator log: ${operator.log}`, {
      cause: err,
    });
  }
}

describe("kstatus and Argo CD health", () => {
  it("InProgress during the first start, Current when ready, InProgress during a rollout", async () => {
    await applyApp(webApp(ns, "web", { replicas: 2 }));
    const starting = await untilKstatus("web", "InProgress", 60_000);
    expect(starting.app.status?.observedGeneration).toBe(starting.app.metadata.generation);
    expect(conditionOf(starting.app, "Reconciling")).toMatchObject({ status: "True" });
    expect(argoHealthOf(starting.app).status).toBe("Progressing");
    record("starting", starting.app);

    const ready = await untilKstatus("web", "Current");
    expect(conditionOf(ready.app, "Ready")).toMatchObject({ status: "True", reason: "AllPodsReady" });
    expect(conditionOf(ready.app, "Reconciling")).toMatchObject({ status: "False", reason: "Reconciled" });
    expect(kstatusInCluster("compositeapps", "web", ns).status).toBe("Current");
    expect(argoHealthOf(ready.app)).toMatchObject({ status: "Healthy" });
    record("ready", ready.app);

    const changed = webApp(ns, "web", { replicas: 2 });
    (changed.spec.main as Record<string, unknown>).env = [{ name: "VERSION", value: "2" }];
    await applyApp(changed);
    const rolling = await untilKstatus("web", "InProgress", 60_000);
    expect(conditionOf(rolling.app, "Reconciling")?.status).toBe("True");
    expect(argoHealthOf(rolling.app).status).toBe("Progressing");
    record("rolling-out", rolling.app);
    const rolledOut = await untilKstatus("web", "Current");
    expect(rolledOut.app.status?.updatedReplicas).toBe(2);
    expect(argoHealthOf(rolledOut.app).status).toBe("Healthy");
  });

  it("Failed, and Degraded for Argo CD, when an image cannot be pulled past the progress deadline", async () => {
    const app = webApp(ns, "no-image", { progressDeadlineSeconds: 10 });
    // Nothing listens on this loopback port: the pull fails at once, and never leaves the node.
    (app.spec.main as Record<string, unknown>).image = "127.0.0.1:9/compositeapp-e2e/missing:1";
    await applyApp(app);
    const stuck = await untilKstatus("no-image", "InProgress", 60_000);
    expect(argoHealthOf(stuck.app).status).toBe("Progressing");
    const failed = await untilKstatus("no-image", "Failed", 120_000);
    const stalled = conditionOf(failed.app, "Stalled");
    expect(stalled?.status).toBe("True");
    expect(["ErrImagePull", "ImagePullBackOff"]).toContain(stalled?.reason);
    expect(stalled?.message).toContain("past the progress deadline of 10s");
    expect(kstatusInCluster("compositeapps", "no-image", ns).status).toBe("Failed");
    expect(argoHealthOf(failed.app).status).toBe("Degraded");
    record("image-pull-stalled", failed.app);
  });
});
