// An informer: a reflector feeding an indexed store, with add/update/delete handlers computed from the
// store's differences, so that a relist reports what changed while the watch was down (deletes for objects
// that vanished, updates for objects whose resourceVersion changed, adds for new ones).
import type { KubeObject } from "../kube/api.js";
import { systemClock, type Clock, type TimerHandle } from "./clock.js";
import { Reflector, type ReflectorOptions, type ReflectorSink } from "./reflector.js";
import { objectKey, Store, type IndexFunc } from "./store.js";

export interface EventHandler<T> {
  /** `isInInitialList`: the object came with the informer's first list (client-go's flag of the same name). */
  onAdd?(obj: T, isInInitialList: boolean): void;
  onUpdate?(oldObj: T, newObj: T): void;
  onDelete?(obj: T): void;
}

export interface InformerOptions<T> extends ReflectorOptions<T> {
  indexers?: Record<string, IndexFunc<T>>;
  /**
   * Applied by the reflector to every object as it arrives, before it is stored: the store keeps the
   * transformed object only. Default: drop metadata.managedFields.
   */
  transform?: (obj: T) => T;
  /**
   * Every this many ms (on the reflector's clock), onUpdate(obj, obj) for every cached object: a
   * level-triggered safety net. Off by default.
   */
  resyncPeriodMs?: number;
}

/** Drops metadata.managedFields, which the operator never reads and which can be most of an object's size. */
export function stripManagedFields<T extends KubeObject>(obj: T): T {
  if (!obj.metadata?.managedFields) return obj;
  const { managedFields: _dropped, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

const rvOf = (obj: KubeObject): string | undefined => obj.metadata?.resourceVersion;

export class Informer<T extends KubeObject> implements ReflectorSink<T> {
  readonly store: Store<T>;
  private readonly reflector: Reflector<T>;
  private readonly handlers: EventHandler<T>[] = [];
  private synced = false;
  private stopped = false;
  private syncWaiters: Array<(synced: boolean) => void> = [];
  private resyncTimer: TimerHandle | undefined;
  private readonly clock: Clock;

  constructor(private readonly opts: InformerOptions<T>) {
    this.clock = opts.clock ?? systemClock;
    this.store = new Store<T>(opts.indexers);
    this.reflector = new Reflector<T>({ ...opts, transform: opts.transform ?? stripManagedFields }, this);
  }

  addEventHandler(handler: EventHandler<T>): void {
    this.handlers.push(handler);
  }

  start(): void {
    this.reflector.start();
    if (this.opts.resyncPeriodMs && this.resyncTimer === undefined && !this.stopped) this.scheduleResync();
  }

  private scheduleResync(): void {
    this.resyncTimer = this.clock.setTimeout(() => {
      this.resync();
      if (!this.stopped) this.scheduleResync();
    }, this.opts.resyncPeriodMs!);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.clock.clearTimeout(this.resyncTimer);
    this.resyncTimer = undefined;
    for (const wake of this.syncWaiters.splice(0)) wake(false);
    await this.reflector.stop();
  }

  /** True once the first list has been stored. */
  hasSynced(): boolean {
    return this.synced;
  }

  /** Resolves true once synced, false when the signal aborts or the informer stops first. */
  waitForSync(signal?: AbortSignal): Promise<boolean> {
    if (this.synced) return Promise.resolve(true);
    if (this.stopped || signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const onAbort = (): void => {
        this.syncWaiters = this.syncWaiters.filter((w) => w !== settle);
        resolve(false);
      };
      const settle = (synced: boolean): void => {
        signal?.removeEventListener("abort", onAbort);
        resolve(synced);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.syncWaiters.push(settle);
    });
  }

  /** The resourceVersion the reflector would resume from. */
  get lastResourceVersion(): string {
    return this.reflector.lastResourceVersion;
  }

  /** The complete content after a (re)list, objects already transformed by the reflector. */
  replace(after: T[], _resourceVersion: string): void {
    const before = new Map(this.store.list().map((obj) => [objectKey(obj), obj]));
    this.store.replace(after);
    for (const [key, old] of before) {
      if (!this.store.has(key)) this.emit("delete", old);
    }
    for (const obj of after) {
      const old = before.get(objectKey(obj));
      if (!old) this.emit("add", obj, undefined, !this.synced);
      else if (rvOf(old) !== rvOf(obj)) this.emit("update", obj, old);
    }
    if (!this.synced) {
      this.synced = true;
      for (const wake of this.syncWaiters.splice(0)) wake(true);
    }
  }

  /** One watch event, its object already transformed by the reflector. */
  apply(type: "ADDED" | "MODIFIED" | "DELETED", obj: T): void {
    const key = objectKey(obj);
    if (type === "DELETED") {
      this.store.delete(key);
      this.emit("delete", obj);
      return;
    }
    const old = this.store.get(key);
    // A resourceVersion equal to the cached one is the same state seen twice (resourceVersions are opaque:
    // only equality means anything).
    if (old && rvOf(old) !== undefined && rvOf(old) === rvOf(obj)) return;
    this.store.set(obj);
    if (old) this.emit("update", obj, old);
    else this.emit("add", obj);
  }

  private resync(): void {
    for (const obj of this.store.list()) this.emit("update", obj, obj);
  }

  private emit(kind: "add" | "update" | "delete", obj: T, old?: T, initial = false): void {
    for (const h of this.handlers) {
      try {
        if (kind === "add") h.onAdd?.(obj, initial);
        else if (kind === "update") h.onUpdate?.(old ?? obj, obj);
        else h.onDelete?.(obj);
      } catch (err) {
        this.opts.logger.error({ err, key: objectKey(obj), kind }, "informer event handler threw");
      }
    }
  }
}
