// The PodDisruptionBudget an app asks for (spec.disruptionBudget), and the one write that brings
// the cluster there: create, replace, delete, or nothing. The planning is pure; syncBudget() acts.
// The budget is named after the app, selects the app's Pods and is controlled by the app, so the
// garbage collector deletes it with the app.
import type { V1OwnerReference, V1PodDisruptionBudget } from "@kubernetes/client-node";
import type { DisruptionBudget } from "../../api/disruption-budget.js";
import { canonicalJson } from "../../core/render/revision.js";
import { LABELS, MANAGED_BY } from "../../core/render/labels.js";
import { podSelector } from "../../core/render/selector.js";
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
