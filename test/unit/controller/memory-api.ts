// An in-memory ApiClient with the API server's semantics the controller relies on: resourceVersions,
// optimistic concurrency on updates, AlreadyExists on creates, delete preconditions, and watches that
// replay what happened after the resourceVersion they start from. A test injects failures (quota 403,
// 500, timeouts, 409, requests that hang until cancelled) through `fault`, and reads `calls`.
import {
  ApiError,
  type ApiClient,
  type CallOptions,
  type KubeObject,
  type Resource,
} from "../../../src/controller/kube/api.js";
import type {
  DeleteOptions,
  ListOptions,
  PatchOptions,
  ListResult,
  WatchEventType,
  WatchHandle,
  WatchOptions,
} from "../../../src/controller/kube/api.js";

export type Verb = "list" | "get" | "create" | "update" | "updateStatus" | "delete" | "patch";

export interface Call {
  verb: Verb;
  resource: string;
  namespace: string;
  name: string;
  obj?: KubeObject;
  /** Date.now() when the call was made (the fake clock under fake timers). */
  at: number;
}

/** What a fault hook may answer: an error to reject with, "hang" (until cancelled), or undefined (serve). */
export type Fault = Error | "hang" | undefined;

interface Watcher {
  resource: string;
  namespace: string;
  selector: Record<string, string | undefined>;
  onEvent: (type: WatchEventType, obj: KubeObject) => void;
}

interface Change {
  rv: number;
  type: "ADDED" | "MODIFIED" | "DELETED";
  resource: string;
  obj: KubeObject;
}

const clone = <T>(obj: T): T => structuredClone(obj);

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const named = (v: unknown): v is { name: string } => isObject(v) && typeof v.name === "string";

/** A strategic merge patch as far as the tests need it: objects merge, lists of named items merge by name. */
export function strategicMerge(target: unknown, patch: unknown): unknown {
  if (Array.isArray(patch) && Array.isArray(target) && patch.every(named) && target.every(named)) {
    const merged = target.map((t) => {
      const p = patch.find((x) => x.name === t.name);
      return p ? strategicMerge(t, p) : t;
    });
    return [...merged, ...patch.filter((p) => !target.some((t) => t.name === p.name))];
  }
  if (!isObject(patch) || !isObject(target)) return clone(patch);
  const out: Record<string, unknown> = { ...target };
  for (const [k, v] of Object.entries(patch)) out[k] = v === null ? undefined : strategicMerge(target[k], v);
  return out;
}

export const forbidden = (message: string) => new ApiError(403, "Forbidden", message, "create");
export const internalError = () => new ApiError(500, "InternalError", "etcdserver: request timed out", "create");
export const timeout = (what: string) => new Error(`${what}: no answer within 30000 ms`);

/** `a=b,c`: a label equal to a value, or (a key alone) a label that exists, as the API server reads it. */
function parseSelector(selector: string | undefined): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const part of (selector ?? "").split(",").filter(Boolean)) {
    const [k, v] = part.split("=");
    out[k!] = v;
  }
  return out;
}

const matches = (obj: KubeObject, namespace: string, selector: Record<string, string | undefined>): boolean =>
  (!namespace || obj.metadata?.namespace === namespace) &&
  Object.entries(selector).every(([k, v]) =>
    v === undefined ? obj.metadata?.labels?.[k] !== undefined : obj.metadata?.labels?.[k] === v,
  );

export class MemoryApi implements ApiClient {
  readonly calls: Call[] = [];
  /** Called before each call is served. */
  fault: (call: Call) => Fault = () => undefined;
  private readonly objects = new Map<string, KubeObject>();
  private readonly history: Change[] = [];
  private readonly watchers = new Set<Watcher>();
  private rv = 1;
  private uid = 0;

  /** Objects of a resource, as stored. */
  all<T extends KubeObject>(res: Resource, namespace = ""): T[] {
    return [...this.objects.entries()]
      .filter(([k]) => k.startsWith(`${res.plural}/`))
      .map(([, o]) => o as T)
      .filter((o) => !namespace || o.metadata?.namespace === namespace);
  }

  /** Puts an object in place as another client would (an app applied by a user, say). */
  seed<T extends KubeObject>(res: Resource, obj: T): T {
    return this.store(res, obj, "ADDED");
  }

  calledWith(verb: Verb, resource?: string): Call[] {
    return this.calls.filter((c) => c.verb === verb && (resource === undefined || c.resource === resource));
  }

  list<T extends KubeObject>(res: Resource, opts: ListOptions, call?: CallOptions): Promise<ListResult<T>> {
    return this.serve({ verb: "list", resource: res.plural, namespace: opts.namespace ?? "", name: "" }, call, () => {
      const selector = parseSelector(opts.labelSelector);
      const items = this.all<T>(res).filter((o) => matches(o, opts.namespace ?? "", selector));
      return { items: clone(items), resourceVersion: String(this.rv) };
    });
  }

  watch<T extends KubeObject>(
    res: Resource,
    opts: WatchOptions,
    onEvent: (type: WatchEventType, obj: T) => void,
  ): WatchHandle {
    const watcher: Watcher = {
      resource: res.plural,
      namespace: opts.namespace ?? "",
      selector: parseSelector(opts.labelSelector),
      onEvent: onEvent as Watcher["onEvent"],
    };
    const from = Number(opts.resourceVersion || "0");
    let end: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (end = resolve));
    // Delivered asynchronously, as from a socket, and in order.
    queueMicrotask(() => {
      for (const c of this.history.filter((h) => h.rv > from)) this.deliver(watcher, c);
      this.watchers.add(watcher);
    });
    return {
      done,
      abort: () => {
        this.watchers.delete(watcher);
        end();
      },
    };
  }

  get<T extends KubeObject>(res: Resource, namespace: string, name: string, call?: CallOptions): Promise<T> {
    return this.serve({ verb: "get", resource: res.plural, namespace, name }, call, () => {
      const obj = this.objects.get(this.key(res, namespace, name));
      if (!obj) throw new ApiError(404, "NotFound", `${res.plural} "${name}" not found`, "get");
      return clone(obj) as T;
    });
  }

  create<T extends KubeObject>(res: Resource, namespace: string, obj: T, call?: CallOptions): Promise<T> {
    const name = obj.metadata?.name ?? "";
    return this.serve({ verb: "create", resource: res.plural, namespace, name, obj }, call, () => {
      if (this.objects.has(this.key(res, namespace, name))) {
        throw new ApiError(409, "AlreadyExists", `${res.plural} "${name}" already exists`, "create");
      }
      return this.store(res, { ...obj, metadata: { ...obj.metadata, namespace } }, "ADDED");
    });
  }

  replace<T extends KubeObject>(res: Resource, ns: string, name: string, obj: T, call?: CallOptions): Promise<T> {
    return this.serve({ verb: "update", resource: res.plural, namespace: ns, name, obj }, call, () =>
      this.update(res, ns, name, obj, (_old, next) => next),
    );
  }

  replaceStatus<T extends KubeObject>(res: Resource, ns: string, name: string, obj: T, call?: CallOptions): Promise<T> {
    return this.serve({ verb: "updateStatus", resource: res.plural, namespace: ns, name, obj }, call, () =>
      this.update(res, ns, name, obj, (old, next) => ({ ...old, status: (next as { status?: unknown }).status })),
    );
  }

  delete(res: Resource, namespace: string, name: string, opts?: DeleteOptions, call?: CallOptions): Promise<void> {
    return this.serve({ verb: "delete", resource: res.plural, namespace, name }, call, () => {
      const key = this.key(res, namespace, name);
      const obj = this.objects.get(key);
      if (!obj) throw new ApiError(404, "NotFound", `${res.plural} "${name}" not found`, "delete");
      if (opts?.preconditions?.uid && opts.preconditions.uid !== obj.metadata?.uid) {
        throw new ApiError(409, "Conflict", "Precondition failed: UID in precondition", "delete");
      }
      this.objects.delete(key);
      this.record(res, "DELETED", { ...obj, metadata: { ...obj.metadata, resourceVersion: String(++this.rv) } });
    });
  }

  /** Bumps metadata.generation on a change of the spec, as the API server does for Pods (1.33+). */
  patch<T extends KubeObject>(
    res: Resource,
    ns: string,
    name: string,
    patch: KubeObject & Record<string, unknown>,
    opts?: PatchOptions,
  ): Promise<T> {
    const resource = opts?.subresource ? `${res.plural}/${opts.subresource}` : res.plural;
    return this.serve({ verb: "patch", resource, namespace: ns, name, obj: patch }, opts, () => {
      const old = this.objects.get(this.key(res, ns, name));
      if (!old) throw new ApiError(404, "NotFound", `${res.plural} "${name}" not found`, "patch");
      if (patch.metadata?.uid !== undefined && patch.metadata.uid !== old.metadata?.uid) {
        throw new ApiError(409, "Conflict", "Precondition failed: UID in precondition", "patch");
      }
      const next = strategicMerge(old, patch) as KubeObject & { spec?: unknown };
      const specChanged = JSON.stringify(next.spec) !== JSON.stringify((old as { spec?: unknown }).spec);
      const generation = (old.metadata?.generation ?? 1) + (specChanged ? 1 : 0);
      return this.store<T>(res, { ...next, metadata: { ...next.metadata, generation } }, "MODIFIED");
    });
  }

  serverVersion(): Promise<{ major: string; minor: string; gitVersion: string }> {
    return Promise.resolve({ major: "1", minor: "33", gitVersion: "v1.33.0" });
  }

  private key(res: Resource, namespace: string, name: string): string {
    return `${res.plural}/${namespace}/${name}`;
  }

  private update<T extends KubeObject>(
    res: Resource,
    ns: string,
    name: string,
    obj: T,
    merge: (old: KubeObject, next: T) => KubeObject,
  ): T {
    const old = this.objects.get(this.key(res, ns, name));
    if (!old) throw new ApiError(404, "NotFound", `${res.plural} "${name}" not found`, "update");
    const sentRv = obj.metadata?.resourceVersion;
    if (sentRv && sentRv !== old.metadata?.resourceVersion) {
      throw new ApiError(409, "Conflict", "the object has been modified; please apply your changes", "update");
    }
    return this.store(res, { ...merge(old, obj), metadata: old.metadata }, "MODIFIED");
  }

  private store<T extends KubeObject>(res: Resource, obj: KubeObject, type: "ADDED" | "MODIFIED"): T {
    const meta = obj.metadata ?? {};
    const stored: KubeObject = {
      ...clone(obj),
      metadata: {
        ...clone(meta),
        uid: meta.uid ?? `uid-${++this.uid}`,
        generation: meta.generation ?? 1,
        resourceVersion: String(++this.rv),
      },
    };
    this.objects.set(this.key(res, meta.namespace ?? "", meta.name ?? ""), stored);
    this.record(res, type, stored);
    return clone(stored) as T;
  }

  private record(res: Resource, type: Change["type"], obj: KubeObject): void {
    const change: Change = { rv: Number(obj.metadata?.resourceVersion), type, resource: res.plural, obj: clone(obj) };
    this.history.push(change);
    for (const w of this.watchers) queueMicrotask(() => this.watchers.has(w) && this.deliver(w, change));
  }

  private deliver(w: Watcher, c: Change): void {
    if (c.resource === w.resource && matches(c.obj, w.namespace, w.selector)) w.onEvent(c.type, clone(c.obj));
  }

  /** Serves a call after the fault hook, honouring the caller's signal as the HTTP client does. */
  private async serve<R>(base: Omit<Call, "at">, opts: CallOptions | undefined, answer: () => R): Promise<R> {
    opts?.signal?.throwIfAborted();
    const call: Call = { ...base, at: Date.now() };
    this.calls.push(call);
    await Promise.resolve();
    const fault = this.fault(call);
    if (fault === "hang") return hang(opts?.signal);
    if (fault) throw fault;
    return answer();
  }
}

/** A request that never gets an answer: rejects only when its signal aborts. */
function hang(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_resolve, reject) => {
    signal?.addEventListener("abort", () => reject(signal.reason as Error), { once: true });
  });
}
