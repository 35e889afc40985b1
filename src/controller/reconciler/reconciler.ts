// One reconcile of one CompositeApp: read from the caches, plan, act, then write the status only
// when it changed. A reconcile that finds nothing to change makes no API write.
import type { V1Pod, V1PodDisruptionBudget } from "@kubernetes/client-node";
import type { Logger } from "pino";
import { API_VERSION, KIND, type CompositeApp, type CompositeAppStatus } from "../../api/compositeapp.js";
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
  runEnded,
  computeStatusAndRecheck,
  desiredBudget,
  planBudget,
  invalidSpecStatus,
  statusChanged,
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
import { COMPOSITEAPPS } from "../compositeapps.js";
import { syncBudget } from "./disruption-budget.js";
import { cachedView, type Expectations } from "./expectations.js";
import { updateInPlace } from "./in-place.js";
import { appKey, ownerReference } from "./owner.js";
import { ReconcileError, messageOf, summarize, type ActionFailure } from "./failures.js";

export { ReconcileError, type ActionFailure };

export interface RawCompositeApp extends KubeObject {
  spec?: unknown;
  status?: CompositeAppStatus;
}

export interface EventSink {
  normal(obj: KubeObject, reason: string, message: string): void;
  warning(obj: KubeObject, reason: string, message: string): void;
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
}

export interface Result {
  /** Reconcile again after this many milliseconds, even if nothing changes. */
  requeueAfterMs?: number;
}

/** Retry soon while a step waits on something no watch event will announce. */
const WAITING_REQUEUE_MS = 5_000;

/** What one reconcile carries along: its logger and its cancellation. */
interface Context {
  log: Logger;
  signal: AbortSignal | undefined;
}

/** The earliest of optional requeue delays. */
function soonest(...delays: (number | undefined)[]): Result {
  const ms = delays.filter((x): x is number => x !== undefined);
  return ms.length > 0 ? { requeueAfterMs: Math.min(...ms) } : {};
}

export class Reconciler {
  private readonly now: () => Date;

  constructor(private readonly deps: ReconcilerDeps) {
    this.now = deps.now ?? (() => new Date());
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
      return {}; // the garbage collector removes its Pods
    }
    if (expectations && !expectations.satisfied(key, cachedView(raw, this.deps.podsOf(raw.metadata?.uid ?? "")))) {
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
    const observed = this.deps.podsOf(raw.metadata?.uid ?? "").map(observePod);
    const [now, generation] = [rfc3339(this.now().getTime()), raw.metadata?.generation];
    const desired = render(app, options, template).map((r) => this.owned(r.pod, raw));
    const inPlace = inPlaceOptions(app.spec.updateStrategy?.inPlace, this.deps.serverVersion);
    const input = { replicas: app.spec.replicas, revision, desired, observed, inPlace };
    const { plan: step, run } = stepFor(app, input, { previous: raw.status, generation, now });
    const failures = await this.actWithBudget(raw, app, step, revision, ctx);
    const failure = summarize(failures);
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
    await this.writeStatus(raw, status, ctx);
    if (failures.length > 0) throw new ReconcileError(key, failures);
    const retry = step.waiting && !acted ? WAITING_REQUEUE_MS : undefined;
    return soonest(retry, recheckAfterMs, run?.run.backoffRemainingMs); // a back-off is never slept out
  }

  /** After Pods were created or deleted without a failure, the status waits for the caches to show them. */
  private awaitsOwnWrites(key: string, acted: boolean, failures: ActionFailure[]): boolean {
    return acted && failures.length === 0 && this.deps.expectations?.waiting(key) === true;
  }

  private owned(pod: V1Pod, app: RawCompositeApp): V1Pod {
    return {
      ...pod,
      metadata: { ...pod.metadata, namespace: app.metadata?.namespace, ownerReferences: [ownerReference(app)] },
    };
  }

  /** The Pods' plan, then the budget; a budget the operator cannot keep is reported first (a human must act). */
  private async actWithBudget(raw: RawCompositeApp, app: CompositeApp, step: Plan, revision: string, ctx: Context) {
    const failures = await this.act(raw, step, revision, ctx);
    ctx.signal?.throwIfAborted();
    const budgetFailure = await this.keepBudget(raw, app, ctx);
    ctx.signal?.throwIfAborted();
    return budgetFailure ? [budgetFailure, ...failures] : failures;
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

  /** Brings the app's PodDisruptionBudget in step with spec.disruptionBudget; writes only on a difference. */
  private async keepBudget(raw: RawCompositeApp, app: CompositeApp, ctx: Context): Promise<ActionFailure | undefined> {
    const namespace = raw.metadata?.namespace ?? "";
    const desired = desiredBudget({
      app: app.metadata.name,
      namespace,
      budget: app.spec.disruptionBudget,
      owner: ownerReference(raw),
    });
    const action = planBudget(desired, this.deps.budgetOf(raw.metadata?.uid ?? ""));
    if (!action) return undefined;
    const failure = await syncBudget(this.deps.api, namespace, action, { signal: ctx.signal });
    if (failure) {
      ctx.log.warn({ verb: action.verb, failure: failure.message }, "could not keep the PodDisruptionBudget");
      this.deps.events.warning(raw, failure.reason, failure.message);
    } else {
      ctx.log.info({ verb: action.verb }, "kept the PodDisruptionBudget in step");
      this.deps.events.normal(raw, "DisruptionBudget", `PodDisruptionBudget ${app.metadata.name}: ${action.verb}`);
    }
    return failure;
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

  /**
   * Writes the status subresource when it changed. A conflict (409: the cached app is stale) rejects,
   * so the app is retried with back-off once the cache has caught up.
   */
  private async writeStatus(raw: RawCompositeApp, status: CompositeAppStatus, ctx: Context) {
    if (!statusChanged(raw.status, status)) return;
    const { name = "", namespace = "", resourceVersion } = raw.metadata ?? {};
    const obj: RawCompositeApp = {
      apiVersion: API_VERSION,
      kind: KIND,
      metadata: { name, namespace, resourceVersion },
      spec: raw.spec,
      status,
    };
    try {
      await this.deps.api.replaceStatus(COMPOSITEAPPS, namespace, name, obj, { signal: ctx.signal });
      this.deps.expectations?.expectStatus(appKey(raw), resourceVersion);
      const ended = runEnded(raw.status, status); // a run that ends is announced once, as a Job's
      if (ended) this.deps.events[ended.warning ? "warning" : "normal"](raw, ended.reason, ended.message);
    } catch (err) {
      if (isNotFound(err) && !ctx.signal?.aborted) return; // deleted meanwhile: nothing left to report on
      throw err;
    }
  }
}
