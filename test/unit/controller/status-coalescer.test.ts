// Status writes coalesced per app, on an injected clock: changes within the window make one write,
// at the window's end, with the status as it is then.
import { describe, expect, it } from "vitest";
import { StatusCoalescer, statusWait } from "../../../src/controller/reconciler/status-coalescer.js";

const KEY = "default/web";

/**
 * Plays reconciles of one app as a work queue would: at each change, and when a wait asks to come
 * back. A status written settles the key. Returns the times of the writes.
 */
function play(changesAt: number[], opts: { failingAt?: number[]; busyUntil?: number; holdMaxMs?: number } = {}) {
  let now = 0;
  const busy = () => now < (opts.busyUntil ?? 0);
  const coalescer = new StatusCoalescer({ now: () => now, busy, holdMaxMs: opts.holdMaxMs });
  const writes: number[] = [];
  const due = new Set<number>(changesAt);
  let written = 0; // how many changes the written status shows
  for (let t = 0; t <= 100_000; t++) {
    if (!due.has(t)) continue;
    now = t;
    const seen = changesAt.filter((c) => c <= t).length;
    const wait = statusWait(coalescer, KEY, seen !== written, !opts.failingAt?.includes(t));
    if (wait === "now") {
      writes.push(t);
      written = seen;
      coalescer.settled(KEY);
    } else if (wait > 0) due.add(t + wait);
  }
  return writes;
}

describe("StatusCoalescer", () => {
  it("writes 10 changes within a second once, when the window of the first closes", () => {
    const tenContainers = Array.from({ length: 10 }, (_, i) => 50 + i * 90);
    expect(play(tenContainers)).toEqual([1_050]);
  });

  it("opens a new window for a change after a write", () => {
    expect(play([0, 400, 1_500, 1_600])).toEqual([1_000, 2_500]);
  });

  it("writes a change that reports a failure at once", () => {
    expect(play([0, 300], { failingAt: [300] })).toEqual([300]);
  });

  it("waits for nothing when the computed status equals the written one, and forgets the pending change", () => {
    let now = 0;
    const coalescer = new StatusCoalescer({ now: () => now, windowMs: 1_000 });
    expect(statusWait(coalescer, KEY, true, true)).toBe(1_000);
    expect(coalescer.pending).toBe(1);
    now = 500;
    expect(statusWait(coalescer, KEY, false, true)).toBe(0); // the change went back: nothing to write
    expect(coalescer.pending).toBe(0);
    now = 700;
    expect(statusWait(coalescer, KEY, true, true)).toBe(1_000); // a new change: a new window
  });

  it("holds a write past its window while events of other apps wait, and writes once they are handled", () => {
    expect(play([0, 300], { busyUntil: 4_200 })).toEqual([5_000]);
    expect(play([0, 300], { busyUntil: 900 })).toEqual([1_000]); // idle when the window closes
  });

  it("holds a write at most holdMaxMs after the change it reports, however busy", () => {
    expect(play([0], { busyUntil: 100_000, holdMaxMs: 7_500 })).toEqual([7_500]);
  });

  it("writes a failure at once even while busy", () => {
    expect(play([0, 300], { busyUntil: 100_000, failingAt: [300] })).toEqual([300]);
  });

  it("writes at once without a coalescer", () => {
    expect(statusWait(undefined, KEY, true, true)).toBe("now");
    expect(statusWait(undefined, KEY, false, true)).toBe(0);
  });
});
