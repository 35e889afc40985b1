// kube-score (built by hack/kube-score/build.sh from the Go module proxy) over the rendered chart
// and deploy/install.yaml (generated from it): no CRITICAL finding that is not waived below, with the reason.
import { execFileSync, spawnSync } from "node:child_process";
import { accessSync, constants, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, helm, templateArgs } from "../support/helm.js";

/** Checks whose CRITICAL findings are accepted on purpose (kube-score check id: why). */
const WAIVERS: Record<string, string> = {
  // A NetworkPolicy needs the API server's addresses, which the chart cannot know: it is opt-in
  // (networkPolicy.enabled, scored below without this waiver).
  "pod-networkpolicy": "networkPolicy.enabled is opt-in: it needs networkPolicy.apiServer.cidrs",
  // kube-score wants Always so that imagePullSecrets are checked on every start. The image is
  // pinned (appVersion tag, or image.digest), and Always would make every restart of the
  // operator depend on the registry; image.pullPolicy=Always is one value away.
  "container-image-pull-policy": "a pinned image; IfNotPresent keeps restarts independent of the registry",
};
const CRITICAL = 1;

interface Finding {
  object_name: string;
  type_meta: { kind: string };
  checks: { check: { id: string }; grade: number; skipped: boolean; comments: { summary: string }[] | null }[];
}

function kubeScoreBinary(): string {
  const path =
    process.env.KUBE_SCORE ||
    execFileSync("bash", [join(ROOT, "hack", "kube-score", "build.sh"), "--print-path"], { encoding: "utf8" }).trim();
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(`kube-score not found at ${path}: build it with \`npm run kube-score:build\` (or set KUBE_SCORE)`);
  }
  return path;
}

/** The Kubernetes version the project's cluster runs, for kube-score's deprecated-API check. */
const K8S_VERSION = /^K8S_VERSION=\$\{K8S_VERSION:-(v\d+\.\d+)\.\d+\}$/m.exec(
  readFileSync(join(ROOT, "hack", "cluster", "lib.sh"), "utf8"),
)![1]!;

/** CRITICAL findings on the chart rendered with these --set values, as "Kind/name check-id: summary". */
function criticals(sets: string[], waived: string[]): string[] {
  const rendered = helm(templateArgs(sets.flatMap((s) => ["--set", s])));
  expect(rendered.stderr).toBe("");
  return manifestCriticals(rendered.stdout, waived);
}

/** CRITICAL findings on a multi-document manifest, as "Kind/name check-id: summary". */
function manifestCriticals(manifest: string, waived: string[]): string[] {
  const args = ["score", "-", "-o", "json", "--kubernetes-version", K8S_VERSION];
  const run = spawnSync(kubeScoreBinary(), [...args, ...waived.flatMap((id) => ["--ignore-test", id])], {
    input: manifest,
    encoding: "utf8",
  });
  if (run.error) throw run.error;
  // kube-score exits 1 when it finds something CRITICAL; the JSON says what.
  expect(run.stderr).toBe("");
  return (JSON.parse(run.stdout) as Finding[]).flatMap((f) =>
    f.checks
      .filter((c) => !c.skipped && c.grade === CRITICAL)
      .map(
        (c) => `${f.type_meta.kind}/${f.object_name} ${c.check.id}: ${c.comments?.map((m) => m.summary).join("; ")}`,
      ),
  );
}

const NETWORK_POLICY = ["networkPolicy.enabled=true", "networkPolicy.apiServer.cidrs={10.0.0.10/32}"];

describe("kube-score on the rendered chart", () => {
  it.each([
    ["defaults", []],
    ["2 replicas (PodDisruptionBudget)", ["replicaCount=2"]],
    [
      "namespaced, 2 replicas, every option",
      [
        "replicaCount=2",
        "watchNamespaces={team-a}",
        "metrics.serviceMonitor.enabled=true",
        "metrics.certSecret=operator-metrics-tls",
        "metrics.readers[0].kind=ServiceAccount",
        "metrics.readers[0].name=prometheus",
        "metrics.readers[0].namespace=monitoring",
        "prometheusRule.enabled=true",
        "grafanaDashboard.enabled=true",
        ...NETWORK_POLICY,
      ],
    ],
    ["plain-HTTP metrics", ["metrics.secure=false", "metrics.port=8080", "metrics.service.port=8080"]],
  ])("finds nothing CRITICAL but the waived checks (%s)", (_name, sets) => {
    expect(criticals(sets, Object.keys(WAIVERS))).toEqual([]);
  });

  it("finds nothing CRITICAL but the waived checks in deploy/install.yaml (the install without Helm)", () => {
    const manifest = readFileSync(join(ROOT, "deploy", "install.yaml"), "utf8");
    expect(manifestCriticals(manifest, Object.keys(WAIVERS))).toEqual([]);
    // Scored for real: unwaived, the same checks fire on its Deployment as on the chart's.
    const found = manifestCriticals(manifest, []);
    expect(
      found.every((line) => line.startsWith("Deployment/")),
      found.join("\n"),
    ).toBe(true);
    expect([...new Set(found.map((line) => line.split(" ")[1]!.replace(/:$/, "")))].sort()).toEqual(
      Object.keys(WAIVERS).sort(),
    );
  });

  it("waives only checks that do fire: the NetworkPolicy one is gone when the chart renders one", () => {
    const found = criticals(["replicaCount=2"], []).map((line) => line.split(" ")[1]!.replace(/:$/, ""));
    expect([...new Set(found)].sort()).toEqual(Object.keys(WAIVERS).sort());
    const withPolicy = criticals(["replicaCount=2", ...NETWORK_POLICY], []);
    expect(withPolicy.filter((line) => line.includes("pod-networkpolicy"))).toEqual([]);
  });

  it("flags a chart that would have no PodDisruptionBudget at 2 replicas (the check is live)", () => {
    const found = criticals(["replicaCount=2", "podDisruptionBudget.enabled=false"], Object.keys(WAIVERS));
    expect(found).toEqual([expect.stringContaining("deployment-has-poddisruptionbudget")]);
  });
});
