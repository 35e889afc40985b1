// The Pod template of a workload, and what of the workload a CompositeApp carries (replicas, the
// update strategy) or cannot carry. Pure.
import type { UpdateStrategy } from "../api/compositeapp.js";

export type Json = Record<string, unknown>;

export interface Lost {
  /** Where in the input, as kubectl prints paths: `spec.template.spec.containers[1].resizePolicy`. */
  path: string;
  value: unknown;
  /** Why it cannot be carried, when that is not just "the API has no such field". */
  why?: string;
}

export interface WorkloadTemplate {
  kind: string;
  name: string;
  namespace?: string;
  /** Labels and annotations of the workload object itself (not its Pods). */
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  podMeta: Json;
  podSpec: Json;
  /** Where the Pod spec sits in the input: `spec` for a Pod, `spec.template.spec` for a Deployment. */
  specPath: string;
  replicas?: number;
  updateStrategy?: UpdateStrategy;
  /** A Job's backoffLimit, when not the default. */
  backoffLimit?: number;
  lost: Lost[];
}

export const WORKLOAD_KINDS = ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob"];

const isObj = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);
const obj = (v: unknown): Json => (isObj(v) ? v : {});
const strings = (v: unknown): Record<string, string> | undefined =>
  isObj(v) && Object.keys(v).length > 0 ? (v as Record<string, string>) : undefined;

/** Metadata the API server fills in: dropped silently, it is not the user's to carry. */
const SERVER_METADATA = new Set([
  "uid",
  "resourceVersion",
  "generation",
  "creationTimestamp",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
  "managedFields",
  "selfLink",
]);
/** Annotations the API server or kubectl write on a workload, not the user. */
const SERVER_ANNOTATIONS = new Set([
  "kubectl.kubernetes.io/last-applied-configuration",
  "deployment.kubernetes.io/revision",
]);

/** Workload fields with no place in a CompositeApp, except at the value Kubernetes defaults them to. */
const WORKLOAD_FIELDS: Record<string, Record<string, unknown>> = {
  Deployment: { minReadySeconds: 0, revisionHistoryLimit: 10, progressDeadlineSeconds: 600, paused: false },
  StatefulSet: {
    minReadySeconds: 0,
    revisionHistoryLimit: 10,
    serviceName: undefined,
    volumeClaimTemplates: undefined,
    podManagementPolicy: "OrderedReady",
    persistentVolumeClaimRetentionPolicy: undefined,
    ordinals: undefined,
  },
  DaemonSet: { minReadySeconds: 0, revisionHistoryLimit: 10 },
  ReplicaSet: { minReadySeconds: 0 },
  Job: {
    parallelism: 1,
    completions: 1,
    backoffLimit: 6,
    activeDeadlineSeconds: undefined,
    ttlSecondsAfterFinished: undefined,
    completionMode: "NonIndexed",
    suspend: false,
    podFailurePolicy: undefined,
    backoffLimitPerIndex: undefined,
    maxFailedIndexes: undefined,
    podReplacementPolicy: undefined,
    successPolicy: undefined,
    managedBy: undefined,
  },
};
/** Handled, or the workload's own business (its Pod selector). */
const CARRIED = new Set([
  "template",
  "replicas",
  "strategy",
  "updateStrategy",
  "selector",
  "manualSelector",
  "backoffLimit",
]);

function workloadLost(kind: string, spec: Json, at: string): Lost[] {
  const defaults = WORKLOAD_FIELDS[kind] ?? {};
  const lost: Lost[] = [];
  for (const [k, v] of Object.entries(spec)) {
    if (CARRIED.has(k) || (k in defaults && JSON.stringify(defaults[k]) === JSON.stringify(v))) continue;
    lost.push({ path: `${at}.${k}`, value: v, why: `a CompositeApp has no ${kind} ${k}` });
  }
  return lost;
}

function metadataLost(meta: Json, at: string): Lost[] {
  return Object.entries(meta)
    .filter(([k]) => !["name", "namespace", "labels", "annotations"].includes(k) && !SERVER_METADATA.has(k))
    .filter(([k]) => k !== "generateName" || meta.name === undefined)
    .map(([k, v]) => ({
      path: `${at}.${k}`,
      value: v,
      ...(k === "ownerReferences" && {
        why: "the Pods will be owned by the CompositeApp; convert the owning workload",
      }),
    }));
}

/** A rolling update: StatefulSets and DaemonSets replace a Pod before starting its successor. */
function rollingUpdateOf(kind: string, ru: Json): UpdateStrategy {
  const deployment = kind === "Deployment";
  const maxSurge = (ru.maxSurge ?? (deployment ? undefined : 0)) as number | string | undefined;
  const maxUnavailable = (ru.maxUnavailable ?? (deployment ? undefined : 1)) as number | string | undefined;
  const rollingUpdate = {
    ...(maxUnavailable !== undefined && { maxUnavailable }),
    ...(maxSurge !== undefined && { maxSurge }),
  };
  return {
    type: "RollingUpdate",
    ...(Object.keys(rollingUpdate).length > 0 && { rollingUpdate }),
  } as UpdateStrategy;
}

/** The update strategy of a Deployment, StatefulSet or DaemonSet as a CompositeApp's. */
function strategyOf(kind: string, spec: Json): { strategy?: UpdateStrategy; lost: Lost[] } {
  if (!["Deployment", "StatefulSet", "DaemonSet"].includes(kind)) return { lost: [] };
  const field = kind === "Deployment" ? "strategy" : "updateStrategy";
  const s = spec[field];
  if (!isObj(s)) return { lost: [] };
  const at = `spec.${field}`;
  if (s.type === "Recreate") return { strategy: { type: "Recreate" }, lost: [] };
  if (s.type === "OnDelete")
    return { lost: [{ path: `${at}.type`, value: "OnDelete", why: "a CompositeApp replaces changed Pods itself" }] };
  const ru = obj(s.rollingUpdate);
  const lost: Lost[] =
    ru.partition !== undefined && ru.partition !== 0
      ? [{ path: `${at}.rollingUpdate.partition`, value: ru.partition, why: "a CompositeApp updates every Pod" }]
      : [];
  return { strategy: rollingUpdateOf(kind, ru), lost };
}

/** What a workload's kind cannot bring along whatever its fields. */
function kindLost(kind: string, spec: Json): Lost[] {
  if (kind === "CronJob") {
    const jobMeta = obj(obj(spec.jobTemplate).metadata);
    const jobLabels = Object.fromEntries(
      Object.entries(jobMeta).filter(([k]) => k === "labels" || k === "annotations"),
    );
    return [
      { path: "spec.schedule", value: spec.schedule, why: "a CompositeApp runs its Pods now, not on a schedule" },
      ...(Object.keys(jobLabels).length > 0
        ? [
            {
              path: "spec.jobTemplate.metadata",
              value: jobLabels,
              why: "labels and annotations of the Jobs, not of their Pods",
            },
          ]
        : []),
    ];
  }
  if (kind === "DaemonSet")
    return [{ path: "kind", value: kind, why: "a CompositeApp runs spec.replicas Pods, not one per node" }];
  return [];
}

function nameOf(meta: Json): string {
  if (typeof meta.name === "string") return meta.name;
  return typeof meta.generateName === "string" ? meta.generateName.replace(/-$/, "") : "";
}

/** A Job's backoffLimit, when it is not the default (a Deployment's spec has none). */
function backoffLimitOf(jobSpec: Json): { backoffLimit?: number } {
  const limit = jobSpec.backoffLimit;
  return typeof limit === "number" && limit !== WORKLOAD_FIELDS.Job?.backoffLimit ? { backoffLimit: limit } : {};
}

/** The template of a controller (Deployment, ..., CronJob). */
function controllerTemplate(kind: string, meta: Json, spec: Json): Omit<WorkloadTemplate, "kind" | "name"> | string {
  const jobSpec = kind === "CronJob" ? obj(obj(spec.jobTemplate).spec) : spec;
  const prefix = kind === "CronJob" ? "spec.jobTemplate.spec" : "spec";
  const template = obj(jobSpec.template);
  if (!isObj(template.spec)) return `${prefix}.template.spec is missing`;
  const annotations = strings(
    Object.fromEntries(Object.entries(obj(meta.annotations)).filter(([k]) => !SERVER_ANNOTATIONS.has(k))),
  );
  const { strategy, lost: strategyLost } = strategyOf(kind, spec);
  const replicas = ["Deployment", "StatefulSet", "ReplicaSet"].includes(kind) ? (spec.replicas ?? 1) : undefined;
  return {
    ...(strings(meta.labels) && { labels: strings(meta.labels) }),
    ...(annotations && { annotations }),
    podMeta: obj(template.metadata),
    podSpec: template.spec,
    specPath: `${prefix}.template.spec`,
    ...(typeof replicas === "number" && { replicas }),
    ...(strategy && { updateStrategy: strategy }),
    ...backoffLimitOf(jobSpec),
    lost: [
      ...metadataLost(meta, "metadata"),
      ...metadataLost(obj(template.metadata), `${prefix}.template.metadata`),
      ...workloadLost(kind === "CronJob" ? "Job" : kind, jobSpec, prefix),
      ...kindLost(kind, spec),
      ...strategyLost,
    ],
  };
}

/** The Pod template inside a workload document, or an error message. */
export function workloadTemplate(doc: Json): WorkloadTemplate | string {
  const kind = String(doc.kind);
  const meta = obj(doc.metadata);
  const spec = obj(doc.spec);
  const name = nameOf(meta);
  if (!name) return "metadata.name is missing";
  const common = { kind, name, ...(typeof meta.namespace === "string" && { namespace: meta.namespace }) };
  if (kind === "Pod") {
    return { ...common, podMeta: meta, podSpec: spec, specPath: "spec", lost: metadataLost(meta, "metadata") };
  }
  const t = controllerTemplate(kind, meta, spec);
  return typeof t === "string" ? t : { ...common, ...t };
}
