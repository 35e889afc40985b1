// Status writes coalesced per app: the first change of an app's status that is not written yet opens a
// window, and the status is written once when it closes, as it is then. Pods turning Ready one container
// after another (10 container state changes within a second) make one write, not ten, and a new app's
// first status (its Pod created) and the one that follows when the Pod turns Ready often make one
// write too. A reconcile that finds the status changed asks to come back when the window closes; the
// changes in between only requeue the key, which the work queue keeps once.
//
// While events of other apps wait in the queue (a burst of new apps), a status write is held back
// further, up to STATUS_HOLD_MAX_MS after the change it reports: workers create those apps' Pods first,
// and the writes follow in the gaps. The status is late, never wrong: it is computed when written.

/** How long a status change waits for the changes that follow it. */
export const STATUS_COALESCE_MS = 1_000;

/** The longest a status change waits, busy or not. */
export const STATUS_HOLD_MAX_MS = 60_000;

export interface StatusCoalescerOptions {
  now?: () => number;
  windowMs?: number;
  /** True while events wait to be handled: a status write past its window waits too. Default: never. */
  busy?: () => boolean;
  holdMaxMs?: number;
}

export class StatusCoalescer {
  /** Per app key: when the oldest status change not written yet was first seen. */
  private readonly pendingSince = new Map<string, number>();

  private readonly now: () => number;
  readonly windowMs: number;
  private readonly busy: () => boolean;
  private readonly holdMaxMs: number;

  constructor(opts: StatusCoalescerOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.windowMs = opts.windowMs ?? STATUS_COALESCE_MS;
    this.busy = opts.busy ?? (() => false);
    this.holdMaxMs = opts.holdMaxMs ?? STATUS_HOLD_MAX_MS;
  }

  /**
   * A reconcile computed a status that differs from the one written: how many ms to wait before
   * writing it (0: write now).
   */
  delayMs(key: string): number {
    const now = this.now();
    let since = this.pendingSince.get(key);
    if (since === undefined) this.pendingSince.set(key, (since = now));
    const windowLeft = since + this.windowMs - now;
    if (windowLeft > 0) return windowLeft;
    const holdLeft = since + this.holdMaxMs - now;
    return holdLeft > 0 && this.busy() ? Math.min(this.windowMs, holdLeft) : 0;
  }

  /** The status was written, or the one computed equals the one written: no change is pending. */
  settled(key: string): void {
    this.pendingSince.delete(key);
  }

  /** Apps with a status change waiting (for metrics and tests). */
  get pending(): number {
    return this.pendingSince.size;
  }
}

/**
 * When to write a status a reconcile computed: "now", or in how many ms (0: never, it is unchanged).
 * With `coalesce` false (a failure to report) a change is written at once; so it is without a coalescer.
 * A written status settles the key (StatusCoalescer.settled) once the write succeeded.
 */
export function statusWait(
  coalescer: StatusCoalescer | undefined,
  key: string,
  changed: boolean,
  coalesce: boolean,
): "now" | number {
  if (!changed) {
    coalescer?.settled(key);
    return 0;
  }
  const ms = coalesce && coalescer ? coalescer.delayMs(key) : 0;
  return ms > 0 ? ms : "now";
}
