import type { ServerResponse } from "node:http";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ApiClient } from "../../../src/controller/kube/api.js";
import { HttpApiClient } from "../../../src/controller/kube/client.js";
import { microTime } from "../../../src/controller/kube/time.js";
import { LeaderElector, type Lease } from "../../../src/controller/runtime/leader-election.js";
import { FakeApiServer, sendJson, sendStatus, silentLogger, type Recorded } from "./fake-apiserver.js";

const LEASE_PATH = "/apis/coordination.k8s.io/v1/namespaces/ops/leases/compositeapp-leader";

/** The lease endpoint of an API server: optimistic concurrency on resourceVersion, plus failure modes. */
class LeaseEndpoint {
  lease: Lease | undefined;
  mode: "ok" | "fail" | "hang" = "ok";
  hung: ServerResponse[] = [];
  private rv = 100;

  constructor(server: FakeApiServer) {
    server.handle((req, res) => this.answer(req, res));
  }

  seed(spec: Lease["spec"]): void {
    this.lease = {
      apiVersion: "coordination.k8s.io/v1",
      kind: "Lease",
      metadata: { name: "compositeapp-leader", namespace: "ops", resourceVersion: String(++this.rv) },
      spec,
    };
  }

  private answer(req: Recorded, res: ServerResponse): void {
    if (this.mode === "hang") {
      this.hung.push(res);
      return;
    }
    if (this.mode === "fail") return sendStatus(res, 500, "InternalError", "etcd timeout");
    if (req.method === "GET") {
      return this.lease ? sendJson(res, 200, this.lease) : sendStatus(res, 404, "NotFound", "lease not found");
    }
    if (req.method === "POST") {
      if (this.lease) return sendStatus(res, 409, "AlreadyExists", "lease already exists");
      return this.store(res, req.body as Lease, 201);
    }
    if (req.path !== LEASE_PATH || !this.lease) return sendStatus(res, 404, "NotFound", "lease not found");
    const sent = req.body as Lease;
    if (sent.metadata?.resourceVersion !== this.lease.metadata?.resourceVersion) {
      return sendStatus(res, 409, "Conflict", "the object has been modified");
    }
    this.store(res, sent, 200);
  }

  private store(res: ServerResponse, lease: Lease, code: number): void {
    this.lease = { ...lease, metadata: { ...lease.metadata, resourceVersion: String(++this.rv) } };
    sendJson(res, code, this.lease);
  }
}

/** Counts requests in flight, so a test can let I/O finish between fake-clock steps. */
class Counting {
  inflight = 0;
  constructor(private readonly inner: ApiClient) {}

  client(): ApiClient {
    const track = <T>(p: Promise<T>): Promise<T> => {
      this.inflight++;
      return p.finally(() => this.inflight--);
    };
    const c = this.inner;
    return {
      list: (...a) => track(c.list(...a)),
      watch: (...a) => c.watch(...a),
      get: (...a) => track(c.get(...a)),
      create: (...a) => track(c.create(...a)),
      replace: (...a) => track(c.replace(...a)),
      replaceStatus: (...a) => track(c.replaceStatus(...a)),
      delete: (...a) => track(c.delete(...a)),
      patch: (...a) => track(c.patch(...a)),
      serverVersion: () => track(c.serverVersion()),
    };
  }
}

interface Candidate {
  elector: LeaderElector;
  log: string[];
  leading?: AbortSignal;
  stop: AbortController;
  done: Promise<void>;
  stoppedAt?: number;
}

describe("LeaderElector", () => {
  let server: FakeApiServer;
  let http: HttpApiClient;
  let counting: Counting;
  let endpoint: LeaseEndpoint;
  let t0: number;
  const candidates: Candidate[] = [];

  beforeEach(async () => {
    server = await FakeApiServer.start();
    http = new HttpApiClient(server.kubeConfig());
    counting = new Counting(http);
    endpoint = new LeaseEndpoint(server);
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
    t0 = Date.now();
  });

  afterEach(async () => {
    for (const c of candidates.splice(0)) c.stop.abort();
    endpoint.mode = "fail";
    for (const res of endpoint.hung.splice(0)) sendStatus(res, 500, "InternalError", "test over");
    await settle();
    vi.useRealTimers();
    http.close();
    await server.close();
  });

  /** Lets in-flight requests (except hung ones) complete and their continuations run. */
  async function settle(): Promise<void> {
    for (let i = 0; i < 10_000; i++) {
      await new Promise((r) => setImmediate(r));
      if (counting.inflight <= endpoint.hung.length) break;
    }
    await new Promise((r) => setImmediate(r));
  }

  /** Moves the fake clock forward in small steps, letting I/O complete at each. */
  async function advance(ms: number, step = 250): Promise<void> {
    await settle();
    for (let done = 0; done < ms; done += step) {
      await vi.advanceTimersByTimeAsync(Math.min(step, ms - done));
      await settle();
    }
  }

  function candidate(identity: string, random: () => number = () => 0): Candidate {
    const c: Partial<Candidate> & { log: string[]; stop: AbortController } = {
      log: [],
      stop: new AbortController(),
    };
    const elector = new LeaderElector({
      client: counting.client(),
      namespace: "ops",
      name: "compositeapp-leader",
      identity,
      logger: silentLogger,
      random,
      onStartedLeading: (signal) => {
        c.leading = signal;
        c.log.push(`started@${Date.now() - t0}`);
      },
      onStoppedLeading: () => {
        c.stoppedAt = Date.now() - t0;
        c.log.push(`stopped@${c.stoppedAt}`);
      },
      onNewLeader: (id) => c.log.push(`leader ${id}`),
    });
    c.elector = elector;
    c.done = elector.run(c.stop.signal);
    candidates.push(c as Candidate);
    return c as Candidate;
  }

  const requests = () => server.requests.map((r) => r.method);

  it("creates a missing lease, leads, and renews every retryPeriod without re-reading", async () => {
    const a = candidate("a");
    await advance(0);
    expect(a.log).toEqual(["leader a", "started@0"]);
    expect(a.elector.isLeader()).toBe(true);
    expect(requests()).toEqual(["GET", "POST"]);
    const created = endpoint.lease!.spec!;
    expect(created).toMatchObject({ holderIdentity: "a", leaseDurationSeconds: 15, leaseTransitions: 0 });
    expect(created.renewTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(created.acquireTime).toBe(created.renewTime);

    await advance(8000);
    expect(requests()).toEqual(["GET", "POST", "PUT", "PUT", "PUT", "PUT"]);
    const renewed = endpoint.lease!.spec!;
    expect(renewed.acquireTime).toBe(created.acquireTime);
    expect(renewed.renewTime).toBe(microTime(t0 + 8000));
    expect(renewed.leaseTransitions).toBe(0);
    expect(a.leading!.aborted).toBe(false);
  });

  it("takes over a lease only after it has not changed for leaseDuration, counting the transition", async () => {
    endpoint.seed({
      holderIdentity: "old",
      leaseDurationSeconds: 15,
      // Far in the future: other hosts' clocks are never trusted, only the local time of the last change.
      renewTime: microTime(t0 + 3_600_000),
      acquireTime: microTime(t0 - 60_000),
      leaseTransitions: 3,
    });
    const b = candidate("b");
    await advance(14_750);
    expect(b.elector.isLeader()).toBe(false);
    expect(b.elector.getLeader()).toBe("old");
    expect(new Set(requests())).toEqual(new Set(["GET"]));
    // Polled every retryPeriod, and once more exactly when the lease expires (15 s after it was seen).
    await advance(250);
    expect(b.elector.isLeader()).toBe(true);
    expect(b.log).toEqual(["leader old", "leader b", "started@15000"]);
    expect(endpoint.lease!.spec).toMatchObject({ holderIdentity: "b", leaseTransitions: 4 });
    expect(endpoint.lease!.spec!.acquireTime).toBe(microTime(t0 + 15_000));
  });

  it("a standby polls a live holder's lease every retryPeriod whatever the jitter, and takes over a dead one by leaseDuration + retryPeriod", async () => {
    endpoint.seed({ holderIdentity: "old", leaseDurationSeconds: 15, renewTime: microTime(t0), leaseTransitions: 0 });
    let renewing = true;
    const renewer = setInterval(() => {
      if (renewing)
        endpoint.seed({ holderIdentity: "old", leaseDurationSeconds: 15, renewTime: microTime(Date.now()) });
    }, 2000);
    const b = candidate("b", () => 1); // the most jitter client-go's factor allows
    await advance(10_000);
    // Jittered, the polls would come 4.4 s apart: 3 in 10 s.
    expect(server.requests.filter((r) => r.method === "GET").length).toBeGreaterThanOrEqual(5);
    renewing = false; // the holder dies right after a renewal at 10 s
    await advance(17_000);
    clearInterval(renewer);
    expect(b.elector.isLeader()).toBe(true);
    expect(b.log.at(-1)).toMatch(/^started@/);
    expect(Number(b.log.at(-1)!.slice("started@".length))).toBeLessThanOrEqual(10_000 + 15_000 + 2_000);
  });

  it("does not take over a lease its holder keeps renewing", async () => {
    endpoint.seed({ holderIdentity: "old", leaseDurationSeconds: 15, leaseTransitions: 0 });
    const renewer = setInterval(() => {
      endpoint.seed({ holderIdentity: "old", leaseDurationSeconds: 15, renewTime: microTime(Date.now()) });
    }, 2000);
    const b = candidate("b");
    await advance(60_000);
    clearInterval(renewer);
    expect(b.elector.isLeader()).toBe(false);
    expect(b.log).toEqual(["leader old"]);
  });

  it("stops leading at renewDeadline when renewals fail, and aborts the leading signal", async () => {
    const a = candidate("a");
    await advance(4000);
    expect(a.elector.isLeader()).toBe(true);
    endpoint.mode = "fail";
    // The last successful renewal was sent at 4000 ms: the deadline is 14000 ms.
    await advance(9_750);
    expect(a.elector.isLeader()).toBe(true);
    await advance(250);
    expect(a.stoppedAt).toBe(14_000);
    expect(a.leading!.aborted).toBe(true);
    expect(a.elector.isLeader()).toBe(false);
    await a.done;
    expect(a.log).toEqual(["leader a", "started@0", "stopped@14000"]);
  });

  it("stops leading at renewDeadline even while a renewal request hangs", async () => {
    const a = candidate("a");
    await advance(0);
    endpoint.mode = "hang";
    await advance(10_000);
    expect(endpoint.hung.length).toBeGreaterThan(0);
    expect(a.stoppedAt).toBe(10_000);
    expect(a.leading!.aborted).toBe(true);
  });

  it("stops leading at once when the lease shows another holder", async () => {
    const a = candidate("a");
    await advance(1000);
    endpoint.seed({ holderIdentity: "intruder", leaseDurationSeconds: 15 });
    await advance(1000);
    expect(a.stoppedAt).toBe(2000);
    expect(a.log).toEqual(["leader a", "started@0", "leader intruder", "stopped@2000"]);
    await a.done;
    expect(endpoint.lease!.spec!.holderIdentity).toBe("intruder");
  });

  it("falls back to reading the lease when the optimistic renewal fails, and recreates a deleted lease", async () => {
    const a = candidate("a");
    await advance(1000);
    endpoint.lease = undefined;
    await advance(1000);
    expect(requests()).toEqual(["GET", "POST", "PUT", "GET", "POST"]);
    expect(a.elector.isLeader()).toBe(true);
    expect(endpoint.lease!.spec).toMatchObject({ holderIdentity: "a", leaseTransitions: 0 });
    await advance(2000);
    expect(requests().at(-1)).toBe("PUT");
    expect(a.log).toEqual(["leader a", "started@0"]);
  });

  it("of two contenders exactly one leads; the other's create is refused as AlreadyExists", async () => {
    const a = candidate("a");
    const b = candidate("b");
    await advance(30_000);
    expect(server.requests.filter((r) => r.method === "POST")).toHaveLength(2);
    const leaders = [a, b].filter((c) => c.elector.isLeader());
    expect(leaders).toHaveLength(1);
    const follower = leaders[0] === a ? b : a;
    expect(follower.log.some((l) => l.startsWith("started"))).toBe(false);
    expect(follower.elector.getLeader()).toBe(leaders[0]!.elector.identity);
  });

  it("releases the lease on a graceful stop so that a standby takes over without waiting for expiry", async () => {
    const a = candidate("a");
    await advance(0);
    const b = candidate("b");
    await advance(3000);
    expect(b.elector.isLeader()).toBe(false);
    a.stop.abort();
    await advance(0);
    await a.done;
    expect(a.leading!.aborted).toBe(true);
    expect(a.log.at(-1)).toBe("stopped@3000");
    const releases = server.requests.filter((r) => r.method === "PUT" && (r.body as Lease).spec?.holderIdentity === "");
    expect(releases).toHaveLength(1);
    expect((releases[0]!.body as Lease).spec).toMatchObject({ leaseDurationSeconds: 1, leaseTransitions: 0 });
    await advance(2000);
    expect(b.elector.isLeader()).toBe(true);
    expect(endpoint.lease!.spec).toMatchObject({ holderIdentity: "b", leaseTransitions: 1, leaseDurationSeconds: 15 });
    expect(b.log).toEqual(["leader a", "leader b", "started@4000"]);
  });

  it("returns without leading when stopped while campaigning", async () => {
    endpoint.seed({ holderIdentity: "old", leaseDurationSeconds: 15 });
    const b = candidate("b");
    await advance(1000);
    b.stop.abort();
    await b.done;
    expect(b.log).toEqual(["leader old"]);
    expect(server.requests.every((r) => r.method === "GET")).toBe(true);
  });

  it("rejects inconsistent durations", () => {
    const base = {
      client: counting.client(),
      namespace: "ops",
      name: "x",
      logger: silentLogger,
      onStartedLeading: () => {},
      onStoppedLeading: () => {},
    };
    expect(() => new LeaderElector({ ...base, leaseDurationMs: 10_000, renewDeadlineMs: 10_000 })).toThrow();
    expect(() => new LeaderElector({ ...base, renewDeadlineMs: 2_000, retryPeriodMs: 2_000 })).toThrow();
    expect(new LeaderElector(base).identity).toMatch(/_[0-9a-f]{12}$/);
  });
});
