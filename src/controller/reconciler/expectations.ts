// What the operator has written and its caches have not shown yet, per app, as the ReplicaSet
// controller's expectations (pkg/controller/controller_utils.go): Pods it created that the Pod cache
// does not hold yet, Pods it deleted that the cache still holds alive, and a status written over a
// cached app the watch has not replaced yet. Until the caches have caught up, a reconcile would
// decide on a stale view, create again or write a status it is about to see: it waits instead. An
// expectation not met within the TTL (a lost event) is dropped, as client-go's are after 5 minutes.

import type { KubeObject } from "../kube/api.js";

/** client-go's ExpectationsTimeout. */
export const EXPECTATIONS_TTL_MS = 5 * 60_000;

interface Pending {
  creates: Set<string>;
  deletes: Set<string>;
  /** The cached app's resourceVersion when its status was written: the cache is stale while it shows it. */
  staleAppVersion?: string;
  since: number;
}

/** What the caches show now of one app. */
export interface CachedView {
  /** The cached app's resourceVersion. */
  appVersion: string | undefined;
  /** Names of the app's cached Pods that are not terminating. */
  livePods: ReadonlySet<string>;
}

/** What the caches show of an app and its Pods (terminating ones count as gone). */
export function cachedView(app: KubeObject, pods: KubeObject[]): CachedView {
  const live = pods.filter((p) => !p.metadata?.deletionTimestamp).map((p) => p.metadata?.name ?? "");
  return { appVersion: app.metadata?.resourceVersion, livePods: new Set(live) };
}

export class Expectations {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = EXPECTATIONS_TTL_MS,
  ) {}

  /** Pods created (the create was accepted): the cache must show them. */
  expectCreates(key: string, names: string[]): void {
    for (const name of names) this.entry(key).creates.add(name);
  }

  /** Pods deleted (the delete was accepted): the cache must show them gone or terminating. */
  expectDeletes(key: string, names: string[]): void {
    for (const name of names) this.entry(key).deletes.add(name);
  }

  /** The status was written over the cached app at this resourceVersion: the cache must move past it. */
  expectStatus(key: string, cachedAppVersion: string | undefined): void {
    if (cachedAppVersion !== undefined) this.entry(key).staleAppVersion = cachedAppVersion;
  }

  /**
   * Crosses off what the caches now show; true when nothing is left to wait for (or it waited past
   * the TTL, when everything is dropped). A key with nothing pending is always satisfied.
   */
  satisfied(key: string, view: CachedView): boolean {
    const p = this.pending.get(key);
    if (!p) return true;
    for (const name of p.creates) if (view.livePods.has(name)) p.creates.delete(name);
    for (const name of p.deletes) if (!view.livePods.has(name)) p.deletes.delete(name);
    if (p.staleAppVersion !== undefined && view.appVersion !== p.staleAppVersion) p.staleAppVersion = undefined;
    const met = p.creates.size === 0 && p.deletes.size === 0 && p.staleAppVersion === undefined;
    if (met || this.now() - p.since >= this.ttlMs) {
      this.pending.delete(key);
      return true;
    }
    return false;
  }

  /** True while something written for the key has not been seen: an event about it must reconcile. */
  waiting(key: string): boolean {
    return this.pending.has(key);
  }

  /** Milliseconds until the key's expectations expire (0 when none are pending). */
  remainingMs(key: string): number {
    const p = this.pending.get(key);
    return p ? Math.max(0, p.since + this.ttlMs - this.now()) : 0;
  }

  /** Drops the key's expectations (the app is gone). */
  forget(key: string): void {
    this.pending.delete(key);
  }

  /** The key's pending expectations; the TTL counts from the latest write, as client-go's do. */
  private entry(key: string): Pending {
    let p = this.pending.get(key);
    if (!p) this.pending.set(key, (p = { creates: new Set(), deletes: new Set(), since: 0 }));
    p.since = this.now();
    return p;
  }
}
