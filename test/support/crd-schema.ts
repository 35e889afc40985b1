// The CRD's schema as the offline judge (crd-judge.ts) walks it: its node type, the JSON values it
// judges, and how to reach a value's children with their schemas.
import { readFileSync } from "node:fs";
import { load } from "js-yaml";
import { CRD_PATH } from "./crd.js";

export interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  required?: string[];
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  maxProperties?: number;
  default?: unknown;
  format?: string;
  anyOf?: SchemaNode[];
  "x-kubernetes-int-or-string"?: boolean;
  "x-kubernetes-preserve-unknown-fields"?: boolean;
  "x-kubernetes-list-type"?: "map" | "set" | "atomic";
  "x-kubernetes-list-map-keys"?: string[];
  "x-kubernetes-validations"?: CelRuleSpec[];
}

export interface CelRuleSpec {
  rule: string;
  message?: string;
  fieldPath?: string;
  reason?: string;
}

/** The openAPIV3Schema of the CRD file the API server is given. */
export function crdRootSchema(): SchemaNode {
  const crd = load(readFileSync(CRD_PATH, "utf8")) as {
    spec: { versions: { schema: { openAPIV3Schema: SchemaNode } }[] };
  };
  return crd.spec.versions[0]!.schema.openAPIV3Schema;
}

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export const isObject = (v: unknown): v is Record<string, Json> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

export const fmt = (path: string, key: string | number) =>
  typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key;

/** The schema of each child of a value: properties, map values or list items. */
export function children(node: SchemaNode, value: Json): [string | number, Json, SchemaNode][] {
  if (Array.isArray(value)) return node.items ? value.map((v, i) => [i, v, node.items!]) : [];
  if (!isObject(value)) return [];
  const extra = typeof node.additionalProperties === "object" ? node.additionalProperties : undefined;
  return Object.entries(value).flatMap(([k, v]): [string, Json, SchemaNode][] => {
    const child = node.properties?.[k] ?? extra;
    return child ? [[k, v, child]] : [];
  });
}

/** The JSON type of a value, as the API server names it in messages. */
export const typeOf = (v: Json): string =>
  v === null
    ? "null"
    : Array.isArray(v)
      ? "array"
      : typeof v === "number"
        ? Number.isInteger(v)
          ? "integer"
          : "number"
        : typeof v === "object"
          ? "object"
          : typeof v;
