// The server dry-run gate in front of a rollout. Before the first Pod of a new revision is created
// (or an old Pod deleted to make room for it), the reconciler sends that Pod with dryRun=All: the API
// server runs validation and every admission plugin (ResourceQuota, LimitRange, Pod Security,
// validating webhooks and admission policies) without storing anything. A refusal holds the rollout
// with the Pods of the earlier revision left as they are, and is reported at once as
// Stalled=True, reason RolloutRejected, with the server's message. This module decides when the gate
// applies and what a refusal holds. Pure.
import type { ObservedPod } from "./observed.js";
import type { Plan } from "./plan.js";

export const ROLLOUT_REJECTED = "RolloutRejected";

export interface GateInput {
  revision: string;
  observed: ObservedPod[];
  /** The step the plan would take. */
  plan: Plan;
}

/**
 * True while a new revision has not reached the API server: Pods of another revision are still live
 * and none of this revision exists (terminating ones included: a Pod the server once admitted means
 * the rollout has started). An app with no live Pod of another revision, such as a new one, has
 * nothing to keep: there the first create is itself the check, and a refusal is a FailedCreate.
 */
export function rolloutPending(input: Omit<GateInput, "plan">): boolean {
  const oldLive = input.observed.some((p) => !p.terminating && p.revision !== input.revision);
  return oldLive && !input.observed.some((p) => p.revision === input.revision);
}

/** True when this step would start the rollout: it is pending and the step creates, deletes or patches a Pod. */
export function startsRollout(input: GateInput): boolean {
  const { create, delete: deletes, update } = input.plan;
  return rolloutPending(input) && create.length + deletes.length + update.length > 0;
}

/** The step while the rollout is held: no Pod is created, deleted or updated in place. */
export const heldPlan = (): Plan => ({ create: [], delete: [], update: [], waiting: false });

/**
 * ResourceQuota admission's refusal of a Pod over a quota (`exceeded quota: pods, requested: ...`);
 * its other refusal (`failed quota: ...: must specify ...`) does not depend on usage.
 */
const QUOTA_EXCEEDED = /\bexceeded quota: /;

/**
 * Whether a refusal of the dry run holds this step. The dry run counts every old Pod against a
 * ResourceQuota, plus the one it asks about; a step that deletes old Pods first (Recreate, or
 * maxSurge 0) frees what they use before it creates, and one that only updates Pods in place adds
 * none, so an exceeded quota does not hold them: if the new Pod still does not fit, its create fails
 * and is reported as FailedCreate, as without the gate. Every other refusal holds.
 */
export function refusalHolds(message: string, plan: Plan): boolean {
  const addsNoPodFirst = plan.create.length === 0 || plan.delete.some((d) => d.reason === "Rollout");
  return !(QUOTA_EXCEEDED.test(message) && addsNoPodFirst);
}

/** The Degraded and Stalled reason and message of a held rollout. */
export function rolloutRejected(revision: string, serverMessage: string): { reason: string; message: string } {
  return {
    reason: ROLLOUT_REJECTED,
    message: `rollout of revision ${revision} held, the Pods of the earlier revision stay: ${serverMessage}`,
  };
}
