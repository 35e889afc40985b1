import type { ServerResponse } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PODS, type KubeObject } from "../../../src/controller/kube/api.js";
import { HttpApiClient } from "../../../src/controller/kube/client.js";
import { Backoff } from "../../../src/controller/runtime/backoff.js";
import { Informer, stripManagedFields, type InformerOptions } from "../../../src/controller/runtime/informer.js";
import { ManualClock } from "../../support/manual-clock.js";
import {
  FakeApiServer,
  WatchStream,
  eventually,
  listOf,
  pod,
  sendJson,
  sendStatus,
  silentLogger,
  type Recorded,
} from "./fake-apiserver.js";

/** A list body to answer with, or a handler. */
type ListStep = object;
type WatchStep = (stream: WatchStream, req: Recorded) => void;

/** Answers lists and watches in order from the script; past its end, lists fail and watches stay open. */
function script(server: FakeApiServer, lists: ListStep[], watches: Array<WatchStep | "gone">): void {
  let list = 0;
  let watch = 0;
  server.handle((req, res) => {
    if (req.query.get("watch") === "1") {
      const step = watches[watch++];
      if (step === "gone") return sendStatus(res, 410, "Expired", "too old resource version");
      step?.(new WatchStream(res), req);
      return;
    }
    const step = lists[list++];
    if (step === undefined) return sendStatus(res, 500, "InternalError", "script exhausted");
    if (typeof step === "function") return (step as (req: Recorded, res: ServerResponse) => void)(req, res);
    sendJson(res, 200, step);
  });
}

const watchesOf = (server: FakeApiServer): Recorded[] => server.requests.filter((r) => r.query.get("watch") === "1");
const listsOf = (server: FakeApiServer): Recorded[] => server.requests.filter((r) => r.query.get("watch") === null);

describe("Informer over a scripted API server", () => {
  let server: FakeApiServer;
  let client: HttpApiClient;
  let informer: Informer<KubeObject> | undefined;
  let events: string[];
  /** Every informer runs on it: a back-off, a watchdog or a resync happens when a test advances it. */
  let clock: ManualClock;

  beforeEach(async () => {
    clock = new ManualClock();
    server = await FakeApiServer.start();
    client = new HttpApiClient(server.kubeConfig(), { requestTimeoutMs: 2000 });
    events = [];
  });

  afterEach(async () => {
    await informer?.stop();
    informer = undefined;
    client.close();
    await server.close();
  });

  const start = (opts: Partial<InformerOptions<KubeObject>> = {}): Informer<KubeObject> => {
    informer = new Informer<KubeObject>({
      client,
      resource: PODS,
      namespace: "default",
      labelSelector: "app.kubernetes.io/managed-by=compositeapp",
      logger: silentLogger,
      watchTimeoutSeconds: () => 300,
      backoff: { initialMs: 20, maxMs: 1000, jitter: 0 },
      clock,
      ...opts,
    });
    const rv = (o: KubeObject) => o.metadata?.resourceVersion;
    informer.addEventHandler({
      onAdd: (o) => events.push(`add ${o.metadata?.name}@${rv(o)}`),
      onUpdate: (o, n) => events.push(`update ${n.metadata?.name}@${rv(o)}->${rv(n)}`),
      onDelete: (o) => events.push(`delete ${o.metadata?.name}`),
    });
    informer.start();
    return informer;
  };

  it("lists in pages of 500 without resourceVersion=0 (which the watch cache answers unpaginated), then watches from the list's resourceVersion with bookmarks and a timeout", async () => {
    script(server, [listOf([pod("a", "8"), pod("b", "9")], "10", "page-2"), listOf([pod("c", "7")], "10")], []);
    const inf = start();
    expect(await inf.waitForSync()).toBe(true);
    await eventually(() => expect(watchesOf(server)).toHaveLength(1));
    const [first, second] = listsOf(server);
    expect(first!.path).toBe("/api/v1/namespaces/default/pods");
    expect(Object.fromEntries(first!.query)).toEqual({
      labelSelector: "app.kubernetes.io/managed-by=compositeapp",
      limit: "500",
    });
    expect(Object.fromEntries(second!.query)).toEqual({
      labelSelector: "app.kubernetes.io/managed-by=compositeapp",
      limit: "500",
      continue: "page-2",
    });
    expect(Object.fromEntries(watchesOf(server)[0]!.query)).toEqual({
      watch: "1",
      labelSelector: "app.kubernetes.io/managed-by=compositeapp",
      resourceVersion: "10",
      timeoutSeconds: "300",
      allowWatchBookmarks: "true",
    });
    expect(inf.hasSynced()).toBe(true);
    expect(inf.store.keys().sort()).toEqual(["default/a", "default/b", "default/c"]);
    expect(events).toEqual(["add a@8", "add b@9", "add c@7"]);
  });

  it("watches all namespaces when no namespace is given, with a random 5–10 min server timeout", async () => {
    script(server, [listOf([], "1")], []);
    start({ namespace: undefined, watchTimeoutSeconds: undefined });
    await eventually(() => expect(watchesOf(server)).toHaveLength(1));
    expect(server.requests.map((r) => r.path)).toEqual(["/api/v1/pods", "/api/v1/pods"]);
    const timeout = Number(watchesOf(server)[0]!.query.get("timeoutSeconds"));
    expect(timeout).toBeGreaterThanOrEqual(300);
    expect(timeout).toBeLessThanOrEqual(600);
  });

  it("resumes from the last resourceVersion (bookmarks count) after a clean watch end, without relisting", async () => {
    script(
      server,
      [listOf([pod("a", "10")], "10")],
      [
        (s) => {
          s.send("ADDED", pod("b", "11"));
          s.send("MODIFIED", pod("a", "12"));
          s.send("BOOKMARK", { kind: "Pod", apiVersion: "v1", metadata: { resourceVersion: "15" } });
          s.end();
        },
      ],
    );
    const inf = start();
    await eventually(() => expect(watchesOf(server)).toHaveLength(2));
    expect(watchesOf(server)[1]!.query.get("resourceVersion")).toBe("15");
    expect(listsOf(server)).toHaveLength(1);
    expect(events).toEqual(["add a@10", "add b@11", "update a@10->12"]);
    expect(inf.lastResourceVersion).toBe("15");
  });

  it("relists on a 410 ERROR event: deletes for vanished objects, updates for changed ones, adds for new", async () => {
    script(
      server,
      [
        listOf([pod("a", "1"), pod("b", "2"), pod("c", "3")], "10"),
        listOf([pod("a", "15"), pod("c", "3"), pod("d", "16")], "20"),
      ],
      [(s) => s.send("ERROR", { kind: "Status", apiVersion: "v1", code: 410, reason: "Expired", message: "too old" })],
    );
    const inf = start();
    // The relist waits for its back-off, and only for that.
    await eventually(() => expect(clock.pending()).toEqual([20]));
    expect(listsOf(server)).toHaveLength(1);
    clock.advance(20);
    await eventually(() => expect(watchesOf(server)).toHaveLength(2));
    const lists = listsOf(server);
    expect(lists).toHaveLength(2);
    // The relist reads the latest state, not the watch cache.
    expect(lists[1]!.query.get("resourceVersion")).toBeNull();
    expect(watchesOf(server)[1]!.query.get("resourceVersion")).toBe("20");
    expect(events).toEqual(["add a@1", "add b@2", "add c@3", "delete b", "update a@1->15", "add d@16"]);
    expect(inf.store.keys().sort()).toEqual(["default/a", "default/c", "default/d"]);
  });

  it("relists when the watch itself is refused with HTTP 410", async () => {
    script(server, [listOf([pod("a", "1")], "10"), listOf([], "30")], ["gone"]);
    start();
    await eventually(() => expect(clock.pending()).toEqual([20]));
    expect(watchesOf(server)).toHaveLength(1);
    clock.advance(20);
    await eventually(() => expect(watchesOf(server)).toHaveLength(2));
    expect(listsOf(server)).toHaveLength(2);
    expect(watchesOf(server)[1]!.query.get("resourceVersion")).toBe("30");
    expect(events).toEqual(["add a@1", "delete a"]);
  });

  it("reconnects after dropped connections with growing back-off, resuming where it was", async () => {
    let first: WatchStream | undefined;
    script(
      server,
      [listOf([pod("a", "10")], "10")],
      [
        (s) => {
          first = s;
          s.send("ADDED", pod("b", "11"));
        },
        (s) => s.drop(),
        (s) => s.drop(),
        (s) => s.send("ADDED", pod("c", "12")),
      ],
    );
    const inf = start({ backoff: { initialMs: 40, maxMs: 1000, jitter: 0 } });
    await eventually(() => expect(inf.store.has("default/b")).toBe(true));
    first!.drop();
    for (const [i, delay] of [40, 80, 160].entries()) {
      // Between failures the reflector waits for the clock: one sleep of the next back-off, no new watch.
      await eventually(() => expect(clock.pending()).toEqual([delay]));
      expect(watchesOf(server)).toHaveLength(i + 1);
      clock.advance(delay);
    }
    await eventually(() => expect(inf.store.has("default/c")).toBe(true));
    const watches = watchesOf(server);
    expect(watches).toHaveLength(4);
    expect(watches.slice(1).map((w) => w.query.get("resourceVersion"))).toEqual(["11", "11", "11"]);
    expect(listsOf(server)).toHaveLength(1);
    expect(events).toEqual(["add a@10", "add b@11", "add c@12"]);
  });

  it("backs off when watches end at once without events (no tight reconnect loop)", async () => {
    script(
      server,
      [listOf([], "10")],
      Array.from({ length: 50 }, () => (s: WatchStream) => s.end()),
    );
    start({ backoff: { initialMs: 50, maxMs: 1000, jitter: 0 } });
    for (const [i, delay] of [50, 100, 200, 400, 800, 1000].entries()) {
      await eventually(() => expect(clock.pending()).toEqual([delay]));
      expect(watchesOf(server)).toHaveLength(i + 1);
      clock.advance(delay);
    }
    expect(listsOf(server)).toHaveLength(1);
  });

  it("retries a failing list with back-off until it succeeds", async () => {
    const fail = (_req: Recorded, res: ServerResponse) => sendStatus(res, 503, "ServiceUnavailable", "etcd down");
    script(server, [fail, fail, listOf([pod("a", "1")], "10")], []);
    const inf = start();
    for (const [i, delay] of [20, 40].entries()) {
      await eventually(() => expect(clock.pending()).toEqual([delay]));
      expect(listsOf(server)).toHaveLength(i + 1);
      clock.advance(delay);
    }
    expect(await inf.waitForSync()).toBe(true);
    expect(listsOf(server)).toHaveLength(3);
    expect(listsOf(server).map((r) => r.query.get("resourceVersion"))).toEqual([null, null, null]);
    expect(events).toEqual(["add a@1"]);
  });

  it("aborts and restarts a watch that stays silent past the watchdog period", async () => {
    const streams: WatchStream[] = [];
    script(server, [listOf([pod("a", "1")], "10")], [(s) => streams.push(s), (s) => streams.push(s)]);
    start({ watchdogMs: 100 });
    await eventually(() => expect(streams).toHaveLength(1));
    expect(clock.pending()).toEqual([100]);
    clock.advance(99);
    expect(clock.pending()).toEqual([1]);
    clock.advance(1);
    await streams[0]!.closed;
    await eventually(() => expect(watchesOf(server)).toHaveLength(2));
    expect(watchesOf(server)[1]!.query.get("resourceVersion")).toBe("10");
    expect(listsOf(server)).toHaveLength(1);
  });

  it("bookmarks keep a quiet watch alive", async () => {
    const streams: WatchStream[] = [];
    script(server, [listOf([], "10")], [(s) => streams.push(s)]);
    const inf = start({ watchdogMs: 120 });
    await eventually(() => expect(streams).toHaveLength(1));
    for (let rv = 11; rv <= 15; rv++) {
      clock.advance(100); // within the watchdog period of the previous event
      streams[0]!.send("BOOKMARK", { metadata: { resourceVersion: String(rv) } });
      await eventually(() => expect(inf.lastResourceVersion).toBe(String(rv)));
      expect(clock.pending()).toEqual([120]);
    }
    expect(watchesOf(server)).toHaveLength(1);
  });

  it("ignores an event whose resourceVersion equals the cached one, and applies deletes", async () => {
    script(
      server,
      [listOf([pod("a", "5"), pod("b", "6")], "10")],
      [
        (s) => {
          s.send("MODIFIED", pod("a", "5"));
          s.send("ADDED", pod("b", "6"));
          s.send("DELETED", pod("b", "11"));
          s.send("MODIFIED", pod("a", "12"));
        },
      ],
    );
    const inf = start();
    await eventually(() => expect(events).toHaveLength(4));
    expect(events).toEqual(["add a@5", "add b@6", "delete b", "update a@5->12"]);
    expect(inf.store.keys()).toEqual(["default/a"]);
  });

  it("strips managedFields before caching, survives a throwing handler, and offers indexes", async () => {
    const owned = pod("a", "5", "default", {
      metadata: {
        managedFields: [{ manager: "kubectl" }],
        ownerReferences: [{ apiVersion: "v1", kind: "X", name: "x", uid: "owner-1", controller: true }],
      },
    });
    script(server, [listOf([owned], "10")], [(s) => s.send("ADDED", pod("b", "11"))]);
    const inf = start({ indexers: { owner: (o) => (o.metadata?.ownerReferences ?? []).map((r) => r.uid) } });
    inf.addEventHandler({
      onAdd: () => {
        throw new Error("handler bug");
      },
    });
    await eventually(() => expect(events).toEqual(["add a@5", "add b@11"]));
    expect(inf.store.get("default/a")?.metadata?.managedFields).toBeUndefined();
    expect(inf.store.byIndex("owner", "owner-1").map((o) => o.metadata?.name)).toEqual(["a"]);
  });

  it("transforms each list page as it arrives and each watch event, and stores only the transformed objects", async () => {
    const seen: string[] = [];
    script(
      server,
      [listOf([pod("a", "8"), pod("b", "9")], "10", "page-2"), listOf([pod("c", "7")], "10")],
      [
        (s) => {
          s.send("BOOKMARK", { kind: "Pod", apiVersion: "v1", metadata: { resourceVersion: "11" } });
          s.send("ADDED", pod("d", "12"));
        },
      ],
    );
    const inf = start({
      transform: (o) => {
        // How many list pages had been asked for when this object was transformed.
        seen.push(`${o.metadata?.name} after ${listsOf(server).length} page(s)`);
        return { metadata: { ...o.metadata, labels: { trimmed: "yes" } } };
      },
    });
    await eventually(() => expect(events).toContain("add d@12"));
    expect(seen).toEqual(["a after 1 page(s)", "b after 1 page(s)", "c after 2 page(s)", "d after 2 page(s)"]);
    for (const key of ["default/a", "default/b", "default/c", "default/d"]) {
      expect(Object.keys(inf.store.get(key) ?? {})).toEqual(["metadata"]);
      expect(inf.store.get(key)?.metadata?.labels).toEqual({ trimmed: "yes" });
    }
    expect(inf.lastResourceVersion).toBe("12");
  });

  it("a continue token that expired mid-list (410) starts the list over from the first page, replacing once", async () => {
    const expired = (_req: Recorded, res: ServerResponse) => sendStatus(res, 410, "Expired", "continue token too old");
    script(
      server,
      [
        listOf([pod("a", "8"), pod("b", "9")], "10", "page-2"),
        expired,
        listOf([pod("a", "8"), pod("c", "21")], "22", "page-2b"),
        listOf([pod("d", "22")], "22"),
      ],
      [],
    );
    const inf = start({ pageSize: 2 });
    await eventually(() => expect(clock.pending()).toEqual([20]));
    expect(inf.hasSynced()).toBe(false);
    expect(events).toEqual([]);
    clock.advance(20);
    expect(await inf.waitForSync()).toBe(true);
    await eventually(() => expect(watchesOf(server)).toHaveLength(1));
    expect(
      listsOf(server).map((r) => [r.query.get("continue"), r.query.get("limit"), r.query.get("resourceVersion")]),
    ).toEqual([
      [null, "2", null],
      ["page-2", "2", null],
      [null, "2", null],
      ["page-2b", "2", null],
    ]);
    // Nothing of the abandoned first attempt reaches the store: b never appears.
    expect(events).toEqual(["add a@8", "add c@21", "add d@22"]);
    expect(watchesOf(server)[0]!.query.get("resourceVersion")).toBe("22");
  });

  it("stop() ends the watch, and nothing is requested afterwards", async () => {
    const streams: WatchStream[] = [];
    script(server, [listOf([], "10")], [(s) => streams.push(s)]);
    const inf = start();
    await eventually(() => expect(streams).toHaveLength(1));
    await inf.stop();
    await streams[0]!.closed;
    // No timer is left that could start another request.
    expect(clock.pending()).toEqual([]);
    expect(watchesOf(server)).toHaveLength(1);
    expect(await inf.waitForSync()).toBe(true);
  });

  it("waitForSync resolves false when aborted or stopped before the first list", async () => {
    script(server, [], []);
    const inf = start({ backoff: { initialMs: 1000, jitter: 0 } });
    const controller = new AbortController();
    const waiting = inf.waitForSync(controller.signal);
    controller.abort();
    expect(await waiting).toBe(false);
    const pending = inf.waitForSync();
    await inf.stop();
    expect(await pending).toBe(false);
    expect(inf.hasSynced()).toBe(false);
  });

  it("a periodic resync reports every cached object as an update, once per period", async () => {
    script(server, [listOf([pod("a", "5")], "10")], []);
    const inf = start({ resyncPeriodMs: 50 });
    expect(await inf.waitForSync()).toBe(true);
    await eventually(() => expect(watchesOf(server)).toHaveLength(1));
    expect(events).toEqual(["add a@5"]);
    clock.advance(49);
    expect(events).toEqual(["add a@5"]);
    clock.advance(1);
    expect(events).toEqual(["add a@5", "update a@5->5"]);
    clock.advance(100);
    expect(events).toEqual(["add a@5", "update a@5->5", "update a@5->5", "update a@5->5"]);
    await inf.stop();
    clock.advance(50);
    expect(events).toHaveLength(4);
  });

  it("marks the adds of the first list isInInitialList, and those of the watch and of a relist not", async () => {
    script(
      server,
      [listOf([pod("a", "10")], "10"), listOf([pod("a", "10"), pod("c", "13")], "13")],
      [
        (s) => {
          s.send("ADDED", pod("b", "11"));
          s.send("ERROR", { kind: "Status", apiVersion: "v1", code: 410, reason: "Expired" });
        },
      ],
    );
    const initial: string[] = [];
    const inf = start();
    inf.addEventHandler({ onAdd: (o, isInInitialList) => initial.push(`${o.metadata?.name} ${isInInitialList}`) });
    await eventually(() => expect(clock.pending()).toEqual([20])); // the relist's back-off
    expect(initial).toEqual(["a true", "b false"]);
    clock.advance(20);
    await eventually(() => expect(initial).toEqual(["a true", "b false", "c false"]));
  });
});

describe("Backoff", () => {
  it("grows by the factor up to the cap, adds jitter, and starts over after a healthy period", () => {
    let now = 0;
    let random = 0;
    const b = new Backoff(
      { initialMs: 800, maxMs: 30_000, factor: 2, jitter: 0.5, resetAfterMs: 120_000 },
      () => random,
      () => now,
    );
    const seq = Array.from({ length: 8 }, () => b.next());
    expect(seq).toEqual([800, 1600, 3200, 6400, 12800, 25600, 30000, 30000]);
    random = 1;
    expect(b.next()).toBe(45_000);
    now += 120_001;
    random = 0;
    expect(b.next()).toBe(800);
    b.reset();
    expect(b.next()).toBe(800);
  });

  it("stripManagedFields leaves objects without managedFields untouched", () => {
    const p = pod("a", "1");
    expect(stripManagedFields(p)).toBe(p);
  });
});
