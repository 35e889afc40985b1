// One step of an app that runs to completion: the run's verdict (completion.ts), then the plan of
// any app (plan.ts) over what the run still needs. Pods that ended in the current run stay as its
// record and are not the plan's business; a held slot gets no Pod; a retry gets the next attempt's
// name; a new revision replaces the old run as Recreate does; the Pods of a Failed run are deleted.
// Pure.
import type { V1Pod } from "@kubernetes/client-node";
import type { CompositeApp, CompositeAppStatus } from "../api/compositeapp.js";
import { LABELS } from "./render/index.js";
import { DEFAULT_BACKOFF_LIMIT, ended, judgeRun, type Run, type RunInput } from "./completion.js";
import type { ObservedPod } from "./observed.js";
import { plan, type Plan, type PlanInput } from "./plan.js";

export interface RunStepInput extends Omit<PlanInput, "strategy">, Omit<RunInput, "observed"> {}

export interface RunStep {
  plan: Plan;
  run: Run;
}

const slotOf = (pod: V1Pod): number => Number.parseInt(pod.metadata?.labels?.[LABELS.slot] ?? "-1", 10);

/**
 * The attempt a Pod's name says it is: `<base>` is attempt 0, `<base>-<n>` attempt n. Retries get
 * new names so a failed Pod is kept beside its successor, and creating one twice still cannot
 * duplicate it (the name depends only on the Pods already there).
 */
export function attemptOf(name: string, base: string): number | undefined {
  if (name === base) return 0;
  const rest = name.startsWith(`${base}-`) ? name.slice(base.length + 1) : "";
  return /^[1-9]\d{0,5}$/.test(rest) ? Number(rest) : undefined;
}

/** The slot's Pod renamed for the attempt after the last one there, if any. */
function nextAttempt(pod: V1Pod, observed: ObservedPod[]): V1Pod {
  const base = pod.metadata?.name ?? "";
  const attempts = observed.map((p) => attemptOf(p.name, base)).filter((a): a is number => a !== undefined);
  if (attempts.length === 0) return pod;
  return { ...pod, metadata: { ...pod.metadata, name: `${base}-${Math.max(...attempts) + 1}` } };
}

export function planRun(input: RunStepInput): RunStep {
  const run = judgeRun(input);
  const inRun = (p: ObservedPod) => p.revision === input.revision && p.slot >= 0 && p.slot < input.replicas;
  const stopped = new Set(run.stop.map((p) => p.uid));
  const step = plan({
    replicas: input.replicas,
    revision: input.revision,
    strategy: { type: "Recreate" },
    desired: input.desired.filter((pod) => !run.hold.has(slotOf(pod))).map((pod) => nextAttempt(pod, input.observed)),
    observed: input.observed.filter((p) => !(inRun(p) && ended(p)) && !stopped.has(p.uid)),
  });
  const stops = run.stop.map((pod) => ({ pod, reason: "BackoffLimitExceeded" as const }));
  return { plan: { ...step, delete: [...stops, ...step.delete] }, run };
}

/** The verdict the status gives this generation and revision, when the run had ended. */
export function reportedVerdict(
  previous: CompositeAppStatus | undefined,
  generation: number | undefined,
  revision: string,
): RunInput["reported"] {
  if (previous?.revision !== revision) return undefined;
  const ended = previous.conditions?.find(
    (c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True" && c.observedGeneration === generation,
  );
  if (!ended) return undefined;
  return {
    verdict: ended.type === "Complete" ? "Complete" : "Failed",
    succeeded: previous.succeeded ?? 0,
    failed: previous.failed ?? 0,
  };
}

export interface Step {
  plan: Plan;
  /** The run, for an app whose Pods run to completion. */
  run?: { run: Run; backoffLimit: number };
}

/** The step of any app: a run for one whose Pods run to completion, else the plan alone. */
export function stepFor(
  app: CompositeApp,
  input: Omit<PlanInput, "strategy">,
  context: { previous: CompositeAppStatus | undefined; generation: number | undefined; now: string },
): Step {
  const restartPolicy = app.spec.pod?.restartPolicy;
  if (restartPolicy !== "Never" && restartPolicy !== "OnFailure") {
    return { plan: plan({ ...input, strategy: app.spec.updateStrategy }) };
  }
  const backoffLimit = app.spec.backoffLimit ?? DEFAULT_BACKOFF_LIMIT;
  const reported = reportedVerdict(context.previous, context.generation, input.revision);
  const step = planRun({ ...input, backoffLimit, restartPolicy, now: context.now, ...(reported && { reported }) });
  return { plan: step.plan, run: { run: step.run, backoffLimit } };
}
