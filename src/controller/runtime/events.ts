// Records events.k8s.io/v1 Events about objects, as client-go's tools/events does. Best effort: a failed
// write is logged, never thrown. The same (object, type, reason, action, note) seen again within the dedup
// window counts on the Event already written (its `series`: count and lastObservedTime, the only fields
// an events.k8s.io/v1 update may change) instead of creating another; a token bucket per object drops
// storms (as client-go's EventSourceObjectSpamFilter: burst 25, then one per 5 minutes).
import { hostname } from "node:os";
import type { Logger } from "pino";
import type { V1ObjectReference } from "@kubernetes/client-node";
import { EVENTS, isAborted, isNotFound, type ApiClient, type KubeObject } from "../kube/api.js";
import { microTime } from "../kube/time.js";

export type EventType = "Normal" | "Warning";

/** An events.k8s.io/v1 Event as JSON on the wire. */
export interface KubeEvent extends KubeObject {
  /** When it first happened (MicroTime). */
  eventTime: string;
  /** Set from the second occurrence on. */
  series?: { count: number; lastObservedTime: string };
  reportingController: string;
  reportingInstance: string;
  /** What was done or failed: Create, Delete, ... */
  action: string;
  reason: string;
  regarding: V1ObjectReference;
  note: string;
  type: EventType;
}

export interface EventRecorderOptions {
  client: ApiClient;
  logger: Logger;
  /** Default "compositeapp.io/operator". */
  reportingController?: string;
  /** Default: the host name (the Pod name in a cluster). */
  reportingInstance?: string;
  /** Default 10 min. */
  dedupWindowMs?: number;
  /** Bound on remembered Events and per-object buckets (least recently used go first). Default 4096. */
  maxEntries?: number;
  /** Events per object allowed at once. Default 25. */
  burst?: number;
  /** One more event per object per this many ms. Default 5 min. */
  refillMs?: number;
  now?: () => number;
  /** Once aborted, no Event is written any more and writes in flight are cancelled. */
  signal?: AbortSignal;
}

/** events.k8s.io/v1's limits: note 1 kB, action and reason 128 characters. */
const MAX_NOTE = 1024;
const MAX_REASON = 128;
const MAX_ACTION = 128;
/** client-go's action when none is given. */
const DEFAULT_ACTION = "Reconcile";

interface Occurrence {
  ref: V1ObjectReference;
  type: EventType;
  reason: string;
  action: string;
  note: string;
  /** When event() was called. */
  at: number;
}

interface Remembered {
  event: KubeEvent;
  lastSeen: number;
}

interface Bucket {
  tokens: number;
  last: number;
}

/** Map with least-recently-used eviction. */
class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}

  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: string, v: V): void {
    this.map.delete(key);
    this.map.set(key, v);
    if (this.map.size > this.max) {
      const oldest = this.map.keys().next();
      if (!oldest.done) this.map.delete(oldest.value);
    }
  }
}

export class EventRecorder {
  private readonly seen: Lru<Remembered>;
  private readonly buckets: Lru<Bucket>;
  private readonly chains = new Map<string, Promise<void>>();
  private readonly now: () => number;
  private readonly reportingController: string;
  private readonly reportingInstance: string;
  private sequence = 0;

  constructor(private readonly opts: EventRecorderOptions) {
    this.seen = new Lru(opts.maxEntries ?? 4096);
    this.buckets = new Lru(opts.maxEntries ?? 4096);
    this.now = opts.now ?? Date.now;
    this.reportingController = opts.reportingController ?? "compositeapp.io/operator";
    this.reportingInstance = (opts.reportingInstance ?? hostname()).slice(0, 128);
  }

  /** Records an Event about obj in the background. Never throws; failures are logged. */
  event(obj: KubeObject, type: EventType, reason: string, note: string, action = DEFAULT_ACTION): void {
    try {
      if (this.opts.signal?.aborted) return;
      const at = this.now();
      const ref = referenceTo(obj);
      const objectId = ref.uid ?? `${ref.kind ?? ""}/${ref.namespace ?? ""}/${ref.name ?? ""}`;
      if (!this.allow(objectId, at)) {
        this.opts.logger.debug({ object: objectId, reason }, "event dropped: too many for this object");
        return;
      }
      const text = note.length > MAX_NOTE ? `${note.slice(0, MAX_NOTE - 3)}...` : note;
      const occurrence = {
        ref,
        type,
        reason: reason.slice(0, MAX_REASON),
        action: action.slice(0, MAX_ACTION),
        note: text,
        at,
      };
      const key = JSON.stringify([objectId, type, occurrence.reason, occurrence.action, text]);
      const previous = this.chains.get(key) ?? Promise.resolve();
      const next = previous
        .then(() => this.write(key, occurrence))
        .catch((err: unknown) => {
          if (isAborted(err, this.opts.signal)) return;
          this.opts.logger.warn({ err, reason, object: objectId }, "could not write Event");
        })
        .finally(() => {
          if (this.chains.get(key) === next) this.chains.delete(key);
        });
      this.chains.set(key, next);
    } catch (err) {
      this.opts.logger.warn({ err, reason }, "could not record Event");
    }
  }

  /** Writes started and not yet settled. */
  pending(): number {
    return this.chains.size;
  }

  /** Resolves once every write started so far has settled. */
  async flush(): Promise<void> {
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }

  private allow(objectId: string, now: number): boolean {
    const burst = this.opts.burst ?? 25;
    const refillMs = this.opts.refillMs ?? 300_000;
    const bucket = this.buckets.get(objectId) ?? { tokens: burst, last: now };
    bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.last) / refillMs);
    bucket.last = now;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.buckets.set(objectId, bucket);
    return allowed;
  }

  private async write(key: string, occurrence: Occurrence): Promise<void> {
    const known = this.seen.get(key);
    const windowMs = this.opts.dedupWindowMs ?? 600_000;
    if (known && occurrence.at - known.lastSeen < windowMs && (await this.bump(known, occurrence.at))) return;
    const event = this.newEvent(occurrence);
    const created = await this.opts.client.create(EVENTS, event.metadata?.namespace ?? "default", event, {
      signal: this.opts.signal,
    });
    this.seen.set(key, { event: created, lastSeen: occurrence.at });
  }

  /** Counts one more occurrence on the Event already written; false when that Event is gone. */
  private async bump(known: Remembered, now: number): Promise<boolean> {
    // Without resourceVersion: an unconditional update (Events allow it), so a lost answer cannot wedge it.
    const { resourceVersion: _rv, ...metadata } = known.event.metadata ?? {};
    const series = { count: (known.event.series?.count ?? 1) + 1, lastObservedTime: microTime(now) };
    const bumped: KubeEvent = { ...known.event, metadata, series };
    known.lastSeen = now;
    known.event = bumped;
    try {
      const namespace = metadata.namespace ?? "default";
      const call = { signal: this.opts.signal };
      known.event = await this.opts.client.replace(EVENTS, namespace, metadata.name ?? "", bumped, call);
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  private newEvent({ ref, type, reason, action, note, at: now }: Occurrence): KubeEvent {
    const namespace = ref.namespace || "default";
    const stamp = (BigInt(now) * 1_000_000n + BigInt(this.sequence++ % 1_000_000)).toString(16);
    return {
      apiVersion: "events.k8s.io/v1",
      kind: "Event",
      metadata: { name: `${ref.name ?? "object"}.${stamp}`, namespace },
      eventTime: microTime(now),
      reportingController: this.reportingController,
      reportingInstance: this.reportingInstance,
      action,
      reason,
      regarding: ref,
      note,
      type,
    };
  }
}

/** The `regarding` of an Event about obj. */
export function referenceTo(obj: KubeObject): V1ObjectReference {
  const ref: V1ObjectReference = {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    name: obj.metadata?.name,
    namespace: obj.metadata?.namespace,
    uid: obj.metadata?.uid,
    resourceVersion: obj.metadata?.resourceVersion,
  };
  return Object.fromEntries(Object.entries(ref).filter(([, v]) => v !== undefined));
}
