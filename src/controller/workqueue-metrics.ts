// The work queue's metrics under client-go's names (k8s.io/client-go/util/workqueue), labelled as
// controller-runtime labels them (name and controller: the controller's name), so the dashboards and
// alerts written for Go controllers read them unchanged.
import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import type { WorkQueueObserver } from "./runtime/workqueue.js";

/** controller-runtime's workqueue buckets: 10 ns to 1000 s, by factors of 10. */
const QUEUE_BUCKETS = Array.from({ length: 12 }, (_, i) => Number((1e-8 * 10 ** i).toPrecision(1)));

type QueueLabels = { name: string; controller: string };

export class WorkQueueMetrics {
  /** Per queue: when each key being processed was handed out (ms, from `now`). */
  private readonly processing = new Map<string, { labels: QueueLabels; startedAt: Map<string, number> }>();

  readonly adds: Counter<"name" | "controller">;
  readonly depth: Gauge<"name" | "controller">;
  readonly queueDuration: Histogram<"name" | "controller">;
  readonly workDuration: Histogram<"name" | "controller">;
  readonly retries: Counter<"name" | "controller">;
  readonly unfinishedWork: Gauge<"name" | "controller">;
  readonly longestRunningProcessor: Gauge<"name" | "controller">;

  constructor(
    registry: Registry,
    private readonly now: () => number,
  ) {
    const labelNames = ["name", "controller"] as const;
    const registers = [registry];
    this.adds = new Counter({
      name: "workqueue_adds_total",
      help: "Total number of adds handled by workqueue",
      labelNames,
      registers,
    });
    this.depth = new Gauge({ name: "workqueue_depth", help: "Current depth of workqueue", labelNames, registers });
    this.queueDuration = new Histogram({
      name: "workqueue_queue_duration_seconds",
      help: "How long in seconds an item stays in workqueue before being requested",
      labelNames,
      buckets: QUEUE_BUCKETS,
      registers,
    });
    this.workDuration = new Histogram({
      name: "workqueue_work_duration_seconds",
      help: "How long in seconds processing an item from workqueue takes.",
      labelNames,
      buckets: QUEUE_BUCKETS,
      registers,
    });
    this.retries = new Counter({
      name: "workqueue_retries_total",
      help: "Total number of retries handled by workqueue",
      labelNames,
      registers,
    });
    // Both gauges are computed when scraped, from the keys in flight (client-go updates them every 500 ms).
    const inFlight = (): Array<{ labels: QueueLabels; ages: number[] }> => {
      const now = this.now();
      return [...this.processing.values()].map(({ labels, startedAt }) => ({
        labels,
        ages: [...startedAt.values()].map((t) => (now - t) / 1000),
      }));
    };
    this.unfinishedWork = new Gauge({
      name: "workqueue_unfinished_work_seconds",
      help:
        "How many seconds of work has been done that is in progress and hasn't been observed by work_duration. " +
        "Large values indicate stuck threads. One can deduce the number of stuck threads by observing the rate at " +
        "which this increases.",
      labelNames,
      registers,
      collect() {
        for (const q of inFlight())
          this.set(
            q.labels,
            q.ages.reduce((a, b) => a + b, 0),
          );
      },
    });
    this.longestRunningProcessor = new Gauge({
      name: "workqueue_longest_running_processor_seconds",
      help: "How many seconds has the longest running processor for workqueue been running.",
      labelNames,
      registers,
      collect() {
        for (const q of inFlight()) this.set(q.labels, Math.max(0, ...q.ages));
      },
    });
  }

  /** The observer to hand to the work queue called `name` (the controller's name, as in controller-runtime). */
  observer(name: string): WorkQueueObserver {
    const labels = { name, controller: name };
    const startedAt = new Map<string, number>();
    this.processing.set(name, { labels, startedAt });
    this.depth.set(labels, 0);
    this.adds.inc(labels, 0);
    this.retries.inc(labels, 0);
    this.unfinishedWork.set(labels, 0);
    this.longestRunningProcessor.set(labels, 0);
    return {
      onAdd: () => {
        this.adds.inc(labels);
        this.depth.inc(labels);
      },
      onRetry: () => this.retries.inc(labels),
      onGet: (key, queuedSeconds) => {
        this.depth.dec(labels);
        this.queueDuration.observe(labels, queuedSeconds);
        startedAt.set(key, this.now());
      },
      onDone: (key, workSeconds) => {
        startedAt.delete(key);
        this.workDuration.observe(labels, workSeconds);
      },
    };
  }
}
