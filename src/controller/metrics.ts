// Prometheus metrics of the operator, in one registry per process.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { RequestObserver } from "./kube/api.js";
import type { WorkQueueObserver } from "./runtime/workqueue.js";

/** client-go's workqueue latency buckets: 10 ns to 10 s, by factors of 10. */
const QUEUE_BUCKETS = Array.from({ length: 10 }, (_, i) => 1e-8 * 10 ** i);

export class OperatorMetrics {
  readonly registry = new Registry();

  readonly reconcileTotal = new Counter({
    name: "compositeapp_reconcile_total",
    help: "Reconciles by result (success, error, requeue, cancelled).",
    labelNames: ["result"] as const,
    registers: [this.registry],
  });

  readonly reconcileDuration = new Histogram({
    name: "compositeapp_reconcile_duration_seconds",
    help: "Duration of one reconcile, by result.",
    labelNames: ["result"] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  // The work queue's metrics under client-go's names (k8s.io/client-go/util/workqueue), so the
  // dashboards and alerts written for Go controllers read them unchanged.
  readonly queueAdds = new Counter({
    name: "workqueue_adds_total",
    help: "Total number of adds handled by workqueue",
    labelNames: ["name"] as const,
    registers: [this.registry],
  });

  readonly queueDepth = new Gauge({
    name: "workqueue_depth",
    help: "Current depth of workqueue",
    labelNames: ["name"] as const,
    registers: [this.registry],
  });

  readonly queueLatency = new Histogram({
    name: "workqueue_queue_duration_seconds",
    help: "How long in seconds an item stays in workqueue before being requested.",
    labelNames: ["name"] as const,
    buckets: QUEUE_BUCKETS,
    registers: [this.registry],
  });

  readonly workDuration = new Histogram({
    name: "workqueue_work_duration_seconds",
    help: "How long in seconds processing an item from workqueue takes.",
    labelNames: ["name"] as const,
    buckets: QUEUE_BUCKETS,
    registers: [this.registry],
  });

  readonly queueRetries = new Counter({
    name: "workqueue_retries_total",
    help: "Total number of retries handled by workqueue",
    labelNames: ["name"] as const,
    registers: [this.registry],
  });

  readonly apiRequests = new Counter({
    name: "compositeapp_api_requests_total",
    help: "Requests to the Kubernetes API by verb, resource and HTTP code.",
    labelNames: ["verb", "resource", "code"] as const,
    registers: [this.registry],
  });

  readonly apiRequestDuration = new Histogram({
    name: "compositeapp_api_request_duration_seconds",
    help: "Duration of Kubernetes API requests (watches excluded) by verb.",
    labelNames: ["verb"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly isLeader = new Gauge({
    name: "compositeapp_leader",
    help: "1 while this process holds the leader lease (or runs without leader election).",
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** The observer to hand to a work queue: its metrics, labelled with its name. */
  workQueueObserver(name: string): WorkQueueObserver {
    const labels = { name };
    this.queueDepth.set(labels, 0);
    return {
      onAdd: () => {
        this.queueAdds.inc(labels);
        this.queueDepth.inc(labels);
      },
      onRetry: () => this.queueRetries.inc(labels),
      onGet: (_key, queuedSeconds) => {
        this.queueDepth.dec(labels);
        this.queueLatency.observe(labels, queuedSeconds);
      },
      onDone: (_key, workSeconds) => this.workDuration.observe(labels, workSeconds),
    };
  }

  /** The observer to hand to the API client. */
  readonly observeRequest: RequestObserver = (verb, resource, code, seconds) => {
    this.apiRequests.inc({ verb, resource, code: String(code) });
    if (verb !== "watch") this.apiRequestDuration.observe({ verb }, seconds);
  };
}
