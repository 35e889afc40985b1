// The CompositeApp controller: informers on apps and their Pods feed a work queue of app keys;
// workers reconcile one key at a time each, never two on the same key.
import type { V1Pod } from "@kubernetes/client-node";
import type { Logger } from "pino";
import { API_VERSION, KIND } from "../../api/compositeapp.js";
import { POD_SELECTOR } from "../../patterns/labels.js";
import type { ServerVersion } from "../../patterns/index.js";
import type { PresetImages } from "../../patterns/types.js";
import { PODS, type ApiClient, type KubeObject } from "../kube/api.js";
import type { OperatorMetrics } from "../metrics.js";
import { Reconciler, type EventSink, type RawCompositeApp } from "../reconciler/reconciler.js";
import { COMPOSITEAPPS } from "../resources.js";
import { Informer } from "../runtime/informer.js";
import { indexByControllerUid, objectKey } from "../runtime/store.js";
import { WorkQueue, defaultControllerRateLimiter } from "../runtime/workqueue.js";

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
}

const CONTROLLER_INDEX = "controller";

/** The key of the CompositeApp controlling a Pod, if one does. */
function ownerKey(pod: V1Pod): string | undefined {
  const ref = pod.metadata?.ownerReferences?.find(
    (r) => r.controller && r.kind === KIND && r.apiVersion === API_VERSION,
  );
  return ref ? `${pod.metadata?.namespace ?? ""}/${ref.name}` : undefined;
}

/** What of an app, when changed, calls for a reconcile: not its status, which we write ourselves. */
const triggerOf = (app: RawCompositeApp): string => {
  const m = app.metadata ?? {};
  return JSON.stringify([m.generation, m.deletionTimestamp, m.labels, m.annotations]);
};

/** Resyncs hand the same object twice (same resourceVersion): those always reconcile. */
const worthReconciling = (oldApp: RawCompositeApp, newApp: RawCompositeApp): boolean =>
  oldApp.metadata?.resourceVersion === newApp.metadata?.resourceVersion || triggerOf(oldApp) !== triggerOf(newApp);

export class Controller {
  readonly queue: WorkQueue;
  private readonly apps: Informer<RawCompositeApp>[];
  private readonly pods: Informer<V1Pod>[];
  private readonly reconciler: Reconciler;
  private workers: Promise<void>[] = [];

  constructor(private readonly opts: ControllerOptions) {
    this.queue = new WorkQueue({ rateLimiter: defaultControllerRateLimiter() });
    const scopes = opts.namespaces.length > 0 ? opts.namespaces : [""];
    this.apps = scopes.map((namespace) => this.appInformer(namespace));
    this.pods = scopes.map((namespace) => this.podInformer(namespace));
    this.reconciler = new Reconciler({
      api: opts.api,
      getApp: (key) => this.findApp(key),
      podsOf: (uid) => this.pods.flatMap((i) => i.store.byIndex(CONTROLLER_INDEX, uid)),
      events: opts.events,
      images: opts.images,
      serverVersion: opts.serverVersion,
      log: opts.log,
    });
  }

  private appInformer(namespace: string): Informer<RawCompositeApp> {
    const informer = new Informer<RawCompositeApp>({
      client: this.opts.api,
      resource: COMPOSITEAPPS,
      namespace,
      logger: this.opts.log.child({ informer: "compositeapps", namespace: namespace || "*" }),
      resyncPeriodMs: this.opts.resyncPeriodMs,
    });
    const enqueue = (obj: KubeObject) => this.queue.add(objectKey(obj));
    informer.addEventHandler({
      onAdd: enqueue,
      onUpdate: (o, n) => worthReconciling(o, n) && enqueue(n),
      onDelete: enqueue,
    });
    return informer;
  }

  private podInformer(namespace: string): Informer<V1Pod> {
    const informer = new Informer<V1Pod>({
      client: this.opts.api,
      resource: PODS,
      namespace,
      // Only the operator's own label: a user's app.kubernetes.io/* labels win on the Pods. Pods of
      // earlier versions carry compositeapp.io/name too, so they are adopted on upgrade unchanged.
      labelSelector: POD_SELECTOR,
      logger: this.opts.log.child({ informer: "pods", namespace: namespace || "*" }),
      indexers: { [CONTROLLER_INDEX]: indexByControllerUid },
    });
    const enqueueOwner = (pod: V1Pod) => {
      const key = ownerKey(pod);
      if (key) this.queue.add(key);
    };
    informer.addEventHandler({ onAdd: enqueueOwner, onUpdate: (_o, n) => enqueueOwner(n), onDelete: enqueueOwner });
    return informer;
  }

  private findApp(key: string): RawCompositeApp | undefined {
    for (const informer of this.apps) {
      const app = informer.store.get(key);
      if (app) return app;
    }
    return undefined;
  }

  /** Starts the informers; resolves once every cache has synced (false if stopped first). */
  async startCaches(signal?: AbortSignal): Promise<boolean> {
    for (const i of [...this.apps, ...this.pods]) i.start();
    const synced = await Promise.all([...this.apps, ...this.pods].map((i) => i.waitForSync(signal)));
    return synced.every(Boolean);
  }

  hasSynced(): boolean {
    return [...this.apps, ...this.pods].every((i) => i.hasSynced());
  }

  /** Starts the workers; call once the caches have synced (and, with leader election, once leading). */
  startWorkers(): void {
    for (let i = 0; i < this.opts.concurrency; i++) this.workers.push(this.work());
  }

  private async work(): Promise<void> {
    for (;;) {
      const key = await this.queue.get();
      if (key === undefined) return;
      this.opts.metrics.queueDepth.set(this.queue.len());
      await this.process(key);
      this.queue.done(key);
    }
  }

  private async process(key: string): Promise<void> {
    const started = performance.now();
    let result = "success";
    try {
      const r = await this.reconciler.reconcile(key);
      this.queue.forget(key);
      if (r.requeueAfterMs !== undefined) {
        result = "requeue";
        this.queue.addAfter(key, r.requeueAfterMs);
      }
    } catch (err) {
      result = "error";
      this.opts.log.warn({ compositeapp: key, err }, "reconcile failed; retrying with back-off");
      this.queue.addRateLimited(key);
    }
    this.opts.metrics.reconcileTotal.inc({ result });
    this.opts.metrics.reconcileDuration.observe({ result }, (performance.now() - started) / 1000);
  }

  /** Stops taking keys, lets in-flight reconciles finish, then stops the informers. */
  async stop(): Promise<void> {
    await this.queue.shutDownWithDrain();
    await Promise.all(this.workers);
    await Promise.all([...this.apps, ...this.pods].map((i) => i.stop()));
  }
}
