// Rate limiters of a work queue, as client-go's util/workqueue: how long a failed key waits before it is
// retried. The default is client-go's DefaultControllerRateLimiter.

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
