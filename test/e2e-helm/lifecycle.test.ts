// The operator as users run it: installed with the Helm chart (two replicas, leader election, a
// namespace enforcing Pod Security `restricted`), upgraded, disturbed and uninstalled.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { V1Pod } from "@kubernetes/client-node";
import { loadAll } from "js-yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installCrd } from "../support/crd.js";
import { ROOT } from "../support/helm.js";
import { apply, createNamespace, deleteNamespace, kubectl, kubectlJson, requireCluster } from "../support/kubectl.js";
import { RELEASE_NAME, RELEASE_NAMESPACE, installOperator, uninstallOperator } from "../support/operator-release.js";
import { scrapeMetrics } from "../support/scrape.js";
import { waitFor } from "../support/wait.js";

const TWO_REPLICAS = ["--set", "replicaCount=2"];
let ns: string;
let installedAt = 0;

const operatorPods = async () =>
  (
    await kubectlJson<{ items: V1Pod[] }>([
      "get",
      "pods",
      "-n",
      RELEASE_NAMESPACE,
      "-l",
      "app.kubernetes.io/name=compositeapp",
    ])
  ).items.filter((p) => !p.metadata?.deletionTimestamp);

const isReady = (p: V1Pod) => p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;

/** The Pod holding the Lease: identities are `<hostname>_<suffix>`, and a Pod's hostname is its name. */
async function leaderPod(): Promise<string | undefined> {
  const holder = await kubectl([
    "get",
    "lease",
    "compositeapp-operator",
    "-n",
    RELEASE_NAMESPACE,
    "-o",
    "jsonpath={.spec.holderIdentity}",
  ]).catch(() => "");
  return holder ? holder.split("_")[0] : undefined;
}

const appPods = async (name: string) =>
  (await kubectlJson<{ items: V1Pod[] }>(["get", "pods", "-n", ns, "-l", `compositeapp.io/name=${name}`])).items.filter(
    (p) => !p.metadata?.deletionTimestamp,
  );

async function readyApp(name: string, timeoutMs = 120_000): Promise<void> {
  await waitFor(
    `${name} to be Ready`,
    async () => {
      const status = await kubectl([
        "get",
        "compositeapp",
        name,
        "-n",
        ns,
        "-o",
        'jsonpath={.status.conditions[?(@.type=="Ready")].status}',
      ]);
      return status === "True" || undefined;
    },
    timeoutMs,
    500,
  );
}

function app(name: string, replicas: number, sleepFor: string) {
  return {
    apiVersion: "compositeapp.io/v1alpha1",
    kind: "CompositeApp",
    metadata: { name, namespace: ns },
    spec: {
      replicas,
      main: {
        name: "main",
        image: "docker.io/library/busybox:1.35",
        command: ["sh", "-c", `trap 'exit 0' TERM; sleep ${sleepFor} & wait`],
      },
      pod: { terminationGracePeriodSeconds: 1 },
    },
  };
}

beforeAll(async () => {
  await requireCluster();
  const started = performance.now();
  await installOperator(TWO_REPLICAS);
  installedAt = started;
  await installCrd(); // already there from the chart; waits until it is served
  ns = await createNamespace("e2e-helm");
});

/** The chart's default metrics port (HTTPS, secure metrics). */
const METRICS_PORT = 8443;
const SCRAPER = "metrics-scraper";

/**
 * A token of a ServiceAccount bound to the chart's metrics-reader ClusterRole, as a Prometheus
 * would be (the release is named compositeapp, so its roles are compositeapp-*).
 */
async function scraperToken(): Promise<string> {
  await apply({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: SCRAPER, namespace: ns } });
  await apply({
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRoleBinding",
    metadata: { name: `${ns}-${SCRAPER}` },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: `${RELEASE_NAME}-metrics-reader` },
    subjects: [{ kind: "ServiceAccount", name: SCRAPER, namespace: ns }],
  });
  return (await kubectl(["create", "token", SCRAPER, "-n", ns])).trim();
}

afterAll(async () => {
  if (ns) await kubectl(["delete", "clusterrolebinding", `${ns}-${SCRAPER}`, "--ignore-not-found"]);
  if (ns) await deleteNamespace(ns);
  await uninstallOperator().catch(() => undefined);
});

describe("the operator installed with Helm", () => {
  it("runs two replicas under Pod Security restricted, one of them leading", async () => {
    const labels = await kubectl(["get", "namespace", RELEASE_NAMESPACE, "-o", "jsonpath={.metadata.labels}"]);
    expect(JSON.parse(labels)).toMatchObject({ "pod-security.kubernetes.io/enforce": "restricted" });
    const pods = await waitFor("two ready operator Pods", async () => {
      const p = await operatorPods();
      return p.length === 2 && p.every(isReady) ? p : undefined;
    });
    // A Lease left by an earlier install (whose RBAC went before its Pods could release it) expires first.
    const names = pods.map((p) => p.metadata?.name);
    const leader = await waitFor(
      "one of them to lead",
      async () => {
        const l = await leaderPod();
        return l && names.includes(l) ? l : undefined;
      },
      60_000,
      500,
    );
    expect(names).toContain(leader);
  });

  it("reconciles an example to Ready (prints the time from helm install and the memory at rest)", async () => {
    const [example] = loadAll(readFileSync(join(ROOT, "examples", "log-sidecar.yaml"), "utf8")) as {
      metadata: object;
    }[];
    await apply({ ...example!, metadata: { ...example!.metadata, namespace: ns } });
    await readyApp("log-sidecar");
    const seconds = (performance.now() - installedAt) / 1000;
    const memory: string[] = [];
    const token = await scraperToken();
    for (const pod of await operatorPods()) {
      // Straight to the Pod: the API server's Pod proxy would not pass the bearer token on.
      const podIP = pod.status!.podIP!;
      expect((await scrapeMetrics(podIP, METRICS_PORT)).code, "a scrape without a token").toBe(401);
      const scraped = await scrapeMetrics(podIP, METRICS_PORT, token);
      expect([scraped.code, scraped.tls]).toEqual([200, true]);
      const rss = Number(/^process_resident_memory_bytes (\S+)$/m.exec(scraped.body)?.[1]);
      expect(rss).toBeGreaterThan(0);
      memory.push(`${pod.metadata!.name}: ${(rss / 2 ** 20).toFixed(1)} MiB`);
    }
    console.log(
      `helm install -> first example Ready: ${seconds.toFixed(1)} s; operator memory (RSS): ${memory.join(", ")}`,
    );
  });

  it("takes a changed value on helm upgrade", async () => {
    await installOperator([...TWO_REPLICAS, "--set", "logLevel=debug"]);
    const args = await kubectl([
      "get",
      "deployment",
      "-n",
      RELEASE_NAMESPACE,
      "-l",
      "app.kubernetes.io/name=compositeapp",
      "-o",
      "jsonpath={.items[0].spec.template.spec.containers[0].args}",
    ]);
    expect(args).toContain("debug");
    await waitFor(
      "debug lines from the upgraded operator",
      async () => {
        const pods = await operatorPods();
        for (const p of pods.filter(isReady)) {
          const log = await kubectl(["logs", "-n", RELEASE_NAMESPACE, p.metadata!.name!]);
          if (log.split("\n").some((l) => l.includes('"level":"debug"'))) return true;
        }
        return undefined;
      },
      120_000,
      1000,
    );
  });

  it("completes a rollout without a duplicate Pod when the leading operator Pod is deleted in the middle", async () => {
    await apply(app("rolling", 3, "3600"));
    await readyApp("rolling");
    await apply(app("rolling", 3, "7200"));
    await waitFor(
      "the rollout to start",
      async () => ((await appPods("rolling")).length > 3 ? true : undefined),
      60_000,
      200,
    );
    const leader = await waitFor("a leader", leaderPod);
    await kubectl(["delete", "pod", leader, "-n", RELEASE_NAMESPACE, "--wait=false"]);
    let maxLive = 0;
    const final = await waitFor(
      "the rollout to complete",
      async () => {
        const pods = await appPods("rolling");
        maxLive = Math.max(maxLive, pods.length);
        const revisions = new Set(pods.map((p) => p.metadata?.labels?.["compositeapp.io/revision"]));
        return pods.length === 3 && revisions.size === 1 && pods.every(isReady) ? pods : undefined;
      },
      180_000,
      500,
    );
    expect(maxLive).toBeLessThanOrEqual(4);
    expect(final.map((p) => p.metadata?.labels?.["compositeapp.io/slot"]).sort()).toEqual(["0", "1", "2"]);
  });

  it("hands leadership over when the leader goes, and the new leader acts", async () => {
    const before = await waitFor("a leader", leaderPod);
    await kubectl(["delete", "pod", before, "-n", RELEASE_NAMESPACE, "--wait=false"]);
    const after = await waitFor(
      "another leader",
      async () => {
        const l = await leaderPod();
        return l && l !== before ? l : undefined;
      },
      60_000,
      500,
    );
    expect(after).not.toBe(before);
    await apply(app("after-handover", 1, "3600"));
    await readyApp("after-handover");
  });

  it("helm uninstall removes the operator and keeps the CRD and the apps", async () => {
    await uninstallOperator();
    expect(await kubectl(["get", "deployments", "-n", RELEASE_NAMESPACE, "-o", "name"])).toBe("");
    expect(await kubectl(["get", "crd", "compositeapps.compositeapp.io", "-o", "name"])).toContain(
      "compositeapps.compositeapp.io",
    );
    expect(await kubectl(["get", "compositeapps", "-n", ns, "-o", "name"])).toContain(
      "compositeapp.compositeapp.io/rolling",
    );
  });
});
