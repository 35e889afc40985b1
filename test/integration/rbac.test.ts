// The chart's user roles on a real API server: the ClusterRoles of templates/user-roles.yaml,
// aggregated by kube-controller-manager into the built-in edit and view roles, let a namespace's
// users work with CompositeApps there, and only there.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { render } from "../support/helm.js";
import { KubectlError } from "../support/kubectl.js";
import { waitFor } from "../support/wait.js";
import { app, apply, createNamespace, deleteNamespace, installCrd, kubectl, requireCluster } from "./support.js";

let ns: string;
let other: string;
/** A release name of its own, so that the cluster-wide roles of this file clash with nothing. */
const release = `rbac-${randomBytes(3).toString("hex")}`;
const userRoles = render([], ["--show-only", "templates/user-roles.yaml"]).map((o) => ({
  ...o,
  metadata: { ...o.metadata, name: o.metadata.name.replace(/^capp-/, `${release}-`) },
}));

const user = (sa: string) => `system:serviceaccount:${ns}:${sa}`;

/** `kubectl auth can-i` as USER: true for "yes"; false for "no" (which kubectl reports with exit 1). */
async function canI(as: string, verb: string, resource: string, namespace = ns, subresource = ""): Promise<boolean> {
  const sub = subresource ? [`--subresource=${subresource}`] : [];
  try {
    return (await kubectl(["auth", "can-i", verb, resource, ...sub, "-n", namespace, `--as=${as}`])).trim() === "yes";
  } catch (e) {
    if (e instanceof KubectlError && e.stdout.trim() === "no") return false;
    throw e;
  }
}

/** kubectl as USER; resolves with its stdout, or rejects with its error (Forbidden, ...). */
const kubectlAs = (as: string, args: string[], input?: string) =>
  kubectl([...args, `--as=${as}`], input === undefined ? {} : { input });

beforeAll(async () => {
  await requireCluster();
  await installCrd();
  ns = await createNamespace("it-rbac");
  other = await createNamespace("it-rbac-other");
  for (const [sa, role] of [
    ["developer", "edit"],
    ["reader", "view"],
  ] as const) {
    await apply({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: sa } }, ns);
    await apply(
      {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "RoleBinding",
        metadata: { name: `${sa}-${role}` },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: role },
        subjects: [{ kind: "ServiceAccount", name: sa, namespace: ns }],
      },
      ns,
    );
  }
});

afterAll(async () => {
  for (const role of userRoles) await kubectl(["delete", "clusterrole", role.metadata.name, "--ignore-not-found"]);
  if (ns) await deleteNamespace(ns);
  if (other) await deleteNamespace(other);
});

describe("the chart's aggregated ClusterRoles on a real API server", () => {
  it("before they exist, edit and view grant nothing on CompositeApps", async () => {
    expect(await canI(user("developer"), "create", "compositeapps")).toBe(false);
    expect(await canI(user("reader"), "get", "compositeapps")).toBe(false);
  });

  it("once applied, a namespace user with edit can create, scale and delete CompositeApps there", async () => {
    expect(userRoles.map((r) => r.metadata.name).sort()).toEqual([
      `${release}-compositeapp-edit`,
      `${release}-compositeapp-view`,
    ]);
    await kubectl(["apply", "-f", "-"], { input: userRoles.map((r) => JSON.stringify(r)).join("\n") });
    // kube-controller-manager's clusterrole-aggregation controller copies the rules into edit.
    await waitFor("the edit role to include CompositeApps", () => canI(user("developer"), "create", "compositeapps"));

    const developer = user("developer");
    for (const verb of ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"]) {
      expect(await canI(developer, verb, "compositeapps"), verb).toBe(true);
    }
    expect(await canI(developer, "update", "compositeapps", ns, "scale")).toBe(true);
    expect(await canI(developer, "update", "compositeapps", ns, "status")).toBe(false);
    expect(await canI(developer, "create", "compositeapps", other)).toBe(false);

    await kubectlAs(developer, ["apply", "-n", ns, "-f", "-"], JSON.stringify(app("by-developer")));
    await kubectlAs(developer, ["scale", "-n", ns, "compositeapp/by-developer", "--replicas=3"]);
    expect(
      await kubectlAs(developer, ["get", "-n", ns, "compositeapp/by-developer", "-o", "jsonpath={.spec.replicas}"]),
    ).toBe("3");
    await kubectlAs(developer, ["delete", "-n", ns, "compositeapp/by-developer", "--wait=false"]);
  });

  it("a namespace user with view can read CompositeApps but not create, change or delete them", async () => {
    const reader = user("reader");
    await waitFor("the view role to include CompositeApps", () => canI(reader, "get", "compositeapps"));
    for (const verb of ["get", "list", "watch"]) expect(await canI(reader, verb, "compositeapps"), verb).toBe(true);
    for (const verb of ["create", "update", "patch", "delete"]) {
      expect(await canI(reader, verb, "compositeapps"), verb).toBe(false);
    }
    expect(await canI(reader, "update", "compositeapps", ns, "scale")).toBe(false);

    await apply(app("by-admin"), ns);
    expect(await kubectlAs(reader, ["get", "-n", ns, "compositeapp/by-admin", "-o", "name"])).toBe(
      "compositeapp.compositeapp.io/by-admin\n",
    );
    const refused = await kubectlAs(reader, ["delete", "-n", ns, "compositeapp/by-admin", "--wait=false"]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(KubectlError);
    expect((refused as KubectlError).stderr).toContain("Forbidden");
  });
});
