// An in-memory cache of objects keyed "namespace/name" ("name" for cluster-scoped objects), with named
// secondary indexes (for example Pods by owner UID).
import type { KubeObject } from "../kube/api.js";

/** The values under which an object is indexed; an empty list leaves it out of the index. */
export type IndexFunc<T> = (obj: T) => string[];

/** "namespace/name", or "name" without a namespace: client-go's MetaNamespaceKeyFunc. */
export function objectKey(obj: KubeObject): string {
  const name = obj.metadata?.name ?? "";
  const namespace = obj.metadata?.namespace;
  return namespace ? `${namespace}/${name}` : name;
}

/** Indexes by the UID of the controlling owner reference only. */
export const indexByControllerUid: IndexFunc<KubeObject> = (obj) =>
  (obj.metadata?.ownerReferences ?? []).filter((ref) => ref.controller === true).map((ref) => ref.uid);

export class Store<T extends KubeObject> {
  private readonly items = new Map<string, T>();
  /** Per index: its function and its value → keys map. */
  private readonly indices = new Map<string, { fn: IndexFunc<T>; keys: Map<string, Set<string>> }>();

  constructor(indexers: Record<string, IndexFunc<T>> = {}) {
    for (const [name, fn] of Object.entries(indexers)) this.indices.set(name, { fn, keys: new Map() });
  }

  get size(): number {
    return this.items.size;
  }

  get(key: string): T | undefined {
    return this.items.get(key);
  }

  has(key: string): boolean {
    return this.items.has(key);
  }

  list(): T[] {
    return [...this.items.values()];
  }

  keys(): string[] {
    return [...this.items.keys()];
  }

  /** The objects whose index function returned value. Throws for an index that was not declared. */
  byIndex(index: string, value: string): T[] {
    const idx = this.indices.get(index);
    if (!idx) throw new Error(`store: no index named "${index}"`);
    const keys = idx.keys.get(value);
    if (!keys) return [];
    const out: T[] = [];
    for (const key of keys) {
      const obj = this.items.get(key);
      if (obj) out.push(obj);
    }
    return out;
  }

  /** Adds or replaces an object; returns the one it replaced. */
  set(obj: T): T | undefined {
    const key = objectKey(obj);
    const old = this.items.get(key);
    if (old) this.unindex(key, old);
    this.items.set(key, obj);
    this.index(key, obj);
    return old;
  }

  /** Removes an object; returns it. */
  delete(key: string): T | undefined {
    const old = this.items.get(key);
    if (!old) return undefined;
    this.unindex(key, old);
    this.items.delete(key);
    return old;
  }

  /** Makes the store hold exactly objs. */
  replace(objs: T[]): void {
    this.items.clear();
    for (const idx of this.indices.values()) idx.keys.clear();
    for (const obj of objs) this.set(obj);
  }

  private index(key: string, obj: T): void {
    for (const { fn, keys: idx } of this.indices.values()) {
      for (const value of fn(obj)) {
        let keys = idx.get(value);
        if (!keys) idx.set(value, (keys = new Set()));
        keys.add(key);
      }
    }
  }

  private unindex(key: string, obj: T): void {
    for (const { fn, keys: idx } of this.indices.values()) {
      for (const value of fn(obj)) {
        const keys = idx.get(value);
        keys?.delete(key);
        if (keys?.size === 0) idx.delete(value);
      }
    }
  }
}
