// `compositeapp convert`: Kubernetes workloads in, CompositeApps out, and everything that could not
// be carried listed by where it was in the input. Pure: documents in, documents and messages out.
//
// What the CompositeApp API can hold is read from its zod schema, not from a list kept here: every
// field is copied, and those the schema does not know are taken out again and reported. So the
// converter carries each new field the moment the schema gains it.
import { API_VERSION, CompositeApp, KIND } from "../api/compositeapp.js";
import { formatPath, validateCompositeApp } from "../api/parse.js";
import { convertPodSpec, type HelperRoleName, type Origins } from "./pod.js";
import { WORKLOAD_KINDS, workloadTemplate, type Json, type Lost, type WorkloadTemplate } from "./workload.js";

export type { HelperRoleName } from "./pod.js";
export type { Lost } from "./workload.js";

export interface ConvertOptions {
  main: string[];
  roles: Record<string, HelperRoleName>;
}

export interface Converted {
  /** `Deployment "web"`: what the messages name. */
  source: string;
  app: Json;
  lost: Lost[];
  notes: string[];
  /** Why the CompositeApp is not valid as converted; it is printed all the same, to be fixed by hand. */
  invalid: string[];
}

export interface ConvertResult {
  converted: Converted[];
  /** Documents of other kinds, passed over (a Service beside a Deployment). */
  skipped: string[];
  /** Documents that could not be converted at all. */
  errors: string[];
}

const isObj = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

/** The input path of a path in the CompositeApp. */
function inputPath(app: Json, path: PropertyKey[], w: WorkloadTemplate, origins: Origins): string {
  const [, field, index, ...rest] = path;
  const spec = app.spec as Json;
  const below = (from: number) => formatPath(["", ...path.slice(from)]);
  const origin = (name: unknown, fallback: string) => origins.get(String(name)) ?? fallback;
  if (field === "main") return `${origin((spec.main as Json).name, "spec.main")}${below(2)}`;
  if (typeof index === "number" && ["initContainers", "sidecars", "ambassadors", "adapters"].includes(String(field))) {
    const name = (spec[String(field)] as Json[])[index]?.name;
    return `${origin(name, `spec.${String(field)}[${index}]`)}${formatPath(["", ...rest])}`;
  }
  if (field === "pod" && (index === "labels" || index === "annotations"))
    return `${w.specPath.replace(/spec$/, "metadata")}${below(2)}`;
  if (field === "pod") return `${w.specPath}${below(2)}`;
  if (field === "volumes") return `${w.specPath}${below(1)}`;
  return formatPath(path);
}

/** Takes out every field the schema does not know, recording each; returns what remains invalid. */
function fitToSchema(app: Json, w: WorkloadTemplate, origins: Origins, lost: Lost[]): string[] {
  for (let round = 0; round < 16; round++) {
    const r = CompositeApp.safeParse(app);
    const unknown = r.success ? [] : r.error.issues.filter((i) => i.code === "unrecognized_keys");
    if (unknown.length === 0) break;
    for (const issue of unknown) {
      let at: unknown = app;
      for (const p of issue.path) at = (at as Record<PropertyKey, unknown>)[p];
      if (!isObj(at)) continue;
      for (const key of issue.keys) {
        lost.push({ path: inputPath(app, [...issue.path, key], w, origins), value: at[key] });
        delete at[key];
      }
    }
  }
  const v = validateCompositeApp(app);
  return v.ok ? [] : v.errors;
}

function convertWorkload(w: WorkloadTemplate, opts: ConvertOptions): Converted | string {
  const pod = convertPodSpec(w.podSpec, w.podMeta, w.specPath, opts);
  const source = `${w.kind} "${w.name}"`;
  if (pod.errors.length > 0) return `${source}: ${pod.errors.join("; ")}`;
  const lost = [...w.lost];
  if (Array.isArray(w.podSpec.ephemeralContainers) && w.podSpec.ephemeralContainers.length > 0) {
    lost.push({
      path: `${w.specPath}.ephemeralContainers`,
      value: w.podSpec.ephemeralContainers,
      why: "ephemeral containers are added to running Pods (kubectl debug), not declared",
    });
  }
  const app: Json = {
    apiVersion: API_VERSION,
    kind: KIND,
    metadata: {
      name: w.name,
      ...(w.namespace !== undefined && { namespace: w.namespace }),
      ...(w.labels && { labels: w.labels }),
      ...(w.annotations && { annotations: w.annotations }),
    },
    spec: {
      ...(w.replicas !== undefined && { replicas: w.replicas }),
      ...(w.updateStrategy && { updateStrategy: w.updateStrategy }),
      ...(w.backoffLimit !== undefined && { backoffLimit: w.backoffLimit }),
      ...pod.spec,
    },
  };
  const invalid = fitToSchema(app, w, pod.origins, lost);
  return { source, app, lost, notes: pod.notes, invalid };
}

/** The workloads among parsed documents (a `kind: List` counts as its items). */
function flatten(docs: unknown[]): Json[] {
  return docs.flatMap((d) =>
    isObj(d) && d.kind === "List" && Array.isArray(d.items) ? flatten(d.items) : [d as Json],
  );
}

export function convertDocuments(docs: unknown[], opts: ConvertOptions): ConvertResult {
  const result: ConvertResult = { converted: [], skipped: [], errors: [] };
  for (const [i, doc] of flatten(docs).entries()) {
    const what =
      isObj(doc) && typeof doc.kind === "string"
        ? `${doc.kind} "${isObj(doc.metadata) && typeof doc.metadata.name === "string" ? doc.metadata.name : ""}"`
        : `document ${i + 1}`;
    if (!isObj(doc) || typeof doc.kind !== "string") {
      result.errors.push(`${what}: not a Kubernetes object (no kind)`);
      continue;
    }
    if (!WORKLOAD_KINDS.includes(doc.kind)) {
      result.skipped.push(typeof doc.apiVersion === "string" ? `${doc.apiVersion} ${what}` : what);
      continue;
    }
    const w = workloadTemplate(doc);
    if (typeof w === "string") {
      result.errors.push(`${what}: ${w}`);
      continue;
    }
    const c = convertWorkload(w, opts);
    if (typeof c === "string") result.errors.push(c);
    else result.converted.push(c);
  }
  return result;
}

/** Names given to --main or --role that name no container of any converted workload. */
export function unusedNames(docs: unknown[], opts: ConvertOptions): string[] {
  const names = new Set<string>();
  for (const doc of flatten(docs)) {
    const w = isObj(doc) && WORKLOAD_KINDS.includes(String(doc.kind)) ? workloadTemplate(doc) : undefined;
    if (!w || typeof w === "string") continue;
    for (const key of ["containers", "initContainers"]) {
      // Not a list in invalid input, which convertDocuments() reports.
      const list = w.podSpec[key];
      if (Array.isArray(list)) for (const c of list as Json[]) names.add(String(c?.name));
    }
  }
  return [...opts.main.map((n) => `--main ${n}`), ...Object.keys(opts.roles).map((n) => `--role ${n}`)].filter(
    (flag) => !names.has(flag.split(" ")[1]!),
  );
}
