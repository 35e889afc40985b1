// The chart's optional alerts (PrometheusRule) and Grafana dashboard (a ConfigMap for Grafana's sidecar),
// rendered by helm template; every series they query is one the operator exposes, with labels it has.
import { describe, expect, it } from "vitest";
import { OperatorMetrics } from "../../../src/controller/metrics.js";
import { NAMESPACE, RELEASE, ofKind, only, render, renderFails, type K8sObject } from "../../support/helm.js";

interface Rule {
  alert: string;
  expr: string;
  for: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}
type PrometheusRule = K8sObject & { spec: { groups: { name: string; rules: Rule[] }[] } };
type ConfigMap = K8sObject & { data: Record<string, string> };
interface Dashboard {
  uid: string;
  title: string;
  templating: { list: { name: string; query: unknown }[] };
  panels: { type: string; title: string; targets?: { expr: string; legendFormat: string }[] }[];
}

const rulesOf = (sets: string[], flags: string[] = []) =>
  only<PrometheusRule>(render(["prometheusRule.enabled=true", ...sets], flags), "PrometheusRule").spec.groups.flatMap(
    (g) => g.rules,
  );
const dashboardMap = (sets: string[] = []) =>
  only<ConfigMap>(render(["grafanaDashboard.enabled=true", ...sets]), "ConfigMap");
const dashboardOf = (map: ConfigMap) => JSON.parse(map.data["compositeapp.json"]!) as Dashboard;

/** The operator's series: name → label names, histograms with their _bucket, _sum and _count. */
async function exposedSeries(): Promise<Map<string, Set<string>>> {
  const m = new OperatorMetrics();
  m.controllerStarted("compositeapp", 1);
  const queue = m.workQueue.observer("compositeapp");
  queue.onAdd?.("ns/a");
  queue.onGet?.("ns/a", 0.001);
  queue.onDone?.("ns/a", 0.002);
  m.setLeader("compositeapp-operator", true);
  m.observeRequest("get", "pods", 200, 0.01, { method: "GET", host: "10.96.0.1:443" });
  m.reconciled("compositeapp", "success", 0.01);
  const series = new Map<string, Set<string>>();
  for (const metric of await m.registry.getMetricsAsJSON()) {
    const labels = new Set(metric.values.flatMap((v) => Object.keys(v.labels)));
    labels.delete("le");
    const names =
      metric.type.toString() === "histogram" ? ["_bucket", "_sum", "_count"].map((s) => metric.name + s) : [];
    for (const name of [metric.name, ...names]) series.set(name, labels);
  }
  return series;
}

/** Labels Prometheus adds to every series of a scraped target (ServiceMonitor). */
const TARGET_LABELS = ["namespace", "job", "pod", "service", "instance", "endpoint", "container"];

/** Each `metric{label="...",...}` of a query, as [metric, label names]. */
function selectors(expr: string): [string, string[]][] {
  return [...expr.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\{([^}]*)\}/g)].map(([, name, matchers]) => [
    name!,
    [...matchers!.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!=|!~|=)/g)].map(([, label]) => label!),
  ]);
}

async function expectExposed(exprs: string[]): Promise<void> {
  const series = await exposedSeries();
  const found = exprs.flatMap(selectors);
  expect(found.length).toBeGreaterThanOrEqual(exprs.length);
  for (const [name, labels] of found) {
    expect(series.has(name), `${name} is not a metric of the operator`).toBe(true);
    for (const label of labels) {
      expect(series.get(name)!.has(label) || TARGET_LABELS.includes(label), `${name} has no label ${label}`).toBe(true);
    }
  }
}

describe("chart PrometheusRule", () => {
  it("is off by default", () => {
    expect(ofKind(render(), "PrometheusRule")).toEqual([]);
  });

  it("alerts on reconcile errors, a work queue backlog and no leader, in the release's namespace", () => {
    const rules = rulesOf(["prometheusRule.labels.release=prom"]);
    expect(rules.map((r) => r.alert)).toEqual([
      "CompositeAppReconcileErrors",
      "CompositeAppWorkQueueBacklog",
      "CompositeAppNoLeader",
    ]);
    const [errors, backlog, leader] = rules;
    expect(errors!.expr).toContain(
      `controller_runtime_reconcile_errors_total{controller="compositeapp",namespace="${NAMESPACE}"}`,
    );
    expect(errors!.expr).toMatch(/> 0\.1$/);
    expect(backlog!.expr).toBe(`sum(workqueue_depth{name="compositeapp",namespace="${NAMESPACE}"}) > 100`);
    expect(leader!.expr).toContain(
      `absent(leader_election_master_status{name="compositeapp-operator",namespace="${NAMESPACE}"})`,
    );
    expect(rules.map((r) => [r.for, r.labels.severity])).toEqual([
      ["15m", "warning"],
      ["15m", "warning"],
      ["5m", "warning"],
    ]);
    // Prometheus fills in the value: the template's braces reach it unexpanded.
    expect(errors!.annotations.description).toMatch(/^\{\{ \$value \| humanizePercentage \}\} of the reconciles/);
    const rule = only(render(["prometheusRule.enabled=true", "prometheusRule.labels.release=prom"]), "PrometheusRule");
    expect(rule.metadata).toMatchObject({ name: `${RELEASE}-compositeapp`, namespace: NAMESPACE });
    expect(rule.metadata.labels).toMatchObject({ release: "prom", "app.kubernetes.io/instance": RELEASE });
  });

  it("takes thresholds, duration and severity from values; no leader alert without leader election", () => {
    // helm --set reads 0.25 as a string: a number goes in a values file or --set-json.
    const ratio = ["--set-json", "prometheusRule.reconcileErrorRatio=0.25"];
    const rules = rulesOf(
      [
        "prometheusRule.queueDepth=500",
        "prometheusRule.for=30m",
        "prometheusRule.severity=critical",
        "leaderElection.enabled=false",
      ],
      ratio,
    );
    expect(rules.map((r) => r.alert)).toEqual(["CompositeAppReconcileErrors", "CompositeAppWorkQueueBacklog"]);
    expect(rules[0]!.expr).toMatch(/> 0\.25$/);
    expect(rules[1]!.expr).toMatch(/> 500$/);
    expect(rules.every((r) => r.for === "30m" && r.labels.severity === "critical")).toBe(true);
    for (const bad of [
      "prometheusRule.for=15 minutes",
      "prometheusRule.reconcileErrorRatio=2",
      "prometheusRule.queueDepth=0",
    ]) {
      expect(renderFails([bad]), bad).toContain("values don't meet the specifications of the schema");
    }
  });

  it("queries only series the operator exposes, with labels they have", async () => {
    await expectExposed(rulesOf([]).map((r) => r.expr));
  });
});

describe("chart Grafana dashboard", () => {
  it("is off by default", () => {
    expect(ofKind(render(), "ConfigMap")).toEqual([]);
  });

  it("is a ConfigMap with the sidecar's label, the dashboard JSON inside", () => {
    const map = dashboardMap();
    expect(map.metadata).toMatchObject({ name: `${RELEASE}-compositeapp-dashboard`, namespace: NAMESPACE });
    expect(map.metadata.labels).toMatchObject({ grafana_dashboard: "1" });
    const dashboard = dashboardOf(map);
    expect(dashboard).toMatchObject({ uid: "compositeapp-operator", title: "compositeapp operator" });
    expect(dashboard.templating.list.map((v) => v.name)).toEqual(["datasource", "namespace", "job"]);
    const titles = dashboard.panels.filter((p) => p.type !== "row").map((p) => p.title);
    expect(titles).toEqual(expect.arrayContaining(["Reconciles by result", "Leader", "API requests by code"]));
    expect(dashboard.panels.filter((p) => p.type !== "row").every((p) => (p.targets ?? []).length > 0)).toBe(true);
  });

  it("takes its label, namespace and annotations from values", () => {
    const map = dashboardMap([
      "grafanaDashboard.label=dashboards",
      "grafanaDashboard.labelValue=compositeapp",
      "grafanaDashboard.namespace=monitoring",
      "grafanaDashboard.annotations.grafana_folder=Operators",
    ]);
    expect(map.metadata.namespace).toBe("monitoring");
    expect(map.metadata.labels).toMatchObject({ dashboards: "compositeapp" });
    expect(map.metadata.labels).not.toHaveProperty("grafana_dashboard");
    expect(map.metadata.annotations).toEqual({ grafana_folder: "Operators" });
  });

  it("answers controller-runtime's own query, and queries only series the operator exposes", async () => {
    const exprs = dashboardOf(dashboardMap()).panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
    expect(exprs).toContain(
      'sum(rate(controller_runtime_reconcile_total{controller="compositeapp",namespace="$namespace",job=~"$job"}[5m])) by (result)',
    );
    await expectExposed(exprs);
  });
});
