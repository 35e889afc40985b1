// The PodDisruptionBudget an app asks for (spec.disruptionBudget), and the one write that brings
// the cluster there: create, replace, delete, or nothing. Pure; the reconciler carries the write out
// (src/controller/reconciler/disruption-budget.ts). The budget is named after the app, selects the
// app's Pods and is controlled by the app, so the garbage collector deletes it with the app.
import type { V1OwnerReference, V1PodDisruptionBudget } from "@kubernetes/client-node";
import type { DisruptionBudget } from "../api/disruption-budget.js";
import { canonicalJson, LABELS, MANAGED_BY, podSelector } from "./render/index.js";

export interface BudgetInput {
  app: string;
  namespace: string;
  budget: DisruptionBudget | undefined;
  owner: V1OwnerReference;
}

export function desiredBudget(input: BudgetInput): V1PodDisruptionBudget | undefined {
  const { budget } = input;
  if (!budget) return undefined;
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: {
      name: input.app,
      namespace: input.namespace,
      labels: { [LABELS.name]: input.app, [LABELS.managedBy]: MANAGED_BY, [LABELS.app]: input.app },
      ownerReferences: [input.owner],
    },
    spec: {
      selector: { matchLabels: podSelector(input.app) },
      ...(budget.minAvailable !== undefined && { minAvailable: budget.minAvailable }),
      ...(budget.maxUnavailable !== undefined && { maxUnavailable: budget.maxUnavailable }),
    },
  };
}

export type BudgetAction =
  | { verb: "create"; budget: V1PodDisruptionBudget }
  | { verb: "replace"; budget: V1PodDisruptionBudget }
  | { verb: "delete"; name: string; uid: string };

/** What of a budget the operator decides: its spec, its labels, its controller. */
const decided = (b: V1PodDisruptionBudget) => ({
  spec: {
    selector: b.spec?.selector,
    minAvailable: b.spec?.minAvailable,
    maxUnavailable: b.spec?.maxUnavailable,
  },
  labels: Object.fromEntries(
    Object.entries(b.metadata?.labels ?? {}).filter(([k]) => Object.values(LABELS).includes(k as never)),
  ),
  owner: b.metadata?.ownerReferences?.find((r) => r.controller)?.uid,
});

/**
 * The write that turns `observed` (the budget this app controls, from the cache) into `desired`,
 * or undefined when they already agree: a budget in step is never written.
 */
export function planBudget(
  desired: V1PodDisruptionBudget | undefined,
  observed: V1PodDisruptionBudget | undefined,
): BudgetAction | undefined {
  if (!desired) {
    const meta = observed?.metadata;
    return meta?.name && !meta.deletionTimestamp ? { verb: "delete", name: meta.name, uid: meta.uid ?? "" } : undefined;
  }
  if (!observed) return { verb: "create", budget: desired };
  if (canonicalJson(decided(observed)) === canonicalJson(decided(desired))) return undefined;
  // Keep what others put there (their labels, annotations), replace what is ours.
  const meta = observed.metadata ?? {};
  return {
    verb: "replace",
    budget: {
      ...desired,
      metadata: {
        ...meta,
        labels: { ...meta.labels, ...desired.metadata?.labels },
        ownerReferences: desired.metadata?.ownerReferences,
      },
      spec: desired.spec,
    },
  };
}
