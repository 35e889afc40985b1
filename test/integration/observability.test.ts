// The running operator as the tools built for Go operators read it: its /metrics, scraped twice around
// reconciles that succeed and fail, answers the queries of controller-runtime's dashboards and alerts
// (`sum(rate(controller_runtime_reconcile_total{controller="compositeapp"}[5m])) by (result)`), and
// its Events are events.k8s.io/v1 with the ReplicaSet controller's reasons (which `kubectl get events`
// shows too), and its log lines are zap-style JSON.
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadKubeConfig } from "../../src/controller/kube/client.js";
import type { KubeEvent } from "../../src/controller/runtime/events.js";
import { freePort } from "../support/ports.js";
import { parseExposition, select, sumRateBy, type Sample, type Scrape } from "../support/prometheus-text.js";
import { waitFor } from "../support/wait.js";
import {
  app,
  apply,
  createNamespace,
  deleteNamespace,
  installCrd,
  kubectlJson,
  logOf,
  podsOf,
  requireCluster,
  spawnOperator,
} from "./support.js";

let ns: string;
let child: ChildProcess | undefined;
let metricsPort: number;
const controller = { controller: "compositeapp" };

async function scrape(): Promise<Scrape> {
  const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  return { samples: parseExposition(text), at: performance.now() };
}

const total = (samples: Sample[], name: string, matchers: Record<string, string> = {}) =>
  select(samples, name, matchers).reduce((sum, s) => sum + s.value, 0);

beforeAll(async () => {
  await requireCluster();
  await installCrd();
  ns = await createNamespace("it-metrics");
  // One Pod allowed: the second app's Pod is refused, so reconciles fail and are retried.
  await apply(
    { apiVersion: "v1", kind: "ResourceQuota", metadata: { name: "one-pod" }, spec: { hard: { pods: "1" } } },
    ns,
  );
  metricsPort = await freePort();
  const probePort = await freePort();
  child = spawnOperator(
    [
      "--namespace",
      ns,
      "--metrics-bind-address",
      `127.0.0.1:${metricsPort}`,
      "--metrics-secure=false", // the scrape's authorisation is metrics-auth.test.ts's subject
      "--health-probe-bind-address",
      `127.0.0.1:${probePort}`,
      "--leader-elect",
      "--leader-election-namespace",
      ns,
    ],
    `${ns}-operator`,
  );
});

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child!.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }
  if (ns) await deleteNamespace(ns);
});

describe("the running operator", () => {
  it('answers sum(rate(controller_runtime_reconcile_total{controller="compositeapp"}[5m])) by (result)', async () => {
    // The controller's series exist, at 0, once it leads and its workers start.
    const first = await waitFor("the controller's series", async () => {
      const s = await scrape();
      return select(s.samples, "controller_runtime_reconcile_total", controller).length === 4 && s;
    });
    await apply(app("fits", { replicas: 1 }), ns);
    await waitFor("the first app's Pod", async () => (await podsOf(ns, "fits")).length === 1);
    await apply(app("refused", { replicas: 1 }), ns);
    const second = await waitFor("successful and failed reconciles", async () => {
      const s = await scrape();
      const reconciles = (result: string) =>
        total(s.samples, "controller_runtime_reconcile_total", { ...controller, result });
      return reconciles("success") > 0 && reconciles("error") > 0 && s;
    });

    const seconds = (second.at - first.at) / 1000;
    const byResult = sumRateBy(first, second, {
      name: "controller_runtime_reconcile_total",
      matchers: controller,
      by: "result",
    });
    console.log(
      `sum(rate(controller_runtime_reconcile_total{controller="compositeapp"}[5m])) by (result) over ${seconds.toFixed(1)} s: ` +
        [...byResult].map(([result, rate]) => `${result}=${rate.toFixed(3)}/s`).join(", "),
    );
    expect([...byResult.keys()].sort()).toEqual(["error", "requeue", "requeue_after", "success"]);
    expect(byResult.get("success")).toBeGreaterThan(0);
    expect(byResult.get("error")).toBeGreaterThan(0);

    const s = second.samples;
    expect(total(s, "controller_runtime_reconcile_errors_total", controller)).toBeGreaterThan(0);
    expect(total(s, "controller_runtime_reconcile_time_seconds_count", controller)).toBeGreaterThan(0);
    expect(total(s, "controller_runtime_max_concurrent_reconciles", controller)).toBe(4);
    expect(select(s, "controller_runtime_active_workers", controller)).toHaveLength(1);
    const queue = { name: "compositeapp" };
    expect(total(s, "workqueue_adds_total", queue)).toBeGreaterThan(0);
    expect(total(s, "workqueue_retries_total", queue)).toBeGreaterThan(0);
    for (const name of [
      "workqueue_depth",
      "workqueue_unfinished_work_seconds",
      "workqueue_longest_running_processor_seconds",
    ]) {
      expect(select(s, name, queue), name).toHaveLength(1);
    }
    expect(total(s, "workqueue_queue_duration_seconds_count", queue)).toBeGreaterThan(0);
    expect(total(s, "workqueue_work_duration_seconds_count", queue)).toBeGreaterThan(0);
    // The quota's refusal (403) and the Pod created (201), by HTTP method and the API server's host.
    const server = new URL(loadKubeConfig().getCurrentCluster()!.server).host;
    expect(new Set(select(s, "rest_client_requests_total").map((r) => r.labels.host))).toEqual(new Set([server]));
    expect(total(s, "rest_client_requests_total", { method: "POST", code: "201" })).toBeGreaterThan(0);
    expect(total(s, "rest_client_requests_total", { method: "POST", code: "403" })).toBeGreaterThan(0);
    expect(select(s, "leader_election_master_status")).toEqual([
      { name: "leader_election_master_status", labels: { name: "compositeapp-operator" }, value: 1 },
    ]);
  });

  it("logs zap-style JSON lines: a string level, an RFC 3339 ts, logger and msg", () => {
    const lines = logOf(`${ns}-operator`)
      .split("\n")
      .filter((l) => l.trim() !== "");
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      expect(entry).toMatchObject({ logger: "compositeapp", msg: expect.any(String) as unknown });
      expect(["trace", "debug", "info", "warn", "error", "fatal"]).toContain(entry.level);
      expect(entry.ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    }
    const messages = lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(messages).toEqual(expect.arrayContaining(["caches synced", "became the leader"]));
  });

  it("records events.k8s.io/v1 Events with the ReplicaSet controller's reasons, counting repeats in a series", async () => {
    const events = async () =>
      (await kubectlJson<{ items: KubeEvent[] }>(["get", "events.events.k8s.io", "-n", ns])).items;
    const created = (await events()).find((e) => e.regarding.name === "fits" && e.reason === "SuccessfulCreate");
    expect(created).toMatchObject({
      type: "Normal",
      action: "Create",
      reportingController: "compositeapp.io/operator",
      regarding: { kind: "CompositeApp", name: "fits", namespace: ns },
      note: expect.stringMatching(/^Created pod: fits-/) as unknown,
    });
    expect(created?.reportingInstance).not.toBe("");
    // The quota refuses the Pod at every retry: one Event, its series counting the repeats.
    const refused = await waitFor("a FailedCreate Event seen twice", async () => {
      const e = (await events()).find((v) => v.regarding.name === "refused" && v.reason === "FailedCreate");
      return (e?.series?.count ?? 0) >= 2 && e;
    });
    expect(refused).toMatchObject({
      type: "Warning",
      action: "Create",
      note: expect.stringMatching(/^Error creating: /) as unknown,
    });
    // core/v1, which `kubectl get events` and its field selectors read, shows the same Event: the note as
    // its message, the repeats in its series.
    const core = await kubectlJson<{ items: { message: string; series?: { count: number } }[] }>([
      "get",
      "events",
      "-n",
      ns,
      "--field-selector",
      "involvedObject.name=refused,reason=FailedCreate",
    ]);
    expect(core.items.map((e) => e.message)).toEqual([refused.note]);
    expect(core.items[0]?.series?.count).toBeGreaterThanOrEqual(2);
  });
});
