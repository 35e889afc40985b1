// Prometheus metrics of the operator, in one registry per process. The names, labels and buckets are
// controller-runtime's and client-go's (controller_runtime_*, workqueue_*, rest_client_requests_total,
// leader_election_master_status), so the dashboards and alerts written for Go operators work unchanged;
// compositeapp_* are ours, only where they tell more.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { RequestObserver } from "./kube/api.js";
import { WorkQueueMetrics } from "./workqueue-metrics.js";

/** controller-runtime's reconcile time buckets, 5 ms to 60 s. */
const RECONCILE_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.25, 1.5, 1.75,
  2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60,
];

/** controller-runtime's `result` label of controller_runtime_reconcile_total. */
export const RECONCILE_RESULTS = ["success", "error", "requeue", "requeue_after"] as const;

/**
 * How a reconcile ended, finer than controller-runtime's result: a conflict (409, retried) and a reconcile
 * cancelled because the lease was lost or the operator stops are errors to controller-runtime.
 */
export const RECONCILE_OUTCOMES = ["success", "requeue_after", "conflict", "error", "cancelled"] as const;
export type ReconcileOutcome = (typeof RECONCILE_OUTCOMES)[number];

const RESULT_OF: Record<ReconcileOutcome, (typeof RECONCILE_RESULTS)[number]> = {
  success: "success",
  requeue_after: "requeue_after",
  conflict: "error",
  error: "error",
  cancelled: "error",
};

export interface OperatorMetricsOptions {
  /** Milliseconds, for the work in flight. Default performance.now. */
  now?: () => number;
}

export class OperatorMetrics {
  readonly registry = new Registry();
  private readonly registers = [this.registry];

  readonly reconcileTotal = new Counter({
    name: "controller_runtime_reconcile_total",
    help: "Total number of reconciliations per controller",
    labelNames: ["controller", "result"] as const,
    registers: this.registers,
  });

  readonly reconcileErrors = new Counter({
    name: "controller_runtime_reconcile_errors_total",
    help: "Total number of reconciliation errors per controller",
    labelNames: ["controller"] as const,
    registers: this.registers,
  });

  readonly reconcileTime = new Histogram({
    name: "controller_runtime_reconcile_time_seconds",
    help: "Length of time per reconciliation per controller",
    labelNames: ["controller"] as const,
    buckets: RECONCILE_BUCKETS,
    registers: this.registers,
  });

  readonly maxConcurrentReconciles = new Gauge({
    name: "controller_runtime_max_concurrent_reconciles",
    help: "Maximum number of concurrent reconciles per controller",
    labelNames: ["controller"] as const,
    registers: this.registers,
  });

  readonly activeWorkers = new Gauge({
    name: "controller_runtime_active_workers",
    help: "Number of currently used workers per controller",
    labelNames: ["controller"] as const,
    registers: this.registers,
  });

  readonly reconcileOutcomes = new Counter({
    name: "compositeapp_reconcile_total",
    help: "Reconciles per controller by outcome: success, requeue_after, conflict, error or cancelled.",
    labelNames: ["controller", "outcome"] as const,
    registers: this.registers,
  });

  readonly restClientRequests = new Counter({
    name: "rest_client_requests_total",
    help: "Number of HTTP requests, partitioned by status code, method, and host.",
    labelNames: ["code", "method", "host"] as const,
    registers: this.registers,
  });

  readonly apiRequests = new Counter({
    name: "compositeapp_api_requests_total",
    help: "Requests to the Kubernetes API by verb, resource and HTTP code.",
    labelNames: ["verb", "resource", "code"] as const,
    registers: this.registers,
  });

  readonly apiRequestDuration = new Histogram({
    name: "compositeapp_api_request_duration_seconds",
    help: "Duration of Kubernetes API requests (watches excluded) by verb.",
    labelNames: ["verb"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: this.registers,
  });

  readonly leaderStatus = new Gauge({
    name: "leader_election_master_status",
    help:
      "Gauge of if the reporting system is master of the relevant lease, 0 indicates backup, 1 indicates master. " +
      "'name' is the string used to identify the lease. Please make sure to group by name.",
    labelNames: ["name"] as const,
    registers: this.registers,
  });

  readonly workQueue: WorkQueueMetrics;

  constructor(opts: OperatorMetricsOptions = {}) {
    collectDefaultMetrics({ register: this.registry });
    this.workQueue = new WorkQueueMetrics(this.registry, opts.now ?? (() => performance.now()));
  }

  /** Registers a controller with its worker count; its series start at 0, as controller-runtime's do. */
  controllerStarted(controller: string, workers: number): void {
    this.maxConcurrentReconciles.set({ controller }, workers);
    this.activeWorkers.set({ controller }, 0);
    this.reconcileErrors.inc({ controller }, 0);
    for (const result of RECONCILE_RESULTS) this.reconcileTotal.inc({ controller, result }, 0);
    for (const outcome of RECONCILE_OUTCOMES) this.reconcileOutcomes.inc({ controller, outcome }, 0);
  }

  /** Counts one finished reconcile of the controller. */
  reconciled(controller: string, outcome: ReconcileOutcome, seconds: number): void {
    const result = RESULT_OF[outcome];
    this.reconcileTotal.inc({ controller, result });
    if (result === "error") this.reconcileErrors.inc({ controller });
    this.reconcileOutcomes.inc({ controller, outcome });
    this.reconcileTime.observe({ controller }, seconds);
  }

  /** Whether this process leads on the named Lease (a candidate starts at 0). */
  setLeader(lease: string, leading: boolean): void {
    this.leaderStatus.set({ name: lease }, leading ? 1 : 0);
  }

  /** The observer to hand to the API client. */
  readonly observeRequest: RequestObserver = (verb, resource, code, seconds, target) => {
    this.apiRequests.inc({ verb, resource, code: String(code) });
    // client-go's code label for a request that got no answer.
    if (target) this.restClientRequests.inc({ code: code === 0 ? "<error>" : String(code), ...target });
    if (verb !== "watch") this.apiRequestDuration.observe({ verb }, seconds);
  };
}
