// The dry-run gate in front of a rollout (src/core/rollout-gate.ts decides when it applies): asks the
// API server, by creating the rollout's first Pod with dryRun=All, whether it would admit the new
// revision, and remembers the answer per app. An admitted revision is not asked about again; a
// refused one holds the rollout, keeps the old Pods, and is asked about again after a back-off
// (1 s, doubling, capped at 10 s), so a quota raised or a policy relaxed lets the rollout proceed
// within seconds, while reconciles in between (an old Pod's status changing, say) reuse the answer.
// A revision thus costs one dry run, and one more per retry while refused; an app at rest none.
import type { V1Pod } from "@kubernetes/client-node";
import {
  heldPlan,
  refusalHolds,
  rolloutPending,
  rolloutRejected,
  startsRollout,
  ROLLOUT_REJECTED,
  type ObservedPod,
  type Plan,
} from "../../core/index.js";
import { ApiError, PODS, isAborted, isAlreadyExists, type ApiClient, type KubeObject } from "../kube/api.js";
import type { Context, EventSink } from "./context.js";
import type { ActionFailure } from "./failures.js";

export const GATE_RETRY_INITIAL_MS = 1_000;
/** As the work queue's cap on a failing app's back-off: a fix is noticed within 10 s. */
export const GATE_RETRY_MAX_MS = 10_000;

export interface GateDeps {
  api: ApiClient;
  events: Pick<EventSink, "warning">;
  /** Milliseconds, as Date.now. */
  now: () => number;
  retryInitialMs?: number;
  retryMaxMs?: number;
}

export interface GateRequest {
  /** The app, `namespace/name`. */
  key: string;
  app: KubeObject;
  revision: string;
  observed: ObservedPod[];
  /** The step the plan would take. */
  plan: Plan;
  /** The Pods of the revision; the gate asks about the first the step creates, else the first of these. */
  desired: V1Pod[];
}

export interface GateStep {
  /** The plan, or no action at all while the rollout is held. */
  plan: Plan;
  /** The refusal to report while the rollout is held (Degraded and Stalled, reason RolloutRejected). */
  rejected?: { reason: string; message: string };
  /** A dry run that got no answer (a 5xx, a timeout): the rollout is held, and the reconcile fails and is retried. */
  failure?: ActionFailure;
  /** When to ask the API server again. */
  retryAfterMs?: number;
}

/** What the API server said about one app's revision. */
interface Verdict {
  revision: string;
  /** The server's message while it refuses; undefined once it admitted the revision's Pod. */
  refusal?: string;
  refusals: number;
  /** When to ask again, on the gate's clock. */
  retryAt: number;
}

/**
 * An answer that is a verdict on the Pod: 4xx but a timeout, a conflict or too many requests. Admission
 * answers 403 (ResourceQuota, LimitRange, Pod Security, policies), 400 or 422 (validation, webhooks).
 */
const isRefusal = (err: unknown): err is ApiError =>
  err instanceof ApiError && err.code >= 400 && err.code < 500 && ![408, 409, 429].includes(err.code);

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export class RolloutGate {
  private readonly verdicts = new Map<string, Verdict>();

  constructor(private readonly deps: GateDeps) {}

  /** The step to take: the plan as it is, or held while the API server refuses the new revision. */
  async step(req: GateRequest, ctx: Context): Promise<GateStep> {
    if (!rolloutPending(req)) {
      this.verdicts.delete(req.key); // nothing to guard, or the rollout has started: the answer is spent
      return { plan: req.plan };
    }
    const known = this.verdicts.get(req.key);
    const verdict = known?.revision === req.revision ? known : undefined;
    const pod = req.plan.create[0] ?? req.desired[0];
    if (!startsRollout(req) || !pod || (verdict && verdict.refusal === undefined)) return { plan: req.plan };
    if (verdict?.refusal !== undefined && this.deps.now() < verdict.retryAt) return this.held(req, verdict);
    return this.ask(req, pod, verdict, ctx);
  }

  /** Drops what is remembered of an app (it is gone). */
  forget(key: string): void {
    this.verdicts.delete(key);
  }

  private async ask(req: GateRequest, pod: V1Pod, previous: Verdict | undefined, ctx: Context): Promise<GateStep> {
    const namespace = req.app.metadata?.namespace ?? "";
    try {
      await this.deps.api.create(PODS, namespace, pod, { signal: ctx.signal, dryRun: true });
    } catch (err) {
      if (isAborted(err, ctx.signal)) throw err;
      if (!isAlreadyExists(err)) return this.refused(req, pod, err, previous, ctx);
    }
    this.verdicts.set(req.key, { revision: req.revision, refusals: 0, retryAt: 0 });
    if (previous?.refusal !== undefined) ctx.log.info({ revision: req.revision }, "rollout admitted in a dry run");
    return { plan: req.plan };
  }

  private refused(
    req: GateRequest,
    pod: V1Pod,
    err: unknown,
    previous: Verdict | undefined,
    ctx: Pick<Context, "log">,
  ): GateStep {
    const name = pod.metadata?.name ?? "";
    const message = messageOf(err);
    if (!isRefusal(err)) {
      // No verdict (the server or a webhook failed to answer): hold, and let the work queue retry.
      ctx.log.warn({ pod: name, err }, "dry run of the rollout's first Pod failed");
      this.deps.events.warning(req.app, "FailedCreate", `Error creating: ${message} (dry run)`);
      const failure = { reason: "FailedCreate", pod: name, message, cause: err } as const;
      return { plan: heldPlan(), failure };
    }
    if (!refusalHolds(message, req.plan)) {
      // The quota counted old Pods this step deletes first: go ahead, the create reports what is left.
      this.verdicts.set(req.key, { revision: req.revision, refusals: 0, retryAt: 0 });
      return { plan: req.plan };
    }
    const refusals = (previous?.refusals ?? 0) + 1;
    const initial = this.deps.retryInitialMs ?? GATE_RETRY_INITIAL_MS;
    const delay = Math.min(initial * 2 ** (refusals - 1), this.deps.retryMaxMs ?? GATE_RETRY_MAX_MS);
    const verdict: Verdict = { revision: req.revision, refusal: message, refusals, retryAt: this.deps.now() + delay };
    this.verdicts.set(req.key, verdict);
    if (previous?.refusal !== message) {
      // Once per revision and message: a retry that hears the same refusal writes nothing.
      ctx.log.warn({ revision: req.revision, pod: name, refusal: message }, "rollout refused in a dry run; held");
      this.deps.events.warning(req.app, ROLLOUT_REJECTED, rolloutRejected(req.revision, message).message);
    }
    return this.held(req, verdict);
  }

  private held(req: GateRequest, verdict: Verdict): GateStep {
    return {
      plan: heldPlan(),
      rejected: rolloutRejected(req.revision, verdict.refusal ?? ""),
      retryAfterMs: Math.max(0, verdict.retryAt - this.deps.now()),
    };
  }
}
