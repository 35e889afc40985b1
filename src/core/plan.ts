// plan(): the desired Pods and the observed ones in, the creates and deletes that move one step
// towards the desired state out. Pure; the reconciler acts on the result and is called again on
// the next change, so each step only has to be safe, not final.
import type { V1Pod } from "@kubernetes/client-node";
import type { UpdateStrategy } from "../api/compositeapp.js";
import { slotOf, type ObservedPod } from "./observed.js";
import { chooseUpdates, type PlannedUpdate } from "./in-place-plan.js";
import { classifyUpdate, type ClassifyOptions } from "./update-kind.js";

export type { PlannedUpdate };

export type DeleteReason = "ScaleDown" | "Rollout" | "Replace" | "Duplicate" | "Drift" | "BackoffLimitExceeded";

export interface PlannedDelete {
  pod: ObservedPod;
  reason: DeleteReason;
}

export interface Plan {
  create: V1Pod[];
  delete: PlannedDelete[];
  /** Live Pods to patch in place (images, CPU/memory), keeping their names and UIDs. */
  update: PlannedUpdate[];
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
  /** Update Pods in place where the change allows it; without it every change replaces Pods. */
  inPlace?: ClassifyOptions | undefined;
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
  maxUnavailable: number;
}

function bounds(replicas: number, strategy: UpdateStrategy | undefined): Bounds | "Recreate" {
  if (strategy?.type === "Recreate") return "Recreate";
  const surge = resolveBound(strategy?.rollingUpdate?.maxSurge ?? 1, replicas, true);
  let unavailable = resolveBound(strategy?.rollingUpdate?.maxUnavailable ?? 0, replicas, false);
  if (surge === 0 && unavailable === 0) unavailable = 1; // as Deployments do, so a rollout can progress
  return { maxTotal: replicas + surge, minAvailable: Math.max(0, replicas - unavailable), maxUnavailable: unavailable };
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

type Place =
  | { to: "keep" | "old" }
  | { to: "delete"; reason: DeleteReason }
  | { to: "update"; update: Omit<PlannedUpdate, "pod"> };

/** A Pod at the current revision whose images are not the template's: edited by someone else. */
const drifted = (pod: ObservedPod, input: PlanInput, desiredImages: string | undefined): boolean =>
  pod.revision === input.revision && desiredImages !== undefined && imagesOf(pod.pod) !== desiredImages;

/** How the Pod would reach the template of its slot, when in-place updates are on and the slot is not kept yet. */
function inPlaceKind(pod: ObservedPod, input: PlanInput, kept: ReadonlySet<number>) {
  const want = input.desired.find((d) => slotOf(d) === pod.slot);
  if (!input.inPlace || !want || kept.has(pod.slot)) return undefined;
  return classifyUpdate(pod.pod, want, input.inPlace);
}

/** Where a live Pod goes, given the slots already kept by Pods looked at before it. */
function placeOf(pod: ObservedPod, input: PlanInput, kept: ReadonlySet<number>, desiredImages?: string): Place {
  if (pod.finished) return { to: "delete", reason: "Replace" };
  if (drifted(pod, input, desiredImages)) return { to: "delete", reason: "Drift" };
  const kind = inPlaceKind(pod, input, kept);
  if (kind?.kind === "InPlace") return { to: "update", update: { revision: input.revision, ...kind } };
  if (pod.revision !== input.revision || kind?.kind === "Replace") return { to: "old" };
  if (pod.slot < 0 || pod.slot >= input.replicas) return { to: "delete", reason: "ScaleDown" };
  return kept.has(pod.slot) ? { to: "delete", reason: "Duplicate" } : { to: "keep" };
}

/**
 * Splits observed Pods: the ones to keep per slot, those to update in place (kept in their slot),
 * the old ones to replace, and the surplus (finished, duplicate, out of range, edited). Pods at the
 * current revision are looked at first, so a slot is kept by one of them before any older Pod.
 */
function triage(input: PlanInput) {
  const deletes: PlannedDelete[] = [];
  const current = new Map<number, ObservedPod>();
  const old: ObservedPod[] = [];
  const candidates: PlannedUpdate[] = [];
  const desiredImages = input.desired[0] ? imagesOf(input.desired[0]) : undefined;
  const live = input.observed.filter((p) => !p.terminating);
  const isCurrent = (p: ObservedPod) => p.revision === input.revision;
  for (const pod of [...live.filter(isCurrent), ...live.filter((p) => !isCurrent(p))]) {
    const place = placeOf(pod, input, new Set(current.keys()), desiredImages);
    if (place.to === "delete") deletes.push({ pod, reason: place.reason });
    else if (place.to === "old") old.push(pod);
    else current.set(pod.slot, pod);
    if (place.to === "update") candidates.push({ pod, ...place.update });
  }
  return { deletes, current, old, candidates };
}

/** Recreate: no new Pod while an old one is alive. */
function recreate(input: PlanInput, t: ReturnType<typeof triage>, creatable: V1Pod[], update: PlannedUpdate[]): Plan {
  const oldAlive = t.old.length > 0 || input.observed.some((p) => p.terminating && p.revision !== input.revision);
  return {
    create: oldAlive ? [] : creatable,
    delete: [...t.deletes, ...t.old.map(rollout)],
    update,
    waiting: oldAlive,
  };
}

export function plan(input: PlanInput): Plan {
  const t = triage(input);
  const { deletes, current, old, candidates } = t;
  const namesInUse = new Set(input.observed.map((p) => p.name));
  const missing = input.desired.filter((pod) => !current.has(slotOf(pod)));
  const creatable = missing.filter((pod) => !namesInUse.has(pod.metadata?.name ?? ""));
  const blocked = missing.length - creatable.length;
  const b = bounds(input.replicas, input.strategy);
  const others = [...current.values()].filter((p) => !candidates.some((c) => c.pod === p));
  const updates = chooseUpdates(candidates, others, b === "Recreate" ? b : b.maxUnavailable);
  // Still to happen: Pods blocked by a name in use, updates not started, started ones not in effect.
  const pending = blocked > 0 || updates.chosen.length < candidates.length || updates.inFlight > 0;
  if (b === "Recreate") {
    const step = recreate(input, t, creatable, updates.chosen);
    return { ...step, waiting: step.waiting || pending };
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
  const waiting = pending || create.length < creatable.length || oldDeletes.length < old.length;
  return { create, delete: [...deletes, ...oldDeletes], update: updates.chosen, waiting };
}

const rollout = (pod: ObservedPod): PlannedDelete => ({ pod, reason: "Rollout" });
