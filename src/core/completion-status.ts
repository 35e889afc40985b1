// The conditions of an app that runs to completion, as a batch/v1 Job's (`Complete` and `Failed`,
// with the Job controller's reasons) beside the ones every app has, so kstatus reads them the
// generic way: a running app is InProgress (Reconciling=True), a Complete one Current (Ready=True),
// a Failed one Failed (Stalled=True). Pure.
import type { CompositeAppStatus } from "../api/compositeapp.js";
import type { Run } from "./completion.js";
import type { Health, HealthCondition } from "./health.js";

export interface ConditionFields {
  type: string;
  status: boolean;
  reason: string;
  message: string;
}

export interface RunContext {
  replicas: number;
  revision: string;
  backoffLimit: number;
  /** What is wrong with the Pods at work now, or an action the API server refused. */
  problem: { reason: string; message: string } | undefined;
  health: Health;
}

const cond = (type: string, status: boolean, reason: string, message = ""): ConditionFields => ({
  type,
  status,
  reason,
  message,
});
const fromHealth = (c: HealthCondition): ConditionFields => cond(c.type, c.status, c.reason, c.message);

function failedMessage(run: Run, ctx: RunContext): string {
  const last = run.lastFailure ? `; the last, Pod ${run.lastFailure.pod}: ${run.lastFailure.why}` : "";
  return `the run reached backoffLimit ${ctx.backoffLimit}: ${run.failed} failed Pods${last}`;
}

function failedConditions(run: Run, ctx: RunContext): ConditionFields[] {
  const why = failedMessage(run, ctx);
  const reason = "BackoffLimitExceeded";
  return [
    cond("Ready", false, reason, why),
    cond("Progressing", false, reason, why),
    cond("Degraded", true, reason, why),
    cond("Reconciling", false, "Stalled", "progress needs a human; see Stalled"),
    cond("Stalled", true, reason, why),
    cond("Complete", false, reason),
    cond("Failed", true, reason, why),
  ];
}

function completeConditions(ctx: RunContext): ConditionFields[] {
  const { health: h, problem } = ctx;
  const done = `${ctx.replicas}/${ctx.replicas} Pods succeeded at revision ${ctx.revision}`;
  const reason = "CompletionsReached";
  return [
    cond("Ready", true, reason, done),
    cond("Progressing", false, reason, done),
    problem ? cond("Degraded", true, problem.reason, problem.message) : cond("Degraded", false, "AsExpected"),
    h.stalled.status ? fromHealth(h.reconciling) : cond("Reconciling", false, reason, "the run is complete"),
    fromHealth(h.stalled),
    cond("Complete", true, reason, `reached the expected number of succeeded Pods: ${ctx.replicas}`),
    cond("Failed", false, reason),
  ];
}

function runningConditions(run: Run, ctx: RunContext): ConditionFields[] {
  const { health: h } = ctx;
  const progress = `${run.succeeded}/${ctx.replicas} Pods succeeded, ${run.failed} failed at revision ${ctx.revision}`;
  const failure =
    run.failed > 0 && run.lastFailure
      ? {
          reason: "PodFailed",
          message: `Pod ${run.lastFailure.pod} failed: ${run.lastFailure.why} (${run.failed} of at most ${ctx.backoffLimit + 1} failed)`,
        }
      : undefined;
  const problem = ctx.problem ?? failure;
  const reconciling = h.stalled.status
    ? fromHealth(h.reconciling)
    : run.backoffRemainingMs !== undefined
      ? cond("Reconciling", true, "BackOff", `the next Pod starts after a back-off (${run.failed} failed)`)
      : cond("Reconciling", true, "Running", progress);
  return [
    cond("Ready", false, "Running", progress),
    cond("Progressing", true, "Running", progress),
    problem ? cond("Degraded", true, problem.reason, problem.message) : cond("Degraded", false, "AsExpected"),
    reconciling,
    fromHealth(h.stalled),
    cond("Complete", false, "Running"),
    cond("Failed", false, "Running"),
  ];
}

export function runConditions(run: Run, ctx: RunContext): ConditionFields[] {
  if (run.verdict === "Failed") return failedConditions(run, ctx);
  if (run.verdict === "Complete") return completeConditions(ctx);
  return runningConditions(run, ctx);
}

export interface RunEnded {
  warning: boolean;
  reason: string;
  message: string;
}

/** The event to emit when this status ends the run (Complete or Failed turns True), as a Job's. */
export function runEnded(previous: CompositeAppStatus | undefined, next: CompositeAppStatus): RunEnded | undefined {
  const turnedTrue = (type: string) =>
    next.conditions?.find((c) => c.type === type && c.status === "True" && !isTrue(previous, type, c.reason));
  const complete = turnedTrue("Complete");
  if (complete) return { warning: false, reason: "Completed", message: complete.message };
  const failed = turnedTrue("Failed");
  return failed && { warning: true, reason: failed.reason, message: failed.message };
}

const isTrue = (status: CompositeAppStatus | undefined, type: string, reason: string) =>
  status?.conditions?.some((c) => c.type === type && c.status === "True" && c.reason === reason) ?? false;
