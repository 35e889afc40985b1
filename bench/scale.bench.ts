// Scale: creates the same Pod (main container + native log shipper) BENCH_SCALE_N times (default 1000)
// three ways in one run, at the operator's concurrency: directly with the project's client (the
// limit), through one ReplicaSet per Pod (kube-controller-manager), and through one CompositeApp per
// Pod (`compositeapp run` as its own process, default flags). Prints a table: time to all Pods created,
// latencies, the operator's API writes per app, writes at rest, memory, restart and CPU per reconcile;
// then the CPU seconds each control-plane process, the operator and the benchmark spent while each way
// created its Pods (bench/scale-profile.ts).
// Run on the API server alone (Pods stay Pending without a kubelet: creation is what is measured):
//   npm run cluster:up -- --api-only && source hack/cluster/env.sh && npm run bench:scale
// or with KWOK nodes, where every Pod is scheduled and turns Ready, and readiness is measured too (each
// node holds 5,000 Pods, and the Pods of all three ways exist together until the end):
//   npm run cluster:up -- --api-only --kwok 6 && source hack/cluster/env.sh && BENCH_SCALE_N=10000 npm run bench:scale
// BENCH_SCALE_RATE=R paces the creates to R per second, to measure latency below saturation.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { V1Pod } from "@kubernetes/client-node";
import { expect, it } from "vitest";
import { validateCompositeApp } from "../src/api/parse.js";
import { PODS, type KubeObject, type Resource } from "../src/controller/kube/api.js";
import { HttpApiClient, loadKubeConfig } from "../src/controller/kube/client.js";
import { COMPOSITEAPPS } from "../src/controller/compositeapps.js";
import { DEFAULT_PRESET_IMAGES, renderTemplate } from "../src/core/index.js";
import { installCrd } from "../test/support/crd.js";
import { createNamespace, deleteNamespace, requireCluster } from "../test/support/kubectl.js";
import { waitFor } from "../test/support/wait.js";
import { cpuBetween, cpuSnapshot, type WayCpu } from "./scale-profile.js";
import { report, type OperatorRun, type Way } from "./scale-report.js";
import { freePort } from "../test/support/ports.js";
import { operatorSample, processCpuSeconds, settle, startOperator, stopOperator } from "./scale-support.js";
import { kwokNodes, watchApps, watchPods, type Seen } from "./scale-watch.js";

const N = Number(process.env.BENCH_SCALE_N ?? 1000);
/** The operator's default --concurrency: every way creates with as many requests in flight. */
const CONCURRENCY = 4;
const REPLICASETS: Resource = { group: "apps", version: "v1", plural: "replicasets", namespaced: true };
const REST_WINDOW_MS = 30_000;
/**
 * BENCH_SCALE_RATE=R paces every way to R creates per second (open loop, still at most CONCURRENCY in
 * flight), so latency is measured at a load the machine sustains rather than at saturation. Unset:
 * each way creates as fast as CONCURRENCY allows, which measures throughput.
 */
const RATE = process.env.BENCH_SCALE_RATE ? Number(process.env.BENCH_SCALE_RATE) : undefined;
if (RATE !== undefined && !(RATE > 0)) throw new Error(`BENCH_SCALE_RATE must be a positive number, not ${RATE}`);
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

/**
 * Runs make(0..N-1) with CONCURRENCY in flight, each not before its turn at RATE when that is set;
 * returns each call's start and end (ms).
 */
async function pool(make: (i: number) => Promise<unknown>): Promise<{ start: number[]; end: number[] }> {
  const start: number[] = [];
  const end: number[] = [];
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    for (let i = next++; i < N; i = next++) {
      const wait = RATE === undefined ? 0 : t0 + (i * 1000) / RATE - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      start[i] = performance.now();
      await make(i);
      end[i] = performance.now();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { start, end };
}

/** Set when the cluster has KWOK nodes: every Pod is scheduled and turns Ready. */
let readiness = false;

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
  also: { watch?: Seen; operatorPid?: number } = {},
): Promise<Way & { start: number[] }> {
  const { watch: alsoWatch, operatorPid } = also;
  const pods = watchPods(ns, keyOf);
  await Promise.all([pods.informer.waitForSync(), alsoWatch?.informer.waitForSync()]);
  try {
    const cpu0 = cpuSnapshot(operatorPid);
    const { start, end } = await pool(create);
    await pods.all(N, "created");
    const cpu: WayCpu = { created: cpuBetween(cpu0, cpuSnapshot(operatorPid)) };
    const created = {
      ...timings(start, pods.created, prefix),
      callLatency: end.map((e, i) => e - start[i]!),
      afterCall: end.map((e, i) => pods.created.get(`${prefix}${i}`)! - e),
    };
    if (!readiness) return { ...created, start, cpu };
    await pods.all(N, "ready");
    cpu.ready = cpuBetween(cpu0, cpuSnapshot(operatorPid));
    const ready = timings(start, pods.ready, prefix);
    return { ...created, readySeconds: ready.seconds, readyLatency: ready.latency, start, cpu };
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
      { watch: apps, operatorPid: child.pid },
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
    await new Promise((r) => setTimeout(r, REST_WINDOW_MS));
    const restAfterRestart = await operatorSample(url);
    const ready = appReady && { appReadySeconds: appReady.seconds, appReadyLatency: appReady.latency };
    const samples = { before, settled, rest, afterRestart, restAfterRestart };
    return { app, ...ready, ...samples, cpuSeconds, readyAfterMs, idleAfterMs };
  } finally {
    await stopOperator(child);
  }
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
      const shape = {
        n: N,
        concurrency: CONCURRENCY,
        rate: RATE,
        readiness,
        restWindowMs: REST_WINDOW_MS,
        withReplicaSets: WITH_REPLICASETS,
      };
      report(shape, raw, rs, op, log);
      expect(op.app.latency.every(Number.isFinite)).toBe(true);
      expect(readFileSync(log, "utf8")).not.toMatch(/"level":(50|60)/);
    } finally {
      api.close();
      await Promise.all(namespaces.map((ns) => deleteNamespace(ns)));
    }
  },
);
