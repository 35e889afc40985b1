// The exposition reader the integration tier answers dashboard queries with.
import { describe, expect, it } from "vitest";
import { parseExposition, select, sumRateBy } from "../support/prometheus-text.js";

const scrape = (success: number, error: number, extra = "") => `# HELP controller_runtime_reconcile_total Total
# TYPE controller_runtime_reconcile_total counter
controller_runtime_reconcile_total{controller="compositeapp",result="success"} ${success}
controller_runtime_reconcile_total{controller="compositeapp",result="error"} ${error}
controller_runtime_reconcile_total{controller="other",result="success"} 100
rest_client_requests_total{code="<error>",method="GET",host="10.0.0.1:443"} 2
process_start_time_seconds 1700000000
${extra}`;

describe("prometheus-text", () => {
  it("reads samples with their labels, escaped values and timestamps", () => {
    const samples = parseExposition(`${scrape(1, 2)}x_total{a="q\\"uote\\\\",b="n\\nl"} 3 1700000000000\n`);
    expect(select(samples, "rest_client_requests_total")).toEqual([
      {
        name: "rest_client_requests_total",
        labels: { code: "<error>", method: "GET", host: "10.0.0.1:443" },
        value: 2,
      },
    ]);
    expect(select(samples, "process_start_time_seconds")[0]?.value).toBe(1_700_000_000);
    expect(select(samples, "x_total")[0]?.labels).toEqual({ a: 'q"uote\\', b: "n\nl" });
    expect(() => parseExposition("not a sample")).toThrow(/not a sample line: not a sample/);
  });

  it("answers sum(rate(...)) by (label) from two scrapes: per-second increase, new series from 0, resets", () => {
    const earlier = parseExposition(scrape(10, 4));
    const later = parseExposition(
      scrape(40, 1, 'controller_runtime_reconcile_total{controller="compositeapp",result="requeue_after"} 6'),
    );
    const rate = sumRateBy(
      { samples: earlier, at: 5_000 },
      { samples: later, at: 15_000 },
      {
        name: "controller_runtime_reconcile_total",
        matchers: { controller: "compositeapp" },
        by: "result",
      },
    );
    expect(Object.fromEntries(rate)).toEqual({ success: 3, error: 0.1, requeue_after: 0.6 });
  });
});
