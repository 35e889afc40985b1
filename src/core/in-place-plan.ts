// Which live Pods to update in place this step: slot by slot, within maxUnavailable. Pure.
import { inEffect, patchedFrom } from "./in-effect.js";
import type { ObservedPod } from "./observed.js";
import type { ImageChange, ResizeChange } from "./update-kind.js";

export interface PlannedUpdate {
  pod: ObservedPod;
  /** The revision the Pod is at once patched (its revision label is patched with the containers). */
  revision: string;
  images: ImageChange[];
  resize: ResizeChange[];
}

/** A Pod updated in place whose update is not done: not ready, or its containers not yet running the spec. */
export const updateInFlight = (p: ObservedPod): boolean =>
  patchedFrom(p.pod) !== undefined && !(p.ready && inEffect(p.pod));

/**
 * The updates to make now. An update may restart a container, so the Pod may be unavailable for a
 * moment: at most `maxUnavailable` Pods (at least one, or an update could never proceed) are being
 * updated at a time, counting those still in flight. A Pod that is not ready is lost to no one and
 * is always updated. Recreate updates every Pod at once. Lower slots go first.
 */
export function chooseUpdates(
  candidates: PlannedUpdate[],
  others: ObservedPod[],
  maxUnavailable: number | "Recreate",
): { chosen: PlannedUpdate[]; inFlight: number } {
  const inFlight = others.filter(updateInFlight).length;
  if (maxUnavailable === "Recreate") return { chosen: candidates, inFlight };
  let room = Math.max(1, maxUnavailable) - inFlight;
  const chosen: PlannedUpdate[] = [];
  const order = [...candidates].sort((a, b) => Number(a.pod.ready) - Number(b.pod.ready) || a.pod.slot - b.pod.slot);
  for (const c of order) {
    if (c.pod.ready && room <= 0) continue;
    if (c.pod.ready) room -= 1;
    chosen.push(c);
  }
  return { chosen, inFlight };
}
