// The scale benchmark's printed report: the table of the three ways, the operator's figures, and where
// the CPU went during creation.
import type { OperatorSample } from "./scale-support.js";
import { cpuTable, type WayCpu } from "./scale-profile.js";
import { percentile } from "./scale-support.js";

/** What the report needs to know about the run. */
export interface RunShape {
  n: number;
  concurrency: number;
  /** Creates per second each way was paced to; undefined: as fast as the concurrency allows. */
  rate?: number | undefined;
  /** KWOK nodes: Pods turn Ready. */
  readiness: boolean;
  restWindowMs: number;
  withReplicaSets: boolean;
}

const ms = (x: number) => `${x.toFixed(0)} ms`;
const latencies = (xs: number[]) =>
  xs.length === 0 ? "not run" : `${ms(percentile(xs, 50))} / ${ms(percentile(xs, 99))}`;
const opt = (xs: number[] | undefined) => latencies(xs ?? []);

export interface Way {
  seconds: number;
  latency: number[];
  /** Each create call's own duration, and its return → the Pod seen (the owner's reaction). */
  callLatency?: number[];
  afterCall?: number[];
  /** With KWOK nodes: time to every Pod Ready, and each create → its Pod Ready. */
  readySeconds?: number;
  readyLatency?: number[];
  /** CPU seconds of each process from the first create to all Pods created (and Ready). */
  cpu?: WayCpu;
}

export interface OperatorRun {
  app: Way;
  /** With KWOK nodes: each app create → the app's status Ready, and the time to all. */
  appReadySeconds?: number;
  appReadyLatency?: number[];
  before: OperatorSample;
  settled: OperatorSample;
  rest: OperatorSample;
  cpuSeconds: number;
  readyAfterMs: number;
  idleAfterMs: number;
  afterRestart: OperatorSample;
  /** The restarted process after the rest window: RSS once V8 has had time to give memory back. */
  restAfterRestart: OperatorSample;
}

const statusWrites = (s: OperatorSample) =>
  Object.entries(s.writesBy)
    .filter(([k]) => k.split(" ")[1] === "compositeapps/status")
    .reduce((sum, [, v]) => sum + v, 0);

function readinessRows(N: number, raw: Way, rs: Way, op: OperatorRun, row: (cells: string[]) => string): string[] {
  const s = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? "not run" : `${x.toFixed(1)} s`);
  const l = opt;
  return [
    row([`time to ${N} Pods Ready`, s(raw.readySeconds), s(rs.readySeconds), s(op.app.readySeconds)]),
    row(["create → Pod Ready p50 / p99", l(raw.readyLatency), l(rs.readyLatency), l(op.app.readyLatency)]),
    row([`create → app Ready p50 / p99 (all ${s(op.appReadySeconds)})`, "", "", l(op.appReadyLatency)]),
  ];
}

export function report(run: RunShape, raw: Way, rs: Way, op: OperatorRun, log: string): void {
  const { n: N, concurrency: CONCURRENCY, rate: RATE, readiness, restWindowMs: REST_WINDOW_MS, withReplicaSets } = run;
  const { app, before, settled, rest, afterRestart, restAfterRestart } = op;
  const nonEvents = (s: OperatorSample) => s.writes - s.eventWrites;
  const perApp = (x: number) => (x / N).toFixed(2);
  const m = (x: number) => (x / 2 ** 20).toFixed(0);
  const breakdown = (s: OperatorSample) => `${m(s.heapTotal)} (${m(s.newSpace)}), ${m(s.external)} MiB`;
  const mib = (s: OperatorSample) => `${(s.rss / 2 ** 20).toFixed(0)} / ${(s.heapUsed / 2 ** 20).toFixed(0)} MiB`;
  const reconciles = settled.reconciles - before.reconciles;
  const cell = (c: string) => (c.includes("NaN") ? "not run" : c); // a way left out
  const row = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(46) : cell(c).padStart(13))).join(" | ")} |`;
  const rate = (w: Way) => (raw.seconds / w.seconds).toFixed(2);
  const seconds = (w: Way) => `${w.seconds.toFixed(1)} s`;
  const perSecond = (w: Way) => (N / w.seconds).toFixed(0);
  console.log(
    [
      `scale: N = ${N}, concurrency ${CONCURRENCY}${RATE === undefined ? "" : `, paced to ${RATE} creates/s`}, operator with default flags, ${readiness ? "KWOK nodes: Pods turn Ready" : "no nodes: Pods stay Pending"} (log: ${log})`,
      row(["", "raw client", "ReplicaSets", "CompositeApps"]),
      row(["---", "---:", "---:", "---:"]),
      row([`time to ${N} Pods created`, seconds(raw), seconds(rs), seconds(app)]),
      row(["Pods per second", perSecond(raw), perSecond(rs), perSecond(app)]),
      row(["creation rate against the raw client", "1.00", rate(rs), rate(app)]),
      row([
        "create → Pod p50 / p99 (raw: the create call)",
        latencies(raw.latency),
        latencies(rs.latency),
        latencies(app.latency),
      ]),
      row(["of which the create call p50 / p99", latencies(raw.latency), opt(rs.callLatency), opt(app.callLatency)]),
      row(["of which call returned → Pod p50 / p99", "", opt(rs.afterCall), opt(app.afterCall)]),
      ...(readiness ? readinessRows(N, raw, rs, op, row) : []),
      "",
      "| operator | |",
      "| --- | ---: |",
      `| API writes per app on create${readiness ? " and readiness" : ""}, and Events | ${perApp(nonEvents(settled) - nonEvents(before))} + ${perApp(settled.eventWrites - before.eventWrites)} Events |`,
      `| of which status writes per app | ${perApp(statusWrites(settled) - statusWrites(before))} |`,
      `| API writes per minute at rest | ${(((rest.writes - settled.writes) / REST_WINDOW_MS) * 60_000).toFixed(1)} |`,
      `| RSS / heap used after settling (5 s quiet) / after ${REST_WINDOW_MS / 1000} s more at rest | ${mib(settled)} / ${mib(rest)} |`,
      `| of RSS: V8 heap committed (young generation), external | ${breakdown(settled)} |`,
      `| CPU seconds per 1,000 reconciles (creation) | ${((op.cpuSeconds / reconciles) * 1000).toFixed(2)} (${op.cpuSeconds.toFixed(1)} s, ${reconciles} reconciles) |`,
      `| restart with ${N} apps: ready / idle | ${(op.readyAfterMs / 1000).toFixed(1)} s / ${(op.idleAfterMs / 1000).toFixed(1)} s |`,
      // A new process: its counters start at 0.
      `| API writes after the restart, rest window included | ${restAfterRestart.writes} |`,
      `| RSS / heap used after the restart (5 s quiet) / after ${REST_WINDOW_MS / 1000} s more at rest | ${mib(afterRestart)} / ${mib(restAfterRestart)} |`,
      "",
      ...cpuTable(
        [
          ["raw client", raw.cpu],
          ["ReplicaSets", withReplicaSets ? rs.cpu : undefined],
          ["CompositeApps", app.cpu],
        ],
        readiness,
      ),
      "",
      "writes by verb, resource and code during creation:",
      ...Object.entries(settled.writesBy).map(([k, v]) => `  ${k}: ${v - (before.writesBy[k] ?? 0)}`),
    ].join("\n"),
  );
}
