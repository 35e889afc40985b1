import type { V1PodDisruptionBudget } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { CompositeAppSpec } from "../../../src/api/compositeapp.js";
import { desiredBudget, planBudget } from "../../../src/core/budget.js";

const owner = {
  apiVersion: "compositeapp.io/v1alpha1",
  kind: "CompositeApp",
  name: "shop",
  uid: "u-1",
  controller: true,
  blockOwnerDeletion: true,
};
const want = (budget: { minAvailable?: number | string; maxUnavailable?: number | string } | undefined) =>
  desiredBudget({ app: "shop", namespace: "team", budget, owner });

/** The budget as the API server hands it back: defaults, status, metadata of its own. */
const asStored = (b: V1PodDisruptionBudget, extra: Partial<V1PodDisruptionBudget["metadata"]> = {}) => ({
  ...b,
  metadata: { ...b.metadata, uid: "pdb-1", resourceVersion: "42", generation: 1, ...extra },
  status: { currentHealthy: 2, desiredHealthy: 1, disruptionsAllowed: 1, expectedPods: 2 },
});

describe("desiredBudget", () => {
  it("is a policy/v1 PodDisruptionBudget named after the app, selecting its Pods, controlled by it", () => {
    expect(want({ maxUnavailable: 1 })).toEqual({
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata: {
        name: "shop",
        namespace: "team",
        labels: {
          "app.kubernetes.io/name": "shop",
          "app.kubernetes.io/managed-by": "compositeapp",
          "compositeapp.io/name": "shop",
        },
        ownerReferences: [owner],
      },
      spec: { selector: { matchLabels: { "compositeapp.io/name": "shop" } }, maxUnavailable: 1 },
    });
    expect(want({ minAvailable: "50%" })?.spec).toEqual({
      selector: { matchLabels: { "compositeapp.io/name": "shop" } },
      minAvailable: "50%",
    });
  });

  it("is nothing when the app asks for no budget", () => {
    expect(want(undefined)).toBeUndefined();
  });
});

describe("planBudget", () => {
  it("creates a missing budget", () => {
    expect(planBudget(want({ minAvailable: 1 }), undefined)).toEqual({
      verb: "create",
      budget: want({ minAvailable: 1 }),
    });
  });

  it("writes nothing when the budget is in step, whatever the server added", () => {
    const desired = want({ minAvailable: 1 })!;
    expect(planBudget(desired, asStored(desired, { annotations: { note: "x" } }))).toBeUndefined();
  });

  it("replaces a budget whose numbers changed, keeping the server's metadata and others' labels", () => {
    const stored = asStored(want({ minAvailable: 1 })!, { labels: { ...want({})?.metadata?.labels, team: "a" } });
    const action = planBudget(want({ maxUnavailable: "25%" }), stored);
    expect(action?.verb).toBe("replace");
    if (action?.verb !== "replace") return;
    expect(action.budget.spec).toEqual({
      selector: { matchLabels: { "compositeapp.io/name": "shop" } },
      maxUnavailable: "25%",
    });
    expect(action.budget.metadata).toMatchObject({ resourceVersion: "42", uid: "pdb-1", labels: { team: "a" } });
  });

  it("puts back a selector someone edited", () => {
    const stored = asStored(want({ minAvailable: 1 })!);
    stored.spec = { ...stored.spec, selector: { matchLabels: { app: "other" } } };
    expect(planBudget(want({ minAvailable: 1 }), stored)?.verb).toBe("replace");
  });

  it("deletes the budget when the field is removed (by UID, so never a budget made since)", () => {
    const stored = asStored(want({ minAvailable: 1 })!);
    expect(planBudget(undefined, stored)).toEqual({ verb: "delete", name: "shop", uid: "pdb-1" });
    expect(planBudget(undefined, undefined)).toBeUndefined();
    expect(planBudget(undefined, asStored(stored, { deletionTimestamp: new Date() }))).toBeUndefined();
  });
});

describe("spec.disruptionBudget", () => {
  const spec = (disruptionBudget: unknown) =>
    CompositeAppSpec.safeParse({ main: { name: "web", image: "busybox" }, disruptionBudget });

  it.each([{ minAvailable: 1 }, { minAvailable: "50%" }, { maxUnavailable: 0 }, { maxUnavailable: "100%" }])(
    "accepts %j",
    (budget) => expect(spec(budget).success).toBe(true),
  );

  it.each([
    [{}, "set exactly one of minAvailable and maxUnavailable"],
    [{ minAvailable: 1, maxUnavailable: 1 }, "set exactly one of minAvailable and maxUnavailable"],
    [{ minAvailable: -1 }, "must be a non-negative count or a percentage"],
    [{ maxUnavailable: "half" }, "must be a non-negative count or a percentage"],
  ])("rejects %j: %s", (budget, message) => {
    const r = spec(budget);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain(message);
  });
});
