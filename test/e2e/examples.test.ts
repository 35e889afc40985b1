// Every example applied as a CompositeApp, reconciled by the operator into real Pods on a real
// node, and its pattern checked from inside the running containers.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { V1Pod } from "@kubernetes/client-node";
import { loadAll } from "js-yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CompositeAppStatus } from "../../src/api/compositeapp.js";
import { apply, createNamespace, deleteNamespace, kubectl, kubectlJson, requireCluster } from "../support/kubectl.js";
import { installCrd } from "../support/crd.js";
import { waitFor } from "../support/wait.js";
import { startOperatorFor, type OperatorUnderTest } from "./support/operator.js";

const ROOT = join(import.meta.dirname, "..", "..");
const BUSYBOX = "docker.io/library/busybox:1.35";

let ns: string;
let operator: OperatorUnderTest;

// The ambassador example names its upstream kv-store.default.svc.cluster.local, so its objects run
// as written, in the namespace "default"; every other example runs in the test's own namespace.
const AMBASSADOR_NS = "default";
const AMBASSADOR_APPS = new Set(["ambassador", "kv-store"]);
const nsOf = (app: string): string => (AMBASSADOR_APPS.has(app) ? AMBASSADOR_NS : ns);

type Obj = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: Record<string, unknown>;
};

function example(file: string): Obj[] {
  return loadAll(readFileSync(join(ROOT, "examples", file), "utf8")) as Obj[];
}

async function applyAll(objects: Obj[], namespace = ns): Promise<void> {
  for (const o of objects) await apply({ ...o, metadata: { ...o.metadata, namespace } });
}

const deleteAmbassadorExample = () =>
  kubectl(["delete", "-n", AMBASSADOR_NS, "-f", join(ROOT, "examples", "ambassador.yaml"), "--ignore-not-found"], {
    timeoutMs: 120_000,
  });

async function statusOf(name: string): Promise<CompositeAppStatus> {
  return (
    (await kubectlJson<{ status?: CompositeAppStatus }>(["get", "compositeapp", name, "-n", nsOf(name)])).status ?? {}
  );
}

/** Waits for Ready=True; on timeout the error carries the status and the Pods' description. */
async function readyApp(name: string): Promise<CompositeAppStatus> {
  try {
    return await waitFor(
      `CompositeApp ${name} to be Ready`,
      async () => {
        const s = await statusOf(name);
        return s.conditions?.some((c) => c.type === "Ready" && c.status === "True") ? s : undefined;
      },
      120_000,
      500,
    );
  } catch (err) {
    const described = await kubectl(["describe", "pods", "-n", nsOf(name), "-l", `compositeapp.io/name=${name}`]).catch(
      () => "",
    );
    throw new Error(
      `${(err as Error).message}\nstatus: ${JSON.stringify(await statusOf(name))}\n${described}\noperator log: ${operator.log}`,
      { cause: err },
    );
  }
}

async function podOf(name: string): Promise<V1Pod> {
  const list = await kubectlJson<{ items: V1Pod[] }>([
    "get",
    "pods",
    "-n",
    nsOf(name),
    "-l",
    `compositeapp.io/name=${name}`,
  ]);
  const live = list.items.filter((p) => !p.metadata?.deletionTimestamp);
  if (live.length !== 1) throw new Error(`expected one Pod of ${name}, found ${live.length}`);
  return live[0]!;
}

const exec = (pod: V1Pod, container: string, cmd: string[]) =>
  kubectl(["exec", "-n", pod.metadata!.namespace!, pod.metadata!.name!, "-c", container, "--", ...cmd]);

const logs = (pod: V1Pod, container: string) =>
  kubectl(["logs", "-n", pod.metadata!.namespace!, pod.metadata!.name!, "-c", container]);

const startedAt = (pod: V1Pod, container: string): number => {
  const all = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const s = all.find((c) => c.name === container)?.state;
  const at = s?.running?.startedAt ?? s?.terminated?.startedAt;
  if (!at) throw new Error(`container ${container} has not started`);
  return new Date(at).getTime();
};

/** The scheduler's view of one Pod's resources: the node's "Non-terminated Pods" row for it. */
async function nodeAccounting(pod: V1Pod) {
  const described = await kubectl(["describe", "node", pod.spec!.nodeName!]);
  const row = described
    .split("\n")
    .find((l) => l.trim().startsWith(`${pod.metadata!.namespace!} `) && l.includes(` ${pod.metadata!.name!} `));
  if (!row) throw new Error(`no row for ${pod.metadata!.name} in kubectl describe node`);
  const [, , cpuReq, , cpuLim, , memReq, , memLim] = row.trim().split(/\s+/);
  return { cpuReq, cpuLim, memReq, memLim };
}

beforeAll(async () => {
  await requireCluster();
  await installCrd();
  ns = await createNamespace("e2e-examples");
  await deleteAmbassadorExample();
  operator = await startOperatorFor([ns, AMBASSADOR_NS]);
});

afterAll(async () => {
  if (ns) await deleteAmbassadorExample();
  await operator?.stop();
  if (ns) await deleteNamespace(ns);
});

describe("examples, reconciled into real Pods", () => {
  it("shared-volume: the web server serves the page the other container writes", async () => {
    await applyAll(example("shared-volume.yaml"));
    await readyApp("shared-volume");
    const pod = await podOf("shared-volume");
    const served = await exec(pod, "web", ["wget", "-qO-", "http://127.0.0.1:8080/index.html"]);
    expect(served).toMatch(/<p>written by shared-volume-[0-9a-f]+-0 at \d{4}-/);
    // The writer reaches the web server on localhost too: one network namespace.
    const fromWriter = await exec(pod, "writer", ["wget", "-qO-", "http://localhost:8080/index.html"]);
    expect(fromWriter).toContain("written by");
  });

  it("init-war: the init container finished before the server started, and its content is served", async () => {
    await applyAll(example("init-war.yaml"));
    await readyApp("javaweb");
    const pod = await podOf("javaweb");
    expect(await exec(pod, "server", ["wget", "-qO-", "http://127.0.0.1:8080/sample/index.html"])).toContain(
      "sample application v2",
    );
    const war = pod.status?.initContainerStatuses?.find((s) => s.name === "war")?.state?.terminated;
    expect(war?.reason).toBe("Completed");
    expect(new Date(war!.finishedAt!).getTime()).toBeLessThanOrEqual(startedAt(pod, "server"));
    const unpacked = Number(await exec(pod, "server", ["cat", "/webapps/sample/.unpacked-at"]));
    const started = Number(await exec(pod, "server", ["cat", "/tmp/started-at"]));
    expect(unpacked).toBeLessThanOrEqual(started);
  });

  it("log-sidecar: the log shipper ships what the main container writes to its log file", async () => {
    await applyAll(example("log-sidecar.yaml"));
    await readyApp("log-sidecar");
    const pod = await podOf("log-sidecar");
    const firstLine = await waitFor(
      "a log line in the file",
      async () => (await exec(pod, "app", ["head", "-n", "1", "/var/log/app/app.log"])).trim() || undefined,
    );
    expect(firstLine).toMatch(/INFO request 1 served$/);
    await waitFor(
      "the line in the sidecar's stdout",
      async () => ((await logs(pod, "log-shipper")).includes(firstLine) ? true : undefined),
      30_000,
    );
    expect(startedAt(pod, "log-shipper")).toBeLessThanOrEqual(startedAt(pod, "app"));
  });

  it("ambassador: the main container reaches the remote service through the proxy on localhost", async () => {
    // As written: the ambassador reaches kv-store.default.svc.cluster.local through the cluster DNS.
    const all = example("ambassador.yaml");
    expect(JSON.stringify(all)).toContain('"upstream":"kv-store.default.svc.cluster.local:6379"');
    await applyAll(all, AMBASSADOR_NS);
    await readyApp("kv-store");
    await readyApp("ambassador");
    const pod = await podOf("ambassador");
    await waitFor(
      "a reply through the ambassador",
      async () => ((await logs(pod, "app")).includes("PING from app: +PONG from kv-store (PING)") ? true : undefined),
      30_000,
    );
    expect(startedAt(pod, "db-proxy")).toBeLessThanOrEqual(startedAt(pod, "app"));
  });

  it("adapter: metrics served in Prometheus form and logs turned into JSON lines", async () => {
    await applyAll(example("adapter.yaml"));
    await readyApp("adapter");
    const pod = await podOf("adapter");
    const metrics = await waitFor("metrics", async () => {
      const text = await exec(pod, "app", ["wget", "-qO-", "http://127.0.0.1:9102/metrics"]);
      return text.includes("app_requests_total") ? text : undefined;
    });
    expect(metrics).toMatch(/^# TYPE app_requests_total gauge$/m);
    expect(metrics).toMatch(/^app_requests_total \d+$/m);
    expect(metrics).toMatch(/^app_queue_depth \d+$/m);
    expect(metrics).not.toContain("healthy");
    const line = await waitFor("a JSON log line", async () =>
      (await logs(pod, "json-logs")).split("\n").find((l) => l.startsWith("{")),
    );
    expect(JSON.parse(line)).toMatchObject({
      level: "warn",
      source: "/out/app.log",
      message: expect.stringMatching(/^WARN slow request \d+ took 1.2s "GET \/"$/) as unknown,
    });
  });

  it("tightly-coupled: three 1Gi containers land together, as effectiveResources says", async () => {
    await applyAll(example("tightly-coupled.yaml"));
    const status = await readyApp("tightly-coupled");
    expect(status.effectiveResources).toEqual({ requests: { cpu: "150m", memory: "3Gi" }, limits: { memory: "3Gi" } });
    const pod = await podOf("tightly-coupled");
    expect(pod.spec?.containers.map((c) => c.name)).toEqual(["frontend", "cache", "indexer"]);
  });

  it.each(["shared-volume", "javaweb", "log-sidecar", "ambassador", "kv-store", "adapter", "tightly-coupled"])(
    "%s: status reports every long-running container ready, and effectiveResources is what the scheduler accounted",
    async (name) => {
      const status = await readyApp(name);
      const [summary] = status.pods ?? [];
      expect(summary?.ready).toBe(true);
      const longRunning = summary!.containers.filter((c) => c.role !== "init");
      expect(longRunning.length).toBeGreaterThan(0);
      expect(longRunning.every((c) => c.ready)).toBe(true);
      const node = await nodeAccounting(await podOf(name));
      const requests = status.effectiveResources?.requests ?? {};
      const limits = status.effectiveResources?.limits ?? {};
      expect(node).toEqual({
        cpuReq: requests.cpu ?? "0",
        cpuLim: limits.cpu ?? "0",
        memReq: requests.memory ?? "0",
        memLim: limits.memory ?? "0",
      });
    },
  );

  it("native sidecars start before the main container and stop after it", async () => {
    const dir = `/tmp/compositeapp-e2e-lifecycle-${ns}`;
    const stamp = (what: string) => `read up idle < /proc/uptime; echo $up > /shared/${what}`;
    const body = (who: string) =>
      `${stamp(`${who}-started`)}; trap '${stamp(`${who}-stopped`)}; exit 0' TERM; sleep 3600 & wait`;
    await apply({
      apiVersion: "compositeapp.io/v1alpha1",
      kind: "CompositeApp",
      metadata: { name: "lifecycle", namespace: ns },
      spec: {
        volumes: [{ name: "shared", hostPath: { path: dir, type: "DirectoryOrCreate" } }],
        main: {
          name: "main",
          image: BUSYBOX,
          command: ["sh", "-c", body("main")],
          volumeMounts: [{ name: "shared", mountPath: "/shared" }],
        },
        sidecars: [
          {
            name: "side",
            image: BUSYBOX,
            command: ["sh", "-c", body("side")],
            volumeMounts: [{ name: "shared", mountPath: "/shared" }],
          },
        ],
        pod: { terminationGracePeriodSeconds: 10 },
      },
    });
    await readyApp("lifecycle");
    const pod = await podOf("lifecycle");
    const shared = await podOf("shared-volume");
    await kubectl(["delete", "compositeapp", "lifecycle", "shared-volume", "-n", ns, "--wait=false"]);
    for (const p of [pod, shared])
      await kubectl(["wait", "--for=delete", `pod/${p.metadata!.name!}`, "-n", ns, "--timeout=60s"]);
    const reader = `lifecycle-reader`;
    await apply({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: reader, namespace: ns },
      spec: {
        restartPolicy: "Never",
        nodeName: pod.spec!.nodeName!,
        // Reads the stamps, then removes what the tests left on the node's /tmp.
        containers: [
          {
            name: "read",
            image: BUSYBOX,
            imagePullPolicy: "IfNotPresent",
            command: [
              "sh",
              "-c",
              `cd /host-tmp/${dir.slice(5)} && for f in side-started main-started main-stopped side-stopped; do echo $f $(cat $f); done; rm -rf /host-tmp/${dir.slice(5)} /host-tmp/compositeapp-examples`,
            ],
            volumeMounts: [{ name: "tmp", mountPath: "/host-tmp" }],
          },
        ],
        volumes: [{ name: "tmp", hostPath: { path: "/tmp" } }],
      },
    });
    await kubectl(["wait", "--for=jsonpath={.status.phase}=Succeeded", `pod/${reader}`, "-n", ns, "--timeout=60s"]);
    const t = new Map(
      (await kubectl(["logs", reader, "-n", ns]))
        .trim()
        .split("\n")
        .map((l): [string, number] => [l.split(" ")[0] ?? "", Number(l.split(" ")[1])]),
    );
    expect(t.get("side-started")).toBeLessThanOrEqual(t.get("main-started") ?? Number.NaN);
    expect(t.get("main-stopped")).toBeLessThanOrEqual(t.get("side-stopped") ?? Number.NaN);
  });
});
