// The status an app should have given its Pods: counts, per-Pod and per-container state by role,
// and conditions by the Kubernetes API conventions. Pure; the clock is passed in.
import type { V1ContainerStatus, V1Pod } from "@kubernetes/client-node";
import type { CompositeAppStatus, Condition } from "../api/compositeapp.js";
import type { PodRole as Role } from "../api/roles.js";
import type { EffectiveResources } from "./render/index.js";
import type { SidecarModeInEffect } from "./render/index.js";
import { canonicalJson } from "./render/index.js";
import { BAD_WAITING, DEFAULT_PROGRESS_DEADLINE_SECONDS, health, invalidSpecHealth, type Health } from "./health.js";
import type { ObservedPod } from "./observed.js";
import { ended, type Run } from "./completion.js";
import { runConditions, type ConditionFields } from "./completion-status.js";
import { containerState } from "./sidecar-stop.js";
import { inEffect } from "./in-effect.js";
import { resizeCondition, rolesOf } from "./update-kind.js";

export const MAX_PODS_IN_STATUS = 50;

type ContainerSummary = NonNullable<CompositeAppStatus["pods"]>[number]["containers"][number];

function summarizeContainer(pod: V1Pod, s: V1ContainerStatus, roles: Record<string, Role>): ContainerSummary {
  const last = s.lastState?.terminated?.reason;
  return {
    name: s.name,
    role: roles[s.name] ?? "main",
    ready: s.ready,
    restartCount: s.restartCount,
    state: containerState(pod, s),
    ...(last !== undefined && { lastTerminationReason: last }),
  };
}

function summarizePod(p: ObservedPod) {
  const roles = rolesOf(p.pod);
  const statuses = allStatuses(p);
  const resize = resizeCondition(p.pod);
  return {
    name: p.name,
    phase: p.phase,
    ready: p.ready,
    revision: p.revision,
    containers: statuses.map((s) => summarizeContainer(p.pod, s, roles)),
    ...(resize && {
      resize: {
        condition: resize.type as "PodResizePending" | "PodResizeInProgress",
        ...(resize.reason !== undefined && { reason: resize.reason }),
        ...(resize.message !== undefined && { message: resize.message }),
      },
    }),
  };
}

function progressingCondition(input: StatusInput, active: ObservedPod[]) {
  if (input.progressing) {
    const resizing = resizeProgress(active, input);
    return (
      resizing ?? condition("Progressing", true, "RolloutInProgress", `rolling out revision ${input.revision}`, input)
    );
  }
  return condition("Progressing", false, "RolloutComplete", `revision ${input.revision} is rolled out`, input);
}

/** Progressing while the kubelet has a resize in place to finish: PodResizePending or PodResizeInProgress. */
function resizeProgress(pods: ObservedPod[], input: StatusInput) {
  const pod = pods.find((p) => resizeCondition(p.pod));
  const c = pod && resizeCondition(pod.pod);
  if (!pod || !c) return undefined;
  const why = [c.reason, c.message].filter(Boolean).join(": ");
  return condition("Progressing", true, c.type, `Pod ${pod.name}${why ? `: ${why}` : ""}`, input);
}

const allStatuses = (p: ObservedPod): V1ContainerStatus[] => [
  ...(p.pod.status?.initContainerStatuses ?? []),
  ...(p.pod.status?.containerStatuses ?? []),
];

function podProblem(p: ObservedPod): { reason: string; message: string } | undefined {
  if (p.phase === "Failed") {
    const why = p.pod.status?.reason ?? p.pod.status?.message ?? "unknown";
    return { reason: "PodFailed", message: `Pod ${p.name} failed: ${why}` };
  }
  return unschedulableProblem(p) ?? badWaiting(p) ?? crashedBetweenBackOffs(p);
}

/** A container waiting for a reason that means trouble (BAD_WAITING). */
function badWaiting(p: ObservedPod): { reason: string; message: string } | undefined {
  const bad = allStatuses(p).find((s) => BAD_WAITING.has(s.state?.waiting?.reason ?? ""));
  const waiting = bad?.state?.waiting;
  if (!bad || !waiting) return undefined;
  const reason = waiting.reason ?? "ContainerFailing";
  return { reason, message: `container ${bad.name} of Pod ${p.name}: ${waiting.message ?? reason}` };
}

/**
 * A Pod the scheduler found no node for, with the scheduler's own account of why (for example
 * "0/2 nodes are available: 2 Insufficient memory."): the containers of a Pod are placed
 * together on one node or not at all, so a Pod that asks for more than any node has never starts.
 */
function unschedulableProblem(p: ObservedPod): { reason: string; message: string } | undefined {
  const scheduled = p.pod.status?.conditions?.find((c) => c.type === "PodScheduled");
  if (scheduled?.status !== "False" || scheduled.reason !== "Unschedulable") return undefined;
  return {
    reason: "Unschedulable",
    message: `Pod ${p.name} cannot be scheduled: ${scheduled.message ?? "no node fits it"}`,
  };
}

/**
 * A container that crashed before and has just crashed again is crash-looping even in the moment
 * before the kubelet reports CrashLoopBackOff; reporting it keeps Degraded from flapping to False
 * between back-offs, so the time towards Stalled is not reset by every restart.
 */
function crashedBetweenBackOffs(p: ObservedPod): { reason: string; message: string } | undefined {
  if ((p.pod.spec?.restartPolicy ?? "Always") !== "Always") return undefined;
  const crashed = allStatuses(p).find(
    (s) => s.restartCount > 0 && (s.state?.terminated?.exitCode ?? 0) !== 0 && !s.ready,
  );
  if (!crashed) return undefined;
  const code = crashed.state?.terminated?.exitCode ?? 0;
  return {
    reason: "CrashLoopBackOff",
    message: `container ${crashed.name} of Pod ${p.name} exited with code ${code} and is being restarted`,
  };
}

/** The first thing wrong with the Pods, as a condition reason and message. */
function findProblem(pods: ObservedPod[]): { reason: string; message: string } | undefined {
  for (const p of pods) {
    const problem = podProblem(p);
    if (problem) return problem;
  }
  return undefined;
}

export interface StatusInput {
  generation: number | undefined;
  replicas: number;
  revision: string;
  sidecarMode: SidecarModeInEffect;
  effectiveResources: EffectiveResources;
  observed: ObservedPod[];
  /** True when the last step still had work it could not do yet. */
  progressing: boolean;
  /** A failure of the last step (for example a Pod the API server refused), if any. */
  failure?: { reason: string; message: string } | undefined;
  previous: CompositeAppStatus | undefined;
  /** Seconds a stalling problem may last before the app reports Stalled. */
  progressDeadlineSeconds?: number | undefined;
  /** The app's Pod selector in string form (status.selector, for the scale subresource). */
  selector?: string;
  /** The run of an app whose Pods run to completion, judged by completion.ts. */
  run?: { run: Run; backoffLimit: number } | undefined;
  now: string;
}

function condition(
  type: string,
  status: boolean,
  reason: string,
  message: string,
  input: { generation: number | undefined },
): Omit<Condition, "lastTransitionTime"> {
  return {
    type,
    status: status ? "True" : "False",
    reason,
    message,
    ...(input.generation !== undefined && { observedGeneration: input.generation }),
  };
}

/** Keeps a condition's lastTransitionTime unless its status changed. */
function stamp(
  conds: Omit<Condition, "lastTransitionTime">[],
  previous: Condition[] | undefined,
  now: string,
): Condition[] {
  return conds.map((c) => {
    const before = previous?.find((p) => p.type === c.type);
    return { ...c, lastTransitionTime: before && before.status === c.status ? before.lastTransitionTime : now };
  });
}

function readyCondition(input: StatusInput, live: ObservedPod[], readyCount: number, updated: number) {
  if (input.replicas === 0 && live.length === 0)
    return condition("Ready", true, "ScaledToZero", "no Pods are wanted", input);
  const allReady = readyCount === input.replicas && updated === input.replicas && live.length === input.replicas;
  return allReady
    ? condition(
        "Ready",
        true,
        "AllPodsReady",
        `${readyCount}/${input.replicas} Pods ready at revision ${input.revision}`,
        input,
      )
    : condition(
        "Ready",
        false,
        "PodsNotReady",
        `${readyCount}/${input.replicas} Pods ready, ${updated} at revision ${input.revision}`,
        input,
      );
}

const healthConditions = (h: Health, input: { generation: number | undefined }) =>
  [h.reconciling, h.stalled].map((c) => condition(c.type, c.status, c.reason, c.message, input));

/** When the current problem began: the last time Degraded turned True, or now. */
function problemSince(previous: CompositeAppStatus | undefined, now: string): string {
  const degraded = previous?.conditions?.find((c) => c.type === "Degraded");
  return degraded?.status === "True" ? degraded.lastTransitionTime : now;
}

export function computeStatus(input: StatusInput): CompositeAppStatus {
  return computeStatusAndRecheck(input).status;
}

/** The status, and when to look again because a problem will turn into Stalled by then. */
export function computeStatusAndRecheck(input: StatusInput): { status: CompositeAppStatus; recheckAfterMs?: number } {
  const live = input.observed.filter((p) => !p.terminating);
  // A Pod that ran to completion is the run's record (counted in succeeded and failed), not at work.
  const active = input.run ? live.filter((p) => !ended(p)) : live;
  const readyCount = active.filter((p) => p.ready).length;
  // A Pod updated in place counts once its containers run what its spec says.
  const updated = active.filter((p) => p.revision === input.revision && inEffect(p.pod)).length;
  const problem = input.failure ?? findProblem(active);
  const h = health({
    replicas: input.replicas,
    revision: input.revision,
    live: active.length,
    ready: readyCount,
    updated,
    progressing: input.progressing,
    problem,
    problemSince: problemSince(input.previous, input.now),
    progressDeadlineSeconds: input.progressDeadlineSeconds ?? DEFAULT_PROGRESS_DEADLINE_SECONDS,
    now: input.now,
  });
  const conditions = input.run
    ? runConditions(input.run.run, { ...input, backoffLimit: input.run.backoffLimit, problem, health: h }).map(
        (c: ConditionFields) => condition(c.type, c.status, c.reason, c.message, input),
      )
    : [
        readyCondition(input, live, readyCount, updated),
        progressingCondition(input, active),
        problem
          ? condition("Degraded", true, problem.reason, problem.message, input)
          : condition("Degraded", false, "AsExpected", "", input),
        ...healthConditions(h, input),
      ];
  const status: CompositeAppStatus = {
    ...(input.generation !== undefined && { observedGeneration: input.generation }),
    replicas: active.length,
    ...(input.selector !== undefined && { selector: input.selector }),
    readyReplicas: readyCount,
    ...(input.run && { succeeded: input.run.run.succeeded, failed: input.run.run.failed }),
    updatedReplicas: updated,
    revision: input.revision,
    sidecarMode: input.sidecarMode,
    effectiveResources: input.effectiveResources,
    pods: [...live]
      .sort((a, b) => a.name.localeCompare(b.name))
      .slice(0, MAX_PODS_IN_STATUS)
      .map(summarizePod),
    conditions: stamp(conditions, input.previous?.conditions, input.now),
  };
  return { status, ...(h.recheckAfterMs !== undefined && { recheckAfterMs: h.recheckAfterMs }) };
}

/** The status of an app whose spec cannot be rendered: nothing about its Pods is touched. */
export function invalidSpecStatus(
  generation: number | undefined,
  errors: string[],
  previous: CompositeAppStatus | undefined,
  now: string,
): CompositeAppStatus {
  const message = errors.join("; ");
  const input = { generation };
  const conditions = [
    condition("Ready", false, "InvalidSpec", message, input),
    condition("Progressing", false, "InvalidSpec", "the spec is invalid; Pods are left as they are", input),
    condition("Degraded", true, "InvalidSpec", message, input),
    ...healthConditions(invalidSpecHealth(message), input),
  ];
  return {
    ...previous,
    ...(generation !== undefined && { observedGeneration: generation }),
    conditions: stamp(conditions, previous?.conditions, now),
  };
}

/** True when writing `next` would change what the API server holds. */
export function statusChanged(previous: CompositeAppStatus | undefined, next: CompositeAppStatus): boolean {
  return canonicalJson(previous ?? {}) !== canonicalJson(next);
}
