// The round trip of a real Pod through `convert` and `render`: the fixtures, and the comparison of
// a rendered Pod with the original up to what the API server defaults and the operator's own keys.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { V1Pod } from "@kubernetes/client-node";
import { parseDocuments, validateCompositeApp } from "../../src/api/parse.js";
import { convertDocuments, type Converted } from "../../src/convert/index.js";
import {
  canonicalJson,
  DEFAULT_PRESET_IMAGES,
  placementProblems,
  render,
  resolveSidecarMode,
} from "../../src/core/index.js";

export const POD_FIXTURES = join(import.meta.dirname, "..", "fixtures", "pods");
type Json = Record<string, unknown>;

export const podFixtures = (): string[] =>
  readdirSync(POD_FIXTURES)
    .filter((f) => f.endsWith(".yaml"))
    .sort();

/**
 * Real Pods a CompositeApp refuses on purpose, with the reason it gives. Istio's CronJob keeps its
 * proxy as a regular container in a Pod that runs to completion: that Job never completes (the
 * proxy runs forever), so the API refuses it and says to run the helper native instead.
 */
export const REFUSED_FIXTURES: Record<string, RegExp> = {
  "12-istio-cronjob.yaml": /spec\.sidecars\[0\].*helpers that run Classic cannot run to completion/,
};

/** The fixtures a CompositeApp carries. */
export const carriedFixtures = (): string[] => podFixtures().filter((f) => !(f in REFUSED_FIXTURES));

export function fixtureDocument(file: string): Json {
  const docs = parseDocuments(readFileSync(join(POD_FIXTURES, file), "utf8"));
  if (docs.length !== 1) throw new Error(`${file}: expected one document, found ${docs.length}`);
  return docs[0] as Json;
}

/** The Pod template of a workload (or the Pod itself), and where its spec sits. */
export function podTemplateOf(doc: Json): { metadata: Json; spec: Json; specPath: string } {
  const at = (o: unknown, ...keys: string[]): Json =>
    keys.reduce<Json>((x, k) => (x[k] ?? {}) as Json, (o ?? {}) as Json);
  if (doc.kind === "Pod") return { metadata: at(doc, "metadata"), spec: at(doc, "spec"), specPath: "spec" };
  const template =
    doc.kind === "CronJob" ? at(doc, "spec", "jobTemplate", "spec", "template") : at(doc, "spec", "template");
  const prefix = doc.kind === "CronJob" ? "spec.jobTemplate.spec.template" : "spec.template";
  return { metadata: at(template, "metadata"), spec: at(template, "spec"), specPath: `${prefix}.spec` };
}

export function convertFixture(file: string): Converted {
  const result = convertDocuments([fixtureDocument(file)], { main: [], roles: {} });
  if (result.errors.length > 0 || result.converted.length !== 1)
    throw new Error(`${file}: ${result.errors.join("; ")}`);
  return result.converted[0]!;
}

/** The Pod a converted app renders to (the first replica), for Kubernetes 1.33. */
export function renderConverted(c: Converted): V1Pod {
  const v = validateCompositeApp(c.app);
  if (!v.ok) throw new Error(`invalid CompositeApp: ${v.errors.join("; ")}`);
  const server = { major: 1, minor: 33 };
  const problems = placementProblems(v.app, server);
  if (problems.length > 0) throw new Error(problems.join("; "));
  const options = { sidecarMode: resolveSidecarMode(v.app.spec.sidecarMode, server), images: DEFAULT_PRESET_IMAGES };
  return render({ ...v.app, spec: { ...v.app.spec, replicas: 1 } }, options)[0]!.pod;
}

const isObj = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

const quantities = (x: Json): Json => Object.fromEntries(Object.entries(x).map(([n, q]) => [n, String(q)]));
const isEmpty = (x: unknown) => x === undefined || x === null || (Array.isArray(x) && x.length === 0);

/** What the API server would store either way: protocol TCP, quantities as strings, no empty lists. */
function normalize(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normalize);
  if (!isObj(v)) return v;
  const out: Json = {};
  for (const [k, x] of Object.entries(v)) {
    if (isEmpty(x)) continue;
    out[k] = (k === "requests" || k === "limits") && isObj(x) ? quantities(x) : normalize(x);
  }
  if ("containerPort" in out && out.protocol === undefined) out.protocol = "TCP";
  return out;
}

/** Deletes `a.b[1].c` (a path in `root`), if it is there. */
function deletePath(root: Json, path: string): void {
  const parts = path.match(/[^.[\]]+/g) ?? [];
  let at: unknown = root;
  for (const p of parts.slice(0, -1))
    at = isObj(at) || Array.isArray(at) ? (at as Record<string, unknown>)[p] : undefined;
  if (isObj(at) || Array.isArray(at)) delete (at as Record<string, unknown>)[parts.at(-1)!];
}

/** Keys the operator adds to every Pod: its own, and the conventional ones it sets by default. */
const OPERATOR_KEYS =
  /^(compositeapp\.io\/.*|app\.kubernetes\.io\/(name|managed-by)|kubectl\.kubernetes\.io\/default-container)$/;

/**
 * The differences between the original Pod and the rendered one, ignoring what `convert` reported
 * as not carried and the operator's own labels and annotations. Empty when the round trip is faithful.
 */
export function roundTripDifferences(doc: Json, c: Converted, pod: V1Pod): string[] {
  const original = structuredClone(doc);
  for (const l of c.lost) deletePath(original, l.path);
  const { metadata, spec } = podTemplateOf(original);
  const diffs: string[] = [];
  const want = canonicalJson(normalize(spec));
  const got = canonicalJson(normalize(pod.spec));
  if (want !== got) diffs.push(`spec differs:\n  want ${want}\n  got  ${got}`);
  for (const field of ["labels", "annotations"] as const) {
    const before = (metadata[field] ?? {}) as Record<string, string>;
    const after = pod.metadata?.[field] ?? {};
    for (const [k, v] of Object.entries(before))
      if (after[k] !== v) diffs.push(`${field}[${k}]: want ${v}, got ${after[k]}`);
    for (const k of Object.keys(after))
      if (!(k in before) && !OPERATOR_KEYS.test(k)) diffs.push(`${field}[${k}] added`);
  }
  return diffs;
}
