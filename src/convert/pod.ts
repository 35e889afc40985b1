// A Pod template in, the spec of the CompositeApp that renders the same Pod out. Pure.
//
// main: --main, else the kubectl.kubernetes.io/default-container annotation, else the first
// regular container. Other regular containers become classic helpers, init containers with
// restartPolicy Always native helpers (role: --role, else sidecar), the other init containers stay
// init containers. Anchors are added only where the role defaults would not give the same order.
import type { HelperMode, Placement } from "../api/placement.js";
import { HELPER_POD_ROLE, type HelperPodRole, type HelperRole } from "../api/roles.js";
import { ANNOTATIONS } from "../core/index.js";
import { anchorsFor, type Anchor, type Entry } from "./anchors.js";
import type { Json } from "./workload.js";

/** The role a helper is given on the command line (`--role NAME=ROLE`): its role in the Pod. */
export type HelperRoleName = HelperPodRole;

/** The spec list of each helper role: the inverse of HELPER_POD_ROLE. */
const LIST_OF_ROLE = Object.fromEntries(Object.entries(HELPER_POD_ROLE).map(([list, role]) => [role, list])) as Record<
  HelperRoleName,
  HelperRole
>;

export interface PodConvertOptions {
  /** Candidate main containers: the first that names a regular container of the Pod wins. */
  main: string[];
  roles: Record<string, HelperRoleName>;
}

/** Where each container of the spec came from, for messages: spec.main -> spec.containers[0]. */
export type Origins = Map<string, string>;

export interface PodConversion {
  spec: Json;
  origins: Origins;
  notes: string[];
  /** Problems that stop the conversion (no containers, a role for the main container, ...). */
  errors: string[];
}

const NOT_POD_OPTIONS = new Set(["containers", "initContainers", "volumes", "ephemeralContainers"]);

type Container = Json & { name: string };
const containers = (v: unknown): Container[] =>
  Array.isArray(v) ? v.filter((c): c is Container => typeof (c as Container)?.name === "string") : [];

function chooseMain(regular: Container[], meta: Json, opts: PodConvertOptions): Container | undefined {
  const byName = (n: unknown) => regular.find((c) => c.name === n);
  const annotated = (meta.annotations as Record<string, string> | undefined)?.[ANNOTATIONS.defaultContainer];
  return opts.main.map(byName).find(Boolean) ?? byName(annotated) ?? regular[0];
}

function roleErrors(opts: PodConvertOptions, main: string, plainInit: Container[]): string[] {
  const errors: string[] = [];
  for (const name of Object.keys(opts.roles)) {
    if (name === main) errors.push(`--role ${name}: "${name}" is the main container; roles are for helpers`);
    if (plainInit.some((c) => c.name === name))
      errors.push(`--role ${name}: "${name}" is an init container that runs to completion, not a helper`);
  }
  return errors;
}

/** The Pod-level fields, labels and annotations: everything but the container lists and volumes. */
function podOptions(podSpec: Json, podMeta: Json, notes: string[]): Json {
  const pod: Json = {};
  const own = (k: string) => k.startsWith("compositeapp.io/");
  for (const field of ["labels", "annotations"]) {
    const all = (podMeta[field] ?? {}) as Record<string, string>;
    const kept = Object.fromEntries(Object.entries(all).filter(([k]) => !own(k)));
    if (Object.keys(kept).length > 0) pod[field] = kept;
    if (Object.keys(all).some(own))
      notes.push(`the operator's own compositeapp.io/* ${field} are left out: it sets them itself`);
  }
  for (const [k, v] of Object.entries(podSpec)) if (!NOT_POD_OPTIONS.has(k)) pod[k] = v;
  return pod;
}

/** Adds each helper to its role's list, with the placement that keeps its place. */
function addHelpers(spec: Json, entries: (Entry | undefined)[], anchors: Map<string, Anchor>, appMode: HelperMode) {
  for (const entry of entries) {
    if (!entry?.helper) continue;
    const placement: Placement = {
      ...(entry.mode !== appMode && { mode: entry.mode }),
      ...anchors.get(entry.name),
    };
    const list = LIST_OF_ROLE[entry.role ?? "sidecar"];
    const helpers = (spec[list] ??= []) as Json[];
    helpers.push({ ...entry.helper, ...(Object.keys(placement).length > 0 && { placement }) });
  }
}

export function convertPodSpec(podSpec: Json, podMeta: Json, specPath: string, opts: PodConvertOptions): PodConversion {
  const regular = containers(podSpec.containers);
  const init = containers(podSpec.initContainers);
  const origins: Origins = new Map();
  const notes: string[] = [];
  const main = chooseMain(regular, podMeta, opts);
  if (!main) return { spec: {}, origins, notes, errors: [`${specPath}.containers: the Pod has no containers`] };
  init.forEach((c, i) => origins.set(c.name, `${specPath}.initContainers[${i}]`));
  regular.forEach((c, i) => origins.set(c.name, `${specPath}.containers[${i}]`));

  const plainInit = init.filter((c) => c.restartPolicy !== "Always");
  const appMode: HelperMode = plainInit.length < init.length ? "Native" : "Classic";
  const helperOf = (c: Container, mode: HelperMode): Entry => {
    const { restartPolicy: _always, ...fields } = c; // restartPolicy Always is what placement Native renders
    return { name: c.name, role: opts.roles[c.name] ?? "sidecar", mode, helper: mode === "Native" ? fields : c };
  };
  const nativeEntries = init.map((c) => (c.restartPolicy === "Always" ? helperOf(c, "Native") : undefined));
  const classicEntries = regular.map((c) => (c === main ? undefined : helperOf(c, "Classic")));
  const anchors = anchorsFor(
    init.map((c, i) => nativeEntries[i] ?? { name: c.name }),
    regular.map((c, i) => classicEntries[i] ?? { name: c.name }),
    main.name,
    appMode,
  );

  const spec: Json = {};
  if (init.length - plainInit.length + regular.length - 1 > 0) spec.sidecarMode = appMode;
  if (Array.isArray(podSpec.volumes) && podSpec.volumes.length > 0) spec.volumes = podSpec.volumes;
  if (plainInit.length > 0) spec.initContainers = plainInit;
  spec.main = main;
  addHelpers(spec, [...nativeEntries, ...classicEntries], anchors, appMode);
  if (regular[0] !== main) notes.push(`main container "${main.name}" is not the first regular container`);
  const pod = podOptions(podSpec, podMeta, notes);
  if (Object.keys(pod).length > 0) spec.pod = pod;
  return { spec, origins, notes, errors: roleErrors(opts, main.name, plainInit) };
}
