// The Pod's effective requests and limits, by the rule the scheduler and kubelet use
// (k8s.io/component-helpers/resource PodRequests/PodLimits, with native sidecars, KEP-753):
//   max( sum(regular containers) + sum(restartable init containers),
//        for each init container i: its own value + the restartable init containers started before it )
// Requests missing where a limit is set default to the limit, as the API server defaults them.
// Pod-level `resources` (spec.pod.resources), where set, take the place of the aggregate for cpu
// and memory, as PodRequests/PodLimits do with pod-level resources.
import type { V1Container, V1PodSpec } from "@kubernetes/client-node";
import { addQuantities, formatQuantity, maxQuantity, parseQuantity, type Quantity } from "../../api/quantity.js";

export type ResourceMap = Record<string, string>;
export interface EffectiveResources {
  requests: ResourceMap;
  limits: ResourceMap;
}

type Totals = Map<string, Quantity>;

function toTotals(list: Record<string, string | number> | undefined): Totals {
  const totals: Totals = new Map();
  for (const [name, value] of Object.entries(list ?? {})) {
    const q = parseQuantity(String(value));
    if (q) totals.set(name, q);
  }
  return totals;
}

function add(into: Totals, from: Totals): Totals {
  for (const [name, q] of from) {
    const have = into.get(name);
    into.set(name, have ? addQuantities(have, q) : q);
  }
  return into;
}

function maxInto(into: Totals, from: Totals): void {
  for (const [name, q] of from) {
    const have = into.get(name);
    into.set(name, have ? maxQuantity(have, q) : q);
  }
}

const isRestartable = (c: V1Container) => c.restartPolicy === "Always";

function requestsOf(c: V1Container): Totals {
  const requests = toTotals(c.resources?.requests);
  for (const [name, q] of toTotals(c.resources?.limits)) if (!requests.has(name)) requests.set(name, q);
  return requests;
}

const limitsOf = (c: V1Container): Totals => toTotals(c.resources?.limits);

/** The scheduler's aggregation of one kind of value (requests or limits) over a Pod. */
function aggregate(spec: V1PodSpec, valuesOf: (c: V1Container) => Totals): Totals {
  const total: Totals = new Map();
  for (const c of spec.containers) add(total, valuesOf(c));
  const sidecarsSoFar: Totals = new Map();
  const initPeak: Totals = new Map();
  for (const c of spec.initContainers ?? []) {
    const own = valuesOf(c);
    if (isRestartable(c)) {
      add(total, own);
      add(sidecarsSoFar, own);
      maxInto(initPeak, sidecarsSoFar);
    } else {
      maxInto(initPeak, add(new Map(sidecarsSoFar), own));
    }
  }
  maxInto(total, initPeak);
  return total;
}

function format(totals: Totals): ResourceMap {
  const out: ResourceMap = {};
  for (const name of [...totals.keys()].sort()) {
    const q = totals.get(name);
    if (q && q.nanos !== 0n) out[name] = formatQuantity(q);
  }
  return out;
}

/** Resources that Pod-level `resources` may set (IsSupportedPodLevelResource). */
const POD_LEVEL = ["cpu", "memory"];

/** Pod-level values, where set, replace the containers' aggregate for cpu and memory. */
function withPodLevel(aggregated: Totals, podLevel: Totals): Totals {
  for (const [name, q] of podLevel) if (POD_LEVEL.includes(name)) aggregated.set(name, q);
  return aggregated;
}

export function effectiveResources(spec: V1PodSpec): EffectiveResources {
  const pod = { name: "", resources: spec.resources } as V1Container;
  return {
    requests: format(withPodLevel(aggregate(spec, requestsOf), requestsOf(pod))),
    limits: format(withPodLevel(aggregate(spec, limitsOf), limitsOf(pod))),
  };
}
