// Keeps an app's PodDisruptionBudget in step with spec.disruptionBudget: carries out the write that
// src/core/budget.ts plans (create, replace or delete), and reports it.
import type { V1PodDisruptionBudget } from "@kubernetes/client-node";
import type { CompositeApp } from "../../api/compositeapp.js";
import { desiredBudget, planBudget, type BudgetAction } from "../../core/index.js";
import {
  isAborted,
  isAlreadyExists,
  isConflict,
  isNotFound,
  type ApiClient,
  type CallOptions,
  type KubeObject,
  type Resource,
} from "../kube/api.js";
import type { Context, EventSink } from "./context.js";
import type { ActionFailure } from "./failures.js";
import { ownerReference } from "./owner.js";

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

export interface BudgetDeps {
  api: ApiClient;
  events: EventSink;
  /** The cached PodDisruptionBudget whose controller is the app with this UID. */
  budgetOf(uid: string): V1PodDisruptionBudget | undefined;
}

/** Brings the app's PodDisruptionBudget in step with spec.disruptionBudget; writes only on a difference. */
export async function keepBudget(
  deps: BudgetDeps,
  raw: KubeObject,
  app: CompositeApp,
  ctx: Context,
): Promise<ActionFailure | undefined> {
  const namespace = raw.metadata?.namespace ?? "";
  const desired = desiredBudget({
    app: app.metadata.name,
    namespace,
    budget: app.spec.disruptionBudget,
    owner: ownerReference(raw),
  });
  const action = planBudget(desired, deps.budgetOf(raw.metadata?.uid ?? ""));
  if (!action) return undefined;
  const failure = await syncBudget(deps.api, namespace, action, { signal: ctx.signal });
  if (failure) {
    ctx.log.warn({ verb: action.verb, failure: failure.message }, "could not keep the PodDisruptionBudget");
    deps.events.warning(raw, failure.reason, failure.message);
  } else {
    ctx.log.info({ verb: action.verb }, "kept the PodDisruptionBudget in step");
    deps.events.normal(raw, "DisruptionBudget", `PodDisruptionBudget ${app.metadata.name}: ${action.verb}`);
  }
  return failure;
}
