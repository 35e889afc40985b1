// Status writes coalesced per app: the first change of an app's status that is not written yet opens a
// window, and the status is written once when it closes, as it is then. Pods turning Ready one container
// after another (10 container state changes within a second) make one write, not ten, and a new app's
// first status (its Pod created) and the one that follows when the Pod turns Ready often make one
// write too. A reconcile that finds the status changed asks to come back when the window closes; the
// changes in between only requeue the key, which the work queue keeps once.

/** How long a status change waits for the changes that follow it. */
export const STATUS_COALESCE_MS = 1_000;

export class StatusCoalescer {
  /** Per app key: when the oldest status change not written yet was first seen. */
  private readonly pendingSince = new Map<string, number>();

  constructor(
    private readonly now: () => number = Date.now,
    readonly windowMs = STATUS_COALESCE_MS,
  ) {}

  /**
   * A reconcile computed a status that differs from the one written: how many ms to wait before
   * writing it (0: write now).
   */
  delayMs(key: string): number {
    const now = this.now();
    let since = this.pendingSince.get(key);
    if (since === undefined) this.pendingSince.set(key, (since = now));
    return Math.max(0, since + this.windowMs - now);
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
