// examples-inspect.mjs status|pods|host-paths: reads Kubernetes objects as JSON (one object or a
// List) on stdin, for hack/start.sh:
//   status      `kubectl get -f examples -o json`: a line per CompositeApp, "ns/name<TAB>1" when
//               Ready=True at its current generation, else "ns/name<TAB>0<TAB>why" (the Ready
//               condition's reason and message, and Degraded's when it says more)
//   pods        `kubectl get pods -o json`: a line per Pod that is not ready, with its phase, its
//               conditions that are False (the scheduler's message) and its waiting containers
//   host-paths  `compositeapp render -o json`: the hostPath paths the kubelet creates (type
//               DirectoryOrCreate or FileOrCreate), one a line
import { readFileSync } from "node:fs";

/**
 * @typedef {{ type: string, status: string, reason?: string, message?: string }} Condition
 * @typedef {{ name: string, state?: { waiting?: { reason?: string, message?: string } } }} ContainerStatus
 * @typedef {{ kind?: string, items?: K8sObject[], metadata?: { name?: string, namespace?: string, generation?: number },
 *   status?: { observedGeneration?: number, conditions?: Condition[], phase?: string,
 *     containerStatuses?: ContainerStatus[], initContainerStatuses?: ContainerStatus[] } }} K8sObject
 */

/** @param {K8sObject} doc */
const objects = (doc) => (doc.kind === "List" ? (doc.items ?? []) : [doc]);

/** @param {Condition} c */
const say = (c) => `${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ""}${c.message ? `: ${c.message}` : ""}`;

/** Why an app that is not Ready at its current generation is not. @param {K8sObject} o */
function notReadyBecause(o) {
  const generation = o.metadata?.generation;
  const observed = o.status?.observedGeneration;
  if (observed !== generation) return `not reconciled yet (generation ${generation}, observed ${observed ?? "none"})`;
  /** @param {string} type */
  const cond = (type) => (o.status?.conditions ?? []).find((c) => c.type === type);
  const ready = cond("Ready");
  const degraded = cond("Degraded");
  const why = ready ? say(ready) : "no Ready condition yet";
  const more = degraded?.status === "True" && degraded.message && degraded.message !== ready?.message;
  return more ? `${why}; ${say(degraded)}` : why;
}

/** @param {K8sObject} o */
function statusLine(o) {
  const name = `${o.metadata?.namespace ?? "default"}/${o.metadata?.name ?? "?"}`;
  const current = o.status?.observedGeneration === o.metadata?.generation;
  const ready = (o.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
  return current && ready ? `${name}\t1` : `${name}\t0\t${notReadyBecause(o).replace(/\s+/g, " ")}`;
}

/** @param {ContainerStatus} c */
const waitingLine = (c) => {
  const w = c.state?.waiting;
  if (!w?.reason) return undefined;
  return `${c.name} waiting ${w.reason}${w.message ? `: ${w.message}` : ""}`;
};

/** A Pod that is not ready, and why: "pod name: phase; Cond=False (reason): message; c waiting Reason". */
function podLine(/** @type {K8sObject} */ pod) {
  const status = pod.status ?? {};
  const conditions = status.conditions ?? [];
  if (conditions.some((c) => c.type === "Ready" && c.status === "True")) return undefined;
  const containers = [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])];
  const parts = [
    `pod ${pod.metadata?.name}: ${status.phase}`,
    ...conditions.filter((c) => c.status === "False" && c.message).map(say),
    ...containers.map(waitingLine),
  ];
  return parts.filter(Boolean).join("; ").replace(/\s+/g, " ");
}

/** @param {unknown} value @param {Set<string>} out */
function collectHostPaths(value, out) {
  if (Array.isArray(value)) {
    for (const v of value) collectHostPaths(v, out);
    return;
  }
  if (!value || typeof value !== "object") return;
  const hostPath = /** @type {{ hostPath?: { path?: unknown, type?: unknown } }} */ (value).hostPath;
  if (
    hostPath &&
    typeof hostPath.path === "string" &&
    typeof hostPath.type === "string" &&
    hostPath.type.endsWith("OrCreate")
  ) {
    out.add(hostPath.path);
  }
  for (const v of Object.values(value)) collectHostPaths(v, out);
}

/** @type {(text: string) => K8sObject} */
const parse = JSON.parse;
const input = parse(readFileSync(0, "utf8"));
const command = process.argv[2];
if (command === "status") {
  for (const o of objects(input)) if (o.kind === "CompositeApp") console.log(statusLine(o));
} else if (command === "pods") {
  for (const line of objects(input).map(podLine)) if (line) console.log(line);
} else if (command === "host-paths") {
  /** @type {Set<string>} */
  const out = new Set();
  collectHostPaths(input, out);
  for (const p of out) console.log(p);
} else {
  console.error("usage: examples-inspect.mjs status|pods|host-paths < objects.json");
  process.exit(2);
}
