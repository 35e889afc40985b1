// What the controller's caches keep of each object: the fields the reconciler reads, nothing more.
// Applied by the reflectors as objects arrive, so the raw objects are garbage at once and each object
// is held once, in its trimmed form. What the reconciler reads of a Pod (observed.ts, plan.ts,
// status.ts, completion.ts, update-kind.ts): its metadata, status, spec.restartPolicy, each
// container's name, image, resources and resizePolicy (what an in-place update compares and
// changes), and an init container's restartPolicy (Always marks a native sidecar, which a run to
// completion and the per-role status tell apart from the work).
import type { V1Container, V1Pod, V1PodDisruptionBudget } from "@kubernetes/client-node";
import type { KubeObject } from "../kube/api.js";
import type { RawCompositeApp } from "../reconciler/reconciler.js";

/** kubectl's copy of the whole object as last applied client-side: never read, often the biggest field. */
export const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

/**
 * Metadata without managedFields (an update that sends none keeps the server's) and, for objects the
 * operator never writes back whole, without kubectl's last-applied copy.
 */
function trimMeta<T extends KubeObject>(obj: T, keepLastApplied = false): T["metadata"] {
  const meta = obj.metadata;
  if (!meta) return meta;
  const { managedFields: _fields, ...rest } = meta;
  if (keepLastApplied || rest.annotations?.[LAST_APPLIED] === undefined) return rest;
  const { [LAST_APPLIED]: _applied, ...annotations } = rest.annotations;
  return { ...rest, annotations };
}

const nameAndImage = (c: V1Container): V1Container => ({
  name: c.name,
  ...(c.image !== undefined && { image: c.image }),
  ...(c.resources !== undefined && { resources: c.resources }),
  ...(c.resizePolicy !== undefined && { resizePolicy: c.resizePolicy }),
});

const initContainer = (c: V1Container): V1Container => ({
  ...nameAndImage(c),
  ...(c.restartPolicy !== undefined && { restartPolicy: c.restartPolicy }),
});

/** A Pod as the reconciler reads it: metadata, status, restart policies, containers' names, images and resources. */
export function cachedPod(pod: V1Pod): V1Pod {
  const spec = pod.spec;
  return {
    ...(pod.apiVersion !== undefined && { apiVersion: pod.apiVersion }),
    ...(pod.kind !== undefined && { kind: pod.kind }),
    metadata: trimMeta(pod),
    ...(spec && {
      spec: {
        ...(spec.restartPolicy !== undefined && { restartPolicy: spec.restartPolicy }),
        ...(spec.initContainers && { initContainers: spec.initContainers.map(initContainer) }),
        containers: (spec.containers ?? []).map(nameAndImage),
      },
    }),
    ...(pod.status && { status: pod.status }),
  };
}

/**
 * An app as it is, less managedFields and the last-applied annotation: spec and status are read, and
 * only the status subresource is written (with name, namespace and resourceVersion alone).
 */
export function cachedApp(app: RawCompositeApp): RawCompositeApp {
  return { ...app, metadata: trimMeta(app) };
}

/**
 * A PodDisruptionBudget without its status, which the operator never reads (only spec, labels, owner).
 * Its annotations stay whole: a budget is replaced with the metadata it had.
 */
export function cachedBudget(budget: V1PodDisruptionBudget): V1PodDisruptionBudget {
  const { status: _status, ...rest } = budget;
  return { ...rest, metadata: trimMeta(budget, true) };
}
