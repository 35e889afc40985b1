// The operator's PodDisruptionBudgets against the real API server: created from
// spec.disruptionBudget, put back when deleted or edited behind the operator's back (its informer
// on budgets), left alone at steady state (no write), deleted when the field goes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningOperator } from "../../src/controller/manager/manager.js";
import { waitFor } from "../support/wait.js";
import {
  app,
  apply,
  createNamespace,
  deleteNamespace,
  installCrd,
  kubectl,
  nudgeAndSettle,
  requireCluster,
  settled,
  startInProcess,
  writesOf,
} from "./support.js";

interface Pdb {
  metadata: { uid: string; generation: number };
  spec: { minAvailable?: number | string; maxUnavailable?: number | string; selector?: unknown };
}

let ns: string;
let op: RunningOperator;

beforeAll(async () => {
  await requireCluster();
  await installCrd();
  ns = await createNamespace("it-pdb");
  op = await startInProcess(ns);
});

afterAll(async () => {
  await op?.stop();
  if (ns) await deleteNamespace(ns);
});

const getPdb = async (name: string): Promise<Pdb | undefined> => {
  const out = await kubectl(["get", "pdb", name, "-n", ns, "--ignore-not-found", "-o", "json"]);
  return out.trim() ? (JSON.parse(out) as Pdb) : undefined;
};

const untilPdb = (name: string, check: (p: Pdb | undefined) => boolean, what: string) =>
  waitFor(what, async () => {
    const p = await getPdb(name);
    return check(p) ? (p ?? true) : undefined;
  });

describe("disruption budgets", () => {
  it("keeps the budget in step with the field, and puts it back when others change it", async () => {
    await apply(app("kept", { replicas: 2, disruptionBudget: { minAvailable: 1 } }), ns);
    const first = (await untilPdb("kept", (p) => p?.spec.minAvailable === 1, "the budget")) as Pdb;
    expect(first.spec.selector).toEqual({ matchLabels: { "compositeapp.io/name": "kept" } });

    // Steady state: once settled, a reconcile (after a change the operator does not own) writes nothing.
    await settled(op);
    const before = await writesOf(op);
    await nudgeAndSettle(op, ns, "compositeapp", "kept");
    expect(await writesOf(op)).toBe(before);
    // generation, not resourceVersion: kube-controller-manager's disruption controller writes the
    // budget's status on its own schedule, which changes resourceVersion but never the generation.
    expect((await getPdb("kept"))?.metadata.generation).toBe(first.metadata.generation);

    await kubectl(["patch", "pdb", "kept", "-n", ns, "--type=merge", "-p", '{"spec":{"minAvailable":0}}']);
    await untilPdb("kept", (p) => p?.spec.minAvailable === 1, "the edited budget to be put back");

    await kubectl(["delete", "pdb", "kept", "-n", ns]);
    const again = (await untilPdb(
      "kept",
      (p) => p !== undefined && p.metadata.uid !== first.metadata.uid,
      "a new budget",
    )) as Pdb;
    expect(again.spec.minAvailable).toBe(1);

    await apply(app("kept", { replicas: 2, disruptionBudget: { maxUnavailable: "50%" } }), ns);
    await untilPdb(
      "kept",
      (p) => p?.spec.maxUnavailable === "50%" && p.spec.minAvailable === undefined,
      "the new numbers",
    );

    await apply(app("kept", { replicas: 2 }), ns);
    await untilPdb("kept", (p) => p === undefined, "the budget to go with the field");
  });
});
