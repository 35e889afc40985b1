// Prometheus metrics of the operator, in one registry per process.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { RequestObserver } from "./kube/api.js";

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

  readonly queueDepth = new Gauge({
    name: "compositeapp_workqueue_depth",
    help: "Keys waiting in the work queue.",
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

  /** The observer to hand to the API client. */
  readonly observeRequest: RequestObserver = (verb, resource, code, seconds) => {
    this.apiRequests.inc({ verb, resource, code: String(code) });
    if (verb !== "watch") this.apiRequestDuration.observe({ verb }, seconds);
  };
}
