// How a live Pod reaches the desired one with the least disruption Kubernetes permits: not at all
// (Current), by patching container images and resizing CPU and memory on the live Pod (InPlace), or
// by a new Pod (Replace). Pure. The template hash (render/revision.ts) covers everything but images
// and CPU/memory, so two Pods with equal template hashes differ at most in what may change in place.
import type { V1Container, V1Pod, V1ResourceRequirements } from "@kubernetes/client-node";
import type { InPlacePolicy } from "../api/compositeapp.js";
import { parseQuantity } from "../api/quantity.js";
import type { PodRole } from "../api/roles.js";
import { ANNOTATIONS, LABELS, type ServerVersion } from "./render/index.js";

export type { InPlacePolicy };

export interface ImageChange {
  container: string;
  image: string;
}

export interface ResizeChange {
  container: string;
  /** Requests and limits of CPU and memory as they should be, requests defaulted from limits. */
  resources: { requests: Record<string, string>; limits: Record<string, string> };
}

export type UpdateKind =
  | { kind: "Current" }
  | { kind: "InPlace"; images: ImageChange[]; resize: ResizeChange[] }
  | { kind: "Replace"; why: string };

export interface ClassifyOptions {
  policy: InPlacePolicy;
  /** The server resizes CPU and memory through pods/resize (Kubernetes 1.33+). */
  resize: boolean;
}

/** pods/resize, with sidecars, is on by default from 1.33 (InPlacePodVerticalScaling beta). */
export const RESIZE_SINCE = { major: 1, minor: 33 } as const;

/** The classification options of an app on a server; an unknown server version cannot resize. */
export function inPlaceOptions(policy: InPlacePolicy | undefined, server: ServerVersion | undefined): ClassifyOptions {
  const resize =
    server !== undefined &&
    (server.major > RESIZE_SINCE.major || (server.major === RESIZE_SINCE.major && server.minor >= RESIZE_SINCE.minor));
  return { policy: policy ?? "Helpers", resize };
}

const RESIZABLE = ["cpu", "memory"] as const;
const HELPER_ROLES: ReadonlySet<PodRole> = new Set<PodRole>(["sidecar", "ambassador", "adapter"]);

/** A Pod condition of a resize the kubelet has not finished: PodResizePending or PodResizeInProgress. */
export function resizeCondition(pod: V1Pod) {
  return pod.status?.conditions?.find(
    (c) => (c.type === "PodResizePending" || c.type === "PodResizeInProgress") && c.status === "True",
  );
}

/** The node can never fit the resize: only a new Pod (perhaps on another node) can have it. */
const resizeInfeasible = (pod: V1Pod): boolean => {
  const c = resizeCondition(pod);
  return c?.type === "PodResizePending" && c.reason === "Infeasible";
};

export function rolesOf(pod: V1Pod): Record<string, PodRole> {
  try {
    return JSON.parse(pod.metadata?.annotations?.[ANNOTATIONS.roles] ?? "{}") as Record<string, PodRole>;
  } catch {
    return {};
  }
}

/** Every container of a Pod, with whether it keeps running (regular, or a native sidecar). */
export function containersOf(pod: V1Pod): { container: V1Container; running: boolean }[] {
  return [
    ...(pod.spec?.initContainers ?? []).map((c) => ({ container: c, running: c.restartPolicy === "Always" })),
    ...(pod.spec?.containers ?? []).map((c) => ({ container: c, running: true })),
  ];
}

type Amounts = Record<string, bigint>;

/** CPU and memory requests and limits as the API server stores them: a missing request is the limit. */
export function effectiveCpuMemory(r: V1ResourceRequirements | undefined): { requests: Amounts; limits: Amounts } {
  const pick = (m: Record<string, string> | undefined): Amounts =>
    Object.fromEntries(
      RESIZABLE.flatMap((k) => {
        const q = m?.[k] === undefined ? undefined : parseQuantity(String(m[k]));
        return q ? [[k, q.nanos] as const] : [];
      }),
    );
  const limits = pick(r?.limits);
  return { requests: { ...limits, ...pick(r?.requests) }, limits };
}

const sameAmounts = (a: Amounts, b: Amounts): boolean =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

export function sameCpuMemory(a: V1ResourceRequirements | undefined, b: V1ResourceRequirements | undefined): boolean {
  const [x, y] = [effectiveCpuMemory(a), effectiveCpuMemory(b)];
  return sameAmounts(x.requests, y.requests) && sameAmounts(x.limits, y.limits);
}

type QosClass = "Guaranteed" | "Burstable" | "BestEffort";

/** The Pod's QoS class, which a resize may not change (the API server refuses it). */
function qosClass(pod: V1Pod): QosClass {
  const all = containersOf(pod).map((c) => effectiveCpuMemory(c.container.resources));
  if (all.every((r) => Object.keys(r.requests).length === 0)) return "BestEffort";
  const guaranteed = all.every((r) =>
    RESIZABLE.every((k) => r.limits[k] !== undefined && r.limits[k] === r.requests[k]),
  );
  return guaranteed ? "Guaranteed" : "Burstable";
}

const keysOf = (r: { requests: Amounts; limits: Amounts }) =>
  `${Object.keys(r.requests).sort().join()}/${Object.keys(r.limits).sort().join()}`;

/** Why a container's CPU/memory change cannot be made in place, if it cannot. */
function resizeProblem(live: V1Container, want: V1Container, running: boolean, o: ClassifyOptions) {
  if (!o.resize) return "the server cannot resize Pods in place";
  if (!running) return `init container ${want.name} cannot be resized in place`;
  const [before, after] = [effectiveCpuMemory(live.resources), effectiveCpuMemory(want.resources)];
  if (keysOf(before) !== keysOf(after)) return `container ${want.name} adds or removes a request or limit`;
  // Before Kubernetes 1.35 a memory limit may only shrink with a restart of the container.
  const restarts = want.resizePolicy?.some(
    (p) => p.resourceName === "memory" && p.restartPolicy === "RestartContainer",
  );
  const shrinks = (after.limits.memory ?? 0n) < (before.limits.memory ?? 0n);
  if (shrinks && !restarts)
    return `container ${want.name} lowers its memory limit without resizePolicy RestartContainer`;
  return undefined;
}

function stringAmounts(m: Record<string, string> | undefined, fallback: Record<string, string> | undefined) {
  const out: Record<string, string> = {};
  for (const k of RESIZABLE) {
    const v = m?.[k] ?? fallback?.[k];
    if (v !== undefined) out[k] = String(v);
  }
  return out;
}

function resizeOf(want: V1Container): ResizeChange {
  const limits = stringAmounts(want.resources?.limits, undefined);
  return { container: want.name, resources: { requests: stringAmounts(want.resources?.requests, limits), limits } };
}

/** Why the Pods differ in more than may change in place, if they do. */
function templateProblem(live: V1Pod, desired: V1Pod, o: ClassifyOptions): string | undefined {
  const template = live.metadata?.labels?.[LABELS.template];
  if (template === undefined || template !== desired.metadata?.labels?.[LABELS.template]) {
    return "the Pod template changed beyond images and CPU/memory";
  }
  return o.policy === "Never" ? "updateStrategy.inPlace is Never" : undefined;
}

/** The image patches and resizes from the live Pod to the desired one, or why they cannot do. */
function containerChanges(live: V1Pod, desired: V1Pod, o: ClassifyOptions): UpdateKind {
  const roles = rolesOf(desired);
  const liveContainers = new Map(containersOf(live).map((c) => [c.container.name, c.container]));
  const images: ImageChange[] = [];
  const resize: ResizeChange[] = [];
  for (const { container: want, running } of containersOf(desired)) {
    const have = liveContainers.get(want.name);
    if (!have) return { kind: "Replace", why: `container ${want.name} is new` };
    if (have.image !== want.image) {
      const role = roles[want.name] ?? "main";
      const allowed = HELPER_ROLES.has(role) || (role === "main" && o.policy === "All");
      if (!allowed) return { kind: "Replace", why: `the image of ${role} container ${want.name} changed` };
      images.push({ container: want.name, image: want.image ?? "" });
    }
    if (sameCpuMemory(have.resources, want.resources)) continue;
    const problem = resizeProblem(have, want, running, o);
    if (problem) return { kind: "Replace", why: problem };
    resize.push(resizeOf(want));
  }
  return { kind: "InPlace", images, resize };
}

/** The least disruptive way from the live Pod to the desired one. */
export function classifyUpdate(live: V1Pod, desired: V1Pod, o: ClassifyOptions): UpdateKind {
  if (resizeInfeasible(live)) return { kind: "Replace", why: "the node reports the resize Infeasible" };
  if (live.metadata?.labels?.[LABELS.revision] === desired.metadata?.labels?.[LABELS.revision]) {
    return { kind: "Current" };
  }
  const problem = templateProblem(live, desired, o);
  if (problem) return { kind: "Replace", why: problem };
  const changes = containerChanges(live, desired, o);
  if (changes.kind === "InPlace" && changes.resize.length > 0 && qosClass(live) !== qosClass(desired)) {
    return { kind: "Replace", why: "the resize would change the Pod's QoS class" };
  }
  return changes;
}
