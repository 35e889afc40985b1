// deploy/install.yaml, the install without Helm, is generated from the chart with its default
// values (hack/install-manifest.js, run by `npm run generate`): it must be current, and hold
// everything the chart installs, the Namespace first, with nothing of Helm's or of this machine.
import { readFileSync } from "node:fs";
import { loadAll } from "js-yaml";
import { describe, expect, it } from "vitest";
import {
  INSTALL_MANIFEST,
  INSTALL_NAMESPACE,
  INSTALL_RELEASE,
  installManifest,
} from "../../../hack/install-manifest.js";
import { ROOT, helmBinary, type K8sObject } from "../../support/helm.js";

interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}
type ClusterRole = K8sObject & { rules: Rule[] };

const text = () => readFileSync(INSTALL_MANIFEST, "utf8");
const objects = () => loadAll(text()).filter((doc): doc is K8sObject => doc !== null && typeof doc === "object");
const named = (kind: string, name: string) => {
  const found = objects().filter((o) => o.kind === kind && o.metadata.name === name);
  expect(found, `${kind}/${name} in deploy/install.yaml`).toHaveLength(1);
  return found[0]!;
};
const AGGREGATE = "rbac.authorization.k8s.io/aggregate-to-";

describe("deploy/install.yaml", () => {
  it("is what `npm run generate` writes from the chart", () => {
    // On failure: npm run generate (or node hack/install-manifest.js)
    expect(text() === installManifest(helmBinary()), "deploy/install.yaml is stale").toBe(true);
  });

  it("starts with its Namespace, Pod Security restricted, and puts every namespaced object in it", () => {
    const [first, ...rest] = objects();
    expect(first).toMatchObject({
      kind: "Namespace",
      metadata: { name: INSTALL_NAMESPACE, labels: { "pod-security.kubernetes.io/enforce": "restricted" } },
    });
    const namespaced = rest.filter((o) => o.metadata.namespace !== undefined);
    expect(namespaced.map((o) => o.kind).sort()).toEqual(
      ["Deployment", "Role", "RoleBinding", "Service", "ServiceAccount"].sort(),
    );
    for (const o of namespaced) expect(o.metadata.namespace, `${o.kind}/${o.metadata.name}`).toBe(INSTALL_NAMESPACE);
  });

  it("holds the CRD, the operator, its RBAC and the metrics roles and Service", () => {
    const kinds = objects().map((o) => `${o.kind}/${o.metadata.name}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        "CustomResourceDefinition/compositeapps.compositeapp.io",
        `ServiceAccount/${INSTALL_RELEASE}`,
        `ClusterRole/${INSTALL_RELEASE}`,
        `ClusterRoleBinding/${INSTALL_RELEASE}`,
        `ClusterRole/${INSTALL_RELEASE}-metrics-auth`,
        `ClusterRoleBinding/${INSTALL_RELEASE}-metrics-auth`,
        `ClusterRole/${INSTALL_RELEASE}-metrics-reader`,
        `Deployment/${INSTALL_RELEASE}`,
        `Service/${INSTALL_RELEASE}-metrics`,
      ]),
    );
    expect(new Set(kinds).size, "no object twice").toBe(kinds.length);
  });

  it("holds the edit and view ClusterRoles with their aggregation labels", () => {
    const aggregatedTo = (name: string) =>
      Object.entries(named("ClusterRole", name).metadata.labels ?? {})
        .filter(([k, v]) => k.startsWith(AGGREGATE) && v === "true")
        .map(([k]) => k.slice(AGGREGATE.length))
        .sort();
    expect(aggregatedTo(`${INSTALL_RELEASE}-edit`)).toEqual(["admin", "edit"]);
    expect(aggregatedTo(`${INSTALL_RELEASE}-view`)).toEqual(["admin", "edit", "view"]);
    const edit = named("ClusterRole", `${INSTALL_RELEASE}-edit`) as ClusterRole;
    expect(edit.rules.flatMap((r) => r.verbs)).toContain("create");
    const view = named("ClusterRole", `${INSTALL_RELEASE}-view`) as ClusterRole;
    expect([...new Set(view.rules.flatMap((r) => r.verbs))].sort()).toEqual(["get", "list", "watch"]);
  });

  it("claims no Helm release and names nothing of the machine that generated it", () => {
    for (const o of objects()) {
      const labels = o.metadata.labels ?? {};
      expect(labels["app.kubernetes.io/managed-by"], `${o.kind}/${o.metadata.name}`).toBeUndefined();
      expect(labels["helm.sh/chart"], `${o.kind}/${o.metadata.name}`).toBeUndefined();
    }
    expect(text()).not.toContain(ROOT);
    expect(text()).not.toMatch(/^# Source: (?!compositeapp\/templates\/[\w-]+\.yaml$)/m);
  });
});
