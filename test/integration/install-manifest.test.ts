// deploy/install.yaml, the install without Helm, applied as the README says on a real API server:
// every object is accepted and stored, the operator's ServiceAccount holds what it needs, and the
// aggregated roles let a namespace user with edit create CompositeApps. There is no kubelet here, so
// the operator's Pod stays Pending; the e2e tiers run the operator itself.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KubectlError } from "../support/kubectl.js";
import { waitFor } from "../support/wait.js";
import { apply, createNamespace, deleteNamespace, kubectl, requireCluster } from "./support.js";

const MANIFEST = "deploy/install.yaml";
const OPERATOR = "system:serviceaccount:compositeapp-system:compositeapp";
const CLUSTER_ROLES = ["compositeapp-edit", "compositeapp-view", "compositeapp-metrics-reader"];
let ns: string;

/** `kubectl auth can-i`; RESOURCE may name a subresource after a slash (compositeapps/scale). */
async function canI(as: string, verb: string, resource: string, namespace?: string): Promise<boolean> {
  const where = namespace ? ["-n", namespace] : ["--all-namespaces"];
  const [type = resource, sub] = resource.split("/");
  const subresource = sub ? [`--subresource=${sub}`] : [];
  try {
    const args = ["auth", "can-i", verb, type, ...subresource, ...where, `--as=${as}`];
    return (await kubectl(args)).trim() === "yes";
  } catch (e) {
    if (e instanceof KubectlError && e.stdout.trim() === "no") return false;
    throw e;
  }
}

beforeAll(async () => {
  await requireCluster();
  ns = await createNamespace("it-install");
  await apply({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "developer" } }, ns);
  await apply(
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: "developer-edit" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "edit" },
      subjects: [{ kind: "ServiceAccount", name: "developer", namespace: ns }],
    },
    ns,
  );
});

afterAll(async () => {
  // Not `kubectl delete -f`: that would delete the CRD, which the other files of this tier share.
  await kubectl(["delete", "namespace", "compositeapp-system", "--ignore-not-found", "--wait=false"]);
  const clusterWide = await kubectl(["get", "-f", MANIFEST, "-o", "name", "--ignore-not-found"]);
  for (const name of clusterWide.split("\n").filter((n) => /^clusterrole(binding)?\./.test(n))) {
    await kubectl(["delete", name, "--ignore-not-found"]);
  }
  if (ns) await deleteNamespace(ns);
});

describe(`${MANIFEST} on a real API server`, () => {
  it("applies with kubectl apply --server-side, and every object in it is stored", async () => {
    await kubectl(["apply", "--server-side", "-f", MANIFEST]);
    const stored = (await kubectl(["get", "-f", MANIFEST, "-o", "name"])).trim().split("\n");
    expect(stored).toHaveLength(14);
    expect(stored).toEqual(
      expect.arrayContaining([
        "namespace/compositeapp-system",
        "customresourcedefinition.apiextensions.k8s.io/compositeapps.compositeapp.io",
        "deployment.apps/compositeapp",
        ...CLUSTER_ROLES.map((r) => `clusterrole.rbac.authorization.k8s.io/${r}`),
      ]),
    );
  });

  it("gives the operator's ServiceAccount what it needs, and no more than that", async () => {
    expect(await canI(OPERATOR, "watch", "compositeapps")).toBe(true);
    expect(await canI(OPERATOR, "update", "compositeapps/status")).toBe(true);
    expect(await canI(OPERATOR, "create", "pods")).toBe(true);
    expect(await canI(OPERATOR, "patch", "pods/resize")).toBe(true);
    expect(await canI(OPERATOR, "create", "events.events.k8s.io")).toBe(true);
    expect(await canI(OPERATOR, "create", "tokenreviews")).toBe(true);
    expect(await canI(OPERATOR, "create", "subjectaccessreviews")).toBe(true);
    expect(await canI(OPERATOR, "get", "secrets")).toBe(false);
    expect(await canI(OPERATOR, "create", "deployments")).toBe(false);
  });

  it("lets a namespace user with edit create CompositeApps there, through the aggregated role", async () => {
    const developer = `system:serviceaccount:${ns}:developer`;
    // kube-controller-manager's clusterrole-aggregation controller copies compositeapp-edit into edit.
    await waitFor("the edit role to include CompositeApps", () => canI(developer, "create", "compositeapps", ns));
    expect(await canI(developer, "update", "compositeapps/scale", ns)).toBe(true);
    expect(await canI(developer, "create", "compositeapps", "default")).toBe(false);
  });
});
