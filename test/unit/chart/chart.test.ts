// The Helm chart in deploy/helm/compositeapp, rendered by a real helm binary (helm template /
// helm lint): least-privilege RBAC, Pod Security "restricted", the values schema, the CRD.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { load } from "js-yaml";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_KUBE_API_BURST, DEFAULT_KUBE_API_QPS } from "../../../src/controller/config.js";
import {
  CHART,
  NAMESPACE,
  RELEASE,
  ROOT,
  helm,
  helmBinary,
  ofKind,
  only,
  render,
  renderFails,
  type K8sObject,
} from "../../support/helm.js";

interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames?: string[];
}
interface RoleObject {
  rules: Rule[];
}
interface Binding {
  roleRef: { kind: string; name: string };
  subjects: { kind: string; name: string; namespace: string }[];
}
interface Container {
  name: string;
  image: string;
  imagePullPolicy: string;
  args: string[];
  env: { name: string; valueFrom?: { fieldRef?: { fieldPath: string } } }[];
  ports: { name: string; containerPort: number }[];
  livenessProbe: { httpGet: { path: string; port: string } };
  readinessProbe: { httpGet: { path: string; port: string } };
  resources: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: SecurityContext;
}
interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  readOnlyRootFilesystem?: boolean;
  capabilities?: { drop?: string[]; add?: string[] };
  seccompProfile?: { type: string };
}
interface PodSpec {
  serviceAccountName: string;
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
  securityContext?: SecurityContext;
  containers: Container[];
  initContainers?: Container[];
  volumes?: Record<string, unknown>[];
}
interface Deployment {
  spec: { replicas: number; template: { metadata: { labels: Record<string, string> }; spec: PodSpec } };
}

/** Every permission as "group/resource:verb", with "[names]" when limited to resourceNames. */
function grants(rules: Rule[]): string[] {
  return rules
    .flatMap((r) =>
      r.apiGroups.flatMap((g) =>
        r.resources.flatMap((res) =>
          r.verbs.map((v) => `${g}/${res}:${v}${r.resourceNames ? `[${r.resourceNames.join(",")}]` : ""}`),
        ),
      ),
    )
    .sort();
}

const OPERATOR_GRANTS = [
  "compositeapp.io/compositeapps:get",
  "compositeapp.io/compositeapps:list",
  "compositeapp.io/compositeapps:watch",
  "compositeapp.io/compositeapps/status:update",
  "compositeapp.io/compositeapps/finalizers:update",
  "/pods:list",
  "/pods:watch",
  "/pods:create",
  "/pods:delete",
  "/pods:patch",
  "/pods/resize:patch",
  "/events:create",
  "/events:update",
  "policy/poddisruptionbudgets:get",
  "policy/poddisruptionbudgets:list",
  "policy/poddisruptionbudgets:watch",
  "policy/poddisruptionbudgets:create",
  "policy/poddisruptionbudgets:update",
  "policy/poddisruptionbudgets:delete",
].sort();
const LEASE_GRANTS = [
  "coordination.k8s.io/leases:create",
  "coordination.k8s.io/leases:get[compositeapp-operator]",
  "coordination.k8s.io/leases:update[compositeapp-operator]",
].sort();

const FULLNAME = `${RELEASE}-compositeapp`;
const deploymentOf = (objects: K8sObject[]) => only<Deployment>(objects, "Deployment");
const operatorOf = (objects: K8sObject[]) => deploymentOf(objects).spec.template.spec.containers[0]!;
const argsWith = (sets: string[] = []) => operatorOf(render(sets)).args;

const ALLOWED_VOLUMES = [
  "configMap",
  "csi",
  "downwardAPI",
  "emptyDir",
  "ephemeral",
  "persistentVolumeClaim",
  "projected",
  "secret",
];
const SECCOMP_OK = (type: string | undefined) => type === "RuntimeDefault" || type === "Localhost";

/** Pod-level checks of the "restricted" profile: the violation's name when the check fails. */
const POD_CHECKS: [string, (pod: PodSpec) => boolean][] = [
  ["host namespaces", (pod) => !pod.hostNetwork && !pod.hostPID && !pod.hostIPC],
  [
    "volume types",
    (pod) => (pod.volumes ?? []).every((v) => ALLOWED_VOLUMES.includes(Object.keys(v).find((k) => k !== "name") ?? "")),
  ],
  ["pod runAsUser 0", (pod) => pod.securityContext?.runAsUser !== 0],
  [
    "pod seccomp",
    (pod) => pod.securityContext?.seccompProfile === undefined || SECCOMP_OK(pod.securityContext.seccompProfile.type),
  ],
];

/** Container-level checks; the pod's securityContext supplies defaults where the API does. */
const CONTAINER_CHECKS: [string, (ctx: SecurityContext, pod: SecurityContext, c: Container) => boolean][] = [
  ["privileged", (ctx) => ctx.privileged !== true],
  ["allowPrivilegeEscalation", (ctx) => ctx.allowPrivilegeEscalation === false],
  ["runAsNonRoot", (ctx, pod) => (ctx.runAsNonRoot ?? pod.runAsNonRoot) === true],
  ["runAsUser 0", (ctx) => ctx.runAsUser !== 0],
  ["seccomp", (ctx, pod) => SECCOMP_OK(ctx.seccompProfile?.type ?? pod.seccompProfile?.type)],
  ["capabilities drop ALL", (ctx) => ctx.capabilities?.drop?.includes("ALL") === true],
  ["capabilities add", (ctx) => (ctx.capabilities?.add ?? []).every((cap) => cap === "NET_BIND_SERVICE")],
  ["hostPort", (_ctx, _pod, c) => (c.ports as { hostPort?: number }[]).every((p) => !p.hostPort)],
];

/**
 * Pod Security Standards, "restricted" profile (which includes "baseline"): the checks that apply
 * to what a chart can set. Returns the violations.
 */
function restrictedViolations(pod: PodSpec): string[] {
  const podCtx = pod.securityContext ?? {};
  return [
    ...POD_CHECKS.filter(([, ok]) => !ok(pod)).map(([name]) => name),
    ...[...pod.containers, ...(pod.initContainers ?? [])].flatMap((c) =>
      CONTAINER_CHECKS.filter(([, ok]) => !ok(c.securityContext ?? {}, podCtx, c)).map(
        ([name]) => `${c.name}: ${name}`,
      ),
    ),
  ];
}

describe("chart deploy/helm/compositeapp", () => {
  it("finds the helm binary (a supported one on PATH, or the one bash hack/helm/build.sh builds)", () => {
    const run = helm(["version", "--template", "{{.Version}}"]);
    expect(run.stdout).toMatch(/^v3\.\d+\.\d+$/);
    expect(helmBinary()).toBeTruthy();
  });

  it.each([
    ["defaults", []],
    ["namespaced, 2 replicas", ["--set", "watchNamespaces={team-a,team-b}", "--set", "replicaCount=2"]],
    [
      "all options",
      [
        "--set",
        "metrics.serviceMonitor.enabled=true",
        "--set",
        "networkPolicy.enabled=true",
        "--set",
        "networkPolicy.apiServer.cidrs={10.0.0.10/32}",
        "--set",
        "crds.keep=false",
        "--set",
        "presets.images.tcpProxy=registry.example/socat:1.8",
        "--set",
        "replicaCount=2",
        "--set",
        `image.digest=sha256:${"ab".repeat(32)}`,
        "--set",
        "extraArgs={--log-level=debug}",
        "--set-json",
        'topologySpreadConstraints=[{"maxSkew":1,"topologyKey":"kubernetes.io/hostname","whenUnsatisfiable":"ScheduleAnyway"}]',
        "--set-json",
        'extraVolumes=[{"name":"ca","configMap":{"name":"ca"}}]',
        "--set-json",
        'extraVolumeMounts=[{"name":"ca","mountPath":"/etc/ssl/ca"}]',
      ],
    ],
  ])("passes helm lint --strict (%s)", (_name, flags) => {
    const run = helm(["lint", "--strict", CHART, "--namespace", NAMESPACE, ...flags]);
    expect(run.stderr + run.stdout).toContain("0 chart(s) failed");
    expect(run.status).toBe(0);
  });

  it("has Chart version and appVersion equal to the package version", () => {
    const chart = load(readFileSync(join(CHART, "Chart.yaml"), "utf8")) as Record<string, unknown>;
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(chart.apiVersion).toBe("v2");
    expect(chart.version).toBe(pkg.version);
    expect(chart.appVersion).toBe(pkg.version);
  });

  it("renders the expected objects with the standard labels by default", () => {
    const objects = render();
    expect(objects.map((o) => o.kind).sort()).toEqual(
      [
        "ClusterRole",
        "ClusterRole",
        "ClusterRole",
        "ClusterRoleBinding",
        "CustomResourceDefinition",
        "Deployment",
        "Role",
        "RoleBinding",
        "Service",
        "ServiceAccount",
      ].sort(),
    );
    for (const o of objects) {
      expect(o.metadata.labels, `${o.kind}/${o.metadata.name}`).toMatchObject({
        "app.kubernetes.io/name": "compositeapp",
        "app.kubernetes.io/instance": RELEASE,
        "app.kubernetes.io/version": "0.1.0",
        "app.kubernetes.io/managed-by": "Helm",
        "helm.sh/chart": "compositeapp-0.1.0",
      });
      if (o.kind !== "CustomResourceDefinition" && !o.kind.startsWith("Cluster")) {
        expect(o.metadata.namespace, `${o.kind}/${o.metadata.name}`).toBe(NAMESPACE);
      }
    }
  });
});

describe("chart RBAC", () => {
  const subjects = [{ kind: "ServiceAccount", name: FULLNAME, namespace: NAMESPACE }];

  it("all namespaces: a ClusterRole with exactly the operator's verbs, bound to its ServiceAccount", () => {
    const objects = render();
    const clusterRole = ofKind<RoleObject>(objects, "ClusterRole").find((r) => r.metadata.name === FULLNAME)!;
    expect(grants(clusterRole.rules)).toEqual(OPERATOR_GRANTS);
    const binding = only<Binding>(objects, "ClusterRoleBinding");
    expect(binding.roleRef).toMatchObject({ kind: "ClusterRole", name: clusterRole.metadata.name });
    expect(binding.subjects).toEqual(subjects);
    expect(only(objects, "ServiceAccount").metadata.name).toBe(FULLNAME);
    expect(deploymentOf(objects).spec.template.spec.serviceAccountName).toBe(FULLNAME);
  });

  it("leases: get and update on its own Lease, create, in the release namespace only", () => {
    const objects = render();
    const roles = ofKind<RoleObject>(objects, "Role");
    expect(roles).toHaveLength(1);
    expect(roles[0]!.metadata.namespace).toBe(NAMESPACE);
    expect(grants(roles[0]!.rules)).toEqual(LEASE_GRANTS);
    const binding = only<Binding>(objects, "RoleBinding");
    expect(binding.metadata.namespace).toBe(NAMESPACE);
    expect(binding.roleRef).toMatchObject({ kind: "Role", name: roles[0]!.metadata.name });
    expect(binding.subjects).toEqual(subjects);
  });

  it("watchNamespaces: a Role per namespace with the same verbs, nothing cluster-wide for the operator", () => {
    const objects = render(["watchNamespaces={team-a,team-b}"]);
    // Only the users' aggregated roles (user-roles.test.ts), which grant the operator nothing.
    expect(ofKind(objects, "ClusterRole").map((r) => r.metadata.name)).toEqual([
      `${FULLNAME}-view`,
      `${FULLNAME}-edit`,
    ]);
    expect(ofKind(objects, "ClusterRoleBinding")).toEqual([]);
    const roles = ofKind<RoleObject>(objects, "Role");
    const byNamespace = new Map(roles.map((r) => [`${r.metadata.namespace}/${r.metadata.name}`, grants(r.rules)]));
    expect(byNamespace).toEqual(
      new Map([
        [`team-a/${FULLNAME}`, OPERATOR_GRANTS],
        [`team-b/${FULLNAME}`, OPERATOR_GRANTS],
        [`${NAMESPACE}/${FULLNAME}-leader-election`, LEASE_GRANTS],
      ]),
    );
    const bindings = ofKind<Binding>(objects, "RoleBinding");
    expect(bindings).toHaveLength(3);
    for (const b of bindings) {
      expect(b.subjects).toEqual(subjects);
      expect(
        roles.some((r) => r.metadata.name === b.roleRef.name && r.metadata.namespace === b.metadata.namespace),
      ).toBe(true);
    }
    expect(operatorOf(objects).args).toContain("--namespace=team-a,team-b");
  });

  it("leader election off: no Lease permissions; a custom Lease namespace gets the Role", () => {
    const off = render(["leaderElection.enabled=false"]);
    expect(ofKind(off, "Role")).toEqual([]);
    expect(operatorOf(off).args).not.toContain("--leader-elect");
    const elsewhere = render(["leaderElection.namespace=locks", "leaderElection.id=my-lock"]);
    const role = only<RoleObject>(elsewhere, "Role");
    expect(role.metadata.namespace).toBe("locks");
    expect(grants(role.rules)).toContain("coordination.k8s.io/leases:update[my-lock]");
    expect(operatorOf(elsewhere).args).toEqual(
      expect.arrayContaining(["--leader-election-namespace=locks", "--leader-election-id=my-lock"]),
    );
  });

  it("rbac.create=false renders no RBAC objects", () => {
    const kinds = render(["rbac.create=false"]).map((o) => o.kind);
    expect(kinds.filter((k) => k.includes("Role"))).toEqual([]);
  });
});

describe("chart Deployment", () => {
  it("meets Pod Security 'restricted' and runs as 65532 with a read-only root filesystem", () => {
    const pod = deploymentOf(render()).spec.template.spec;
    expect(restrictedViolations(pod)).toEqual([]);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65532 });
    expect(pod.containers[0]!.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 65532,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    });
  });

  it("elects a leader; replicaCount 2 works with it and is refused without it", () => {
    expect(deploymentOf(render()).spec.replicas).toBe(1);
    const two = render(["replicaCount=2"]);
    expect(deploymentOf(two).spec.replicas).toBe(2);
    expect(operatorOf(two).args).toEqual(
      expect.arrayContaining([
        "--leader-elect",
        "--leader-election-id=compositeapp-operator",
        `--leader-election-namespace=${NAMESPACE}`,
        "--lease-duration=15",
        "--renew-deadline=10",
        "--retry-period=2",
      ]),
    );
    expect(renderFails(["replicaCount=2", "leaderElection.enabled=false"])).toContain("needs leaderElection.enabled");
  });

  it("probes /healthz and /readyz on the metrics port, POD_NAMESPACE from the downward API", () => {
    const c = operatorOf(render());
    expect(c.ports).toEqual([{ name: "metrics", containerPort: 8080, protocol: "TCP" }]);
    expect(c.args).toContain("--metrics-bind-address=:8080");
    expect(c.livenessProbe.httpGet).toEqual({ path: "/healthz", port: "metrics" });
    expect(c.readinessProbe.httpGet).toEqual({ path: "/readyz", port: "metrics" });
    expect(c.env).toContainEqual({
      name: "POD_NAMESPACE",
      valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } },
    });
    expect(c.resources.requests).toBeDefined();
    expect(c.resources.limits).toBeDefined();
  });

  it("image: repository and appVersion by default, IfNotPresent; overridable", () => {
    const c = operatorOf(render());
    expect(c.image).toBe("docker.io/compositeapp/operator:0.1.0");
    expect(c.imagePullPolicy).toBe("IfNotPresent");
    const custom = operatorOf(
      render(["image.repository=registry.example/op", "image.tag=dev", "image.pullPolicy=Never"]),
    );
    expect([custom.image, custom.imagePullPolicy]).toEqual(["registry.example/op:dev", "Never"]);
  });

  it("passes preset images, log level, concurrency and resync period as flags", () => {
    expect(argsWith().filter((a) => a.startsWith("--preset-image"))).toEqual([]);
    const args = argsWith([
      "presets.images.logShipper=registry.example/busybox:1.36",
      "presets.images.prometheusMetrics=registry.example/exporter:2",
      "logLevel=debug",
      "concurrency=8",
      "resyncPeriodSeconds=0",
    ]);
    expect(args.filter((a) => a.startsWith("--preset-image"))).toEqual([
      "--preset-image=logShipper=registry.example/busybox:1.36",
      "--preset-image=prometheusMetrics=registry.example/exporter:2",
    ]);
    expect(args).toEqual(expect.arrayContaining(["--log-level=debug", "--concurrency=8", "--resync-period=0"]));
    expect(args.some((a) => a.startsWith("--namespace"))).toBe(false);
  });

  it("passes the client-side API limits, by default the operator's own defaults", () => {
    expect(argsWith()).toEqual(
      expect.arrayContaining([`--kube-api-qps=${DEFAULT_KUBE_API_QPS}`, `--kube-api-burst=${DEFAULT_KUBE_API_BURST}`]),
    );
    expect(argsWith(["kubeApiQps=0", "kubeApiBurst=50"])).toEqual(
      expect.arrayContaining(["--kube-api-qps=0", "--kube-api-burst=50"]),
    );
  });

  it("carries nodeSelector, tolerations, affinity and podAnnotations", () => {
    const d = deploymentOf(
      render(
        ["nodeSelector.role=ops", "podAnnotations.team=platform"],
        [
          "--set-json",
          'tolerations=[{"key":"ops","operator":"Exists","effect":"NoSchedule"}]',
          "--set-json",
          'affinity={"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[]}}}',
        ],
      ),
    );
    const spec = d.spec.template.spec as unknown as Record<string, unknown>;
    expect(spec.nodeSelector).toEqual({ role: "ops" });
    expect(spec.tolerations).toEqual([{ key: "ops", operator: "Exists", effect: "NoSchedule" }]);
    expect(spec.affinity).toHaveProperty("nodeAffinity");
    expect((d.spec.template.metadata as { annotations?: unknown }).annotations).toEqual({ team: "platform" });
  });
});

describe("chart CRD", () => {
  const generated = readFileSync(join(ROOT, "crds", "compositeapp.io_compositeapps.yaml"), "utf8");

  it("files/ holds an up-to-date copy of crds/compositeapp.io_compositeapps.yaml", () => {
    const copy = readFileSync(join(CHART, "files", "compositeapp.io_compositeapps.yaml"), "utf8");
    // On failure: cp crds/compositeapp.io_compositeapps.yaml deploy/helm/compositeapp/files/
    expect(copy === generated, "deploy/helm/compositeapp/files/ copy of the CRD is stale").toBe(true);
  });

  it("renders the generated CRD with the keep policy by default", () => {
    const crd = only(render(), "CustomResourceDefinition");
    const file = load(generated) as K8sObject & { spec: unknown };
    expect(crd.metadata.name).toBe(file.metadata.name);
    expect(crd.spec).toEqual(file.spec);
    expect(crd.metadata.labels).toMatchObject(file.metadata.labels ?? {});
    expect(crd.metadata.annotations).toEqual({ "helm.sh/resource-policy": "keep" });
  });

  it("crds.keep=false drops the annotation; crds.enabled=false drops the CRD", () => {
    expect(only(render(["crds.keep=false"]), "CustomResourceDefinition").metadata.annotations).toBeUndefined();
    expect(ofKind(render(["crds.enabled=false"]), "CustomResourceDefinition")).toEqual([]);
  });
});

describe("chart values.schema.json", () => {
  it.each([
    ["an unknown top-level key", ["replicas=2"], "replicas"],
    ["an unknown nested key", ["image.name=x"], "name"],
    ["an unknown preset", ["presets.images.logshipper=x"], "logshipper"],
  ])("rejects %s", (_name, sets, key) => {
    const err = renderFails(sets);
    expect(err).toContain("values don't meet the specifications of the schema");
    expect(err).toMatch(new RegExp(`additional properties? '${key}' not allowed`));
  });

  it.each([
    ["replicaCount as a string", ["replicaCount=two"]],
    ["crds.enabled as a string", [], ["--set-string", "crds.enabled=yes"]],
    ["watchNamespaces as a string", ["watchNamespaces=team-a"]],
    ["an unknown log level", ["logLevel=verbose"]],
    ["an unknown pull policy", ["image.pullPolicy=Sometimes"]],
    ["a port out of range", ["metrics.port=70000"]],
  ])("rejects %s", (_name, sets, flags: string[] = []) => {
    expect(renderFails(sets, flags)).toContain("values don't meet the specifications of the schema");
  });

  it("forbids additional properties in every object it declares", () => {
    const schema = JSON.parse(readFileSync(join(CHART, "values.schema.json"), "utf8")) as unknown;
    const open: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (!node || typeof node !== "object") return;
      const n = node as Record<string, unknown>;
      if (n.properties && n.additionalProperties !== false) open.push(path);
      for (const [k, v] of Object.entries(n)) walk(v, `${path}/${k}`);
    };
    walk(schema, "#");
    expect(open).toEqual([]);
  });
});

describe("chart options", () => {
  it("ServiceMonitor: off by default, scrapes the metrics port when on", () => {
    expect(ofKind(render(), "ServiceMonitor")).toEqual([]);
    const sm = only<{ spec: { endpoints: { port: string; path: string }[] } }>(
      render(["metrics.serviceMonitor.enabled=true", "metrics.serviceMonitor.labels.release=prom"]),
      "ServiceMonitor",
    );
    expect(sm.apiVersion).toBe("monitoring.coreos.com/v1");
    expect(sm.metadata.labels).toMatchObject({ release: "prom" });
    expect(sm.spec.endpoints).toEqual([{ port: "metrics", path: "/metrics", interval: "30s", scrapeTimeout: "10s" }]);
  });

  it("NetworkPolicy: off by default; ingress to the metrics port only, egress to the API server only", () => {
    expect(ofKind(render(), "NetworkPolicy")).toEqual([]);
    expect(renderFails(["networkPolicy.enabled=true"])).toContain("networkPolicy.apiServer.cidrs is required");
    const np = only<{ spec: Record<string, unknown> }>(
      render(["networkPolicy.enabled=true", "networkPolicy.apiServer.cidrs={10.0.0.10/32,10.96.0.1/32}"]),
      "NetworkPolicy",
    );
    expect(np.spec.policyTypes).toEqual(["Ingress", "Egress"]);
    expect(np.spec.ingress).toEqual([{ ports: [{ port: "metrics", protocol: "TCP" }] }]);
    expect(np.spec.egress).toEqual([
      {
        to: [{ ipBlock: { cidr: "10.0.0.10/32" } }, { ipBlock: { cidr: "10.96.0.1/32" } }],
        ports: [
          { port: 443, protocol: "TCP" },
          { port: 6443, protocol: "TCP" },
        ],
      },
    ]);
  });

  it("the metrics Service selects the operator Pods", () => {
    const objects = render();
    const svc = only<{ spec: { selector: Record<string, string>; ports: unknown[] } }>(objects, "Service");
    expect(svc.spec.ports).toEqual([{ name: "metrics", port: 8080, targetPort: "metrics", protocol: "TCP" }]);
    expect(deploymentOf(objects).spec.template.metadata.labels).toMatchObject(svc.spec.selector);
  });
});

describe("chart NOTES.txt", () => {
  // helm template never prints NOTES.txt: render it as a ConfigMap in a copy of the chart.
  const dir = mkdtempSync(join(tmpdir(), "compositeapp-chart-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const notes = (sets: string[]): string => {
    const chart = join(dir, `chart-${sets.length}`);
    cpSync(CHART, chart, { recursive: true });
    renameSync(join(chart, "templates", "NOTES.txt"), join(chart, "files", "notes.txt"));
    writeFileSync(
      join(chart, "templates", "notes.yaml"),
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: notes}\ndata:\n  notes: {{ tpl (.Files.Get "files/notes.txt") . | quote }}\n',
    );
    const run = helm([
      "template",
      RELEASE,
      chart,
      "--namespace",
      NAMESPACE,
      "--show-only",
      "templates/notes.yaml",
      ...sets.flatMap((s) => ["--set", s]),
    ]);
    expect(run.stderr).toBe("");
    return (load(run.stdout) as { data: { notes: string } }).data.notes;
  };

  it("tells the user how to check the operator, create a CompositeApp and read the logs", () => {
    const text = notes([]);
    expect(text).toContain(`kubectl rollout status -n ${NAMESPACE} deployment/${FULLNAME}`);
    expect(text).toContain("kubectl get capp -A");
    expect(text).toContain("kubectl apply -n default -f -");
    expect(text).toContain("kind: CompositeApp");
    expect(text).toContain(`kubectl logs -n ${NAMESPACE} deployment/${FULLNAME} -f`);
    // The example CompositeApp is valid.
    const example = /<<'YAML'\n([\s\S]*?)\n\s*YAML\n/.exec(text)?.[1];
    expect(example).toBeDefined();
    const validate = spawnSync(process.execPath, [join(ROOT, "bin", "compositeapp.js"), "validate", "-f", "-"], {
      input: example!.replace(/^ {3}/gm, ""),
      encoding: "utf8",
    });
    expect(validate.stderr).toBe("");
    expect(validate.status).toBe(0);
    expect(text).toContain(`holds the built-in admin or edit role`);
    expect(text).toContain(`(${FULLNAME}-edit is aggregated to them)`);
    expect(notes(["rbac.aggregateClusterRoles=false"])).not.toContain("admin or edit role");
    const namespaced = notes(["watchNamespaces={team-a}", "crds.enabled=false"]);
    expect(namespaced).toContain("install the CompositeApp CRD");
    expect(namespaced).toContain("kubectl apply -n team-a -f -");
  });
});
