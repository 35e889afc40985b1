// Expectations: what was written is waited for until the caches show it, and no longer than the TTL.
import { describe, expect, it } from "vitest";
import { EXPECTATIONS_TTL_MS, Expectations } from "../../../src/controller/reconciler/expectations.js";

const view = (appVersion: string, ...livePods: string[]) => ({ appVersion, livePods: new Set(livePods) });

describe("Expectations", () => {
  it("a key with nothing written is satisfied, and not waiting", () => {
    const e = new Expectations();
    expect(e.satisfied("ns/a", view("1"))).toBe(true);
    expect(e.waiting("ns/a")).toBe(false);
  });

  it("waits for created Pods to be cached, one by one", () => {
    const e = new Expectations();
    e.expectCreates("ns/a", ["a-0", "a-1"]);
    expect(e.waiting("ns/a")).toBe(true);
    expect(e.satisfied("ns/a", view("1"))).toBe(false);
    expect(e.satisfied("ns/a", view("1", "a-0"))).toBe(false);
    expect(e.satisfied("ns/a", view("1", "a-1"))).toBe(true); // a-0 was crossed off already
    expect(e.waiting("ns/a")).toBe(false);
  });

  it("waits for deleted Pods to leave the cache (or to be terminating, which the view leaves out)", () => {
    const e = new Expectations();
    e.expectDeletes("ns/a", ["a-0"]);
    expect(e.satisfied("ns/a", view("1", "a-0", "a-1"))).toBe(false);
    expect(e.satisfied("ns/a", view("1", "a-1"))).toBe(true);
  });

  it("waits after a status write until the cached app is no longer the one it was written over", () => {
    const e = new Expectations();
    e.expectStatus("ns/a", "7");
    expect(e.satisfied("ns/a", view("7"))).toBe(false);
    expect(e.satisfied("ns/a", view("9"))).toBe(true);
  });

  it("gives up after the TTL, counted from the latest write, and says how long is left", () => {
    let now = 0;
    const e = new Expectations(() => now);
    e.expectCreates("ns/a", ["a-0"]);
    now = 60_000;
    e.expectStatus("ns/a", "7");
    expect(e.remainingMs("ns/a")).toBe(EXPECTATIONS_TTL_MS);
    now += EXPECTATIONS_TTL_MS - 1;
    expect(e.satisfied("ns/a", view("7"))).toBe(false);
    expect(e.remainingMs("ns/a")).toBe(1);
    now += 1;
    expect(e.satisfied("ns/a", view("7"))).toBe(true);
    expect(e.waiting("ns/a")).toBe(false);
    expect(e.remainingMs("ns/a")).toBe(0);
  });

  it("forget drops a key's expectations; other keys are untouched", () => {
    const e = new Expectations();
    e.expectCreates("ns/a", ["a-0"]);
    e.expectCreates("ns/b", ["b-0"]);
    e.forget("ns/a");
    expect(e.satisfied("ns/a", view("1"))).toBe(true);
    expect(e.satisfied("ns/b", view("1"))).toBe(false);
  });
});
