// The operator process of the scale benchmark: started, stopped, and read (its Prometheus metrics, its CPU time).
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { spawnOperatorProcess } from "../test/support/operator-process.js";
import { freePort } from "../test/support/ports.js";
import { waitFor } from "../test/support/wait.js";
import { readSample, sumOf } from "./soak-metrics.js";

export interface OperatorSample {
  rss: number;
  heapUsed: number;
  /** V8's heap as committed (used + free), its young generation's part, and memory outside it. */
  heapTotal: number;
  newSpace: number;
  external: number;
  /** create, update, delete and patch requests sent so far, Events included. */
  writes: number;
  /** The same, on Events only. */
  eventWrites: number;
  writesBy: Record<string, number>;
  reconciles: number;
  /** Keys waiting in the work queue. */
  depth: number;
}

export async function operatorSample(base: string): Promise<OperatorSample> {
  const url = `${base}/metrics`;
  const sample = await readSample(url, 0);
  const text = await (await fetch(url)).text();
  const eventWrites = Object.entries(sample.writesBy)
    .filter(([k]) => k.split(" ")[1] === "events")
    .reduce((sum, [, v]) => sum + v, 0);
  return {
    rss: sample.rss,
    heapUsed: sample.heapUsed,
    heapTotal: sumOf(text, "nodejs_heap_size_total_bytes"),
    newSpace: sumOf(text, "nodejs_heap_space_size_total_bytes", (l) => l.includes('space="new"')),
    external: sumOf(text, "nodejs_external_memory_bytes"),
    writes: sample.writes,
    eventWrites,
    writesBy: sample.writesBy,
    reconciles: sumOf(text, "compositeapp_reconcile_total"),
    depth: sumOf(text, "workqueue_depth"),
  };
}

/** User + system CPU seconds of a process on this machine (/proc/PID/stat, USER_HZ = 100). */
export function processCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export const percentile = (xs: number[], p: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

/** Polls the operator until its metrics stop moving: no write and no reconcile for `quietMs`. */
export async function settle(url: string, quietMs = 5_000): Promise<OperatorSample> {
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
export async function startOperator(ns: string, port: number, log: string): Promise<ChildProcess> {
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

export async function stopOperator(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
