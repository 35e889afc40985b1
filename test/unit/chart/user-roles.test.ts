// The ClusterRoles for the chart's users, aggregated into the built-in admin, edit and view roles
// (test/integration/rbac.test.ts checks on a real API server that the aggregation grants them).
import { describe, expect, it } from "vitest";
import { RELEASE, ofKind, render, type K8sObject } from "../../support/helm.js";

interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}
type ClusterRole = K8sObject & { rules: Rule[] };

const FULLNAME = `${RELEASE}-compositeapp`;
const AGGREGATE = "rbac.authorization.k8s.io/aggregate-to-";

/** Every permission as "group/resource:verb". */
const grants = (role: ClusterRole): string[] =>
  role.rules
    .flatMap((r) => r.apiGroups.flatMap((g) => r.resources.flatMap((res) => r.verbs.map((v) => `${g}/${res}:${v}`))))
    .sort();
const aggregatedTo = (role: ClusterRole): string[] =>
  Object.entries(role.metadata.labels ?? {})
    .filter(([k, v]) => k.startsWith(AGGREGATE) && v === "true")
    .map(([k]) => k.slice(AGGREGATE.length))
    .sort();
const userRolesOf = (objects: K8sObject[]) =>
  new Map(
    ofKind<ClusterRole>(objects, "ClusterRole")
      .filter((r) => aggregatedTo(r).length > 0)
      .map((r) => [r.metadata.name, r]),
  );
const userRoles = (sets: string[] = []) => userRolesOf(render(sets));

const READ = ["compositeapps", "compositeapps/status", "compositeapps/scale"].flatMap((res) =>
  ["get", "list", "watch"].map((v) => `compositeapp.io/${res}:${v}`),
);
const WRITE = [
  ...["create", "update", "patch", "delete", "deletecollection"].map((v) => `compositeapp.io/compositeapps:${v}`),
  "compositeapp.io/compositeapps/scale:update",
  "compositeapp.io/compositeapps/scale:patch",
];

describe("chart user roles", () => {
  it("view: reads CompositeApps, their status and scale; aggregated to view, edit and admin", () => {
    const view = userRoles().get(`${FULLNAME}-view`)!;
    expect(grants(view)).toEqual([...READ].sort());
    expect(aggregatedTo(view)).toEqual(["admin", "edit", "view"]);
  });

  it("edit: writes CompositeApps and scales them, never their status; aggregated to edit and admin", () => {
    const edit = userRoles().get(`${FULLNAME}-edit`)!;
    expect(grants(edit)).toEqual([...WRITE].sort());
    expect(grants(edit).filter((g) => g.includes("/status"))).toEqual([]);
    expect(aggregatedTo(edit)).toEqual(["admin", "edit"]);
  });

  it("are the only aggregated roles, carry the chart's labels, and are bound by nobody in the chart", () => {
    const objects = render();
    const roles = userRolesOf(objects);
    expect([...roles.keys()].sort()).toEqual([`${FULLNAME}-edit`, `${FULLNAME}-view`]);
    for (const role of roles.values()) {
      expect(role.metadata.labels).toMatchObject({ "app.kubernetes.io/instance": RELEASE });
    }
    const bound = ofKind<{ roleRef: { name: string } }>(objects, "ClusterRoleBinding").map((b) => b.roleRef.name);
    expect(bound.filter((name) => roles.has(name))).toEqual([]);
  });

  it("come with watchNamespaces too; rbac.aggregateClusterRoles=false or rbac.create=false drops them", () => {
    expect(userRoles(["watchNamespaces={team-a}"]).size).toBe(2);
    expect(userRoles(["rbac.aggregateClusterRoles=false"]).size).toBe(0);
    expect(userRoles(["rbac.create=false"]).size).toBe(0);
  });
});
