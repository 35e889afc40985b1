// Carries out one planned in-place update of a live Pod: CPU/memory through the `resize`
// subresource first, then the images together with the revision label in one patch, so a Pod's
// revision label never claims images it does not have. Both patches name the Pod's UID: a Pod
// replaced under the same name meanwhile is left alone. Each patch is idempotent, so one repeated
// on a stale cache does no harm.
import type { V1Pod } from "@kubernetes/client-node";
import type { Logger } from "pino";
import { ANNOTATIONS, LABELS, type PlannedUpdate } from "../../core/index.js";
import {
  PODS,
  isAborted,
  isConflict,
  isNotFound,
  type ApiClient,
  type CallOptions,
  type KubeObject,
} from "../kube/api.js";
import { messageOf, type ActionFailure } from "./failures.js";

type ContainerPatch = Record<string, unknown> & { name: string };

/** Container patches sorted into the Pod's two lists, by where each container lives. */
function byList(pod: V1Pod, patches: ContainerPatch[]) {
  const init = new Set((pod.spec?.initContainers ?? []).map((c) => c.name));
  const initContainers = patches.filter((p) => init.has(p.name));
  const containers = patches.filter((p) => !init.has(p.name));
  return {
    ...(initContainers.length > 0 && { initContainers }),
    ...(containers.length > 0 && { containers }),
  };
}

/** The container ID each patched container runs under now: how the status tells it was restarted. */
function containerIds(pod: V1Pod, names: string[]): Record<string, string> {
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  return Object.fromEntries(names.map((n) => [n, statuses.find((s) => s.name === n)?.containerID ?? ""]));
}

/** What the update did, for the log and the Event. */
export function describeUpdate(u: PlannedUpdate): string {
  const images = u.images.map((i) => `${i.container}=${i.image}`);
  const resized = u.resize.map((r) => r.container);
  return [images.length > 0 && `image ${images.join(", ")}`, resized.length > 0 && `resized ${resized.join(", ")}`]
    .filter(Boolean)
    .join("; ");
}

async function patchPod(api: ApiClient, namespace: string, u: PlannedUpdate, call: CallOptions) {
  const { pod, uid, name } = u.pod;
  if (u.resize.length > 0) {
    const resize = u.resize.map((r) => ({ name: r.container, resources: r.resources }));
    const patch = { metadata: { uid }, spec: byList(pod, resize) };
    await api.patch(PODS, namespace, name, patch, { ...call, subresource: "resize" });
  }
  const images = u.images.map((i) => ({ name: i.container, image: i.image }));
  const from = containerIds(
    pod,
    images.map((i) => i.name),
  );
  const metadata = {
    uid,
    labels: { [LABELS.revision]: u.revision },
    annotations: { [ANNOTATIONS.inPlaceFrom]: JSON.stringify(from) },
  };
  await api.patch(PODS, namespace, name, { metadata, ...(images.length > 0 && { spec: byList(pod, images) }) }, call);
}

export interface UpdateDeps {
  api: ApiClient;
  events: {
    normal(obj: KubeObject, reason: string, message: string): void;
    warning(obj: KubeObject, reason: string, message: string): void;
  };
}

/** Updates one Pod in place, with its log line and Event; returns the failure, if any. */
export async function updateInPlace(
  deps: UpdateDeps,
  app: KubeObject,
  u: PlannedUpdate,
  ctx: { log: Logger; signal: AbortSignal | undefined },
): Promise<ActionFailure | undefined> {
  const what = describeUpdate(u);
  try {
    await patchPod(deps.api, app.metadata?.namespace ?? "", u, { signal: ctx.signal });
    ctx.log.info({ pod: u.pod.name, revision: u.revision, update: what }, "updated Pod in place");
    deps.events.normal(app, "SuccessfulUpdate", `Updated pod in place: ${u.pod.name} (${what})`);
    return undefined;
  } catch (err) {
    if (isAborted(err, ctx.signal)) throw err;
    if (isNotFound(err) || isConflict(err)) return undefined; // gone, or replaced by another Pod of that name
    const message = messageOf(err);
    ctx.log.warn({ pod: u.pod.name, err }, "could not update Pod in place");
    deps.events.warning(app, "FailedUpdate", `Error updating in place: ${message}`);
    return { reason: "FailedUpdate", pod: u.pod.name, message, cause: err };
  }
}
