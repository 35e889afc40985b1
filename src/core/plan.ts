// plan(): the desired Pods and the observed ones in, the creates and deletes that move one step
// towards the desired state out. Pure; the reconciler acts on the result and is called again on
// the next change, so each step only has to be safe, not final.
import type { V1Pod } from "@kubernetes/client-node";
import type { UpdateStrategy } from "../api/compositeapp.js";
import { slotOf, type ObservedPod } from "./observed.js";

export type DeleteReason = "ScaleDown" | "Rollout" | "Replace" | "Duplicate" | "Drift";

export interface PlannedDelete {
  pod: ObservedPod;
  reason: DeleteReason;
}

export interface Plan {
  create: V1Pod[];
  delete: PlannedDelete[];
  /** Something is still to happen that this step could not do yet (a rollout step, a name in use). */
  waiting: boolean;
}

export interface PlanInput {
  replicas: number;
  revision: string;
  strategy: UpdateStrategy | undefined;
  /** The Pods of the current revision, by slot. */
  desired: V1Pod[];
  observed: ObservedPod[];
}

/** Resolves an int-or-percent against the replica count, rounding as Deployments do. */
export function resolveBound(value: number | string, replicas: number, roundUp: boolean): number {
  if (typeof value === "number") return value;
  const percent = Number.parseInt(value, 10) / 100;
  return roundUp ? Math.ceil(percent * replicas) : Math.floor(percent * replicas);
}

interface Bounds {
  maxTotal: number;
  minAvailable: number;
}

function bounds(replicas: number, strategy: UpdateStrategy | undefined): Bounds | "Recreate" {
  if (strategy?.type === "Recreate") return "Recreate";
  const surge = resolveBound(strategy?.rollingUpdate?.maxSurge ?? 1, replicas, true);
  let unavailable = resolveBound(strategy?.rollingUpdate?.maxUnavailable ?? 0, replicas, false);
  if (surge === 0 && unavailable === 0) unavailable = 1; // as Deployments do, so a rollout can progress
  return { maxTotal: replicas + surge, minAvailable: Math.max(0, replicas - unavailable) };
}

/**
 * Orders old Pods so the ones to give up first come first: not ready before ready, then those whose
 * slot already holds a Pod of the new revision (so no slot keeps two Pods longer than it must), then
 * higher slots first.
 */
const giveUpOrder =
  (replaced: ReadonlyMap<number, unknown>) =>
  (a: ObservedPod, b: ObservedPod): number =>
    Number(a.ready) - Number(b.ready) || Number(replaced.has(b.slot)) - Number(replaced.has(a.slot)) || b.slot - a.slot;

/** Orders Pods to create: free slots (no old Pod left in them) first, then by slot. */
const createOrder =
  (occupied: ReadonlySet<number>) =>
  (a: V1Pod, b: V1Pod): number =>
    Number(occupied.has(slotOf(a))) - Number(occupied.has(slotOf(b))) || slotOf(a) - slotOf(b);

/** Container images by name: the part of a Pod's spec anyone may still change after creation. */
const imagesOf = (pod: V1Pod): string =>
  JSON.stringify(
    [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => [c.name, c.image]).sort(),
  );

/** Splits observed Pods: the ones to keep per slot, and the surplus (finished, duplicate, out of range, edited). */
function triage(input: PlanInput) {
  const deletes: PlannedDelete[] = [];
  const current = new Map<number, ObservedPod>();
  const old: ObservedPod[] = [];
  const desiredImages = input.desired[0] ? imagesOf(input.desired[0]) : undefined;
  for (const pod of input.observed.filter((p) => !p.terminating)) {
    if (pod.finished) deletes.push({ pod, reason: "Replace" });
    else if (pod.revision === input.revision && desiredImages !== undefined && imagesOf(pod.pod) !== desiredImages) {
      deletes.push({ pod, reason: "Drift" });
    } else if (pod.revision !== input.revision) old.push(pod);
    else if (pod.slot < 0 || pod.slot >= input.replicas) deletes.push({ pod, reason: "ScaleDown" });
    else if (current.has(pod.slot)) deletes.push({ pod, reason: "Duplicate" });
    else current.set(pod.slot, pod);
  }
  return { deletes, current, old };
}

export function plan(input: PlanInput): Plan {
  const { deletes, current, old } = triage(input);
  const namesInUse = new Set(input.observed.map((p) => p.name));
  const missing = input.desired.filter((pod) => !current.has(slotOf(pod)));
  const creatable = missing.filter((pod) => !namesInUse.has(pod.metadata?.name ?? ""));
  const blocked = missing.length - creatable.length;
  const b = bounds(input.replicas, input.strategy);

  if (b === "Recreate") {
    const oldAlive = old.length > 0 || input.observed.some((p) => p.terminating && p.revision !== input.revision);
    const step: Plan = { create: oldAlive ? [] : creatable, delete: [...deletes, ...old.map(rollout)], waiting: false };
    step.waiting = oldAlive || blocked > 0;
    return step;
  }

  // A slot holds at most one live Pod beyond the surge: new Pods go to free slots first, and the old
  // Pods given up first are those whose slot already has its replacement.
  const live = current.size + old.length;
  const occupied = new Set(old.map((p) => p.slot));
  const create = [...creatable].sort(createOrder(occupied)).slice(0, Math.max(0, b.maxTotal - live));
  // Old Pods that are not ready can always go; ready ones only while the available count stays
  // at or above the minimum (the Deployment controller's rule).
  let canLoseReady = [...current.values(), ...old].filter((p) => p.ready).length - b.minAvailable;
  const oldDeletes: PlannedDelete[] = [];
  for (const pod of [...old].sort(giveUpOrder(current))) {
    if (pod.ready && canLoseReady <= 0) continue;
    if (pod.ready) canLoseReady -= 1;
    oldDeletes.push(rollout(pod));
  }
  const waiting = blocked > 0 || create.length < creatable.length || oldDeletes.length < old.length;
  return { create, delete: [...deletes, ...oldDeletes], waiting };
}

const rollout = (pod: ObservedPod): PlannedDelete => ({ pod, reason: "Rollout" });
