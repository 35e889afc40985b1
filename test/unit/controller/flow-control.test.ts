// Client-side flow control: the token bucket (on a manual clock: no sleeps), and the HTTP client
// against the scripted API server, spreading requests at qps and honouring Retry-After on 429s.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ApiError, PODS } from "../../../src/controller/kube/api.js";
import { HttpApiClient, type HttpApiClientOptions } from "../../../src/controller/kube/client.js";
import { TokenBucket, retryAfterMs } from "../../../src/controller/kube/flow-control.js";
import { ManualClock } from "../../support/manual-clock.js";
import { FakeApiServer, eventually, pod, sendJson } from "./fake-apiserver.js";

describe("TokenBucket", () => {
  it("lets a burst through at once, then spaces requests at qps, and refills over time", () => {
    const clock = new ManualClock();
    const bucket = new TokenBucket(10, 3, clock);
    expect([bucket.reserve(), bucket.reserve(), bucket.reserve()]).toEqual([0, 0, 0]);
    expect([bucket.reserve(), bucket.reserve()]).toEqual([100, 200]);
    clock.advance(1000); // 10 tokens' worth, less the 2 owed; capped at the burst
    expect([bucket.reserve(), bucket.reserve(), bucket.reserve(), bucket.reserve()]).toEqual([0, 0, 0, 100]);
  });

  it("wait() resolves when the token is due, and a waiter that aborts gives its token back", async () => {
    const clock = new ManualClock();
    const bucket = new TokenBucket(2, 1, clock);
    await bucket.wait();
    const controller = new AbortController();
    const cancelled = bucket.wait(controller.signal);
    expect(clock.pending()).toEqual([500]);
    controller.abort(new Error("stopping"));
    await expect(cancelled).rejects.toThrow("stopping");
    expect(clock.pending()).toEqual([]);
    let done = false;
    const next = bucket.wait().then(() => (done = true));
    expect(clock.pending()).toEqual([500]); // not 1000: the cancelled reservation was returned
    clock.advance(499);
    await Promise.resolve();
    expect(done).toBe(false);
    clock.advance(1);
    await next;
    expect(done).toBe(true);
  });

  it("refuses settings that would never let a request through", () => {
    expect(() => new TokenBucket(0, 1)).toThrow("qps > 0");
    expect(() => new TokenBucket(5, 0)).toThrow("burst >= 1");
  });
});

describe("retryAfterMs", () => {
  it("reads whole seconds on 429 and 5xx answers only, as client-go does", () => {
    expect(retryAfterMs(429, "3")).toBe(3000);
    expect(retryAfterMs(503, " 1 ")).toBe(1000);
    expect(retryAfterMs(429, undefined)).toBeUndefined();
    expect(retryAfterMs(429, "Wed, 21 Oct 2026 07:28:00 GMT")).toBeUndefined();
    expect(retryAfterMs(409, "1")).toBeUndefined();
  });
});

describe("HttpApiClient flow control", () => {
  let server: FakeApiServer;
  let client: HttpApiClient | undefined;
  let clock: ManualClock;
  const observed: string[] = [];

  const connect = (opts: HttpApiClientOptions): HttpApiClient =>
    (client = new HttpApiClient(server.kubeConfig(), {
      clock,
      observer: (verb, _resource, code) => observed.push(`${verb} ${code}`),
      ...opts,
    }));

  beforeEach(async () => {
    server = await FakeApiServer.start();
    clock = new ManualClock();
    observed.length = 0;
  });

  afterEach(async () => {
    client?.close();
    client = undefined;
    await server.close();
  });

  it("sends a burst at once, then one request per 1/qps as the clock moves", async () => {
    server.handle((_req, res) => sendJson(res, 200, pod("a", "1")));
    const api = connect({ qps: 10, burst: 2 });
    const calls = Array.from({ length: 5 }, () => api.get(PODS, "default", "a"));
    await eventually(() => expect(server.requests).toHaveLength(2));
    expect(clock.pending()).toEqual([100, 200, 300]);
    clock.advance(100);
    await eventually(() => expect(server.requests).toHaveLength(3));
    clock.advance(200);
    await Promise.all(calls);
    expect(server.requests).toHaveLength(5);
  });

  it("unlimited() sends at once what the limited client holds back", async () => {
    server.handle((_req, res) => sendJson(res, 200, pod("a", "1")));
    const api = connect({ qps: 1, burst: 1 });
    await api.get(PODS, "default", "a");
    const held = api.get(PODS, "default", "a");
    expect(clock.pending()).toEqual([1000]);
    await api.unlimited().get(PODS, "default", "a");
    expect(server.requests).toHaveLength(2);
    clock.advance(1000);
    await held;
    expect(server.requests).toHaveLength(3);
  });

  it("waits out Retry-After on a 429 and sends again; the caller sees only the success", async () => {
    let answered = 0;
    server.handle((_req, res) => {
      if (answered++ < 2) {
        res.writeHead(429, { "Content-Type": "application/json", "Retry-After": "2" });
        res.end(JSON.stringify({ kind: "Status", code: 429, reason: "TooManyRequests", message: "slow down" }));
        return;
      }
      sendJson(res, 201, pod("a", "1"));
    });
    const api = connect({});
    const created = api.create(PODS, "default", pod("a", ""));
    await eventually(() => expect(clock.pending()).toEqual([2000]));
    expect(server.requests).toHaveLength(1);
    clock.advance(1999);
    await Promise.resolve();
    expect(server.requests).toHaveLength(1);
    clock.advance(1);
    await eventually(() => expect(clock.pending()).toEqual([2000]));
    clock.advance(2000);
    expect((await created).metadata?.name).toBe("a");
    expect(server.requests.map((r) => r.method)).toEqual(["POST", "POST", "POST"]);
    expect(observed).toEqual(["create 429", "create 429", "create 201"]);
  });

  it("gives up after maxRetries, and a 429 without Retry-After fails at once", async () => {
    server.handle((req, res) => {
      res.writeHead(429, req.path.endsWith("/a") ? { "Retry-After": "1" } : {});
      res.end(JSON.stringify({ kind: "Status", code: 429, reason: "TooManyRequests", message: "slow down" }));
    });
    const api = connect({ maxRetries: 1 });
    await expect(api.get(PODS, "default", "b")).rejects.toMatchObject({ code: 429, reason: "TooManyRequests" });
    expect(clock.requested).toEqual([]);
    const failing = api.get(PODS, "default", "a");
    await eventually(() => expect(clock.pending()).toEqual([1000]));
    clock.advance(1000);
    const err = await failing.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(server.requests.filter((r) => r.path.endsWith("/a"))).toHaveLength(2);
  });

  it("a call cancelled while it waits out Retry-After rejects at once and is not sent again", async () => {
    server.handle((_req, res) => {
      res.writeHead(429, { "Retry-After": "30" });
      res.end();
    });
    const api = connect({});
    const controller = new AbortController();
    const call = api.get(PODS, "default", "a", { signal: controller.signal });
    await eventually(() => expect(clock.pending()).toEqual([30_000]));
    controller.abort(new Error("lost the lease"));
    await expect(call).rejects.toThrow("lost the lease");
    clock.advance(30_000);
    expect(server.requests).toHaveLength(1);
  });
});
