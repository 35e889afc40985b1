// Soak: churns CompositeApps (create, update, scale, delete) on the cluster in KUBECONFIG for
// SOAK_MINUTES (default 30) against `compositeapp run` as its own process, and prints the operator's
// RSS, heap, open handles and API writes per minute at the start and at the end of the run, with the
// growth. Run: `npm run bench:soak` (an API-server-only cluster is enough: `npm run cluster:up -- --api-only`).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { isNotFound, type KubeObject } from "../src/controller/kube/api.js";
import { HttpApiClient, loadKubeConfig } from "../src/controller/kube/client.js";
import { COMPOSITEAPPS } from "../src/controller/compositeapps.js";
import { installCrd } from "../test/support/crd.js";
import { createNamespace, deleteNamespace, requireCluster } from "../test/support/kubectl.js";
import { freePort } from "../test/support/ports.js";
import { startOperator, stopOperator } from "./scale-support.js";
import { growth, mean, readSample, type Sample } from "./soak-metrics.js";

const MINUTES = Number(process.env.SOAK_MINUTES ?? 30);
const APPS = Number(process.env.SOAK_APPS ?? 20);
/** Pause between two churn operations. */
const INTERVAL_MS = Number(process.env.SOAK_INTERVAL_MS ?? 250);
const SAMPLE_MS = 5_000;
const DURATION_MS = MINUTES * 60_000;
/** Start and end are averaged over windows of a sixth of the run (30 s to 5 min); the first window warms up. */
const WINDOW_MS = Math.min(300_000, Math.max(30_000, DURATION_MS / 6));

/** A deterministic pseudo-random sequence (mulberry32), so two runs churn alike. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface App extends KubeObject {
  spec: { replicas: number; main: { env: { name: string; value: string }[] } & Record<string, unknown> } & Record<
    string,
    unknown
  >;
}

function appOf(name: string, i: number): App {
  return {
    apiVersion: "compositeapp.io/v1alpha1",
    kind: "CompositeApp",
    metadata: { name },
    spec: {
      replicas: 1 + (i % 3),
      // Without a kubelet no Pod becomes ready: both strategies still make progress.
      updateStrategy: i % 2 ? { type: "Recreate" } : { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1 } },
      main: {
        name: "main",
        image: "docker.io/library/busybox:1.35",
        command: ["sleep", "3600"],
        env: [{ name: "GENERATION", value: "0" }],
      },
      sidecars: [{ name: "helper", image: "docker.io/library/busybox:1.35", command: ["sleep", "3600"] }],
      pod: { terminationGracePeriodSeconds: 0 },
    },
  };
}

/** One churn step on a random app: create it when absent, else update, scale or delete it. */
async function churn(api: HttpApiClient, ns: string, rnd: () => number, counts: Record<string, number>) {
  const i = Math.floor(rnd() * APPS);
  const name = `soak-${i}`;
  let current: App | undefined;
  try {
    current = await api.get<App>(COMPOSITEAPPS, ns, name);
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  const roll = rnd();
  let op: string;
  if (!current) {
    op = "create";
    await api.create(COMPOSITEAPPS, ns, appOf(name, i));
  } else if (roll < 0.4) {
    op = "update";
    const env = [{ name: "GENERATION", value: String(Number(current.spec.main.env[0]?.value ?? 0) + 1) }];
    await api.replace(COMPOSITEAPPS, ns, name, {
      ...current,
      spec: { ...current.spec, main: { ...current.spec.main, env } },
    });
  } else if (roll < 0.8) {
    op = "scale";
    await api.replace(COMPOSITEAPPS, ns, name, {
      ...current,
      spec: { ...current.spec, replicas: 1 + Math.floor(rnd() * 3) },
    });
  } else {
    op = "delete";
    await api.delete(COMPOSITEAPPS, ns, name);
  }
  counts[op] = (counts[op] ?? 0) + 1;
}

it(
  `churns ${APPS} apps for ${MINUTES} min and reports the operator's resource use`,
  async () => {
    await requireCluster();
    await installCrd();
    const ns = await createNamespace("soak");
    const port = await freePort();
    const log = join(mkdtempSync(join(tmpdir(), "compositeapp-soak-")), "operator.log");
    // Metrics over plain HTTP, read by the sampler below; resolves once the operator is ready.
    const child = await startOperator(ns, port, log);
    const metricsUrl = `http://127.0.0.1:${port}/metrics`;
    const api = new HttpApiClient(loadKubeConfig());
    const samples: Sample[] = [];
    const counts: Record<string, number> = {};
    /** When each churn step ended, in ms since the start. */
    const steps: number[] = [];
    let conflicts = 0;
    try {
      // Start from a full set of apps, so the run churns a steady working set instead of filling it.
      for (let i = 0; i < APPS; i++) await api.create(COMPOSITEAPPS, ns, appOf(`soak-${i}`, i));
      const t0 = performance.now();
      const elapsed = () => performance.now() - t0;
      const sampler = setInterval(() => {
        void readSample(metricsUrl, elapsed()).then((s) => samples.push(s));
      }, SAMPLE_MS);
      const rnd = random(42);
      try {
        samples.push(await readSample(metricsUrl, 0));
        while (elapsed() < DURATION_MS) {
          if (child.exitCode !== null) throw new Error(`the operator exited with ${child.exitCode}; see ${log}`);
          await churn(api, ns, rnd, counts).catch((err: unknown) => {
            // Another step may have changed the app between our read and write: fine for churn.
            if ((err as { code?: number }).code === 409) conflicts++;
            else throw err;
          });
          steps.push(elapsed());
          await new Promise((r) => setTimeout(r, INTERVAL_MS));
        }
        samples.push(await readSample(metricsUrl, elapsed()));
      } finally {
        clearInterval(sampler);
      }
      report(samples, steps, counts, conflicts);
      expect(child.exitCode).toBeNull();
    } finally {
      api.close();
      await stopOperator(child);
      await deleteNamespace(ns);
    }
  },
  DURATION_MS + 300_000,
);

function report(samples: Sample[], steps: number[], counts: Record<string, number>, conflicts: number): void {
  samples.sort((a, b) => a.at - b.at);
  const endAt = samples.at(-1)!.at;
  const start = samples.filter((s) => s.at >= WINDOW_MS && s.at <= 2 * WINDOW_MS);
  const end = samples.filter((s) => s.at >= endAt - WINDOW_MS);
  const span = (w: Sample[]) => w.at(-1)!.at - w[0]!.at;
  const perMinute = (w: Sample[]) => ((w.at(-1)!.writes - w[0]!.writes) / span(w)) * 60_000;
  // The churn is the input: how many steps fell in a window, and the writes each cost the operator.
  const stepsPerMinute = (w: Sample[]) =>
    (steps.filter((t) => t > w[0]!.at && t <= w.at(-1)!.at).length / span(w)) * 60_000;
  const rows: [string, number, number, (n: number) => string][] = [
    ["RSS (MiB)", mean(start, "rss") / 2 ** 20, mean(end, "rss") / 2 ** 20, (n) => n.toFixed(1)],
    ["heap used (MiB)", mean(start, "heapUsed") / 2 ** 20, mean(end, "heapUsed") / 2 ** 20, (n) => n.toFixed(1)],
    ["open handles", mean(start, "handles"), mean(end, "handles"), (n) => n.toFixed(1)],
    ["API writes per minute", perMinute(start), perMinute(end), (n) => n.toFixed(0)],
    ["churn steps per minute", stepsPerMinute(start), stepsPerMinute(end), (n) => n.toFixed(0)],
    [
      "API writes per step",
      perMinute(start) / stepsPerMinute(start),
      perMinute(end) / stepsPerMinute(end),
      (n) => n.toFixed(2),
    ],
  ];
  const minutes = (ms: number) => (ms / 60_000).toFixed(1);
  console.log(
    [
      `soak: ${minutes(endAt)} min, ${APPS} apps, one churn step every ${INTERVAL_MS} ms: ${JSON.stringify(counts)}, ${conflicts} conflicts`,
      `start = mean over ${minutes(WINDOW_MS)}-${minutes(2 * WINDOW_MS)} min (${start.length} samples), end = last ${minutes(WINDOW_MS)} min (${end.length} samples)`,
      ...rows.map(
        ([what, a, b, fmt]) =>
          `${what.padEnd(22)} start ${fmt(a).padStart(8)}  end ${fmt(b).padStart(8)}  growth ${growth(a, b)}`,
      ),
      "API writes per minute by verb, resource and code:",
      ...breakdown(start, end),
    ].join("\n"),
  );
}

/** Per-minute write rates by "verb resource code", in the start and the end window. */
function breakdown(start: Sample[], end: Sample[]): string[] {
  const rate = (w: Sample[], key: string) =>
    (((w.at(-1)!.writesBy[key] ?? 0) - (w[0]!.writesBy[key] ?? 0)) / (w.at(-1)!.at - w[0]!.at)) * 60_000;
  const keys = [...new Set([...start, ...end].flatMap((s) => Object.keys(s.writesBy)))].sort();
  return keys.map(
    (k) =>
      `  ${k.padEnd(32)} start ${rate(start, k).toFixed(0).padStart(6)}  end ${rate(end, k).toFixed(0).padStart(6)}`,
  );
}
