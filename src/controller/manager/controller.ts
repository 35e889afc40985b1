// The CompositeApp controller: informers on apps and their Pods feed a work queue of app keys;
// workers reconcile one key at a time each, never two on the same key.
import type { V1Pod, V1PodDisruptionBudget } from "@kubernetes/client-node";
import type { Logger } from "pino";
import { API_VERSION, KIND } from "../../api/compositeapp.js";
import { POD_SELECTOR, type ServerVersion, type PresetImages } from "../../core/index.js";
import { PODS, isAborted, isConflict, type ApiClient, type KubeObject, type Resource } from "../kube/api.js";
import type { OperatorMetrics, ReconcileOutcome } from "../metrics.js";
import { PODDISRUPTIONBUDGETS } from "../reconciler/disruption-budget.js";
import { Expectations } from "../reconciler/expectations.js";
import { STATUS_COALESCE_MS, StatusCoalescer } from "../reconciler/status-coalescer.js";
import { Reconciler, type EventSink, type RawCompositeApp } from "../reconciler/reconciler.js";
import { COMPOSITEAPPS } from "../compositeapps.js";
import { cachedApp, cachedBudget, cachedPod } from "./cached.js";
import { Informer } from "../runtime/informer.js";
import { indexByControllerUid, objectKey } from "../runtime/store.js";
import { WorkQueue, defaultControllerRateLimiter, type Priority, type RateLimiter } from "../runtime/workqueue.js";

export interface ControllerOptions {
  api: ApiClient;
  namespaces: string[];
  concurrency: number;
  images: PresetImages;
  serverVersion: ServerVersion | undefined;
  events: EventSink;
  metrics: OperatorMetrics;
  resyncPeriodMs: number;
  log: Logger;
  /** Back-off of failed keys. Default: client-go's default controller rate limiter, capped at MAX_RETRY_DELAY_MS. */
  rateLimiter?: RateLimiter;
  /** Status changes of an app within this window are written as one. Default STATUS_COALESCE_MS; 0: at once. */
  statusCoalesceMs?: number;
}

const CONTROLLER_INDEX = "controller";
/** The controller's name: the `controller` label of its metrics and the `name` of its work queue's. */
export const CONTROLLER_NAME = "compositeapp";
/** The `name` label of the work queue's metrics (controller-runtime names a queue after its controller). */
export const QUEUE_NAME = CONTROLLER_NAME;

/**
 * Cap on the per-key retry delay (client-go's default is 1000 s). What a failing app waits for (a
 * ResourceQuota raised, a webhook back) sends no event about the app, so the retry is what notices
 * it: 10 s bounds the recovery time, and the token bucket (10 per second overall) bounds the load.
 */
export const MAX_RETRY_DELAY_MS = 10_000;

/** The key of the CompositeApp controlling an object (a Pod, a PodDisruptionBudget), if one does. */
function ownerKey(obj: KubeObject): string | undefined {
  const ref = obj.metadata?.ownerReferences?.find(
    (r) => r.controller && r.kind === KIND && r.apiVersion === API_VERSION,
  );
  return ref ? `${obj.metadata?.namespace ?? ""}/${ref.name}` : undefined;
}

/** What of an app, when changed, calls for a reconcile: not its status, which we write ourselves. */
const triggerOf = (app: RawCompositeApp): string => {
  const m = app.metadata ?? {};
  return JSON.stringify([m.generation, m.deletionTimestamp, m.labels, m.annotations]);
};

/** A resync hands the same object twice (same resourceVersion). */
const isResync = (oldObj: KubeObject, newObj: KubeObject): boolean =>
  oldObj.metadata?.resourceVersion === newObj.metadata?.resourceVersion;

/** Resyncs always reconcile. */
const worthReconciling = (oldApp: RawCompositeApp, newApp: RawCompositeApp): boolean =>
  isResync(oldApp, newApp) || triggerOf(oldApp) !== triggerOf(newApp);

/**
 * What only looks again (the first list after a start, a resync) waits behind what a watch reported:
 * after a restart with 10,000 apps, a new app is not queued behind all of them.
 */
const priorityOf = (onlyLooksAgain: boolean): Priority => (onlyLooksAgain ? "low" : "normal");

export class Controller {
  readonly queue: WorkQueue;
  private readonly apps: Informer<RawCompositeApp>[];
  private readonly pods: Informer<V1Pod>[];
  private readonly budgets: Informer<V1PodDisruptionBudget>[];
  private readonly reconciler: Reconciler;
  private readonly expectations = new Expectations();
  private workers: Promise<void>[] = [];
  /** Aborted by stop(): cancels in-flight reconciles and their requests. */
  private readonly stopping = new AbortController();

  constructor(private readonly opts: ControllerOptions) {
    this.queue = new WorkQueue({
      rateLimiter: opts.rateLimiter ?? defaultControllerRateLimiter({ maxDelayMs: MAX_RETRY_DELAY_MS }),
      observer: opts.metrics.workQueue.observer(QUEUE_NAME),
    });
    const scopes = opts.namespaces.length > 0 ? opts.namespaces : [""];
    this.apps = scopes.map((namespace) => this.appInformer(namespace));
    this.pods = scopes.map((namespace) => this.ownedInformer<V1Pod>(PODS, namespace, cachedPod));
    this.budgets = scopes.map((namespace) =>
      this.ownedInformer<V1PodDisruptionBudget>(PODDISRUPTIONBUDGETS, namespace, cachedBudget),
    );
    this.reconciler = new Reconciler({
      api: opts.api,
      getApp: (key) => this.findApp(key),
      podsOf: (uid) => this.pods.flatMap((i) => i.store.byIndex(CONTROLLER_INDEX, uid)),
      budgetOf: (uid) => this.budgets.flatMap((i) => i.store.byIndex(CONTROLLER_INDEX, uid))[0],
      events: opts.events,
      images: opts.images,
      serverVersion: opts.serverVersion,
      log: opts.log,
      expectations: this.expectations,
      ...(opts.statusCoalesceMs !== 0 && {
        statusCoalescer: new StatusCoalescer({
          windowMs: opts.statusCoalesceMs ?? STATUS_COALESCE_MS,
          busy: () => this.queue.len("normal") > 0,
        }),
      }),
    });
  }

  private appInformer(namespace: string): Informer<RawCompositeApp> {
    const informer = new Informer<RawCompositeApp>({
      client: this.opts.api,
      resource: COMPOSITEAPPS,
      namespace,
      logger: this.opts.log.child({ informer: "compositeapps", namespace: namespace || "*" }),
      resyncPeriodMs: this.opts.resyncPeriodMs,
      transform: cachedApp,
    });
    const enqueue = (obj: KubeObject, priority: Priority = "normal") => this.queue.add(objectKey(obj), priority);
    informer.addEventHandler({
      onAdd: (obj, initial) => enqueue(obj, priorityOf(initial)),
      // A status of ours arriving in the cache is no trigger, unless a reconcile waits for it.
      onUpdate: (o, n) =>
        (worthReconciling(o, n) || this.expectations.waiting(objectKey(n))) && enqueue(n, priorityOf(isResync(o, n))),
      onDelete: (obj) => enqueue(obj),
    });
    return informer;
  }

  /** An informer on objects the operator creates for apps (by its label); a change reconciles the owner. */
  private ownedInformer<T extends KubeObject>(
    resource: Resource,
    namespace: string,
    transform: (obj: T) => T,
  ): Informer<T> {
    const informer = new Informer<T>({
      client: this.opts.api,
      resource,
      namespace,
      // Only the operator's own label, which its Pods and budgets carry: a user's app.kubernetes.io/*
      // labels win on the Pods. Pods of earlier versions carry it too, so they are adopted on upgrade.
      labelSelector: POD_SELECTOR,
      logger: this.opts.log.child({ informer: resource.plural, namespace: namespace || "*" }),
      indexers: { [CONTROLLER_INDEX]: indexByControllerUid },
      transform,
    });
    const enqueueOwner = (obj: T, priority: Priority = "normal") => {
      const key = ownerKey(obj);
      if (key) this.queue.add(key, priority);
    };
    informer.addEventHandler({
      onAdd: (obj, initial) => enqueueOwner(obj, priorityOf(initial)),
      onUpdate: (o, n) => enqueueOwner(n, priorityOf(isResync(o, n))),
      onDelete: (obj) => enqueueOwner(obj),
    });
    return informer;
  }

  private findApp(key: string): RawCompositeApp | undefined {
    for (const informer of this.apps) {
      const app = informer.store.get(key);
      if (app) return app;
    }
    return undefined;
  }

  private informers(): Informer<KubeObject>[] {
    return [...this.apps, ...this.pods, ...this.budgets];
  }

  /** Starts the informers; resolves once every cache has synced. */
  async startCaches(): Promise<void> {
    for (const i of this.informers()) i.start();
    await Promise.all(this.informers().map((i) => i.waitForSync()));
  }

  /** True when no app is queued, waiting for a retry or a recheck, or being reconciled. */
  idle(): boolean {
    return this.queue.idle();
  }

  hasSynced(): boolean {
    return this.informers().every((i) => i.hasSynced());
  }

  /**
   * Starts the workers; call once the caches have synced (and, with leader election, once leading).
   * When the signal aborts (the lease is lost), in-flight reconciles are cancelled at once and no
   * further request is sent; the workers then wait for stop().
   */
  startWorkers(signal?: AbortSignal): void {
    const cancel = signal ? AbortSignal.any([signal, this.stopping.signal]) : this.stopping.signal;
    this.opts.metrics.controllerStarted(CONTROLLER_NAME, this.opts.concurrency);
    for (let i = 0; i < this.opts.concurrency; i++) this.workers.push(this.work(cancel));
  }

  private async work(signal: AbortSignal): Promise<void> {
    for (;;) {
      const key = await this.queue.get();
      if (key === undefined) return;
      if (!signal.aborted) await this.process(key, signal);
      this.queue.done(key);
    }
  }

  private async process(key: string, signal: AbortSignal): Promise<void> {
    const started = performance.now();
    const { metrics } = this.opts;
    metrics.activeWorkers.inc({ controller: CONTROLLER_NAME });
    let outcome: ReconcileOutcome = "success";
    try {
      const r = await this.reconciler.reconcile(key, signal);
      this.queue.forget(key);
      if (r.requeueAfterMs !== undefined) {
        outcome = "requeue_after";
        // A look again that no event asked for (a recheck, a status write held back): behind the events.
        this.queue.addAfter(key, r.requeueAfterMs, "low");
      }
    } catch (err) {
      outcome = this.retry(key, err, signal);
    } finally {
      metrics.activeWorkers.dec({ controller: CONTROLLER_NAME });
    }
    metrics.reconciled(CONTROLLER_NAME, outcome, (performance.now() - started) / 1000);
  }

  /** A failed reconcile comes back after the key's back-off (5 ms doubling per failure), as in client-go. */
  private retry(key: string, err: unknown, signal: AbortSignal): ReconcileOutcome {
    if (isAborted(err, signal)) {
      this.opts.log.debug({ compositeapp: key }, "reconcile cancelled");
      return "cancelled";
    }
    const delayMs = this.queue.addRateLimited(key);
    const retries = this.queue.numRequeues(key);
    if (isConflict(err)) {
      this.opts.log.debug({ compositeapp: key, delayMs, retries }, "conflict; retrying");
      return "conflict";
    }
    this.opts.log.warn({ compositeapp: key, err, delayMs, retries }, "reconcile failed; retrying with back-off");
    return "error";
  }

  /** Stops taking keys, cancels in-flight reconciles and waits for them to end, then stops the informers. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.queue.shutDownWithDrain();
    await Promise.all(this.workers);
    await Promise.all(this.informers().map((i) => i.stop()));
  }
}
