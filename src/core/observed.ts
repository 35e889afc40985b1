// What the reconciler needs to know about an existing Pod, read once from the cached object.
import type { V1Pod } from "@kubernetes/client-node";
import { LABELS } from "./render/index.js";

export interface ObservedPod {
  name: string;
  uid: string;
  revision: string;
  slot: number;
  phase: string;
  ready: boolean;
  /** Has a deletionTimestamp: on its way out, counts for nothing but still holds its name. */
  terminating: boolean;
  /** Ended for good: Failed, or Succeeded although the Pod should run forever. */
  finished: boolean;
  pod: V1Pod;
}

const isReady = (pod: V1Pod): boolean =>
  pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;

/** The slot label of a Pod; -1 when it has none or it is not a number. */
export const slotOf = (pod: V1Pod): number => {
  const slot = Number.parseInt(pod.metadata?.labels?.[LABELS.slot] ?? "", 10);
  return Number.isFinite(slot) ? slot : -1;
};

const isTerminating = (pod: V1Pod): boolean => pod.metadata?.deletionTimestamp != null;

/** Failed, or Succeeded although the Pod should run forever. */
function hasFinished(pod: V1Pod, phase: string): boolean {
  const restartAlways = (pod.spec?.restartPolicy ?? "Always") === "Always";
  return phase === "Failed" || (phase === "Succeeded" && restartAlways);
}

export function observePod(pod: V1Pod): ObservedPod {
  const meta = pod.metadata ?? {};
  const phase = pod.status?.phase ?? "Pending";
  return {
    name: meta.name ?? "",
    uid: meta.uid ?? "",
    revision: meta.labels?.[LABELS.revision] ?? "",
    slot: slotOf(pod),
    phase,
    ready: phase === "Running" && isReady(pod),
    terminating: isTerminating(pod),
    finished: hasFinished(pod, phase),
    pod,
  };
}
