// The trust boundary for CompositeApp input: YAML or JSON documents in, validated apps or
// messages that say what is wrong and where out.
import { loadAll } from "js-yaml";
import { z } from "zod";
import { KUBECTL_YAML_SCHEMA } from "./kubectl-yaml.js";
import { API_VERSION, CompositeApp, KIND } from "./compositeapp.js";

export type Validated = { ok: true; app: CompositeApp } | { ok: false; errors: string[] };

/** `spec.sidecars[1].ports[0]` from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("");
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = formatPath(issue.path) || "(document)";
  if (issue.code === "invalid_type" && issue.input === undefined) return `${where}: required field is missing`;
  if (issue.code === "invalid_key") return `${where}: ${issue.issues.map((i) => i.message).join("; ")}`;
  if (issue.code === "unrecognized_keys") {
    return `${where ? `${where}: ` : ""}unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  }
  return `${where}: ${issue.message}`;
}

/** A field's value in a message: a string as it is, anything else as JSON, a missing one as (none). */
const shown = (value: unknown): string =>
  typeof value === "string" ? value : value === undefined ? "(none)" : JSON.stringify(value);

/** Validates one parsed document as a CompositeApp. */
export function validateCompositeApp(doc: unknown): Validated {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    return { ok: false, errors: ["(document): expected a CompositeApp object"] };
  }
  const { apiVersion, kind } = doc as { apiVersion?: unknown; kind?: unknown };
  if (kind !== KIND || apiVersion !== API_VERSION) {
    return {
      ok: false,
      errors: [`(document): apiVersion/kind is ${shown(apiVersion)}/${shown(kind)}, expected ${API_VERSION}/${KIND}`],
    };
  }
  const result = CompositeApp.safeParse(doc, { reportInput: true });
  if (result.success) return { ok: true, app: result.data };
  return { ok: false, errors: result.error.issues.map(describeIssue) };
}

/**
 * Parses YAML (multi-document) or JSON text as kubectl does (YAML 1.1 scalars: `0400` is octal,
 * `yes` is true); empty documents are skipped.
 */
export function parseDocuments(text: string): unknown[] {
  return loadAll(text, { schema: KUBECTL_YAML_SCHEMA }).filter((d) => d !== null && d !== undefined);
}

/** A short name for a document in messages: `CompositeApp "web"` or `document 2`. */
export function describeDocument(doc: unknown, index: number): string {
  const name = (doc as { metadata?: { name?: unknown } } | null)?.metadata?.name;
  return typeof name === "string" ? `CompositeApp "${name}"` : `document ${index + 1}`;
}
