// The pure core: CompositeApp in, Pods out (render/), and the pure half of a reconcile: what the
// observed Pods are (observed), the step towards the desired ones (plan), the budget to keep
// (budget), the run of an app whose Pods run to completion (completion, run-step) and the status
// to report (status, health, completion-status, sidecar-stop). No I/O, no clock: an ESLint rule keeps
// anything under src/core from importing the controller, the CLI, the kube client or Node's I/O.
// Code outside src/core reaches it through this file only.
export * from "./render/index.js";
export { desiredBudget, planBudget, type BudgetAction, type BudgetInput } from "./budget.js";
export { observePod, type ObservedPod } from "./observed.js";
export { stepFor, type Step } from "./run-step.js";
export { runEnded, type RunEnded } from "./completion-status.js";
export {
  classifyUpdate,
  inPlaceOptions,
  type ClassifyOptions,
  type ImageChange,
  type ResizeChange,
  type UpdateKind,
} from "./update-kind.js";
export { inEffect, normalizeImage } from "./in-effect.js";
export {
  plan,
  resolveBound,
  type PlannedUpdate,
  type DeleteReason,
  type Plan,
  type PlannedDelete,
  type PlanInput,
} from "./plan.js";
export {
  computeStatus,
  computeStatusAndRecheck,
  invalidSpecStatus,
  statusChanged,
  MAX_PODS_IN_STATUS,
  type StatusInput,
} from "./status.js";
export {
  health,
  invalidSpecHealth,
  BAD_WAITING,
  DEFAULT_PROGRESS_DEADLINE_SECONDS,
  type Health,
  type HealthInput,
} from "./health.js";
