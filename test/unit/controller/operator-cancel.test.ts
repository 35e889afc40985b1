// The whole operator (startOperator, leader election on) against the scripted API server: losing the
// lease or a graceful stop cancels a request in flight at once, no write reaches the server after
// that, and on a graceful stop the lease is released only after the cancelled work has ended.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseOperatorConfig } from "../../../src/controller/config.js";
import { startOperator, type RunningOperator } from "../../../src/controller/manager/manager.js";
import type { Lease } from "../../../src/controller/runtime/leader-election.js";
import { baseApp } from "../../support/fixtures.js";
import {
  FakeApiServer,
  WatchStream,
  eventually,
  listOf,
  sendJson,
  sendStatus,
  silentLogger,
  type Recorded,
} from "./fake-apiserver.js";

const NS = "team";
const LEASE_PATH = "/apis/coordination.k8s.io/v1/namespaces/ops/leases/operator-lease";
const isWrite = (r: Recorded) => ["POST", "PUT", "PATCH", "DELETE"].includes(r.method);
const isLeaseRequest = (r: Recorded) => r.path.startsWith("/apis/coordination.k8s.io/");

/** An API server with one app whose Pod creates never get an answer, and a lease that can start failing. */
class Scenario {
  lease: Lease | undefined;
  leaseFails = false;
  rv = 10;
  /** Pod creates held open, with the time the client closed each (performance.now()). */
  readonly hung: Array<{ req: Recorded; closedAt?: number }> = [];
  private readonly watches: WatchStream[] = [];

  constructor(readonly server: FakeApiServer) {
    server.handle((req, res) => this.answer(req, res));
  }

  close(): void {
    for (const w of this.watches) w.end();
  }

  private answer(req: Recorded, res: ServerResponse): void {
    if (req.path === "/version") return sendJson(res, 200, { major: "1", minor: "33", gitVersion: "v1.33.0" });
    if (isLeaseRequest(req)) return this.answerLease(req, res);
    if (req.method === "GET" && req.query.get("watch")) {
      this.watches.push(new WatchStream(res));
      return;
    }
    if (req.method === "GET" && req.path.endsWith("/compositeapps")) {
      const app = {
        ...baseApp(),
        metadata: { name: "web", namespace: NS, uid: "uid-web", generation: 1, resourceVersion: "5" },
      };
      return sendJson(res, 200, listOf([{ ...app, spec: { ...app.spec, replicas: 3 } }], "10"));
    }
    if (req.method === "GET" && /\/(pods|poddisruptionbudgets)$/.test(req.path)) {
      return sendJson(res, 200, listOf([], "10"));
    }
    if (req.method === "POST" && req.path.endsWith("/pods")) {
      const entry: { req: Recorded; closedAt?: number } = { req };
      this.hung.push(entry);
      res.on("close", () => (entry.closedAt = performance.now()));
      return;
    }
    if (req.method === "POST") return sendJson(res, 201, req.body);
    sendStatus(res, 404, "NotFound", `no ${req.method} ${req.path} here`);
  }

  private answerLease(req: Recorded, res: ServerResponse): void {
    if (this.leaseFails) return sendStatus(res, 500, "InternalError", "etcd unavailable");
    if (req.method === "GET") {
      return this.lease ? sendJson(res, 200, this.lease) : sendStatus(res, 404, "NotFound", "no lease");
    }
    if (req.method === "POST" && this.lease) return sendStatus(res, 409, "AlreadyExists", "lease exists");
    const sent = req.body as Lease;
    if (req.method === "PUT" && sent.metadata?.resourceVersion !== this.lease?.metadata?.resourceVersion) {
      return sendStatus(res, 409, "Conflict", "the object has been modified");
    }
    this.lease = { ...sent, metadata: { ...sent.metadata, resourceVersion: String(++this.rv) } };
    sendJson(res, req.method === "POST" ? 201 : 200, this.lease);
  }
}

describe("operator cancellation", () => {
  let server: FakeApiServer;
  let scenario: Scenario;
  let dir: string;
  let operator: RunningOperator | undefined;

  beforeEach(async () => {
    server = await FakeApiServer.start();
    scenario = new Scenario(server);
    dir = mkdtempSync(join(tmpdir(), "compositeapp-cancel-"));
  });

  afterEach(async () => {
    await operator?.stop();
    scenario.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(): Promise<RunningOperator> {
    const kubeconfig = join(dir, "kubeconfig");
    writeFileSync(kubeconfig, server.kubeconfigText());
    const config = parseOperatorConfig({
      kubeconfig,
      namespaces: [NS],
      metricsBindAddress: "127.0.0.1:0",
      healthProbeBindAddress: "127.0.0.1:0",
      resyncPeriodSeconds: 0,
      leaderElect: true,
      leaderElection: {
        namespace: "ops",
        name: "operator-lease",
        leaseDurationSeconds: 3,
        renewDeadlineSeconds: 2,
        retryPeriodSeconds: 0.2,
      },
    });
    operator = await startOperator(config, silentLogger);
    // Leading, the operator plans three Pods and sends the first create, which hangs.
    await eventually(() => expect(scenario.hung).toHaveLength(1), 10_000);
    return operator;
  }

  /** Writes other than the lease's that reached the server after the given moment. */
  const writesAfter = (t: number) => server.requests.filter((r) => isWrite(r) && !isLeaseRequest(r) && r.at > t);

  it("losing the lease cancels the request in flight at once and nothing is written after it", async () => {
    const op = await start();
    const sentAt = scenario.hung[0]!.req.at;
    scenario.leaseFails = true;

    // The operator exits without waiting for the hung create's 30 s deadline: the client cut it.
    expect(await op.finished).toBe(1);
    await eventually(() => expect(scenario.hung[0]!.closedAt).toBeDefined());
    const closedAt = scenario.hung[0]!.closedAt!;
    // Nothing but the first create was ever written: no other create, no status, no Event.
    expect(writesAfter(sentAt)).toEqual([]);
    expect(scenario.hung).toHaveLength(1);
    // A replica that lost its lease does not write it either (no release).
    expect(server.requests.filter((r) => r.method === "PUT" && r.at > closedAt && isLeaseRequest(r))).toEqual([]);
    operator = undefined;
  });

  it("a graceful stop cancels the request in flight, then releases the lease", async () => {
    const op = await start();
    const sentAt = scenario.hung[0]!.req.at;

    await op.stop();
    expect(await op.finished).toBe(0);
    const closedAt = scenario.hung[0]!.closedAt!;
    expect(closedAt).toBeDefined();
    expect(writesAfter(sentAt)).toEqual([]);
    const releases = server.requests.filter(
      (r) => r.method === "PUT" && r.path === LEASE_PATH && (r.body as Lease).spec?.holderIdentity === "",
    );
    expect(releases).toHaveLength(1);
    expect(releases[0]!.at).toBeGreaterThan(closedAt);
    operator = undefined;
  });
});
