// The chart's metrics as kubebuilder's scaffold has them: HTTPS with TokenReview/SubjectAccessReview
// by default, the operator allowed to ask for both reviews, a metrics-reader ClusterRole for
// scrapers, a ServiceMonitor that sends its token over TLS, and plain HTTP as an option.
import { describe, expect, it } from "vitest";
import { NAMESPACE, RELEASE, ofKind, only, render, renderFails, type K8sObject } from "../../support/helm.js";

const FULLNAME = `${RELEASE}-compositeapp`;

interface Rule {
  apiGroups?: string[];
  resources?: string[];
  nonResourceURLs?: string[];
  verbs: string[];
}
type Role = K8sObject & { rules: Rule[] };
type Binding = K8sObject & { roleRef: { kind: string; name: string }; subjects: Record<string, string>[] };
interface Container {
  args: string[];
  volumeMounts: { name: string; mountPath: string; readOnly?: boolean }[];
}
type Deployment = K8sObject & {
  spec: { template: { spec: { containers: Container[]; volumes: Record<string, unknown>[] } } };
};
interface Endpoint {
  port: string;
  scheme: string;
  bearerTokenFile?: string;
  tlsConfig?: Record<string, unknown>;
}

const byName = <T extends K8sObject>(objects: K8sObject[], kind: string, name: string): T =>
  ofKind<T>(objects, kind).find((o) => o.metadata.name === name)!;
const operator = (objects: K8sObject[]) => only<Deployment>(objects, "Deployment").spec.template.spec;
const endpoint = (objects: K8sObject[]) =>
  only<K8sObject & { spec: { endpoints: Endpoint[] } }>(objects, "ServiceMonitor").spec.endpoints[0]!;

describe("chart metrics, secure by default", () => {
  const objects = render(["metrics.serviceMonitor.enabled=true"]);

  it("runs the operator with --metrics-secure on :8443 and a self-signed certificate (no --metrics-cert-dir)", () => {
    const args = operator(objects).containers[0]!.args;
    expect(args).toEqual(expect.arrayContaining(["--metrics-bind-address=:8443", "--metrics-secure=true"]));
    expect(args.some((a) => a.startsWith("--metrics-cert-dir"))).toBe(false);
  });

  it("lets the operator create TokenReviews and SubjectAccessReviews, and nothing more, cluster-wide", () => {
    const role = byName<Role>(objects, "ClusterRole", `${FULLNAME}-metrics-auth`);
    expect(role.rules).toEqual([
      { apiGroups: ["authentication.k8s.io"], resources: ["tokenreviews"], verbs: ["create"] },
      { apiGroups: ["authorization.k8s.io"], resources: ["subjectaccessreviews"], verbs: ["create"] },
    ]);
    const binding = byName<Binding>(objects, "ClusterRoleBinding", `${FULLNAME}-metrics-auth`);
    expect(binding.roleRef).toMatchObject({ kind: "ClusterRole", name: role.metadata.name });
    expect(binding.subjects).toEqual([{ kind: "ServiceAccount", name: FULLNAME, namespace: NAMESPACE }]);
  });

  it("has a metrics-reader ClusterRole granting get on /metrics, bound to nobody unless metrics.readers says", () => {
    const reader = byName<Role>(objects, "ClusterRole", `${FULLNAME}-metrics-reader`);
    expect(reader.rules).toEqual([{ nonResourceURLs: ["/metrics"], verbs: ["get"] }]);
    expect(byName(objects, "ClusterRoleBinding", `${FULLNAME}-metrics-reader`)).toBeUndefined();
    const bound = render(
      [],
      [
        "--set-json",
        'metrics.readers=[{"kind":"ServiceAccount","name":"prometheus-k8s","namespace":"monitoring"},{"kind":"Group","name":"sre"}]',
      ],
    );
    const binding = byName<Binding>(bound, "ClusterRoleBinding", `${FULLNAME}-metrics-reader`);
    expect(binding.roleRef).toMatchObject({ kind: "ClusterRole", name: `${FULLNAME}-metrics-reader` });
    expect(binding.subjects).toEqual([
      { kind: "ServiceAccount", name: "prometheus-k8s", namespace: "monitoring" },
      { kind: "Group", name: "sre", apiGroup: "rbac.authorization.k8s.io" },
    ]);
    expect(renderFails([], ["--set-json", 'metrics.readers=[{"kind":"ServiceAccount","name":"p"}]'])).toContain(
      "a ServiceAccount needs its namespace",
    );
  });

  it("scrapes over HTTPS with the ServiceAccount token, skipping verification of the self-signed certificate", () => {
    expect(endpoint(objects)).toMatchObject({
      port: "metrics",
      scheme: "https",
      bearerTokenFile: "/var/run/secrets/kubernetes.io/serviceaccount/token",
      tlsConfig: { insecureSkipVerify: true },
    });
  });

  it("takes a certificate Secret: mounted read-only at --metrics-cert-dir, with the CA the ServiceMonitor names", () => {
    const withCert = render(
      ["metrics.certSecret=operator-metrics-tls", "metrics.serviceMonitor.enabled=true"],
      [
        "--set-json",
        'metrics.serviceMonitor.tlsConfig={"ca":{"secret":{"name":"operator-metrics-tls","key":"ca.crt"}},"serverName":"capp-compositeapp-metrics.compositeapp-system.svc"}',
      ],
    );
    const pod = operator(withCert);
    const dir = "/etc/compositeapp/metrics-certs";
    expect(pod.containers[0]!.args).toContain(`--metrics-cert-dir=${dir}`);
    expect(pod.containers[0]!.volumeMounts).toContainEqual({ name: "metrics-certs", mountPath: dir, readOnly: true });
    expect(pod.volumes).toContainEqual({
      name: "metrics-certs",
      secret: {
        secretName: "operator-metrics-tls",
        items: [
          { key: "tls.crt", path: "tls.crt" },
          { key: "tls.key", path: "tls.key" },
        ],
      },
    });
    expect(endpoint(withCert).tlsConfig).toEqual({
      ca: { secret: { name: "operator-metrics-tls", key: "ca.crt" } },
      serverName: "capp-compositeapp-metrics.compositeapp-system.svc",
    });
  });
});

describe("chart metrics, plain HTTP", () => {
  const objects = render(["metrics.secure=false", "metrics.port=8080", "metrics.serviceMonitor.enabled=true"]);

  it("serves plain HTTP, with no review permissions and no metrics-reader role", () => {
    expect(operator(objects).containers[0]!.args).toEqual(
      expect.arrayContaining(["--metrics-bind-address=:8080", "--metrics-secure=false"]),
    );
    const names = [...ofKind(objects, "ClusterRole"), ...ofKind(objects, "ClusterRoleBinding")].map(
      (o) => o.metadata.name,
    );
    expect(names.filter((n) => n.includes("metrics"))).toEqual([]);
    const ep = endpoint(objects);
    expect(ep.scheme).toBe("http");
    expect(ep.bearerTokenFile).toBeUndefined();
    expect(ep.tlsConfig).toBeUndefined();
  });

  it("refuses a certificate Secret without secure metrics, and metrics and probes on one port", () => {
    expect(renderFails(["metrics.secure=false", "metrics.certSecret=x"])).toContain(
      "metrics.certSecret needs metrics.secure=true",
    );
    expect(renderFails(["metrics.port=8081"])).toContain("metrics.port and probes.port must differ");
  });
});
