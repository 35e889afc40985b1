// Jittered exponential back-off that starts over after a quiet (healthy) period, like client-go's
// ExponentialBackoffManager used by its reflector (0.8 s → 30 s, reset after 2 min).

export interface BackoffOptions {
  /** First delay. Default 800 ms. */
  initialMs?: number;
  /** Cap on the un-jittered delay. Default 30 s. */
  maxMs?: number;
  /** Growth per failure. Default 2. */
  factor?: number;
  /** Each delay is multiplied by 1 + jitter·random(). Default 0.25. */
  jitter?: number;
  /** A failure this long after the previous one starts again from initialMs. Default 2 min. */
  resetAfterMs?: number;
}

export class Backoff {
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly factor: number;
  private readonly jitter: number;
  private readonly resetAfterMs: number;
  private current: number;
  private lastFailure: number | undefined;

  constructor(
    options: BackoffOptions = {},
    private readonly random: () => number = Math.random,
    private readonly now: () => number = Date.now,
  ) {
    this.initialMs = options.initialMs ?? 800;
    this.maxMs = options.maxMs ?? 30_000;
    this.factor = options.factor ?? 2;
    this.jitter = options.jitter ?? 0.25;
    this.resetAfterMs = options.resetAfterMs ?? 120_000;
    this.current = this.initialMs;
  }

  /** The delay to wait after a failure now; each call grows the next one. */
  next(): number {
    const now = this.now();
    if (this.lastFailure !== undefined && now - this.lastFailure > this.resetAfterMs) this.reset();
    this.lastFailure = now;
    const base = Math.min(this.current, this.maxMs);
    this.current = Math.min(this.current * this.factor, this.maxMs);
    return Math.round(base * (1 + this.jitter * this.random()));
  }

  reset(): void {
    this.current = this.initialMs;
    this.lastFailure = undefined;
  }
}
