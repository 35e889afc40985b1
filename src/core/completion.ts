// The run of an app whose Pods run to completion (pod.restartPolicy Never or OnFailure), as the
// batch/v1 Job controller judges one: each slot runs until a Pod of the current revision succeeds;
// a failed Pod is kept (its logs stay readable) and replaced after a back-off of 10 s doubling per
// failure since the last success, capped at 6 minutes; more failures than spec.backoffLimit (or,
// with OnFailure, that many container restarts) make the run Failed. Pure: the clock is passed in,
// and a wait is a delay to requeue after, never a sleep.
import type { V1Pod } from "@kubernetes/client-node";
import type { ObservedPod } from "./observed.js";

export const DEFAULT_BACKOFF_LIMIT = 6;
export const BACKOFF_BASE_MS = 10_000;
export const BACKOFF_MAX_MS = 6 * 60_000;

export type Verdict = "Running" | "Complete" | "Failed";

export interface RunInput {
  replicas: number;
  revision: string;
  backoffLimit: number;
  restartPolicy: "Never" | "OnFailure";
  /** Every Pod of the app, terminating ones included. */
  observed: ObservedPod[];
  /**
   * The verdict the status already gives this generation and revision, if the run had ended: an
   * ended run stays ended even when its Pods are deleted later, as a finished Job does.
   */
  reported?: { verdict: "Complete" | "Failed"; succeeded: number; failed: number };
  now: string;
}

export interface Run {
  verdict: Verdict;
  /** Slots with a Succeeded Pod of the current revision. */
  succeeded: number;
  /** Failed Pods of the current revision. */
  failed: number;
  /** Slots that must not get a new Pod now: succeeded, waiting out a back-off, or the run is over. */
  hold: ReadonlySet<number>;
  /** Milliseconds until the back-off ends, while a slot waits for it. */
  backoffRemainingMs?: number;
  /** The Pods of a Failed run still running, to be deleted as a Job's are. */
  stop: ObservedPod[];
  /** The latest failure, for the status. */
  lastFailure?: { pod: string; why: string };
}

export const ended = (p: ObservedPod): boolean => p.phase === "Succeeded" || p.phase === "Failed";

/** The Pods of the current run: at the revision, in a wanted slot. */
const ofRun = (input: RunInput) => (p: ObservedPod) =>
  p.revision === input.revision && p.slot >= 0 && p.slot < input.replicas;

/** Init containers that run to completion and regular containers: the work, not the helpers. */
function workContainers(pod: V1Pod): Set<string> {
  const init = (pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy !== "Always").map((c) => c.name);
  return new Set([...init, ...(pod.spec?.containers ?? []).map((c) => c.name)]);
}

const statusesOf = (pod: V1Pod) => [
  ...(pod.status?.initContainerStatuses ?? []),
  ...(pod.status?.containerStatuses ?? []),
];

/**
 * When a Pod finished, as the Job controller reads it: the latest time a container of the work
 * terminated, else when it stopped being ready, else now (the kubelet has not said yet).
 */
export function finishedAt(p: ObservedPod, now: string): number {
  const work = workContainers(p.pod);
  const times = statusesOf(p.pod)
    .filter((s) => work.has(s.name))
    .map((s) => s.state?.terminated?.finishedAt)
    .filter((t): t is Date => t !== undefined && t !== null)
    .map((t) => new Date(t).getTime())
    .filter(Number.isFinite);
  if (times.length > 0) return Math.max(...times);
  const notReady = p.pod.status?.conditions?.find((c) => c.type === "Ready" && c.status === "False");
  const since = notReady?.lastTransitionTime ? new Date(notReady.lastTransitionTime).getTime() : NaN;
  return Number.isFinite(since) ? since : Date.parse(now);
}

/** Why a Pod failed: the first container of the work that exited non-zero, else the Pod's reason. */
export function failureOf(p: ObservedPod): string {
  const work = workContainers(p.pod);
  const bad = statusesOf(p.pod).find((s) => work.has(s.name) && (s.state?.terminated?.exitCode ?? 0) !== 0);
  const t = bad?.state?.terminated;
  if (bad && t) return `container ${bad.name} exited with code ${t.exitCode}${t.reason ? ` (${t.reason})` : ""}`;
  return p.pod.status?.reason ?? p.pod.status?.message ?? "unknown";
}

/** The delay before the next attempt after `failures` failures in a row: 10 s, 20 s, 40 s, ... 6 min. */
export function backoffDelayMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(failures - 1, 30));
}

/** With OnFailure the kubelet restarts failing containers in place: their restarts count as failures. */
function restartsOfWork(pods: ObservedPod[]): number {
  return pods
    .filter((p) => !ended(p) && !p.terminating)
    .flatMap((p) => {
      const work = workContainers(p.pod);
      return statusesOf(p.pod).filter((s) => work.has(s.name));
    })
    .reduce((sum, s) => sum + s.restartCount, 0);
}

/** The Job controller's test: more failed Pods than the limit, or (OnFailure) that many restarts. */
function exceeded(input: RunInput, failed: number, pods: ObservedPod[]): boolean {
  if (failed > input.backoffLimit) return true;
  if (input.restartPolicy !== "OnFailure") return false;
  const restarts = restartsOfWork(pods);
  return input.backoffLimit === 0 ? restarts > 0 : restarts >= input.backoffLimit;
}

/** Milliseconds left of the back-off after the failures since the last success. */
function backoffRemaining(succeeded: ObservedPod[], failed: ObservedPod[], now: string): number {
  const lastSuccess = Math.max(-Infinity, ...succeeded.map((p) => finishedAt(p, now)));
  const failureTimes = failed.map((p) => finishedAt(p, now)).filter((t) => t > lastSuccess);
  if (failureTimes.length === 0) return 0;
  const elapsed = Date.parse(now) - Math.max(...failureTimes);
  return Math.max(0, backoffDelayMs(failureTimes.length) - elapsed);
}

export function judgeRun(input: RunInput): Run {
  const pods = input.observed.filter(ofRun(input));
  const succeededPods = pods.filter((p) => p.phase === "Succeeded");
  const failedPods = pods.filter((p) => p.phase === "Failed");
  const doneSlots = new Set(succeededPods.map((p) => p.slot));
  const counts = input.reported ?? { succeeded: doneSlots.size, failed: failedPods.length };
  const latest = [...failedPods].sort((a, b) => finishedAt(b, input.now) - finishedAt(a, input.now))[0];
  const lastFailure = latest && { pod: latest.name, why: failureOf(latest) };
  const base = { ...counts, ...(lastFailure && { lastFailure }) };
  const allSlots = new Set(Array.from({ length: input.replicas }, (_, slot) => slot));
  const verdict: Verdict =
    input.reported?.verdict ??
    (exceeded(input, failedPods.length, pods) ? "Failed" : doneSlots.size === input.replicas ? "Complete" : "Running");
  if (verdict === "Failed") {
    return { verdict, ...base, hold: allSlots, stop: pods.filter((p) => !ended(p) && !p.terminating) };
  }
  if (verdict === "Complete") return { verdict, ...base, hold: allSlots, stop: [] };
  const remaining = backoffRemaining(succeededPods, failedPods, input.now);
  if (remaining === 0) return { verdict, ...base, hold: doneSlots, stop: [] };
  // The back-off holds every slot that has no Pod at work, as the Job controller holds every new Pod.
  const busy = new Set(pods.filter((p) => !ended(p)).map((p) => p.slot));
  const waiting = [...allSlots].filter((s) => !doneSlots.has(s) && !busy.has(s));
  return {
    verdict,
    ...base,
    hold: new Set([...doneSlots, ...waiting]),
    ...(waiting.length > 0 && { backoffRemainingMs: remaining }),
    stop: [],
  };
}
