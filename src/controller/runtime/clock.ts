// The time source of the runtime's timers: the system clock in production, a manual one in tests,
// so that back-off, watchdogs and sleeps are checked by the delays asked for, not by wall-clock windows.

/** An opaque handle of a scheduled callback. */
export type TimerHandle = object | number;

export interface Clock {
  /** Milliseconds since an arbitrary origin. */
  now(): number;
  /** Calls fn once after ms milliseconds. */
  setTimeout(fn: () => void, ms: number): TimerHandle;
  /** Cancels a callback scheduled with setTimeout; undefined is ignored. */
  clearTimeout(handle: TimerHandle | undefined): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout | number | undefined),
};
