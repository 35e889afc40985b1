import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/controller/kube/api.js";
import { HttpApiClient } from "../../../src/controller/kube/client.js";
import {
  EventRecorder,
  referenceTo,
  type EventRecorderOptions,
  type KubeEvent,
} from "../../../src/controller/runtime/events.js";
import { microTime, rfc3339 } from "../../../src/controller/kube/time.js";
import { FakeApiServer, sendJson, sendStatus, silentLogger } from "./fake-apiserver.js";

const app: KubeObject = {
  apiVersion: "compositeapp.io/v1alpha1",
  kind: "CompositeApp",
  metadata: { name: "web", namespace: "shop", uid: "uid-web", resourceVersion: "42" },
};

describe("EventRecorder", () => {
  let server: FakeApiServer;
  let client: HttpApiClient;
  let stored: Map<string, KubeEvent>;
  let mode: "ok" | "fail" | "lose-events";
  let now: number;

  beforeEach(async () => {
    server = await FakeApiServer.start();
    client = new HttpApiClient(server.kubeConfig());
    stored = new Map();
    mode = "ok";
    now = Date.parse("2030-01-02T03:04:05.678Z");
    server.handle((req, res) => {
      if (mode === "fail") return sendStatus(res, 500, "InternalError", "etcd down");
      const ev = req.body as KubeEvent;
      if (req.method === "POST") {
        stored.set(ev.metadata!.name!, { ...ev, metadata: { ...ev.metadata, resourceVersion: "1" } });
        return sendJson(res, 201, stored.get(ev.metadata!.name!));
      }
      const name = req.path.split("/").at(-1)!;
      if (mode === "lose-events" || !stored.has(name)) return sendStatus(res, 404, "NotFound", "event not found");
      stored.set(name, ev);
      sendJson(res, 200, ev);
    });
  });

  afterEach(async () => {
    client.close();
    await server.close();
  });

  const recorder = (opts: Partial<EventRecorderOptions> = {}) =>
    new EventRecorder({ client, logger: silentLogger, reportingInstance: "op-0", now: () => now, ...opts });

  it("writes no Event once its signal has aborted (the lease is lost)", async () => {
    const abort = new AbortController();
    const r = recorder({ signal: abort.signal });
    r.event(app, "Normal", "SuccessfulCreate", "one");
    await r.flush();
    abort.abort();
    r.event(app, "Normal", "SuccessfulCreate", "two");
    r.event(app, "Normal", "SuccessfulCreate", "one");
    await r.flush();
    expect(server.requests).toHaveLength(1);
  });

  it("writes an events.k8s.io/v1 Event in the object's namespace", async () => {
    const r = recorder();
    expect(r.pending()).toBe(0);
    r.event(app, "Normal", "SuccessfulCreate", "Created pod: web-abc-0", "Create");
    expect(r.pending()).toBe(1);
    await r.flush();
    expect(r.pending()).toBe(0);
    expect(server.requests.map((q) => `${q.method} ${q.path}`)).toEqual([
      "POST /apis/events.k8s.io/v1/namespaces/shop/events",
    ]);
    const ev = [...stored.values()][0]!;
    expect(ev).toEqual({
      apiVersion: "events.k8s.io/v1",
      kind: "Event",
      metadata: { name: expect.stringMatching(/^web\.[0-9a-f]+$/) as unknown, namespace: "shop", resourceVersion: "1" },
      eventTime: "2030-01-02T03:04:05.678000Z",
      reportingController: "compositeapp.io/operator",
      reportingInstance: "op-0",
      action: "Create",
      reason: "SuccessfulCreate",
      regarding: {
        apiVersion: "compositeapp.io/v1alpha1",
        kind: "CompositeApp",
        name: "web",
        namespace: "shop",
        uid: "uid-web",
        resourceVersion: "42",
      },
      note: "Created pod: web-abc-0",
      type: "Normal",
    });
    // The fields events.k8s.io/v1 refuses on create (deprecated*, core/v1's names) are not sent.
    for (const field of ["count", "firstTimestamp", "lastTimestamp", "source", "involvedObject", "message"]) {
      expect(server.requests[0]!.body).not.toHaveProperty(field);
    }
    r.event(app, "Normal", "Synced", "no action given");
    await r.flush();
    expect([...stored.values()][1]!.action).toBe("Reconcile");
  });

  it("counts a repeat within 10 minutes in the existing Event's series instead of creating another", async () => {
    const r = recorder();
    r.event(app, "Warning", "InvalidSpec", "port 80 used twice", "Validate");
    r.event(app, "Warning", "InvalidSpec", "port 80 used twice", "Validate");
    now += 60_000;
    r.event(app, "Warning", "InvalidSpec", "port 80 used twice", "Validate");
    await r.flush();
    expect(server.requests.map((q) => q.method)).toEqual(["POST", "PUT", "PUT"]);
    expect(stored.size).toBe(1);
    const ev = [...stored.values()][0]!;
    expect(ev.series).toEqual({ count: 3, lastObservedTime: microTime(now) });
    expect(ev.eventTime).toBe("2030-01-02T03:04:05.678000Z");
    // Only the series changes: every other field of an events.k8s.io/v1 Event is immutable.
    const { series: _s, metadata: _m, ...first } = server.requests[0]!.body as KubeEvent;
    const { series: _s2, metadata: _m2, ...second } = server.requests[1]!.body as KubeEvent;
    expect(second).toEqual(first);
    expect((server.requests[1]!.body as KubeEvent).series).toEqual({
      count: 2,
      lastObservedTime: microTime(now - 60_000),
    });
    expect(server.requests[1]!.path).toBe(`/apis/events.k8s.io/v1/namespaces/shop/events/${ev.metadata!.name}`);
    expect((server.requests[1]!.body as KubeEvent).metadata?.resourceVersion).toBeUndefined();
  });

  it("creates a new Event for a different note, action, type or object, or after the window", async () => {
    const r = recorder();
    r.event(app, "Warning", "InvalidSpec", "a");
    r.event(app, "Warning", "InvalidSpec", "b");
    r.event(app, "Warning", "InvalidSpec", "a", "Validate");
    r.event(app, "Normal", "InvalidSpec", "a");
    r.event({ ...app, metadata: { ...app.metadata, name: "other", uid: "uid-other" } }, "Warning", "InvalidSpec", "a");
    await r.flush();
    now += 10 * 60_000;
    r.event(app, "Warning", "InvalidSpec", "a");
    await r.flush();
    expect(server.requests.map((q) => q.method)).toEqual(["POST", "POST", "POST", "POST", "POST", "POST"]);
    expect([...stored.values()].every((e) => e.series === undefined)).toBe(true);
  });

  it("creates the Event again when the remembered one is gone", async () => {
    const r = recorder();
    r.event(app, "Normal", "Synced", "ok");
    await r.flush();
    mode = "lose-events";
    r.event(app, "Normal", "Synced", "ok");
    await r.flush();
    expect(server.requests.map((q) => q.method)).toEqual(["POST", "PUT", "POST"]);
  });

  it("never throws, even when the API server fails", async () => {
    mode = "fail";
    const r = recorder();
    expect(() => r.event(app, "Warning", "Failed", "boom")).not.toThrow();
    expect(() => r.event({}, "Warning", "Failed", "no metadata")).not.toThrow();
    await expect(r.flush()).resolves.toBeUndefined();
    mode = "ok";
    r.event(app, "Warning", "Failed", "boom");
    await r.flush();
    expect(stored.size).toBe(1);
  });

  it("drops an object's events past the burst, and lets more through as time passes", async () => {
    const r = recorder({ burst: 3, refillMs: 60_000 });
    for (let i = 0; i < 10; i++) r.event(app, "Normal", "Tick", `tick ${i}`);
    await r.flush();
    expect(server.requests).toHaveLength(3);
    r.event({ ...app, metadata: { ...app.metadata, uid: "uid-2" } }, "Normal", "Tick", "another object");
    now += 60_000;
    r.event(app, "Normal", "Tick", "later");
    r.event(app, "Normal", "Tick", "too soon");
    await r.flush();
    expect(server.requests).toHaveLength(5);
  });

  it("truncates long messages and builds references without undefined fields", async () => {
    const r = recorder();
    r.event(app, "Normal", "Long", "x".repeat(5000));
    await r.flush();
    expect([...stored.values()][0]!.note).toHaveLength(1024);
    expect(referenceTo({ kind: "Node", metadata: { name: "n1" } })).toEqual({ kind: "Node", name: "n1" });
    expect(rfc3339(Date.parse("2030-01-02T03:04:05.999Z"))).toBe("2030-01-02T03:04:05Z");
  });

  it("puts Events about cluster-scoped objects in the default namespace", async () => {
    const r = recorder();
    r.event({ apiVersion: "v1", kind: "Node", metadata: { name: "n1", uid: "uid-n1" } }, "Warning", "Full", "disk");
    await r.flush();
    expect(server.requests[0]!.path).toBe("/apis/events.k8s.io/v1/namespaces/default/events");
  });
});
