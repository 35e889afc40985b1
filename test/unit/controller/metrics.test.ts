// The operator's metrics under controller-runtime's and client-go's names, labels and buckets, as the
// dashboards and alerts written for Go operators query them.
import { describe, expect, it } from "vitest";
import { OperatorMetrics } from "../../../src/controller/metrics.js";

/** The exposition lines of one metric (its samples, without HELP and TYPE). */
async function samples(metrics: OperatorMetrics, name: string): Promise<string[]> {
  const text = await metrics.registry.metrics();
  return text.split("\n").filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
}

const bucketsOf = (lines: string[]) =>
  lines.map((l) => /le="([^"]+)"/.exec(l)?.[1]).filter((le): le is string => le !== undefined && le !== "+Inf");

describe("OperatorMetrics", () => {
  it("starts a controller's series at 0 for every result, as controller-runtime does, so rate() sees the first one", async () => {
    const m = new OperatorMetrics();
    m.controllerStarted("compositeapp", 4);
    expect(await samples(m, "controller_runtime_reconcile_total")).toEqual([
      'controller_runtime_reconcile_total{controller="compositeapp",result="success"} 0',
      'controller_runtime_reconcile_total{controller="compositeapp",result="error"} 0',
      'controller_runtime_reconcile_total{controller="compositeapp",result="requeue"} 0',
      'controller_runtime_reconcile_total{controller="compositeapp",result="requeue_after"} 0',
    ]);
    expect(await samples(m, "controller_runtime_reconcile_errors_total")).toEqual([
      'controller_runtime_reconcile_errors_total{controller="compositeapp"} 0',
    ]);
    expect(await samples(m, "controller_runtime_max_concurrent_reconciles")).toEqual([
      'controller_runtime_max_concurrent_reconciles{controller="compositeapp"} 4',
    ]);
    expect(await samples(m, "controller_runtime_active_workers")).toEqual([
      'controller_runtime_active_workers{controller="compositeapp"} 0',
    ]);
  });

  it("counts conflicts and cancellations as errors for controller-runtime, and apart in compositeapp_reconcile_total", async () => {
    const m = new OperatorMetrics();
    m.controllerStarted("compositeapp", 1);
    for (const outcome of ["success", "conflict", "cancelled", "error", "requeue_after", "success"] as const) {
      m.reconciled("compositeapp", outcome, 0.02);
    }
    const result = await samples(m, "controller_runtime_reconcile_total");
    expect(result).toContain('controller_runtime_reconcile_total{controller="compositeapp",result="success"} 2');
    expect(result).toContain('controller_runtime_reconcile_total{controller="compositeapp",result="error"} 3');
    expect(result).toContain('controller_runtime_reconcile_total{controller="compositeapp",result="requeue_after"} 1');
    expect(await samples(m, "controller_runtime_reconcile_errors_total")).toEqual([
      'controller_runtime_reconcile_errors_total{controller="compositeapp"} 3',
    ]);
    expect(await samples(m, "compositeapp_reconcile_total")).toEqual([
      'compositeapp_reconcile_total{controller="compositeapp",outcome="success"} 2',
      'compositeapp_reconcile_total{controller="compositeapp",outcome="requeue_after"} 1',
      'compositeapp_reconcile_total{controller="compositeapp",outcome="conflict"} 1',
      'compositeapp_reconcile_total{controller="compositeapp",outcome="error"} 1',
      'compositeapp_reconcile_total{controller="compositeapp",outcome="cancelled"} 1',
    ]);
    expect(await samples(m, "controller_runtime_reconcile_time_seconds_count")).toEqual([
      'controller_runtime_reconcile_time_seconds_count{controller="compositeapp"} 6',
    ]);
  });

  it("uses controller-runtime's buckets: reconcile time 5 ms to 60 s, work queue 10 ns to 1000 s", async () => {
    const m = new OperatorMetrics();
    m.controllerStarted("compositeapp", 1);
    m.reconciled("compositeapp", "success", 0.02);
    const reconcile = bucketsOf(await samples(m, "controller_runtime_reconcile_time_seconds_bucket"));
    expect(reconcile).toHaveLength(40);
    expect([reconcile[0], reconcile[17], reconcile.at(-1)]).toEqual(["0.005", "1", "60"]);

    const queue = m.workQueue.observer("compositeapp");
    queue.onAdd?.("ns/a");
    queue.onGet?.("ns/a", 0.001);
    queue.onDone?.("ns/a", 0.002);
    const work = bucketsOf(await samples(m, "workqueue_work_duration_seconds_bucket"));
    expect(work).toEqual([
      "1e-8",
      "1e-7",
      "0.000001",
      "0.00001",
      "0.0001",
      "0.001",
      "0.01",
      "0.1",
      "1",
      "10",
      "100",
      "1000",
    ]);
    expect(bucketsOf(await samples(m, "workqueue_queue_duration_seconds_bucket"))).toEqual(work);
  });

  it("labels the work queue with name and controller, and measures the work in flight when scraped", async () => {
    let now = 10_000;
    const m = new OperatorMetrics({ now: () => now });
    const queue = m.workQueue.observer("compositeapp");
    for (const key of ["ns/a", "ns/b", "ns/c"]) queue.onAdd?.(key);
    queue.onGet?.("ns/a", 0);
    now += 1_000;
    queue.onGet?.("ns/b", 0);
    now += 3_000;
    const labels = '{name="compositeapp",controller="compositeapp"}';
    expect(await samples(m, "workqueue_depth")).toEqual([`workqueue_depth${labels} 1`]);
    expect(await samples(m, "workqueue_adds_total")).toEqual([`workqueue_adds_total${labels} 3`]);
    expect(await samples(m, "workqueue_unfinished_work_seconds")).toEqual([
      `workqueue_unfinished_work_seconds${labels} 7`,
    ]);
    expect(await samples(m, "workqueue_longest_running_processor_seconds")).toEqual([
      `workqueue_longest_running_processor_seconds${labels} 4`,
    ]);
    queue.onDone?.("ns/a", 4);
    queue.onDone?.("ns/b", 3);
    queue.onRetry?.("ns/b");
    expect(await samples(m, "workqueue_unfinished_work_seconds")).toEqual([
      `workqueue_unfinished_work_seconds${labels} 0`,
    ]);
    expect(await samples(m, "workqueue_retries_total")).toEqual([`workqueue_retries_total${labels} 1`]);
  });

  it("counts API requests as client-go does (code, method, host; <error> without an answer) and by verb and resource", async () => {
    const m = new OperatorMetrics();
    const host = "10.96.0.1:443";
    m.observeRequest("create", "pods", 201, 0.01, { method: "POST", host });
    m.observeRequest("create", "pods", 201, 0.01, { method: "POST", host });
    m.observeRequest("watch", "pods", 0, 0, { method: "GET", host });
    expect(await samples(m, "rest_client_requests_total")).toEqual([
      `rest_client_requests_total{code="201",method="POST",host="${host}"} 2`,
      `rest_client_requests_total{code="<error>",method="GET",host="${host}"} 1`,
    ]);
    expect(await samples(m, "compositeapp_api_requests_total")).toEqual([
      'compositeapp_api_requests_total{verb="create",resource="pods",code="201"} 2',
      'compositeapp_api_requests_total{verb="watch",resource="pods",code="0"} 1',
    ]);
  });

  it("reports leadership per Lease name, as client-go's leader election does", async () => {
    const m = new OperatorMetrics();
    expect(await samples(m, "leader_election_master_status")).toEqual([]);
    m.setLeader("compositeapp-operator", false);
    expect(await samples(m, "leader_election_master_status")).toEqual([
      'leader_election_master_status{name="compositeapp-operator"} 0',
    ]);
    m.setLeader("compositeapp-operator", true);
    expect(await samples(m, "leader_election_master_status")).toEqual([
      'leader_election_master_status{name="compositeapp-operator"} 1',
    ]);
  });
});
