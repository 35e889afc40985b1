// What the scale benchmark watches: when each owner's first Pod appears and when it turns Ready, and
// when each CompositeApp reports Ready, all on the benchmark's clock (performance.now()).
import type { V1Pod } from "@kubernetes/client-node";
import { pino } from "pino";
import type { CompositeAppStatus } from "../src/api/compositeapp.js";
import { PODS, type KubeObject, type Resource } from "../src/controller/kube/api.js";
import { HttpApiClient, loadKubeConfig } from "../src/controller/kube/client.js";
import { COMPOSITEAPPS } from "../src/controller/compositeapps.js";
import { Informer } from "../src/controller/runtime/informer.js";
import { waitFor } from "../test/support/wait.js";

const WAIT_MS = 3_600_000;
const NODES: Resource = { group: "", version: "v1", plural: "nodes", namespaced: false };
const silent = pino({ level: "silent" });

interface Condition {
  type?: string;
  status?: string;
}
const ready = (conditions: Condition[] | undefined): boolean =>
  conditions?.some((c) => c.type === "Ready" && c.status === "True") === true;

/** Times by key: first seen, and first seen Ready. */
export interface Seen {
  created: Map<string, number>;
  ready: Map<string, number>;
  informer: Informer<KubeObject>;
  /** Resolves once n keys were created (and, with `ready`, are Ready). */
  all(n: number, what: "created" | "ready"): Promise<void>;
}

function track<T extends KubeObject>(
  informer: Informer<T>,
  keyOf: (obj: T) => string | undefined,
  isReady: (obj: T) => boolean,
  label: string,
): Seen {
  const created = new Map<string, number>();
  const readyAt = new Map<string, number>();
  const see = (obj: T) => {
    const key = keyOf(obj);
    if (key === undefined) return;
    const now = performance.now();
    if (!created.has(key)) created.set(key, now);
    if (!readyAt.has(key) && isReady(obj)) readyAt.set(key, now);
  };
  informer.addEventHandler({ onAdd: see, onUpdate: (_o, n) => see(n) });
  informer.start();
  const all = async (n: number, what: "created" | "ready") => {
    const map = what === "created" ? created : readyAt;
    await waitFor(`${n} ${label} ${what}`, () => Promise.resolve(map.size >= n), WAIT_MS, 100);
  };
  return { created, ready: readyAt, informer: informer as unknown as Informer<KubeObject>, all };
}

/** The first Pod of each owner (by keyOf) in a namespace: when it appears, when it is Ready. */
export function watchPods(ns: string, keyOf: (pod: V1Pod) => string | undefined): Seen {
  const informer = new Informer<V1Pod>({
    client: new HttpApiClient(loadKubeConfig()),
    resource: PODS,
    namespace: ns,
    logger: silent,
  });
  return track(informer, keyOf, (p) => ready(p.status?.conditions), `Pods in ${ns}`);
}

/** Each CompositeApp of a namespace: when it appears, when its status says Ready. */
export function watchApps(ns: string): Seen {
  const informer = new Informer<KubeObject & { status?: CompositeAppStatus }>({
    client: new HttpApiClient(loadKubeConfig()),
    resource: COMPOSITEAPPS,
    namespace: ns,
    logger: silent,
  });
  return track(
    informer,
    (a) => a.metadata?.name,
    (a) => ready(a.status?.conditions),
    `CompositeApps in ${ns}`,
  );
}

/** How many KWOK nodes the cluster has (`cluster:up -- --api-only --kwok N`): Pods then turn Ready. */
export async function kwokNodes(api: HttpApiClient): Promise<number> {
  const nodes = await api.list(NODES, { labelSelector: "type=kwok" });
  return nodes.items.length;
}
