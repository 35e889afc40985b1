// Extracts the core/v1 definitions a CompositeApp carries from the official Kubernetes OpenAPI v3
// document (api/openapi-spec/v3/api__v1_openapi.json of the k8s.io/kubernetes module) into the
// trimmed, committed input of the zod generator (src/api/generated/core-v1.openapi.json).
// Pure: the caller reads the files. The published document carries no enums, so they are taken
// from the same module's generated OpenAPI Go source (pkg/generated/openapi/zz_generated.openapi.go).

export type Schema = { [key: string]: unknown };

export interface TrimmedSpec {
  source: { module: string; document: string; enums: string; roots: string[]; trimmed: Record<string, string> };
  definitions: Record<string, Schema>;
}

const REF_PREFIX = "#/components/schemas/";
export const CORE = "io.k8s.api.core.v1.";
export const ROOTS = [`${CORE}PodSpec`];

/**
 * What is left out, and why; each key is `Definition.property`. Lists of containers are the roles'
 * business, not spec.pod's; an ephemeral volume's template may set only labels and annotations
 * (the API server rejects every other ObjectMeta field there).
 */
export const TRIMMED: Record<string, string> = {
  [`${CORE}PodSpec.ephemeralContainers`]: "added to running Pods by `kubectl debug`, never part of a template",
  "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta.*":
    "only labels and annotations: the API server rejects every other field in an ephemeral volume's template",
};
const OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

/** Upstream keys the generator uses; patch strategies and unions are for strategic merge patch. */
const KEPT_KEYS = new Set([
  "description",
  "type",
  "format",
  "items",
  "properties",
  "required",
  "additionalProperties",
  "default",
  "enum",
  "oneOf",
  "$ref",
  "x-kubernetes-list-type",
  "x-kubernetes-list-map-keys",
  "x-kubernetes-map-type",
]);

/** `allOf: [{$ref}]` (how the v3 document attaches a description to a reference) becomes `$ref`. */
function simplify(node: Schema): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "allOf" && Array.isArray(value) && value.length === 1) {
      out.$ref = String((value[0] as Schema).$ref).replace(REF_PREFIX, "");
    } else if (key === "$ref") out.$ref = String(value).replace(REF_PREFIX, "");
    else if (!KEPT_KEYS.has(key)) continue;
    else if (key === "properties") {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, Schema>).map(([k, v]) => [k, simplify(v)]),
      );
    } else if (key === "items" || key === "additionalProperties") {
      out[key] = typeof value === "object" && value !== null ? simplify(value as Schema) : value;
    } else out[key] = value;
  }
  return out;
}

function refsOf(node: unknown, into: string[]): string[] {
  if (Array.isArray(node)) node.forEach((n) => refsOf(n, into));
  else if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") into.push(value);
      else refsOf(value, into);
    }
  }
  return into;
}

/** What the generated Go source adds: enums, and the order of fields in the Go structs. */
export interface GoFacts {
  /** `Type.property` (or `Type.property[]` for list items) to enum values. */
  enums: Map<string, unknown[]>;
  /** Type to its properties in struct order, the order the API server writes them in. */
  order: Map<string, string[]>;
}

/** Property-level and item-level enums and field order of core/v1 types, from the Go source. */
export function factsFromGo(goSource: string): GoFacts {
  const facts: GoFacts = { enums: new Map(), order: new Map() };
  let type = "";
  let property = "";
  for (const line of goSource.split("\n")) {
    const fn = /^func schema_k8sio_api_core_v1_(\w+)\(/.exec(line);
    if (fn) [type, property] = [`${CORE}${fn[1]!}`, ""];
    else if (/^func /.test(line)) type = "";
    const prop = /^\t{5}"(\w+)": \{$/.exec(line);
    if (type && prop) {
      property = prop[1]!;
      facts.order.set(type, [...(facts.order.get(type) ?? []), property]);
    }
    const en = /^(\t+)Enum:\s+\[\]interface\{\}\{(.*)\},?$/.exec(line);
    if (type && property && en) {
      const values = JSON.parse(`[${en[2]}]`) as unknown[];
      facts.enums.set(`${type}.${property}${en[1]!.length > 7 ? "[]" : ""}`, values);
    }
  }
  return facts;
}

/** Adds the Go source's enums and puts properties in struct order (the JSON document sorts them). */
function addGoFacts(name: string, def: Schema, facts: GoFacts): void {
  const props = def.properties as Record<string, Schema> | undefined;
  if (!props) return;
  for (const [prop, node] of Object.entries(props)) {
    const own = facts.enums.get(`${name}.${prop}`);
    if (own) node.enum = own;
    const items = facts.enums.get(`${name}.${prop}[]`);
    if (items && node.items) (node.items as Schema).enum = items;
  }
  const order = facts.order.get(name);
  if (!order) return;
  const rank = (p: string) => (order.includes(p) ? order.indexOf(p) : order.length);
  def.properties = Object.fromEntries(Object.entries(props).sort(([a], [b]) => rank(a) - rank(b)));
}

function trim(name: string, def: Schema): Schema {
  const props = def.properties as Record<string, Schema> | undefined;
  if (!props) return def;
  if (name === OBJECT_META) {
    return { ...def, properties: { labels: props.labels, annotations: props.annotations } };
  }
  const kept = Object.entries(props).filter(([prop]) => TRIMMED[`${name}.${prop}`] === undefined);
  return { ...def, properties: Object.fromEntries(kept) };
}

export function extractCore(document: Schema, goSource: string, module: string): TrimmedSpec {
  const all = (document.components as { schemas: Record<string, Schema> }).schemas;
  const facts = factsFromGo(goSource);
  const definitions: Record<string, Schema> = {};
  const queue = [...ROOTS];
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (definitions[name]) continue;
    const upstream = all[name];
    if (!upstream) throw new Error(`definition ${name} is not in the OpenAPI document`);
    const def = trim(name, simplify(upstream));
    addGoFacts(name, def, facts);
    definitions[name] = def;
    queue.push(...refsOf(def, []));
  }
  const sorted = Object.fromEntries(
    Object.keys(definitions)
      .sort()
      .map((k) => [k, definitions[k]!]),
  );
  return {
    source: {
      module,
      document: "api/openapi-spec/v3/api__v1_openapi.json",
      enums: "pkg/generated/openapi/zz_generated.openapi.go",
      roots: ROOTS,
      trimmed: TRIMMED,
    },
    definitions: sorted,
  };
}
