// A work queue of keys with client-go's semantics (util/workqueue): a key is queued at most once (dirty set),
// is never handed to two workers at a time (processing set), and a key added while being processed is queued
// again when the worker calls done(). Delayed and rate-limited adds as in client-go's delaying and
// rate-limiting queues; the default rate limiter is client-go's DefaultControllerRateLimiter.

export interface RateLimiter {
  /** The delay before the key may be retried; counts a failure. */
  when(key: string): number;
  /** Clears the key's failure history. */
  forget(key: string): void;
  numRequeues(key: string): number;
}

/** baseMs·2^failures, capped at maxMs, per key. */
export class ItemExponentialFailureRateLimiter implements RateLimiter {
  private readonly failures = new Map<string, number>();

  constructor(
    private readonly baseMs = 5,
    private readonly maxMs = 1_000_000,
  ) {}

  when(key: string): number {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    return Math.min(this.baseMs * 2 ** n, this.maxMs);
  }

  forget(key: string): void {
    this.failures.delete(key);
  }

  numRequeues(key: string): number {
    return this.failures.get(key) ?? 0;
  }
}

/** An overall token bucket: burst tokens, refilled at qps per second; a key waits for its token. */
export class BucketRateLimiter implements RateLimiter {
  private tokens: number;
  private last: number;

  constructor(
    private readonly qps = 10,
    private readonly burst = 100,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  when(_key: string): number {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.qps) / 1000);
    this.last = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.qps) * 1000);
  }

  forget(_key: string): void {}

  numRequeues(_key: string): number {
    return 0;
  }
}

/** The longest delay of several limiters. */
export class MaxOfRateLimiter implements RateLimiter {
  private readonly limiters: RateLimiter[];

  constructor(...limiters: RateLimiter[]) {
    this.limiters = limiters;
  }

  when(key: string): number {
    return Math.max(0, ...this.limiters.map((l) => l.when(key)));
  }

  forget(key: string): void {
    for (const l of this.limiters) l.forget(key);
  }

  numRequeues(key: string): number {
    return Math.max(0, ...this.limiters.map((l) => l.numRequeues(key)));
  }
}

export interface RateLimiterOptions {
  /** Per-key base delay. Default 5 ms. */
  baseDelayMs?: number;
  /** Per-key cap. Default 1000 s. */
  maxDelayMs?: number;
  /** Overall rate. Default 10 per second. */
  qps?: number;
  /** Overall burst. Default 100. */
  burst?: number;
  now?: () => number;
}

/** max(per-key exponential 5 ms → 1000 s, token bucket 10 qps burst 100), client-go's default. */
export function defaultControllerRateLimiter(opts: RateLimiterOptions = {}): RateLimiter {
  return new MaxOfRateLimiter(
    new ItemExponentialFailureRateLimiter(opts.baseDelayMs ?? 5, opts.maxDelayMs ?? 1_000_000),
    new BucketRateLimiter(opts.qps ?? 10, opts.burst ?? 100, opts.now ?? Date.now),
  );
}

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
  private items: string[] = [];
  private head = 0;
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly delayed = new Map<string, { due: number; timer: NodeJS.Timeout }>();
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

  /** Queues the key unless it is already queued; a key being processed is queued again on done(). */
  add(key: string): void {
    if (this.shuttingDown || this.dirty.has(key)) return;
    this.dirty.add(key);
    this.queuedAt.set(key, performance.now());
    this.observer.onAdd?.(key);
    if (this.processing.has(key)) return;
    this.enqueue(key);
  }

  /** Adds the key after ms; of several pending delays for one key the earliest wins. */
  addAfter(key: string, ms: number): void {
    if (this.shuttingDown) return;
    if (ms <= 0) {
      this.add(key);
      return;
    }
    const due = Date.now() + ms;
    const pending = this.delayed.get(key);
    if (pending && pending.due <= due) return;
    clearTimeout(pending?.timer);
    const timer = setTimeout(() => {
      this.delayed.delete(key);
      this.add(key);
    }, ms);
    timer.unref();
    this.delayed.set(key, { due, timer });
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

  /** Keys waiting to be processed (not counting delayed or in-flight ones). */
  len(): number {
    return this.items.length - this.head;
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
    this.items = [];
    this.head = 0;
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
    else this.items.push(key);
  }

  private dequeue(): string | undefined {
    if (this.head >= this.items.length) return undefined;
    const key = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return key;
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
