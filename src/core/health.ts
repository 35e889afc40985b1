// The two kstatus conditions (sigs.k8s.io/cli-utils pkg/kstatus/status): `Reconciling=True` while
// the app is moving towards its spec (first start, rollout, scaling), `Stalled=True` when it will
// not get there without a human (an invalid spec, or a Pod stuck in image-pull or crash-loop
// back-off, or refused by the API server, for longer than the progress deadline). At most one of
// them is True: kstatus reads the first one that is. Pure; the clock is passed in.

/** How long a problem may last before the app is Stalled, as a Deployment's progress deadline. */
export const DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

/** Container waiting reasons that mean something is wrong rather than merely slow. */
export const BAD_WAITING: ReadonlySet<string> = new Set([
  "CrashLoopBackOff",
  "ImagePullBackOff",
  "ErrImagePull",
  "ErrImageNeverPull",
  "InvalidImageName",
  "CreateContainerConfigError",
  "CreateContainerError",
  "RunContainerError",
]);

/** Degraded reasons that do not clear on their own: only a new spec, image or quota helps. */
export const STALLING_REASONS: ReadonlySet<string> = new Set([
  ...BAD_WAITING,
  "FailedCreate",
  "FailedUpdate",
  "FailedDisruptionBudget",
]);

export interface HealthInput {
  replicas: number;
  revision: string;
  /** Pods not being deleted. */
  live: number;
  ready: number;
  /** Live Pods at the current revision. */
  updated: number;
  /** The last step still had work to do. */
  progressing: boolean;
  /** What is wrong now (the Degraded condition), if anything. */
  problem: { reason: string; message: string } | undefined;
  /** When the problem started: the Degraded condition's last transition to True. */
  problemSince: string | undefined;
  progressDeadlineSeconds: number;
  now: string;
}

export interface HealthCondition {
  type: "Reconciling" | "Stalled";
  status: boolean;
  reason: string;
  message: string;
}

export interface Health {
  reconciling: HealthCondition;
  stalled: HealthCondition;
  /** Milliseconds until a problem turns into Stalled, when one is being timed. */
  recheckAfterMs?: number;
}

const NOT_STALLED: HealthCondition = { type: "Stalled", status: false, reason: "AsExpected", message: "" };

function stalledFor(input: HealthInput): { stalled: HealthCondition; recheckAfterMs?: number } {
  const { problem, problemSince } = input;
  if (!problem || !STALLING_REASONS.has(problem.reason)) return { stalled: NOT_STALLED };
  const deadlineMs = input.progressDeadlineSeconds * 1000;
  const since = Date.parse(problemSince ?? input.now);
  const elapsed = Date.parse(input.now) - (Number.isFinite(since) ? since : Date.parse(input.now));
  if (elapsed < deadlineMs) return { stalled: NOT_STALLED, recheckAfterMs: deadlineMs - elapsed };
  const seconds = Math.floor(elapsed / 1000);
  return {
    stalled: {
      type: "Stalled",
      status: true,
      reason: problem.reason,
      message: `${problem.message} (for ${seconds}s, past the progress deadline of ${input.progressDeadlineSeconds}s)`,
    },
  };
}

function reconcilingFor(input: HealthInput): HealthCondition {
  const at = `revision ${input.revision}`;
  if (input.updated < input.live)
    return {
      type: "Reconciling",
      status: true,
      reason: "RollingOut",
      message: `${input.updated}/${input.replicas} Pods at ${at}`,
    };
  if (input.ready === 0 && input.replicas > 0)
    return {
      type: "Reconciling",
      status: true,
      reason: "Starting",
      message: `0/${input.replicas} Pods ready at ${at}`,
    };
  if (input.live !== input.replicas)
    return {
      type: "Reconciling",
      status: true,
      reason: "Scaling",
      message: `${input.live} Pods, ${input.replicas} wanted`,
    };
  if (input.ready < input.replicas || input.progressing)
    return {
      type: "Reconciling",
      status: true,
      reason: "Starting",
      message: `${input.ready}/${input.replicas} Pods ready at ${at}`,
    };
  return { type: "Reconciling", status: false, reason: "Reconciled", message: `${at} is rolled out and ready` };
}

export function health(input: HealthInput): Health {
  const { stalled, recheckAfterMs } = stalledFor(input);
  const reconciling: HealthCondition = stalled.status
    ? { type: "Reconciling", status: false, reason: "Stalled", message: "progress needs a human; see Stalled" }
    : reconcilingFor(input);
  return { reconciling, stalled, ...(recheckAfterMs !== undefined && { recheckAfterMs }) };
}

/** The health of an app whose spec cannot be rendered: stalled until the spec is fixed. */
export function invalidSpecHealth(message: string): Health {
  return {
    reconciling: { type: "Reconciling", status: false, reason: "InvalidSpec", message: "the spec is invalid" },
    stalled: { type: "Stalled", status: true, reason: "InvalidSpec", message },
  };
}
