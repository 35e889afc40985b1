// Prints what the API server spends to create CompositeApps, against ReplicaSets that carry the
// same Pod template: wall time for N creates at a fixed concurrency, and the kube-apiserver's CPU
// time when it runs on this machine (the local cluster). Run on the API server alone:
//   npm run cluster:up -- --api-only && BENCH_CREATES=1000 npx vitest run --project bench bench/create-cost.bench.ts
// BENCH_CRD=FILE installs another CRD first (for example an older one, to compare schemas).
import { readdirSync, readFileSync } from "node:fs";
import { it } from "vitest";
import type { Resource } from "../src/controller/kube/api.js";
import { HttpApiClient, loadKubeConfig } from "../src/controller/kube/client.js";
import { DEFAULT_PRESET_IMAGES, renderTemplate } from "../src/core/index.js";
import { CRD_PATH, installCrd } from "../test/support/crd.js";
import { exampleApps } from "../test/support/fixtures.js";
import { createNamespace, deleteNamespace, kubectl, requireCluster } from "../test/support/kubectl.js";

const CREATES = Number(process.env.BENCH_CREATES ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const APPS: Resource = { group: "compositeapp.io", version: "v1alpha1", plural: "compositeapps", namespaced: true };
const REPLICASETS: Resource = { group: "apps", version: "v1", plural: "replicasets", namespaced: true };

/** CPU seconds (user + system) of the kube-apiserver process, when it runs on this machine. */
function apiServerCpuSeconds(): number | undefined {
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, "utf8").trim() !== "kube-apiserver") continue;
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
    } catch {
      continue;
    }
  }
  return undefined;
}

async function timeCreates(make: (i: number) => Promise<unknown>): Promise<{ seconds: number; cpu?: number }> {
  const cpu0 = apiServerCpuSeconds();
  const start = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < CREATES) await make(next++);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - start) / 1000;
  const cpu1 = apiServerCpuSeconds();
  return cpu0 !== undefined && cpu1 !== undefined ? { seconds, cpu: cpu1 - cpu0 } : { seconds };
}

const line = (what: string, r: { seconds: number; cpu?: number }) =>
  `${what}: ${CREATES} creates in ${r.seconds.toFixed(1)} s (${((r.seconds / CREATES) * 1000).toFixed(1)} ms each at concurrency ${CONCURRENCY})` +
  (r.cpu !== undefined ? `, kube-apiserver CPU ${r.cpu.toFixed(1)} s` : "");

it(`creates ${CREATES} CompositeApps and ${CREATES} ReplicaSets with the same Pod template`, async () => {
  await requireCluster();
  if (process.env.BENCH_CRD)
    await kubectl(["apply", "--server-side", "--force-conflicts", "-f", process.env.BENCH_CRD]);
  else await installCrd();
  const app = exampleApps("adapter.yaml")[0]!;
  const template = renderTemplate(app, { sidecarMode: "Native", images: DEFAULT_PRESET_IMAGES });
  const spec = app.spec;
  const client = new HttpApiClient(loadKubeConfig());
  const ns = await createNamespace("bench-create");
  try {
    const labels = { bench: "create-cost" };
    const apps = await timeCreates((i) =>
      client.create(APPS, ns, {
        apiVersion: "compositeapp.io/v1alpha1",
        kind: "CompositeApp",
        metadata: { name: `app-${i}` },
        spec,
      }),
    );
    const replicaSets = await timeCreates((i) =>
      client.create(REPLICASETS, ns, {
        apiVersion: "apps/v1",
        kind: "ReplicaSet",
        metadata: { name: `rs-${i}` },
        spec: {
          replicas: 0,
          selector: { matchLabels: labels },
          template: { metadata: { labels: { ...template.metadata.labels, ...labels } }, spec: template.spec },
        },
      }),
    );
    console.log(`CRD: ${process.env.BENCH_CRD ?? CRD_PATH}`);
    console.log(line("CompositeApp", apps));
    console.log(line("ReplicaSet  ", replicaSets));
    console.log(`CompositeApp / ReplicaSet: ${(apps.seconds / replicaSets.seconds).toFixed(2)}x wall time`);
  } finally {
    client.close();
    await deleteNamespace(ns);
  }
});
