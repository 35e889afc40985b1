// Secure metrics on a real API server: the operator runs as a ServiceAccount holding exactly the
// chart's ClusterRoles (templates/rbac.yaml and templates/metrics-rbac.yaml), serves /metrics over
// HTTPS, and lets a scrape through only when the API server's TokenReview knows its token and its
// SubjectAccessReview allows the token's user get on /metrics, which the chart's metrics-reader
// ClusterRole grants. Tokens come from `kubectl create token`, as a Prometheus ServiceAccount's would.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningOperator } from "../../src/controller/manager/manager.js";
import { render, type K8sObject } from "../support/helm.js";
import { scrapeMetrics } from "../support/scrape.js";
import {
  apply,
  createNamespace,
  deleteNamespace,
  installCrd,
  kubectl,
  requireCluster,
  startInProcess,
  writesOf,
} from "./support.js";

/** A release name of its own, so that the cluster-wide roles of this file clash with nothing. */
const release = `metrics-${randomBytes(3).toString("hex")}`;
const READER_ROLE = `${release}-compositeapp-metrics-reader`;
let ns: string;
let dir: string;
let op: RunningOperator | undefined;
let clusterObjects: K8sObject[] = [];

/** The chart's cluster-wide RBAC for this release, bound to ServiceAccount `operator` of the test namespace. */
function chartRbac(namespace: string): K8sObject[] {
  const rename = (name: string) => name.replace(/^capp-/, `${release}-`);
  return render(
    ["leaderElection.enabled=false"],
    ["--show-only", "templates/rbac.yaml", "--show-only", "templates/metrics-rbac.yaml"],
  ).map((o) => {
    const renamed: K8sObject = { ...o, metadata: { ...o.metadata, name: rename(o.metadata.name) } };
    if (o.kind !== "ClusterRoleBinding") return renamed;
    const roleRef = o.roleRef as { name: string };
    return {
      ...renamed,
      roleRef: { ...roleRef, name: rename(roleRef.name) },
      subjects: [{ kind: "ServiceAccount", name: "operator", namespace }],
    };
  });
}

/** A kubeconfig for the current cluster that authenticates with `token`. */
function kubeconfigWithToken(token: string): string {
  const admin = new KubeConfig();
  admin.loadFromDefault();
  const cluster = admin.getCurrentCluster();
  if (!cluster) throw new Error("the kubeconfig has no current cluster");
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [cluster],
    users: [{ name: "operator", token }],
    contexts: [{ name: "operator", cluster: cluster.name, user: "operator" }],
    currentContext: "operator",
  });
  const file = join(dir, "operator.kubeconfig");
  writeFileSync(file, kc.exportConfig(), { mode: 0o600 });
  return file;
}

const tokenOf = async (sa: string) => (await kubectl(["create", "token", sa, "-n", ns])).trim();

/** GET /metrics from the operator over HTTPS. */
const scrape = (token?: string, method = "GET") => scrapeMetrics("127.0.0.1", op!.ports.metrics!, token, method);

beforeAll(async () => {
  await requireCluster();
  await installCrd();
  ns = await createNamespace("it-metrics");
  dir = mkdtempSync(join(tmpdir(), "it-metrics-"));
  for (const sa of ["operator", "scraper", "stranger"]) {
    await apply({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: sa } }, ns);
  }
  clusterObjects = [
    ...chartRbac(ns),
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: `${release}-scraper` },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: READER_ROLE },
      subjects: [{ kind: "ServiceAccount", name: "scraper", namespace: ns }],
    },
  ];
  await kubectl(["apply", "-f", "-"], { input: clusterObjects.map((o) => JSON.stringify(o)).join("\n") });
  // The operator as its ServiceAccount, with the default secure metrics and a self-signed certificate.
  op = await startInProcess(ns, { kubeconfig: kubeconfigWithToken(await tokenOf("operator")) });
});

afterAll(async () => {
  await op?.stop();
  for (const o of clusterObjects) {
    await kubectl(["delete", o.kind.toLowerCase(), o.metadata.name, "--ignore-not-found"]);
  }
  if (ns) await deleteNamespace(ns);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("secure metrics on a real API server", () => {
  it("the chart's metrics-auth role is what the operator needs to ask for both reviews", async () => {
    const operator = `system:serviceaccount:${ns}:operator`;
    const can = async (resource: string) =>
      (await kubectl(["auth", "can-i", "create", resource, `--as=${operator}`])).trim();
    expect(await can("tokenreviews.authentication.k8s.io")).toBe("yes");
    expect(await can("subjectaccessreviews.authorization.k8s.io")).toBe("yes");
  });

  it("answers 401 over HTTPS to a scrape without a token, and to a token the API server does not know", async () => {
    const none = await scrape();
    expect([none.code, none.tls]).toEqual([401, true]);
    expect((await scrape("not-a-token")).code).toBe(401);
  });

  it("answers 403 to a ServiceAccount without the metrics-reader role", async () => {
    const denied = await scrape(await tokenOf("stranger"));
    expect(denied.code).toBe(403);
    expect(denied.body).toBe(`Authorization denied for user system:serviceaccount:${ns}:stranger\n`);
  });

  it("serves the metrics to a ServiceAccount bound to the metrics-reader role, and not a POST", async () => {
    const token = await tokenOf("scraper");
    const allowed = await scrape(token);
    expect(allowed.code).toBe(200);
    expect(allowed.body).toMatch(/^# TYPE process_resident_memory_bytes gauge$/m);
    // The role grants get only: the verb checked is the request's method.
    expect((await scrape(token, "POST")).code).toBe(403);
  });

  it("answers repeated scrapes from its cache, asking the API server nothing more", async () => {
    // The operator watches an empty namespace without leader election: its only writes are reviews.
    for (const [sa, code] of [
      ["scraper", 200],
      ["stranger", 403],
    ] as const) {
      const token = await tokenOf(sa);
      const before = await writesOf(op!);
      expect((await scrape(token)).code).toBe(code);
      const reviews = await writesOf(op!);
      expect(reviews - before, `${sa}: a new token is reviewed`).toBeGreaterThan(0);
      for (let i = 0; i < 5; i++) expect((await scrape(token)).code).toBe(code);
      expect((await writesOf(op!)) - reviews, sa).toBe(0);
    }
  });
});
