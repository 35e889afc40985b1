// An offline judge of CompositeApps: the CRD's structural OpenAPI schema and its CEL rules
// (`x-kubernetes-validations`), applied the way the API server applies them on create, with
// messages in the API server's words, so one expected text serves this judge and the server.
//
// What it checks, in the server's order:
//  1. strict decoding: fields the schema does not declare (kubectl's default --validate=strict);
//  2. structural defaulting (`default`), before any validation;
//  3. metadata.name: a DNS-1123 subdomain (generic object-meta validation);
//  4. OpenAPI: type, required, enum, minimum, maximum, minLength, maxLength, pattern, minItems,
//     maxItems, maxProperties, x-kubernetes-int-or-string, x-kubernetes-list-type map/set (duplicate keys);
//  5. CEL rules, unless step 4 found a type error (the server skips CEL then), with the
//     Kubernetes `quantity()` library functions the rules use.
// Any other schema keyword makes the judge throw rather than silently ignore it; `format`
// (only `date-time`, in status) and `description` are known and not checked. Not emulated: CEL
// cost estimation (the real server in the integration tier is the judge of that).
// Step 5 lives in crd-judge-cel.ts, the schema's types and traversal in crd-schema.ts.
import { celErrors } from "./crd-judge-cel.js";
import { children, crdRootSchema, fmt, isObject, typeOf, type Json, type SchemaNode } from "./crd-schema.js";

const KNOWN = new Set([
  "type",
  "properties",
  "additionalProperties",
  "items",
  "required",
  "enum",
  "minimum",
  "x-kubernetes-map-type",
  "maximum",
  "minLength",
  "maxLength",
  "pattern",
  "minItems",
  "maxItems",
  "maxProperties",
  "default",
  "anyOf",
  "description",
  "format",
  "x-kubernetes-int-or-string",
  "x-kubernetes-preserve-unknown-fields",
  "x-kubernetes-list-type",
  "x-kubernetes-list-map-keys",
  "x-kubernetes-validations",
]);

/** Go's %v-ish rendering of a value in messages, as the API server prints it. */
const goValue = (v: unknown): string => (typeof v === "string" ? `"${v}"` : JSON.stringify(v));

// ---- 1. strict decoding ---------------------------------------------------------------------

function unknownFields(node: SchemaNode, value: unknown, path: string, out: string[]): void {
  if (node["x-kubernetes-preserve-unknown-fields"]) return;
  if (isObject(value)) {
    if (node.properties) {
      for (const [k, v] of Object.entries(value)) {
        const child = node.properties[k];
        if (child) unknownFields(child, v, fmt(path, k), out);
        else out.push(`unknown field "${fmt(path, k)}"`);
      }
    } else if (typeof node.additionalProperties === "object") {
      for (const [k, v] of Object.entries(value)) unknownFields(node.additionalProperties, v, fmt(path, k), out);
    }
  } else if (Array.isArray(value) && node.items) {
    value.forEach((v, i) => unknownFields(node.items!, v, fmt(path, i), out));
  }
}

// ---- 2. defaulting ----------------------------------------------------------------------------

function applyDefaults(node: SchemaNode, value: Json): void {
  if (isObject(value)) {
    for (const [k, child] of Object.entries(node.properties ?? {})) {
      if (value[k] === undefined && child.default !== undefined) value[k] = structuredClone(child.default as Json);
    }
  }
  for (const [, v, child] of children(node, value)) applyDefaults(child, v);
}

// ---- 3. metadata -------------------------------------------------------------------------------

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function metadataErrors(obj: Record<string, Json>): string[] {
  const name = isObject(obj.metadata) ? obj.metadata.name : undefined;
  if (typeof name !== "string" || name === "")
    return ["metadata.name: Required value: name or generateName is required"];
  const errs: string[] = [];
  if (name.length > 253) errs.push(`metadata.name: Invalid value: "${name}": must be no more than 253 characters`);
  if (!DNS1123_SUBDOMAIN.test(name)) {
    errs.push(
      `metadata.name: Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
    );
  }
  return errs;
}

// ---- 4. OpenAPI --------------------------------------------------------------------------------

interface Found {
  errors: string[];
  typeErrors: number;
}

function typeMatches(node: SchemaNode, v: Json): boolean {
  if (node["x-kubernetes-int-or-string"])
    return typeof v === "string" || (typeof v === "number" && Number.isInteger(v));
  if (node.type === undefined) return true;
  if (node.type === "number") return typeof v === "number";
  return typeOf(v) === node.type;
}

function checkKeywords(node: SchemaNode, path: string): void {
  for (const key of Object.keys(node)) {
    if (!KNOWN.has(key)) throw new Error(`${path}: the offline judge does not implement schema keyword "${key}"`);
  }
  // The API server checks formats of strings only; int32 and int64 on integers are informational.
  const informational = node.type === "integer" && (node.format === "int32" || node.format === "int64");
  if (node.format !== undefined && node.format !== "date-time" && !informational) {
    throw new Error(`${path}: the offline judge does not implement format "${node.format}"`);
  }
}

function listKeyErrors(node: SchemaNode, list: Json[], path: string, out: string[]): void {
  const kind = node["x-kubernetes-list-type"];
  if (kind !== "map" && kind !== "set") return;
  const seen = new Set<string>();
  list.forEach((item, i) => {
    const keys = kind === "map" ? (node["x-kubernetes-list-map-keys"] ?? []) : [];
    const keyValue = kind === "map" && isObject(item) ? keys.map((k) => [k, item[k]] as const) : item;
    const id = JSON.stringify(keyValue);
    if (seen.has(id)) {
      const shown =
        kind === "map"
          ? `map[string]interface {}{${(keyValue as (readonly [string, Json])[]).map(([k, v]) => `"${k}":${goValue(v)}`).join(", ")}}`
          : goValue(item);
      out.push(`${fmt(path, i)}: Duplicate value: ${shown}`);
    }
    seen.add(id);
  });
}

function numberErrors(node: SchemaNode, v: number, path: string, out: string[]): void {
  if (node.minimum !== undefined && v < node.minimum)
    out.push(`${path}: Invalid value: ${v}: ${path} in body should be greater than or equal to ${node.minimum}`);
  if (node.maximum !== undefined && v > node.maximum)
    out.push(`${path}: Invalid value: ${v}: ${path} in body should be less than or equal to ${node.maximum}`);
}

function stringErrors(node: SchemaNode, v: string, path: string, out: string[]): void {
  if (node.maxLength !== undefined && v.length > node.maxLength)
    out.push(`${path}: Too long: may not be more than ${node.maxLength} bytes`);
  if (node.minLength !== undefined && v.length < node.minLength)
    out.push(`${path}: Invalid value: "${v}": ${path} in body should be at least ${node.minLength} chars long`);
  if (node.pattern !== undefined && !new RegExp(node.pattern, "u").test(v))
    out.push(`${path}: Invalid value: "${v}": ${path} in body should match '${node.pattern}'`);
}

function scalarErrors(node: SchemaNode, v: Json, path: string, out: string[]): void {
  if (node.enum && !node.enum.includes(v)) {
    out.push(`${path}: Unsupported value: ${goValue(v)}: supported values: ${node.enum.map(goValue).join(", ")}`);
  }
  if (typeof v === "number") numberErrors(node, v, path, out);
  if (typeof v === "string") stringErrors(node, v, path, out);
}

function collectionErrors(node: SchemaNode, v: Json, path: string, out: string[]): void {
  if (Array.isArray(v)) {
    if (node.maxItems !== undefined && v.length > node.maxItems)
      out.push(`${path}: Too many: ${v.length}: must have at most ${node.maxItems} items`);
    if (node.minItems !== undefined && v.length < node.minItems)
      out.push(`${path}: Invalid value: ${v.length}: ${path} in body should have at least ${node.minItems} items`);
    listKeyErrors(node, v, path, out);
  }
  if (isObject(v)) {
    const size = Object.keys(v).length;
    if (node.maxProperties !== undefined && size > node.maxProperties)
      out.push(`${path}: Too many: ${size}: must have at most ${node.maxProperties} items`);
    for (const r of node.required ?? []) if (v[r] === undefined) out.push(`${fmt(path, r)}: Required value`);
  }
}

function validateNode(node: SchemaNode, v: Json, path: string, found: Found): void {
  checkKeywords(node, path);
  if (!typeMatches(node, v)) {
    found.typeErrors++;
    const want = node["x-kubernetes-int-or-string"] ? "integer,string" : node.type;
    found.errors.push(
      `${path}: Invalid value: "${typeOf(v)}": ${path} in body must be of type ${want}: "${typeOf(v)}"`,
    );
    return;
  }
  scalarErrors(node, v, path, found.errors);
  collectionErrors(node, v, path, found.errors);
  for (const [k, item, child] of children(node, v)) validateNode(child, item, fmt(path, k), found);
}

// ---- the judge ----------------------------------------------------------------------------------

/** The messages the API server would answer a create of `obj` with; empty when it accepts it. */
export function judgeWithCrd(obj: unknown, root: SchemaNode = crdRootSchema()): string[] {
  if (!isObject(obj)) return ["(document): not an object"];
  const strict: string[] = [];
  unknownFields(root, obj, "", strict);
  if (strict.length > 0) return strict.map((m) => `strict decoding error: ${m}`);
  const value = structuredClone(obj);
  applyDefaults(root, value);
  const found: Found = { errors: metadataErrors(value), typeErrors: 0 };
  validateNode(root, value, "", found);
  if (found.typeErrors === 0) celErrors(root, value, "", found.errors);
  return found.errors.map((e) => e.replace(/^\./, ""));
}
