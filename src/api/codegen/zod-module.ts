// Turns the trimmed core/v1 definitions (src/api/generated/core-v1.openapi.json) into a TypeScript
// module of zod schemas (src/api/generated/core-v1.ts): strict objects, upstream descriptions,
// enums, formats, non-zero defaults and list/map types, with the project's overlays applied.
// Pure: text in, text out; `hack/generate-core.mjs` writes the file and a unit test checks it.
import { OVERLAYS, type Overlay } from "./overlays.js";
import type { Schema, TrimmedSpec } from "./extract.js";

/** Upstream types that map to the project's hand-written refinements (src/api/refinements.ts). */
const SPECIAL: Record<string, string> = {
  "io.k8s.apimachinery.pkg.api.resource.Quantity": "quantity()",
  "io.k8s.apimachinery.pkg.util.intstr.IntOrString": "intOrString()",
  "io.k8s.apimachinery.pkg.apis.meta.v1.Time": 'z.string().meta({ format: "date-time" })',
};
const META_KEYS = ["format", "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-map-type"];

const shortName = (name: string) => name.slice(name.lastIndexOf(".") + 1);
const q = (value: unknown) => JSON.stringify(value);

/** Zero values are how Go types print "no default"; only real defaults (protocol TCP, ...) are kept. */
function isZero(value: unknown): boolean {
  if (value === "" || value === 0 || value === false || value === null) return true;
  return typeof value === "object" && Object.keys(value).length === 0;
}

const bounds = (o: Overlay | undefined) =>
  (o?.minimum !== undefined ? `.min(${o.minimum})` : "") + (o?.maximum !== undefined ? `.max(${o.maximum})` : "");

function stringExpr(node: Schema, overlay: Overlay | undefined): string {
  if (Array.isArray(node.enum)) return `z.enum(${q(node.enum)})`;
  return "z.string()" + (overlay?.maxLength !== undefined ? `.max(${overlay.maxLength})` : "");
}

/** A list; a keyed list (`x-kubernetes-list-type: map`) rejects two items with the same keys. */
function arrayExpr(node: Schema, path: string, overlay: Overlay | undefined): string {
  const item = expr(node.items as Schema, `${path}[]`);
  const max = overlay?.maxItems !== undefined ? `.max(${overlay.maxItems})` : "";
  const keys = node["x-kubernetes-list-map-keys"];
  return `z.array(${item})${max}` + (Array.isArray(keys) ? `.superRefine(uniqueKeys(${q(keys)}))` : "");
}

const SCALARS: Record<string, (node: Schema, overlay: Overlay | undefined) => string> = {
  string: stringExpr,
  integer: (_node, overlay) => `z.int()${bounds(overlay)}`,
  number: () => "z.number()",
  boolean: () => "z.boolean()",
};

function baseExpr(node: Schema, path: string, overlay: Overlay | undefined): string {
  if (overlay?.replace) return overlay.replace;
  if (typeof node.$ref === "string") return SPECIAL[node.$ref] ?? shortName(node.$ref);
  const scalar = SCALARS[String(node.type)];
  if (scalar) return scalar(node, overlay);
  if (node.type === "array") return arrayExpr(node, path, overlay);
  if (node.type === "object" && node.additionalProperties) {
    return `z.record(z.string(), ${expr(node.additionalProperties as Schema, `${path}{}`)})`;
  }
  if (node.type === "object" && node.properties) return objectExpr(node, path);
  throw new Error(`${path}: no zod form for ${q(node)}`);
}

/** `.meta({...})` with the description and the extensions kept for the CRD. */
function metaOf(node: Schema): string {
  const meta: Record<string, unknown> = {};
  if (typeof node.description === "string" && node.description !== "") meta.description = node.description;
  for (const key of META_KEYS) if (node[key] !== undefined && !(key === "format" && node.$ref)) meta[key] = node[key];
  return Object.keys(meta).length > 0 ? `.meta(${q(meta)})` : "";
}

/** The zod expression of one (non-definition) node, optional-ness decided by the caller. */
function expr(node: Schema, path: string): string {
  const overlay = OVERLAYS[path];
  return baseExpr(node, path, overlay) + metaOf(node);
}

/**
 * `Definition.property` of the keys of keyed lists that are not required: a CRD needs each key
 * required or defaulted, so these keep upstream's default even when it is the zero value (as
 * controller-gen does; imagePullSecrets[].name is the one case).
 */
let listKeyDefaults = new Set<string>();

function findListKeyDefaults(spec: TrimmedSpec): Set<string> {
  const found = new Set<string>();
  JSON.stringify(spec.definitions, (_k, v: unknown) => {
    const node = v as Schema;
    const keys = node?.["x-kubernetes-list-map-keys"];
    const ref = (node?.items as Schema | undefined)?.$ref;
    if (Array.isArray(keys) && typeof ref === "string") {
      const required = (spec.definitions[ref]?.required as string[] | undefined) ?? [];
      keys.filter((k) => !required.includes(String(k))).forEach((k) => found.add(`${ref}.${String(k)}`));
    }
    return v;
  });
  return found;
}

function objectExpr(node: Schema, path: string): string {
  const required = new Set((node.required as string[] | undefined) ?? []);
  const fields = Object.entries(node.properties as Record<string, Schema>).map(([prop, child]) => {
    const childPath = `${path}.${prop}`;
    const overlay = OVERLAYS[childPath];
    let e = baseExpr(child, childPath, overlay);
    const keepDefault = child.default !== undefined && (!isZero(child.default) || listKeyDefaults.has(childPath));
    if (keepDefault) e += `.default(${q(child.default)})`;
    else if (!required.has(prop)) e += ".optional()";
    return `  ${q(prop)}: ${e}${metaOf(child)},`;
  });
  return `z.strictObject({\n${fields.join("\n")}\n})`;
}

/** Definitions in dependency order: every schema after the ones it refers to. */
function ordered(spec: TrimmedSpec): string[] {
  const done = new Set<string>();
  const out: string[] = [];
  const visit = (name: string, stack: string[]) => {
    if (done.has(name) || SPECIAL[name]) return;
    if (stack.includes(name)) throw new Error(`recursive definition ${[...stack, name].join(" -> ")}`);
    const deps: string[] = [];
    JSON.stringify(spec.definitions[name], (k, v: unknown) => (k === "$ref" && deps.push(String(v)), v));
    deps.forEach((d) => visit(d, [...stack, name]));
    done.add(name);
    out.push(name);
  };
  Object.keys(spec.definitions).forEach((n) => visit(n, []));
  return out;
}

export function generateZodModule(spec: TrimmedSpec): string {
  listKeyDefaults = findListKeyDefaults(spec);
  const names = ordered(spec);
  const seen = new Set<string>();
  const blocks = names.map((name) => {
    const short = shortName(name);
    if (seen.has(short)) throw new Error(`two definitions are named ${short}`);
    seen.add(short);
    const def = spec.definitions[name]!;
    const body = expr(def, name);
    return `/** ${name} */\nexport const ${short} = ${body};\nexport type ${short} = z.output<typeof ${short}>;`;
  });
  return [
    `// Generated from ${spec.source.module} (${spec.source.document}) by \`npm run generate:core\`;`,
    "// do not edit. Input: src/api/generated/core-v1.openapi.json; overlays: src/api/codegen/overlays.ts.",
    "/* eslint-disable */",
    'import { z } from "zod";',
    'import { dnsLabel, intOrString, quantity, uniqueKeys } from "../refinements.js";',
    "",
    blocks.join("\n\n"),
    "",
  ].join("\n");
}
