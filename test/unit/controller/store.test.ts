import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/controller/kube/api.js";
import { Store, indexByControllerUid, objectKey, type IndexFunc } from "../../../src/controller/runtime/store.js";

/** Indexes of the kinds a caller may declare: several values per object, or none. */
const byOwnerUid: IndexFunc<KubeObject> = (obj) => (obj.metadata?.ownerReferences ?? []).map((ref) => ref.uid);
const byLabel =
  (label: string): IndexFunc<KubeObject> =>
  (obj) => {
    const value = obj.metadata?.labels?.[label];
    return value === undefined ? [] : [value];
  };
const byNamespace: IndexFunc<KubeObject> = (obj) => (obj.metadata?.namespace ? [obj.metadata.namespace] : []);

const owned = (name: string, ns: string, owner: string, labels: Record<string, string> = {}): KubeObject => ({
  metadata: {
    name,
    namespace: ns,
    labels,
    ownerReferences: [
      {
        apiVersion: "compositeapp.io/v1alpha1",
        kind: "CompositeApp",
        name: owner,
        uid: `uid-${owner}`,
        controller: true,
      },
      { apiVersion: "v1", kind: "ConfigMap", name: "cm", uid: "uid-cm" },
    ],
  },
});

describe("Store", () => {
  it("keys objects namespace/name, or name when cluster-scoped", () => {
    expect(objectKey({ metadata: { name: "a", namespace: "ns" } })).toBe("ns/a");
    expect(objectKey({ metadata: { name: "node-1" } })).toBe("node-1");
  });

  it("gets, lists, replaces and deletes", () => {
    const store = new Store<KubeObject>();
    expect(store.set(owned("a", "ns", "x"))).toBeUndefined();
    const old = store.get("ns/a");
    expect(store.set(owned("a", "ns", "y"))).toBe(old);
    store.set(owned("b", "ns", "x"));
    expect(store.keys().sort()).toEqual(["ns/a", "ns/b"]);
    expect(store.size).toBe(2);
    expect(store.delete("ns/a")?.metadata?.name).toBe("a");
    expect(store.delete("ns/a")).toBeUndefined();
    store.replace([owned("c", "other", "z")]);
    expect(store.list().map(objectKey)).toEqual(["other/c"]);
  });

  it("keeps named indexes in step with sets, deletes and replaces", () => {
    const store = new Store<KubeObject>({
      owner: byOwnerUid,
      controller: indexByControllerUid,
      app: byLabel("app"),
      namespace: byNamespace,
    });
    store.set(owned("a", "ns", "x", { app: "web" }));
    store.set(owned("b", "ns", "x", { app: "db" }));
    store.set(owned("c", "ns2", "y"));
    const names = (objs: KubeObject[]): string[] => objs.map((o) => o.metadata!.name!).sort();
    expect(names(store.byIndex("controller", "uid-x"))).toEqual(["a", "b"]);
    expect(names(store.byIndex("owner", "uid-cm"))).toEqual(["a", "b", "c"]);
    expect(names(store.byIndex("controller", "uid-cm"))).toEqual([]);
    expect(names(store.byIndex("app", "web"))).toEqual(["a"]);
    expect(names(store.byIndex("namespace", "ns2"))).toEqual(["c"]);

    store.set(owned("a", "ns", "y", { app: "db" }));
    expect(names(store.byIndex("controller", "uid-x"))).toEqual(["b"]);
    expect(names(store.byIndex("controller", "uid-y"))).toEqual(["a", "c"]);
    expect(names(store.byIndex("app", "web"))).toEqual([]);
    expect(names(store.byIndex("app", "db"))).toEqual(["a", "b"]);

    store.delete("ns/b");
    expect(names(store.byIndex("controller", "uid-x"))).toEqual([]);
    store.replace([owned("d", "ns", "x")]);
    expect(names(store.byIndex("controller", "uid-x"))).toEqual(["d"]);
    expect(names(store.byIndex("controller", "uid-y"))).toEqual([]);
  });

  it("throws for an index it does not have", () => {
    expect(() => new Store<KubeObject>().byIndex("nope", "x")).toThrow(/no index named "nope"/);
  });
});
