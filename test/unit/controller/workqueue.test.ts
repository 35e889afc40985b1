import { afterEach, describe, expect, it, vi } from "vitest";
import {
  BucketRateLimiter,
  ItemExponentialFailureRateLimiter,
  MaxOfRateLimiter,
  WorkQueue,
  defaultControllerRateLimiter,
} from "../../../src/controller/runtime/workqueue.js";

/** Settles pending promise callbacks. */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

afterEach(() => {
  vi.useRealTimers();
});

describe("WorkQueue", () => {
  it("deduplicates keys waiting in the queue and keeps FIFO order", async () => {
    const q = new WorkQueue();
    q.add("a");
    q.add("b");
    q.add("a");
    expect(q.len()).toBe(2);
    expect(await q.get()).toBe("a");
    expect(await q.get()).toBe("b");
    expect(q.len()).toBe(0);
  });

  it("never hands out a key being processed; a re-add during processing comes back after done()", async () => {
    const q = new WorkQueue();
    q.add("a");
    const first = await q.get();
    expect(first).toBe("a");
    q.add("a");
    q.add("a");
    expect(q.len()).toBe(0);
    let second: string | undefined;
    void q.get().then((k) => (second = k));
    await flush();
    expect(second).toBeUndefined();
    q.done("a");
    await flush();
    expect(second).toBe("a");
    q.done("a");
    expect(q.len()).toBe(0);
    expect(q.inFlight()).toBe(0);
  });

  it("a key that is not re-added is not handed out again after done()", async () => {
    const q = new WorkQueue();
    q.add("a");
    q.done((await q.get())!);
    q.done("a");
    expect(q.len()).toBe(0);
  });

  it("with many workers, one key is never processed twice at once and no add is lost", async () => {
    const q = new WorkQueue();
    const active = new Set<string>();
    const processed: Record<string, number> = {};
    let lastAdd: Record<string, number> = {};
    let clock = 0;
    let overlap = false;
    const worker = async () => {
      for (;;) {
        const key = await q.get();
        if (key === undefined) return;
        if (active.has(key)) overlap = true;
        active.add(key);
        const seenAt = ++clock;
        await new Promise((r) => setTimeout(r, Math.random() * 3));
        processed[key] = Math.max(processed[key] ?? 0, seenAt);
        active.delete(key);
        q.done(key);
      }
    };
    const workers = Array.from({ length: 5 }, worker);
    for (let round = 0; round < 200; round++) {
      const key = `k${round % 4}`;
      q.add(key);
      lastAdd = { ...lastAdd, [key]: ++clock };
      if (round % 7 === 0) await new Promise((r) => setTimeout(r, 1));
    }
    await vi.waitFor(() => expect(q.len() + q.inFlight()).toBe(0));
    await q.shutDownWithDrain();
    await Promise.all(workers);
    expect(overlap).toBe(false);
    // Every key was processed (started) after its last add.
    for (const [key, addedAt] of Object.entries(lastAdd)) expect(processed[key]).toBeGreaterThan(addedAt);
  });

  it("hands out every normal-priority key before any low one, each lane in order", async () => {
    const q = new WorkQueue();
    q.add("resync-1", "low");
    q.add("event-1");
    q.add("resync-2", "low");
    q.add("event-2", "normal");
    expect([q.len(), q.len("normal"), q.len("low")]).toEqual([4, 2, 2]);
    const order = [await q.get(), await q.get(), await q.get(), await q.get()];
    expect(order).toEqual(["event-1", "event-2", "resync-1", "resync-2"]);
    expect(q.len()).toBe(0);
  });

  it("moves a low key ahead when an event adds it again, never back; it is handed out once", async () => {
    const q = new WorkQueue();
    q.add("a", "low");
    q.add("b", "low");
    q.add("c");
    q.add("b"); // an event for b: joins the normal lane after c
    q.add("c", "low"); // already normal: stays
    expect([q.len("normal"), q.len("low")]).toEqual([2, 1]);
    expect([await q.get(), await q.get(), await q.get()]).toEqual(["c", "b", "a"]);
    expect(q.len()).toBe(0);
  });

  it("re-queues a key added during processing at the highest priority asked for meanwhile", async () => {
    const q = new WorkQueue();
    q.add("a");
    expect(await q.get()).toBe("a");
    q.add("a", "low");
    q.add("a"); // then an event
    q.add("z", "low");
    q.done("a");
    expect(q.len("normal")).toBe(1);
    expect([await q.get(), await q.get()]).toEqual(["a", "z"]);
  });

  it("addAfter adds at the priority given once the delay has passed", () => {
    vi.useFakeTimers();
    const q = new WorkQueue();
    q.addAfter("later", 100, "low");
    q.add("now");
    vi.advanceTimersByTime(100);
    expect([q.len("normal"), q.len("low")]).toEqual([1, 1]);
  });

  it("addAfter adds once the delay has passed; an earlier delay for the same key wins", () => {
    vi.useFakeTimers();
    const q = new WorkQueue();
    q.addAfter("a", 1000);
    q.addAfter("b", 100);
    q.addAfter("b", 500);
    vi.advanceTimersByTime(99);
    expect(q.len()).toBe(0);
    vi.advanceTimersByTime(1);
    expect(q.len()).toBe(1);
    q.addAfter("a", 200);
    vi.advanceTimersByTime(200);
    expect(q.len()).toBe(2);
    vi.advanceTimersByTime(1000);
    expect(q.len()).toBe(2);
    q.addAfter("c", 0);
    expect(q.len()).toBe(3);
  });

  it("drops a key's delayed look when the key is handed to a worker: that reconcile asks for its own", async () => {
    vi.useFakeTimers();
    const q = new WorkQueue();
    q.addAfter("a", 300_000); // a long backstop, as expectations ask for
    q.add("a"); // the event it waited for
    const key = await q.get();
    q.done(key!);
    expect(q.idle()).toBe(true);
    vi.advanceTimersByTime(300_000);
    expect(q.len()).toBe(0);
    // Asked for while the key is being processed, the delay stands.
    q.add("a");
    const again = await q.get();
    q.addAfter(again!, 1_000);
    q.done(again!);
    expect(q.idle()).toBe(false);
    vi.advanceTimersByTime(1_000);
    expect(q.len()).toBe(1);
  });

  it("is idle only with no key queued, delayed or being processed", async () => {
    vi.useFakeTimers();
    const q = new WorkQueue();
    expect(q.idle()).toBe(true);
    q.addAfter("a", 100);
    expect(q.idle()).toBe(false);
    vi.advanceTimersByTime(100);
    expect(q.len()).toBe(1);
    expect(q.idle()).toBe(false);
    const key = await q.get();
    expect(q.idle()).toBe(false);
    q.done(key!);
    expect(q.idle()).toBe(true);
  });

  it("addRateLimited backs off exponentially per key; forget resets", () => {
    vi.useFakeTimers();
    const q = new WorkQueue({ rateLimiter: new ItemExponentialFailureRateLimiter(5, 1000) });
    const delays: number[] = [];
    for (let i = 0; i < 10; i++) {
      const before = Date.now();
      q.addRateLimited("a");
      // Step until the key shows up.
      while (q.len() === 0) vi.advanceTimersByTime(1);
      delays.push(Date.now() - before);
      void q.get();
      q.done("a");
    }
    expect(delays).toEqual([5, 10, 20, 40, 80, 160, 320, 640, 1000, 1000]);
    expect(q.numRequeues("a")).toBe(10);
    q.forget("a");
    expect(q.numRequeues("a")).toBe(0);
    q.addRateLimited("a");
    vi.advanceTimersByTime(4);
    expect(q.len()).toBe(0);
    vi.advanceTimersByTime(1);
    expect(q.len()).toBe(1);
  });

  it("shutDown answers waiting and later get() with undefined, ignores adds and clears its timers", async () => {
    vi.useFakeTimers();
    const q = new WorkQueue();
    const waiting = q.get();
    q.addAfter("later", 60_000);
    q.addRateLimited("retry");
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    q.shutDown();
    expect(vi.getTimerCount()).toBe(0);
    expect(await waiting).toBeUndefined();
    q.add("x");
    q.addAfter("y", 10);
    expect(q.len()).toBe(0);
    expect(await q.get()).toBeUndefined();
    expect(q.isShuttingDown()).toBe(true);
  });

  it("delayed adds do not keep the process alive (their timers are unref'd)", () => {
    const refTimers = () => process.getActiveResourcesInfo().filter((t) => t === "Timeout").length;
    const before = refTimers();
    const q = new WorkQueue();
    q.addAfter("a", 60_000);
    q.addRateLimited("b");
    expect(refTimers()).toBe(before);
    q.shutDown();
  });

  it("shutDownWithDrain waits for in-flight keys", async () => {
    const q = new WorkQueue();
    q.add("a");
    q.add("b");
    const key = await q.get();
    let drained = false;
    const drain = q.shutDownWithDrain().then(() => (drained = true));
    await flush();
    expect(drained).toBe(false);
    expect(await q.get()).toBeUndefined();
    q.done(key!);
    await drain;
    expect(drained).toBe(true);
    await expect(new WorkQueue().shutDownWithDrain()).resolves.toBeUndefined();
  });

  it("reports to its observer", async () => {
    const calls: string[] = [];
    const q = new WorkQueue({
      rateLimiter: new ItemExponentialFailureRateLimiter(0, 0),
      observer: {
        onAdd: (k) => calls.push(`add ${k}`),
        onRetry: (k) => calls.push(`retry ${k}`),
        onGet: (k, s) => calls.push(`get ${k} ${s >= 0}`),
        onDone: (k, s) => calls.push(`done ${k} ${s >= 0}`),
      },
    });
    q.add("a");
    q.done((await q.get())!);
    q.addRateLimited("a");
    expect(calls).toEqual(["add a", "get a true", "done a true", "retry a", "add a"]);
  });
});

describe("rate limiters", () => {
  it("token bucket: burst at once, then qps", () => {
    let now = 0;
    const bucket = new BucketRateLimiter(10, 3, () => now);
    expect([bucket.when("a"), bucket.when("b"), bucket.when("c")]).toEqual([0, 0, 0]);
    expect(bucket.when("d")).toBe(100);
    expect(bucket.when("e")).toBe(200);
    now = 1000;
    expect(bucket.when("f")).toBe(0);
  });

  it("default controller limiter = max(per-key exponential, bucket)", () => {
    let now = 0;
    const limiter = defaultControllerRateLimiter({
      baseDelayMs: 5,
      maxDelayMs: 1_000_000,
      qps: 10,
      burst: 2,
      now: () => now,
    });
    expect(limiter.when("a")).toBe(5);
    expect(limiter.when("a")).toBe(10);
    expect(limiter.when("b")).toBe(100);
    now = 10_000;
    for (let i = 0; i < 30; i++) limiter.when("c");
    now = 1e9;
    expect(limiter.when("c")).toBe(1_000_000);
    expect(limiter.numRequeues("c")).toBe(31);
    limiter.forget("c");
    expect(limiter.numRequeues("c")).toBe(0);
    expect(new MaxOfRateLimiter().when("x")).toBe(0);
  });
});
