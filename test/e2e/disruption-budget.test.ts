// spec.disruptionBudget on a full node: the operator's PodDisruptionBudget makes the eviction API
// refuse an eviction that would break it (429), follows the field as it changes, and goes when the
// field is removed or the app is deleted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installCrd } from "../support/crd.js";
import {
  KubectlError,
  apply,
  createNamespace,
  deleteNamespace,
  kubectl,
  kubectlJson,
  requireCluster,
} from "../support/kubectl.js";
import { waitFor } from "../support/wait.js";
import { applyApp, podsOf, readyApp, webApp } from "./support/apps.js";
import { startOperatorFor, type OperatorUnderTest } from "./support/operator.js";

interface Pdb {
  metadata: { uid: string; ownerReferences?: { kind: string; name: string; controller?: boolean }[] };
  spec: { minAvailable?: number | string; maxUnavailable?: number | string; selector: unknown };
  status?: {
    disruptionsAllowed?: number;
    expectedPods?: number;
    currentHealthy?: number;
    observedGeneration?: number;
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
  };
}

let ns: string;
let operator: OperatorUnderTest;

beforeAll(async () => {
  await requireCluster();
  await installCrd();
  ns = await createNamespace("e2e-pdb");
  operator = await startOperatorFor([ns]);
  await untilControllerManagerKnowsApps();
});

afterAll(async () => {
  await operator?.stop();
  if (ns) await deleteNamespace(ns);
});

const getPdb = async (name: string): Promise<Pdb | undefined> => {
  const out = await kubectl(["get", "pdb", name, "-n", ns, "--ignore-not-found", "-o", "json"]);
  return out.trim() ? (JSON.parse(out) as Pdb) : undefined;
};

/** Waits until the disruption controller allows `allowed` disruptions for the app's budget. */
async function untilAllowed(name: string, allowed: number, expectedPods: number): Promise<Pdb> {
  let last: Pdb | undefined;
  try {
    return await waitFor(
      `PodDisruptionBudget ${name} to allow ${allowed} disruption(s) of ${expectedPods} Pods`,
      async () => {
        last = await getPdb(name);
        const s = last?.status;
        return s?.disruptionsAllowed === allowed && s.expectedPods === expectedPods ? last : undefined;
      },
      120_000,
      500,
    );
  } catch (err) {
    const events = await kubectl(["get", "events", "-n", ns, "--field-selector", `involvedObject.name=${name}`]);
    throw new Error(`${(err as Error).message}\nlast seen: ${JSON.stringify(last)}\nevents:\n${events}`, {
      cause: err,
    });
  }
}

/**
 * The disruption controller counts a budget given as maxUnavailable or a percentage through the
 * owner's scale subresource, which it finds by discovery; the controller manager refreshes that
 * every 30 s, so just after the CRD is installed the count fails, and the controller's retries of
 * that budget back off for minutes. Wait until a throwaway budget is counted; each attempt uses a
 * new app, whose budget starts with no back-off.
 */
async function untilControllerManagerKnowsApps(): Promise<void> {
  let attempt = 0;
  await waitFor(
    "the disruption controller to count a budget through the scale subresource",
    async () => {
      const name = `discovery-probe-${attempt++}`;
      await applyApp(webApp(ns, name, { disruptionBudget: { maxUnavailable: 1 } }));
      const counted = await waitFor(`budget ${name} to be counted`, async () => {
        const s = (await getPdb(name))?.status;
        return s?.expectedPods === 1 && s.disruptionsAllowed === 1;
      }).catch(() => false);
      await kubectl(["delete", "compositeapp", name, "-n", ns, "--wait=false"]);
      return counted;
    },
    180_000,
    0,
  );
}

/** POST pods/NAME/eviction: resolves with what the API server said. */
async function evict(pod: string): Promise<{ ok: boolean; message: string }> {
  const eviction = { apiVersion: "policy/v1", kind: "Eviction", metadata: { name: pod, namespace: ns } };
  try {
    await kubectl(["create", "--raw", `/api/v1/namespaces/${ns}/pods/${pod}/eviction`, "-f", "-"], {
      input: JSON.stringify(eviction),
    });
    return { ok: true, message: "" };
  } catch (err) {
    if (err instanceof KubectlError) return { ok: false, message: err.stderr };
    throw err;
  }
}

describe("disruption budget", () => {
  it("refuses an eviction that would break the budget, and allows one the budget permits", async () => {
    await applyApp(webApp(ns, "guarded", { replicas: 2, disruptionBudget: { minAvailable: 2 } }));
    await readyApp(ns, "guarded");
    const pdb = await untilAllowed("guarded", 0, 2);
    expect(pdb.spec).toEqual({ minAvailable: 2, selector: { matchLabels: { "compositeapp.io/name": "guarded" } } });
    expect(pdb.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: "CompositeApp", name: "guarded", controller: true }),
    ]);

    const [victim] = await podsOf(ns, "guarded");
    const refused = await evict(victim!.metadata!.name!);
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/TooManyRequests|429/);
    expect(refused.message).toContain("disruption budget");
    expect((await podsOf(ns, "guarded")).map((p) => p.metadata?.uid)).toContain(victim!.metadata!.uid);

    // The field changes: the operator replaces the budget, and one Pod may now go.
    await applyApp(webApp(ns, "guarded", { replicas: 2, disruptionBudget: { maxUnavailable: 1 } }));
    const relaxed = await untilAllowed("guarded", 1, 2);
    expect(relaxed.spec).toMatchObject({ maxUnavailable: 1 });
    expect(relaxed.spec.minAvailable).toBeUndefined();
    expect(relaxed.metadata.uid).toBe(pdb.metadata.uid);
    const allowed = await evict(victim!.metadata!.name!);
    expect(allowed).toEqual({ ok: true, message: "" });
    const back = await readyApp(ns, "guarded");
    expect(back.status?.readyReplicas).toBe(2);
  });

  it("deletes the budget when the field is removed, and with the app", async () => {
    await applyApp(webApp(ns, "fleeting", { disruptionBudget: { maxUnavailable: "50%" } }));
    await waitFor("the budget of fleeting", () => getPdb("fleeting"), 60_000, 500);
    await applyApp(webApp(ns, "fleeting"));
    await waitFor("the budget to go with the field", async () => (await getPdb("fleeting")) === undefined, 60_000, 500);

    await applyApp(webApp(ns, "fleeting", { disruptionBudget: { minAvailable: 1 } }));
    await waitFor("the budget of fleeting again", () => getPdb("fleeting"), 60_000, 500);
    await kubectl(["delete", "compositeapp", "fleeting", "-n", ns, "--wait=true", "--timeout=60s"]);
    await waitFor(
      "the garbage collector to delete the budget",
      async () => (await getPdb("fleeting")) === undefined,
      120_000,
      500,
    );
  });

  it("rejects a budget that sets both fields, at admission", async () => {
    const both = webApp(ns, "both", { disruptionBudget: { minAvailable: 1, maxUnavailable: 1 } });
    const err = await apply(both).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(KubectlError);
    expect((err as KubectlError).stderr).toContain("set exactly one of minAvailable and maxUnavailable");
    await expect(kubectlJson(["get", "compositeapp", "both", "-n", ns])).rejects.toThrow(/NotFound|not found/);
  });
});
