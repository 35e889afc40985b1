// Client-side flow control, as client-go's: a token bucket every request waits on (rest.Config's QPS and
// Burst, kube-controller-manager's --kube-api-qps and --kube-api-burst), and answers that ask the client
// to come back later (429 Too Many Requests from API Priority and Fairness, or a 5xx with Retry-After)
// retried after the time they name, up to a bound.
import { systemClock, type Clock } from "../runtime/clock.js";

/** client-go's maxRetries for a request answered with Retry-After. */
export const MAX_RETRY_AFTER_RETRIES = 10;

/** Waits ms on the clock; rejects with the signal's reason as soon as it aborts. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted();
  if (ms <= 0) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      clock.clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = clock.setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * A token bucket of `burst` tokens refilled at `qps` per second, full at first (golang.org/x/time/rate,
 * which client-go's flowcontrol uses). Each request takes a token, waiting for it in turn when the bucket
 * is empty: requests are spread at qps, never dropped.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly qps: number,
    readonly burst: number,
    private readonly clock: Clock = systemClock,
  ) {
    if (!(qps > 0) || !(burst >= 1)) throw new Error(`token bucket needs qps > 0 and burst >= 1, got ${qps}/${burst}`);
    this.tokens = burst;
    this.last = clock.now();
  }

  /** Takes a token now; returns how many ms to wait before it may be used (0 when one was at hand). */
  reserve(): number {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.qps) / 1000);
    this.last = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.qps) * 1000);
  }

  /** Waits for a token. When the signal aborts first the token is given back and the call rejects. */
  async wait(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const ms = this.reserve();
    try {
      await sleep(this.clock, ms, signal);
    } catch (err) {
      this.tokens += 1;
      throw err;
    }
  }
}

/** The bucket of a client's settings: none without qps; burst defaults to qps (at least 1). */
export function tokenBucket(qps: number | undefined, burst: number | undefined, clock: Clock): TokenBucket | undefined {
  return qps ? new TokenBucket(qps, burst ?? Math.max(1, Math.ceil(qps)), clock) : undefined;
}

/**
 * How long an answer asks the client to wait before trying again, in ms: 429, or any 5xx, carrying
 * `Retry-After` in whole seconds (client-go's checkWait); undefined when it asks nothing.
 */
export function retryAfterMs(code: number, header: string | undefined): number | undefined {
  if (code !== 429 && code < 500) return undefined;
  if (header === undefined || !/^\d+$/.test(header.trim())) return undefined;
  return Number(header.trim()) * 1000;
}
