// A work queue of keys with client-go's semantics (util/workqueue): a key is queued at most once (dirty set),
// is never handed to two workers at a time (processing set), and a key added while being processed is queued
// again when the worker calls done(). Delayed and rate-limited adds as in client-go's delaying and
// rate-limiting queues; the default rate limiter is client-go's DefaultControllerRateLimiter. Keys wait
// in two lanes (priority-lanes.ts): a key added at normal priority goes ahead of every low one.

import type { RateLimiter } from "./rate-limiter.js";
import { defaultControllerRateLimiter } from "./rate-limiter.js";
import { PriorityLanes, outranks, type Priority } from "./priority-lanes.js";

export type { Priority } from "./priority-lanes.js";

export {
  BucketRateLimiter,
  ItemExponentialFailureRateLimiter,
  MaxOfRateLimiter,
  defaultControllerRateLimiter,
  type RateLimiter,
  type RateLimiterOptions,
} from "./rate-limiter.js";

/** Hooks for metrics; all optional. */
export interface WorkQueueObserver {
  onAdd?(key: string): void;
  onRetry?(key: string): void;
  /** A worker took the key after it waited queuedSeconds. */
  onGet?(key: string, queuedSeconds: number): void;
  /** A worker finished the key after workSeconds. */
  onDone?(key: string, workSeconds: number): void;
}

export interface WorkQueueOptions {
  rateLimiter?: RateLimiter;
  observer?: WorkQueueObserver;
}

export class WorkQueue {
  private readonly lanes = new PriorityLanes();
  /** Keys to process (queued, or added while in flight), with the highest priority asked for. */
  private readonly dirty = new Map<string, Priority>();
  private readonly processing = new Set<string>();
  private readonly delayed = new Map<string, { due: number; priority: Priority; timer: NodeJS.Timeout }>();
  private readonly queuedAt = new Map<string, number>();
  private readonly startedAt = new Map<string, number>();
  private getters: Array<(key: string | undefined) => void> = [];
  private drainers: Array<() => void> = [];
  private shuttingDown = false;
  private readonly limiter: RateLimiter;
  private readonly observer: WorkQueueObserver;

  constructor(opts: WorkQueueOptions = {}) {
    this.limiter = opts.rateLimiter ?? defaultControllerRateLimiter();
    this.observer = opts.observer ?? {};
  }

  /**
   * Queues the key unless it is already queued (then a higher priority moves it ahead); a key being
   * processed is queued again on done(), at the highest priority asked for meanwhile.
   */
  add(key: string, priority: Priority = "normal"): void {
    if (this.shuttingDown) return;
    const asked = this.dirty.get(key);
    if (asked !== undefined) {
      if (!outranks(priority, asked)) return;
      this.dirty.set(key, priority);
      if (this.lanes.has(key)) this.lanes.push(key, priority);
      return;
    }
    this.dirty.set(key, priority);
    this.queuedAt.set(key, performance.now());
    this.observer.onAdd?.(key);
    if (this.processing.has(key)) return;
    this.enqueue(key);
  }

  /** Adds the key after ms; of several pending delays for one key the earliest wins. */
  addAfter(key: string, ms: number, priority: Priority = "normal"): void {
    if (this.shuttingDown) return;
    if (ms <= 0) {
      this.add(key, priority);
      return;
    }
    const due = Date.now() + ms;
    const pending = this.delayed.get(key);
    if (pending && pending.due <= due) return;
    clearTimeout(pending?.timer);
    const timer = setTimeout(() => {
      this.delayed.delete(key);
      this.add(key, priority);
    }, ms);
    timer.unref();
    this.delayed.set(key, { due, priority, timer });
  }

  /** Adds the key after the rate limiter's delay (counts a failure of the key); returns the delay. */
  addRateLimited(key: string): number {
    if (this.shuttingDown) return 0;
    this.observer.onRetry?.(key);
    const delayMs = this.limiter.when(key);
    this.addAfter(key, delayMs);
    return delayMs;
  }

  /** Clears the key's failure history: its next addRateLimited starts from the base delay. */
  forget(key: string): void {
    this.limiter.forget(key);
  }

  numRequeues(key: string): number {
    return this.limiter.numRequeues(key);
  }

  /** The next key to process, waiting for one if need be; undefined once the queue is shut down. */
  get(): Promise<string | undefined> {
    const key = this.dequeue();
    if (key !== undefined) return Promise.resolve(this.take(key));
    if (this.shuttingDown) return Promise.resolve(undefined);
    return new Promise((resolve) => this.getters.push(resolve));
  }

  /** Marks the key as processed; if it was added meanwhile it is queued again. */
  done(key: string): void {
    if (!this.processing.delete(key)) return;
    const started = this.startedAt.get(key);
    this.startedAt.delete(key);
    if (started !== undefined) this.observer.onDone?.(key, (performance.now() - started) / 1000);
    if (this.dirty.has(key)) this.enqueue(key);
    if (this.shuttingDown && this.processing.size === 0) {
      for (const drained of this.drainers.splice(0)) drained();
    }
  }

  /** Keys waiting to be processed, in both lanes or in one (not counting delayed or in-flight ones). */
  len(priority?: Priority): number {
    return this.lanes.size(priority);
  }

  /** Keys handed to workers and not yet done. */
  inFlight(): number {
    return this.processing.size;
  }

  /** True when no key is queued, waiting out a delay, or being processed. */
  idle(): boolean {
    return this.len() === 0 && this.processing.size === 0 && this.delayed.size === 0;
  }

  isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  /** Stops accepting keys, drops queued and delayed ones, and answers waiting and future get() with undefined. */
  shutDown(): void {
    this.shuttingDown = true;
    for (const { timer } of this.delayed.values()) clearTimeout(timer);
    this.delayed.clear();
    this.lanes.clear();
    this.dirty.clear();
    this.queuedAt.clear();
    for (const getter of this.getters.splice(0)) getter(undefined);
    if (this.processing.size === 0) {
      for (const drained of this.drainers.splice(0)) drained();
    }
  }

  /** shutDown(), then resolves once every key handed out has been marked done. */
  shutDownWithDrain(): Promise<void> {
    this.shutDown();
    if (this.processing.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainers.push(resolve));
  }

  private enqueue(key: string): void {
    const getter = this.getters.shift();
    if (getter) getter(this.take(key));
    else this.lanes.push(key, this.dirty.get(key) ?? "normal");
  }

  private dequeue(): string | undefined {
    return this.lanes.shift();
  }

  private take(key: string): string {
    this.dirty.delete(key);
    this.processing.add(key);
    // A later look already scheduled for the key is superseded by the reconcile about to run: it
    // decides afresh and asks for its own (a requeue delay, or a rate-limited retry when it fails).
    // Otherwise a long backstop delay (expectations wait up to 5 min) would outlive its reason.
    const pending = this.delayed.get(key);
    if (pending) {
      clearTimeout(pending.timer);
      this.delayed.delete(key);
    }
    const now = performance.now();
    this.startedAt.set(key, now);
    const queued = this.queuedAt.get(key);
    this.queuedAt.delete(key);
    if (queued !== undefined) this.observer.onGet?.(key, (now - queued) / 1000);
    return key;
  }
}
