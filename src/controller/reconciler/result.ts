// What a reconcile asks of the work queue.

export interface Result {
  /** Reconcile again after this many milliseconds, even if nothing changes. */
  requeueAfterMs?: number;
}

/** The earliest of optional requeue delays. */
export function soonest(...delays: (number | undefined)[]): Result {
  const ms = delays.filter((x): x is number => x !== undefined);
  return ms.length > 0 ? { requeueAfterMs: Math.min(...ms) } : {};
}
