// Carries out the PodDisruptionBudget write that src/core/budget.ts plans: create, replace or delete.
import type { V1PodDisruptionBudget } from "@kubernetes/client-node";
import type { BudgetAction } from "../../core/index.js";
import {
  isAborted,
  isAlreadyExists,
  isConflict,
  isNotFound,
  type ApiClient,
  type CallOptions,
  type Resource,
} from "../kube/api.js";
import type { ActionFailure } from "./failures.js";

export const PODDISRUPTIONBUDGETS: Resource = {
  group: "policy",
  version: "v1",
  plural: "poddisruptionbudgets",
  namespaced: true,
};

/** Creates the budget; a budget of that name that this app does not control is a failure. */
async function create(
  api: ApiClient,
  namespace: string,
  budget: V1PodDisruptionBudget,
  call?: CallOptions,
): Promise<ActionFailure | undefined> {
  const name = budget.metadata?.name ?? "";
  try {
    await api.create(PODDISRUPTIONBUDGETS, namespace, budget, call);
    return undefined;
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
    const existing = await api.get<V1PodDisruptionBudget>(PODDISRUPTIONBUDGETS, namespace, name, call);
    const owner = budget.metadata?.ownerReferences?.[0]?.uid;
    if (existing.metadata?.ownerReferences?.some((r) => r.controller && r.uid === owner)) return undefined; // the cache lags
    const message = `a PodDisruptionBudget named ${name} exists and is not controlled by this app; delete or rename it`;
    return { reason: "FailedDisruptionBudget", pod: name, message, cause: err };
  }
}

/** Carries out a budget action; returns a failure to report, or undefined. */
export async function syncBudget(
  api: ApiClient,
  namespace: string,
  action: BudgetAction,
  call?: CallOptions,
): Promise<ActionFailure | undefined> {
  const name = action.verb === "delete" ? action.name : (action.budget.metadata?.name ?? "");
  try {
    if (action.verb === "create") return await create(api, namespace, action.budget, call);
    else if (action.verb === "replace") await api.replace(PODDISRUPTIONBUDGETS, namespace, name, action.budget, call);
    else await api.delete(PODDISRUPTIONBUDGETS, namespace, name, { preconditions: { uid: action.uid } }, call);
    return undefined;
  } catch (err) {
    if (isAborted(err, call?.signal)) throw err;
    // Already there, already gone or changed meanwhile: the watch brings the news and a new reconcile.
    if (isAlreadyExists(err) || isNotFound(err) || isConflict(err)) return undefined;
    return {
      reason: "FailedDisruptionBudget",
      pod: name,
      message: `${action.verb} PodDisruptionBudget: ${(err as Error).message}`,
      cause: err,
    };
  }
}
