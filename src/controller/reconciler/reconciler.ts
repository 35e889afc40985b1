// One reconcile of one CompositeApp: read from the caches, plan, act, then write the status only
// when it changed. A reconcile that finds nothing to change makes no API write.
import type { V1Pod, V1PodDisruptionBudget } from "@kubernetes/client-node";
import type { Logger } from "pino";
import type { CompositeApp, CompositeAppStatus } from "../../api/compositeapp.js";
import { validateCompositeApp } from "../../api/parse.js";
import {
  effectiveResources,
  podSelectorString,
  placementProblems,
  render,
  renderTemplate,
  resolveSidecarMode,
  type ServerVersion,
  type PresetImages,
  observePod,
  type ObservedPod,
  type Plan,
  stepFor,
  computeStatusAndRecheck,
  invalidSpecStatus,
  inPlaceOptions,
} from "../../core/index.js";
import {
  PODS,
  isAborted,
  isAlreadyExists,
  isConflict,
  isNotFound,
  type ApiClient,
  type KubeObject,
} from "../kube/api.js";
import { rfc3339 } from "../kube/time.js";
import type { Context, EventSink } from "./context.js";
import { keepBudget } from "./disruption-budget.js";
import { cachedView, type Expectations } from "./expectations.js";
import { updateInPlace } from "./in-place.js";
import { soonest, type Result } from "./result.js";
import type { StatusCoalescer } from "./status-coalescer.js";
import { writeStatus } from "./status-writer.js";
import { appKey, ownerReference } from "./owner.js";
import { ReconcileError, messageOf, summarize, type ActionFailure } from "./failures.js";
import { RolloutGate, type GateStep } from "./rollout-gate.js";

export { ReconcileError, type ActionFailure, type EventSink, type Result };

export interface RawCompositeApp extends KubeObject {
  spec?: unknown;
  status?: CompositeAppStatus;
}

export interface ReconcilerDeps {
  api: ApiClient;
  /** The cached app by `namespace/name`. */
  getApp(key: string): RawCompositeApp | undefined;
  /** The cached Pods whose controller is the app with this UID. */
  podsOf(uid: string): V1Pod[];
  /** The cached PodDisruptionBudget whose controller is the app with this UID. */
  budgetOf(uid: string): V1PodDisruptionBudget | undefined;
  events: EventSink;
  images: PresetImages;
  serverVersion: ServerVersion | undefined;
  log: Logger;
  now?: () => Date;
  /**
   * Writes not yet seen in the caches, when getApp and podsOf read caches: a reconcile waits for
   * them instead of acting on a stale view. Without it every reconcile acts and writes at once.
   */
  expectations?: Expectations;
  /** Status changes of an app within a window written as one. Without it each is written at once. */
  statusCoalescer?: StatusCoalescer;
}

/** Retry soon while a step waits on something no watch event will announce. */
const WAITING_REQUEUE_MS = 5_000;

/** What the status reports of a step: a rollout the dry run refused, else the first failed action. */
const problemOf = (gate: GateStep, failures: ActionFailure[]) => gate.rejected ?? summarize(failures);

export class Reconciler {
  private readonly now: () => Date;
  /** The API server's dry-run verdicts on the revisions being rolled out. */
  private readonly gate: RolloutGate;

  constructor(private readonly deps: ReconcilerDeps) {
    this.now = deps.now ?? (() => new Date());
    this.gate = new RolloutGate({ api: deps.api, events: deps.events, now: () => this.now().getTime() });
  }

  /**
   * Reconciles one app. Rejects with a ReconcileError, after writing the status that reports it, when
   * an action failed (every planned action is still attempted), so the caller retries with back-off.
   * Once the signal aborts no further request is sent and the call rejects with the signal's reason.
   */
  async reconcile(key: string, signal?: AbortSignal): Promise<Result> {
    const raw = this.deps.getApp(key);
    const { expectations } = this.deps;
    if (!raw || raw.metadata?.deletionTimestamp) {
      expectations?.forget(key);
      this.deps.statusCoalescer?.settled(key);
      this.gate.forget(key);
      return {}; // the garbage collector removes its Pods
    }
    if (expectations && !expectations.satisfied(key, cachedView(raw, this.podsOf(raw)))) {
      return { requeueAfterMs: expectations.remainingMs(key) }; // the events of our writes will come first
    }
    const ctx: Context = { log: this.deps.log.child({ compositeapp: key }), signal };
    const validated = validateCompositeApp(raw);
    if (!validated.ok) {
      await this.reportInvalid(raw, validated.errors, ctx);
      return {};
    }
    return this.reconcileValid(key, raw, validated.app, ctx);
  }

  private async reconcileValid(key: string, raw: RawCompositeApp, app: CompositeApp, ctx: Context): Promise<Result> {
    const problems = placementProblems(app, this.deps.serverVersion);
    if (problems.length > 0) {
      await this.reportInvalid(raw, problems, ctx);
      return {};
    }
    const options = {
      sidecarMode: resolveSidecarMode(app.spec.sidecarMode, this.deps.serverVersion),
      images: this.deps.images,
    };
    const template = renderTemplate(app, options);
    const { revision, spec: podSpec, sidecarMode } = template;
    const observed = this.podsOf(raw).map(observePod);
    const [now, generation] = [rfc3339(this.now().getTime()), raw.metadata?.generation];
    const desired = render(app, options, template).map((r) => this.owned(r.pod, raw));
    const inPlace = inPlaceOptions(app.spec.updateStrategy?.inPlace, this.deps.serverVersion);
    const input = { replicas: app.spec.replicas, revision, desired, observed, inPlace };
    const { plan: planned, run } = stepFor(app, input, { previous: raw.status, generation, now });
    const gate = await this.gate.step({ key, app: raw, revision, observed, plan: planned, desired }, ctx);
    const step = gate.plan;
    const failures = await this.actWithBudget(raw, app, gate, revision, ctx);
    const failure = problemOf(gate, failures);
    const acted = step.create.length + step.delete.length + step.update.length > 0;
    if (this.awaitsOwnWrites(key, acted, failures)) return {};
    const { status, recheckAfterMs } = computeStatusAndRecheck({
      generation,
      replicas: app.spec.replicas,
      revision,
      sidecarMode,
      effectiveResources: effectiveResources(podSpec),
      observed,
      progressing: step.waiting || acted,
      failure,
      previous: raw.status,
      selector: podSelectorString(app.metadata.name),
      progressDeadlineSeconds: app.spec.progressDeadlineSeconds,
      run,
      now,
    });
    const coalescedMs = await this.writeStatus(raw, status, ctx, failure === undefined); // a problem is told at once
    if (failures.length > 0) throw new ReconcileError(key, failures);
    const retry = step.waiting && !acted ? WAITING_REQUEUE_MS : undefined; // a back-off is never slept out
    return soonest(retry, recheckAfterMs, run?.run.backoffRemainingMs, gate.retryAfterMs, coalescedMs || undefined);
  }

  /** After Pods were created or deleted without a failure, the status waits for the caches to show them. */
  private awaitsOwnWrites(key: string, acted: boolean, failures: ActionFailure[]): boolean {
    return acted && failures.length === 0 && this.deps.expectations?.waiting(key) === true;
  }

  private podsOf(raw: RawCompositeApp): V1Pod[] {
    return this.deps.podsOf(raw.metadata?.uid ?? "");
  }

  private owned(pod: V1Pod, app: RawCompositeApp): V1Pod {
    return {
      ...pod,
      metadata: { ...pod.metadata, namespace: app.metadata?.namespace, ownerReferences: [ownerReference(app)] },
    };
  }

  /**
   * The Pods' step past the gate, then the budget; a budget the operator cannot keep is reported first
   * (a human must act), then a dry run that got no answer.
   */
  private async actWithBudget(raw: RawCompositeApp, app: CompositeApp, gate: GateStep, revision: string, ctx: Context) {
    const failures = await this.act(raw, gate.plan, revision, ctx);
    ctx.signal?.throwIfAborted();
    const budgetFailure = await keepBudget(this.deps, raw, app, ctx);
    ctx.signal?.throwIfAborted();
    return [budgetFailure, gate.failure, ...failures].filter((f): f is ActionFailure => f !== undefined);
  }

  /**
   * Carries out a plan: every action is attempted, whatever happened to the ones before (they are
   * independent: the plan's bounds already count Pods whose delete might fail). Returns the failures.
   */
  private async act(app: RawCompositeApp, step: Plan, revision: string, ctx: Context): Promise<ActionFailure[]> {
    const failures: ActionFailure[] = [];
    const ns = app.metadata?.namespace ?? "";
    const actions = [
      ...step.delete.map((d) => () => this.deletePod(app, ns, d.pod, d.reason, ctx)),
      ...step.update.map((u) => () => updateInPlace(this.deps, app, u, ctx)),
      ...step.create.map((pod) => () => this.createPod(app, ns, pod, revision, ctx)),
    ];
    for (const action of actions) {
      ctx.signal?.throwIfAborted();
      const failure = await action();
      if (failure) failures.push(failure);
    }
    return failures;
  }

  private async deletePod(app: RawCompositeApp, ns: string, pod: ObservedPod, reason: string, ctx: Context) {
    try {
      await this.deps.api.delete(PODS, ns, pod.name, { preconditions: { uid: pod.uid } }, { signal: ctx.signal });
      this.deps.expectations?.expectDeletes(appKey(app), [pod.name]);
      ctx.log.info({ pod: pod.name, reason }, "deleted Pod");
      this.deps.events.normal(app, "SuccessfulDelete", `Deleted pod: ${pod.name} (${reason})`);
      return undefined;
    } catch (err) {
      if (isAborted(err, ctx.signal)) throw err;
      if (isNotFound(err) || isConflict(err)) return undefined; // already gone, or replaced by someone else
      ctx.log.warn({ pod: pod.name, err }, "could not delete Pod");
      this.deps.events.warning(app, "FailedDelete", `Error deleting: ${messageOf(err)}`);
      return { reason: "FailedDelete", pod: pod.name, message: messageOf(err), cause: err } as const;
    }
  }

  private async createPod(app: RawCompositeApp, ns: string, pod: V1Pod, revision: string, ctx: Context) {
    const name = pod.metadata?.name ?? "";
    try {
      await this.deps.api.create(PODS, ns, pod, { signal: ctx.signal });
      this.deps.expectations?.expectCreates(appKey(app), [name]);
      ctx.log.info({ pod: name, revision }, "created Pod");
      this.deps.events.normal(app, "SuccessfulCreate", `Created pod: ${name} (revision ${revision})`);
      return undefined;
    } catch (err) {
      if (isAborted(err, ctx.signal)) throw err;
      // Created before (perhaps by a request that timed out); the cache has not caught up yet.
      if (isAlreadyExists(err)) return undefined;
      ctx.log.warn({ pod: name, err }, "could not create Pod");
      this.deps.events.warning(app, "FailedCreate", `Error creating: ${messageOf(err)}`);
      return { reason: "FailedCreate", pod: name, message: messageOf(err), cause: err } as const;
    }
  }

  private async reportInvalid(raw: RawCompositeApp, errors: string[], ctx: Context) {
    ctx.log.warn({ errors }, "invalid spec; Pods left as they are");
    this.deps.events.warning(raw, "InvalidSpec", errors.join("; "));
    const status = invalidSpecStatus(raw.metadata?.generation, errors, raw.status, rfc3339(this.now().getTime()));
    await this.writeStatus(raw, status, ctx);
  }

  /** Writes the status when it changed (status-writer.ts); with `coalesce`, may return a delay instead. */
  private writeStatus(raw: RawCompositeApp, status: CompositeAppStatus, ctx: Context, coalesce = false) {
    return writeStatus(this.deps, raw, status, { signal: ctx.signal, coalesce });
  }
}
