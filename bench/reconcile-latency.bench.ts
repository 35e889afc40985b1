// Prints how fast CompositeApps become Pods and Ready Pods on the cluster in KUBECONFIG, and how many
// API writes each create costs. Run: `npm run bench` (needs a full cluster: npm run cluster:up).
import type { V1Pod } from "@kubernetes/client-node";
import { pino } from "pino";
import { expect, it } from "vitest";
import { PODS } from "../src/controller/kube/api.js";
import { HttpApiClient, loadKubeConfig } from "../src/controller/kube/client.js";
import { Informer } from "../src/controller/runtime/informer.js";
import { installCrd } from "../test/support/crd.js";
import { apply, createNamespace, deleteNamespace, requireCluster } from "../test/support/kubectl.js";
import { waitFor } from "../test/support/wait.js";
import { startInProcess, writesOf } from "../test/integration/support.js";

const APPS = Number(process.env.BENCH_APPS ?? 10);

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const summary = (xs: number[]) =>
  `p50 ${percentile(xs, 50).toFixed(0)} ms, p90 ${percentile(xs, 90).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms`;

it(`reconciles ${APPS} apps into ready Pods`, async () => {
  await requireCluster();
  await installCrd();
  const ns = await createNamespace("bench");
  const operator = await startInProcess(ns, { logLevel: "info" });
  const created = new Map<string, number>();
  const ready = new Map<string, number>();
  const informer = new Informer<V1Pod>({
    client: new HttpApiClient(loadKubeConfig()),
    resource: PODS,
    namespace: ns,
    logger: pino({ level: "silent" }),
  });
  const seen = (pod: V1Pod) => {
    const app = pod.metadata?.labels?.["compositeapp.io/name"] ?? "";
    if (!created.has(app)) created.set(app, performance.now());
    const isReady = pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True");
    if (isReady && !ready.has(app)) ready.set(app, performance.now());
  };
  informer.addEventHandler({ onAdd: seen, onUpdate: (_o, n) => seen(n) });
  informer.start();
  await informer.waitForSync();
  try {
    const writesBefore = await writesOf(operator);
    const applied = new Map<string, number>();
    for (let i = 0; i < APPS; i++) {
      const name = `app-${i}`;
      applied.set(name, performance.now());
      await apply(
        {
          apiVersion: "compositeapp.io/v1alpha1",
          kind: "CompositeApp",
          metadata: { name },
          spec: {
            volumes: [{ name: "logs", emptyDir: {} }],
            main: {
              name: "main",
              image: "docker.io/library/busybox:1.35",
              command: ["sh", "-c", "trap 'exit 0' TERM; while true; do date >> /logs/a.log; sleep 1 & wait $!; done"],
              volumeMounts: [{ name: "logs", mountPath: "/logs" }],
            },
            sidecars: [
              { name: "ship", preset: { logShipper: { volume: "logs", mountPath: "/logs", files: ["a.log"] } } },
            ],
            pod: { terminationGracePeriodSeconds: 1 },
          },
        },
        ns,
      );
    }
    await waitFor(`${APPS} ready Pods`, () => Promise.resolve(ready.size === APPS), 180_000);
    await waitFor(
      "status of every app to settle",
      async () => {
        const before = await writesOf(operator);
        await new Promise((r) => setTimeout(r, 2000));
        return (await writesOf(operator)) === before;
      },
      60_000,
      0,
    );
    const writes = (await writesOf(operator)) - writesBefore;
    const toCreated = [...applied].map(([app, t]) => created.get(app)! - t);
    const toReady = [...applied].map(([app, t]) => ready.get(app)! - t);
    console.log(
      [
        `apps: ${APPS} (main + native log-shipper sidecar each)`,
        `apply -> Pod created: ${summary(toCreated)}`,
        `apply -> Pod ready:   ${summary(toReady)}`,
        `API writes by the operator: ${writes} (${(writes / APPS).toFixed(1)} per app: Pod create, status updates, events)`,
      ].join("\n"),
    );
    expect(ready.size).toBe(APPS);
  } finally {
    await informer.stop();
    await operator.stop();
    await deleteNamespace(ns);
  }
});
