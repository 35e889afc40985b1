// Scale: creates the same Pod (main container + native log shipper) BENCH_SCALE_N times (default 1000)
// three ways in one run, at the operator's concurrency: directly with the project's client (the
// limit), through one ReplicaSet per Pod (kube-controller-manager), and through one CompositeApp per
// Pod (`compositeapp run` as its own process, default flags). Prints a table: time to all Pods created,
// latencies, the operator's API writes per app, writes at rest, memory, restart and CPU per reconcile.
// Run on the API server alone (Pods stay Pending without a kubelet: creation is what is measured):
//   npm run cluster:up -- --api-only && source hack/cluster/env.sh && npm run bench:scale
// or with KWOK nodes, where every Pod is scheduled and turns Ready, and readiness is measured too (each
// node holds 5,000 Pods, and the Pods of all three ways exist together until the end):
//   npm run cluster:up -- --api-only --kwok 6 && source hack/cluster/env.sh && BENCH_SCALE_N=10000 npm run bench:scale
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChildProcess } from "node:child_process";
import type { V1Pod } from "@kubernetes/client-node";
import { expect, it } from "vitest";
import { validateCompositeApp } from "../src/api/parse.js";
import { PODS, type KubeObject, type Resource } from "../src/controller/kube/api.js";
import { HttpApiClient, loadKubeConfig } from "../src/controller/kube/client.js";
import { COMPOSITEAPPS } from "../src/controller/compositeapps.js";
import { DEFAULT_PRESET_IMAGES, renderTemplate } from "../src/core/index.js";
import { installCrd } from "../test/support/crd.js";
import { createNamespace, deleteNamespace, requireCluster } from "../test/support/kubectl.js";
import { spawnOperatorProcess } from "../test/support/operator-process.js";
import { waitFor } from "../test/support/wait.js";
import { freePort, operatorSample, percentile, processCpuSeconds, type OperatorSample } from "./scale-support.js";
import { kwokNodes, watchApps, watchPods, type Seen } from "./scale-watch.js";

const N = Number(process.env.BENCH_SCALE_N ?? 1000);
/** The operator's default --concurrency: every way creates with as many requests in flight. */
const CONCURRENCY = 4;
const REPLICASETS: Resource = { group: "apps", version: "v1", plural: "replicasets", namespaced: true };
const REST_WINDOW_MS = 30_000;
/** BENCH_SCALE_REPLICASETS=0 leaves the ReplicaSets out (at N = 10,000 they take about 20 minutes). */
const WITH_REPLICASETS = process.env.BENCH_SCALE_REPLICASETS !== "0";
/** A way that was not run: its cells print "not run". */
const NOT_RUN: Way = { seconds: NaN, latency: [], readySeconds: NaN, readyLatency: [] };

const APP_SPEC = {
  volumes: [{ name: "logs", emptyDir: {} }],
  main: {
    name: "main",
    image: "docker.io/library/busybox:1.35",
    command: ["sh", "-c", "while true; do date >> /logs/a.log; sleep 1; done"],
    volumeMounts: [{ name: "logs", mountPath: "/logs" }],
  },
  sidecars: [{ name: "ship", preset: { logShipper: { volume: "logs", mountPath: "/logs", files: ["a.log"] } } }],
  pod: { terminationGracePeriodSeconds: 1 },
};

/** The Pod an app of APP_SPEC renders to, for the raw client and the ReplicaSets. */
function podTemplate() {
  const v = validateCompositeApp({
    apiVersion: "compositeapp.io/v1alpha1",
    kind: "CompositeApp",
    metadata: { name: "x" },
    spec: APP_SPEC,
  });
  if (!v.ok) throw new Error(v.errors.join("; "));
  return renderTemplate(v.app, { sidecarMode: "Native", images: DEFAULT_PRESET_IMAGES }).spec;
}

/** Runs make(0..N-1) with CONCURRENCY in flight; returns each call's start and end (ms). */
async function pool(make: (i: number) => Promise<unknown>): Promise<{ start: number[]; end: number[] }> {
  const start: number[] = [];
  const end: number[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < N; i = next++) {
      start[i] = performance.now();
      await make(i);
      end[i] = performance.now();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { start, end };
}

const ms = (x: number) => `${x.toFixed(0)} ms`;
const latencies = (xs: number[]) =>
  xs.length === 0 ? "not run" : `${ms(percentile(xs, 50))} / ${ms(percentile(xs, 99))}`;

/** Set when the cluster has KWOK nodes: every Pod is scheduled and turns Ready. */
let readiness = false;

interface Way {
  seconds: number;
  latency: number[];
  /** With KWOK nodes: time to every Pod Ready, and each create → its Pod Ready. */
  readySeconds?: number;
  readyLatency?: number[];
}

/** Time from the first create to the last of `at`, and each create → its key's time. */
function timings(start: number[], at: Map<string, number>, prefix: string) {
  return {
    seconds: (Math.max(...at.values()) - Math.min(...start)) / 1000,
    latency: start.map((s, i) => at.get(`${prefix}${i}`)! - s),
  };
}

/** Creates through `create` and watches the Pods (and, with `alsoWait`, more) until done. */
async function throughOwners(
  ns: string,
  create: (i: number) => Promise<unknown>,
  keyOf: (p: V1Pod) => string | undefined,
  prefix: string,
  alsoWatch?: Seen,
): Promise<Way & { start: number[] }> {
  const pods = watchPods(ns, keyOf);
  await Promise.all([pods.informer.waitForSync(), alsoWatch?.informer.waitForSync()]);
  try {
    const { start } = await pool(create);
    await pods.all(N, "created");
    const created = timings(start, pods.created, prefix);
    if (!readiness) return { ...created, start };
    await pods.all(N, "ready");
    const ready = timings(start, pods.ready, prefix);
    return { ...created, readySeconds: ready.seconds, readyLatency: ready.latency, start };
  } finally {
    await pods.informer.stop();
  }
}

async function rawClient(api: HttpApiClient, ns: string, spec: object): Promise<Way> {
  let ends: number[] = [];
  const way = await throughOwners(
    ns,
    async (i) => {
      await api.create(PODS, ns, { apiVersion: "v1", kind: "Pod", metadata: { name: `raw-${i}` }, spec });
      ends[i] = performance.now();
    },
    (p) => p.metadata?.name,
    "raw-",
  );
  // The raw client's "created" is its create call returning.
  ends = ends.slice(0, N);
  return {
    ...way,
    seconds: (Math.max(...ends) - Math.min(...way.start)) / 1000,
    latency: ends.map((e, i) => e - way.start[i]!),
  };
}

/** Polls the operator until its metrics stop moving: no write and no reconcile for `quietMs`. */
async function settle(url: string, quietMs = 5_000): Promise<OperatorSample> {
  let last = await operatorSample(url);
  for (let quietSince = performance.now(); ;) {
    await new Promise((r) => setTimeout(r, 1_000));
    const now = await operatorSample(url);
    if (now.writes !== last.writes || now.reconciles !== last.reconciles || now.depth > 0)
      quietSince = performance.now();
    last = now;
    if (performance.now() - quietSince >= quietMs) return now;
  }
}

/** Metrics over plain HTTP on `port`, which the benchmark reads; probes on another free port. */
async function startOperator(ns: string, port: number, log: string): Promise<ChildProcess> {
  const probePort = await freePort();
  const child = spawnOperatorProcess(
    [
      "--namespace",
      ns,
      "--metrics-bind-address",
      `127.0.0.1:${port}`,
      "--metrics-secure=false",
      "--health-probe-bind-address",
      `127.0.0.1:${probePort}`,
      "--log-level",
      "warn",
    ],
    log,
  );
  await waitFor(
    `the operator to be ready (log: ${log})`,
    async () => {
      if (child.exitCode !== null) throw new Error(`the operator exited with ${child.exitCode}; see ${log}`);
      return (await fetch(`http://127.0.0.1:${probePort}/readyz`).catch(() => undefined))?.ok;
    },
    120_000,
    100,
  );
  return child;
}

async function stopOperator(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

interface OperatorRun {
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
}

interface AppObject extends KubeObject {
  spec: unknown;
}

/** The operator as its own process: N apps created, settled, at rest, then restarted with them all. */
async function throughOperator(api: HttpApiClient, ns: string, log: string): Promise<OperatorRun> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child = await startOperator(ns, port, log);
  try {
    const before = await operatorSample(url);
    const cpu0 = processCpuSeconds(child.pid!);
    const apps = watchApps(ns);
    const app = await throughOwners(
      ns,
      (i) =>
        api.create<AppObject>(COMPOSITEAPPS, ns, {
          apiVersion: "compositeapp.io/v1alpha1",
          kind: "CompositeApp",
          metadata: { name: `app-${i}` },
          spec: APP_SPEC,
        }),
      (p) => p.metadata?.labels?.["compositeapp.io/name"],
      "app-",
      apps,
    );
    let appReady: { seconds: number; latency: number[] } | undefined;
    if (readiness) {
      await apps.all(N, "ready");
      appReady = timings(app.start, apps.ready, "app-");
    }
    await apps.informer.stop();
    const settled = await settle(url);
    const cpuSeconds = processCpuSeconds(child.pid!) - cpu0;
    await new Promise((r) => setTimeout(r, REST_WINDOW_MS));
    const rest = await operatorSample(url);

    await stopOperator(child);
    const restartedAt = performance.now();
    child = await startOperator(ns, port, log);
    const readyAfterMs = performance.now() - restartedAt;
    const reconciledAll = async () => {
      const s = await operatorSample(url);
      return s.reconciles >= N && s.depth === 0;
    };
    await waitFor("every app reconciled after the restart", reconciledAll, 600_000, 100);
    const idleAfterMs = performance.now() - restartedAt;
    const afterRestart = await settle(url);
    const ready = appReady && { appReadySeconds: appReady.seconds, appReadyLatency: appReady.latency };
    return { app, ...ready, before, settled, rest, cpuSeconds, readyAfterMs, idleAfterMs, afterRestart };
  } finally {
    await stopOperator(child);
  }
}

const statusWrites = (s: OperatorSample) =>
  Object.entries(s.writesBy)
    .filter(([k]) => k.split(" ")[1] === "compositeapps/status")
    .reduce((sum, [, v]) => sum + v, 0);

function readinessRows(raw: Way, rs: Way, op: OperatorRun, row: (cells: string[]) => string): string[] {
  const s = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? "not run" : `${x.toFixed(1)} s`);
  const l = (xs: number[] | undefined) => latencies(xs ?? []);
  return [
    row([`time to ${N} Pods Ready`, s(raw.readySeconds), s(rs.readySeconds), s(op.app.readySeconds)]),
    row(["create → Pod Ready p50 / p99", l(raw.readyLatency), l(rs.readyLatency), l(op.app.readyLatency)]),
    row([`create → app Ready p50 / p99 (all ${s(op.appReadySeconds)})`, "", "", l(op.appReadyLatency)]),
  ];
}

function report(raw: Way, rs: Way, op: OperatorRun, log: string): void {
  const { app, before, settled, rest, afterRestart } = op;
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
      `scale: N = ${N}, concurrency ${CONCURRENCY}, operator with default flags, ${readiness ? "KWOK nodes: Pods turn Ready" : "no nodes: Pods stay Pending"} (log: ${log})`,
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
      ...(readiness ? readinessRows(raw, rs, op, row) : []),
      "",
      "| operator | |",
      "| --- | ---: |",
      `| API writes per app on create${readiness ? " and readiness" : ""}, and Events | ${perApp(nonEvents(settled) - nonEvents(before))} + ${perApp(settled.eventWrites - before.eventWrites)} Events |`,
      `| of which status writes per app | ${perApp(statusWrites(settled) - statusWrites(before))} |`,
      `| API writes per minute at rest | ${(((rest.writes - settled.writes) / REST_WINDOW_MS) * 60_000).toFixed(1)} |`,
      `| RSS / heap used after settling | ${mib(settled)} |`,
      `| of RSS: V8 heap committed (young generation), external | ${breakdown(settled)} |`,
      `| CPU seconds per 1,000 reconciles (creation) | ${((op.cpuSeconds / reconciles) * 1000).toFixed(2)} (${op.cpuSeconds.toFixed(1)} s, ${reconciles} reconciles) |`,
      `| restart with ${N} apps: ready / idle | ${(op.readyAfterMs / 1000).toFixed(1)} s / ${(op.idleAfterMs / 1000).toFixed(1)} s |`,
      // A new process: its counters start at 0.
      `| API writes after the restart | ${afterRestart.writes} |`,
      `| RSS / heap used after the restart | ${mib(afterRestart)} |`,
      "writes by verb, resource and code during creation:",
      ...Object.entries(settled.writesBy).map(([k, v]) => `  ${k}: ${v - (before.writesBy[k] ?? 0)}`),
    ].join("\n"),
  );
}

it(
  `creates ${N} Pods directly, through ReplicaSets and through CompositeApps`,
  { timeout: 900_000 + N * 2_000 },
  async () => {
    await requireCluster();
    await installCrd();
    const api = new HttpApiClient(loadKubeConfig());
    readiness = (await kwokNodes(api)) > 0;
    const spec = podTemplate();
    const namespaces = await Promise.all(["scale-raw", "scale-rs", "scale-app"].map(createNamespace));
    const [rawNs, rsNs, appNs] = namespaces as [string, string, string];
    const log = join(mkdtempSync(join(tmpdir(), "compositeapp-scale-")), "operator.log");
    try {
      const raw = await rawClient(api, rawNs, spec);
      const replicaSet = (i: number) => ({
        apiVersion: "apps/v1",
        kind: "ReplicaSet",
        metadata: { name: `rs-${i}` },
        spec: {
          replicas: 1,
          selector: { matchLabels: { rs: `rs-${i}` } },
          template: { metadata: { labels: { rs: `rs-${i}` } }, spec },
        },
      });
      const ownerName = (p: V1Pod) => p.metadata?.ownerReferences?.[0]?.name;
      const rs = WITH_REPLICASETS
        ? await throughOwners(rsNs, (i) => api.create(REPLICASETS, rsNs, replicaSet(i)), ownerName, "rs-")
        : NOT_RUN;
      const op = await throughOperator(api, appNs, log);
      report(raw, rs, op, log);
      expect(op.app.latency.every(Number.isFinite)).toBe(true);
      expect(readFileSync(log, "utf8")).not.toMatch(/"level":(50|60)/);
    } finally {
      api.close();
      await Promise.all(namespaces.map((ns) => deleteNamespace(ns)));
    }
  },
);
