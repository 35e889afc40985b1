// Whether a Pod updated in place runs what its spec now says: status.updatedReplicas counts such a
// Pod only once this holds. A Pod created at its revision runs it by construction. Pure.
import type { V1ContainerStatus, V1Pod } from "@kubernetes/client-node";
import { ANNOTATIONS } from "./render/index.js";
import { containersOf, resizeCondition, sameCpuMemory } from "./update-kind.js";

/**
 * An image reference in the long form the container runtime reports: `busybox:1.36` is
 * `docker.io/library/busybox:1.36`, a reference without tag or digest has `:latest`.
 */
export function normalizeImage(ref: string): string {
  const slash = ref.indexOf("/");
  const first = slash < 0 ? "" : ref.slice(0, slash);
  const hasRegistry = first.includes(".") || first.includes(":") || first === "localhost";
  let name = hasRegistry ? ref : `docker.io/${slash < 0 ? "library/" : ""}${ref}`;
  if (/^docker\.io\/[^/]+$/.test(name.split(/[:@]/)[0] ?? "")) name = name.replace("docker.io/", "docker.io/library/");
  const path = name.slice(name.lastIndexOf("/") + 1);
  return path.includes(":") || path.includes("@") ? name : `${name}:latest`;
}

/** The containers whose image was patched, with the ID each ran under before: `{"log": "containerd://..."}`. */
export function patchedFrom(pod: V1Pod): Record<string, string> | undefined {
  const raw = pod.metadata?.annotations?.[ANNOTATIONS.inPlaceFrom];
  if (raw === undefined) return undefined;
  try {
    const parsed = JSON.parse(raw) as unknown;
    return parsed !== null && typeof parsed === "object" ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/**
 * A patched image is in effect once the container runs it: the runtime reports the new image, or
 * (a runtime may report another tag of the same image) a new container runs since the patch.
 */
function imageInEffect(s: V1ContainerStatus, image: string, before: string | undefined): boolean {
  if (!s.state?.running) return false;
  return normalizeImage(s.image) === normalizeImage(image) || (s.containerID !== undefined && s.containerID !== before);
}

export function inEffect(pod: V1Pod): boolean {
  const from = patchedFrom(pod);
  if (from === undefined) return true;
  // Where the server tracks it (PodObservedGenerationTracking), the kubelet must have seen the spec.
  const [generation, observed] = [pod.metadata?.generation, pod.status?.observedGeneration];
  if (generation !== undefined && observed !== undefined && observed < generation) return false;
  if (resizeCondition(pod)) return false;
  const statuses = new Map(
    [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].map((s) => [s.name, s]),
  );
  return containersOf(pod).every(({ container, running }) => {
    if (!running) return true;
    const s = statuses.get(container.name);
    if (!s) return false;
    if (s.resources && !sameCpuMemory(s.resources, container.resources)) return false;
    return !(container.name in from) || imageInEffect(s, container.image ?? "", from[container.name]);
  });
}
