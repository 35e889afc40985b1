import { dump } from "js-yaml";

/** `-o`: as kubectl prints objects. */
export const OUTPUT_FORMATS = ["yaml", "json", "name"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function parseOutputFormat(value: string): OutputFormat {
  const format = OUTPUT_FORMATS.find((f) => f === value);
  if (format) return format;
  throw new Error(`unsupported output format "${value}": use ${OUTPUT_FORMATS.join(", ")}`);
}

/**
 * An object as `kubectl get -o name` names it: `KIND.GROUP/NAME`, the kind lower-cased and no group
 * for the core API (`pod/shop-5d8f7c-0`, `compositeapp.compositeapp.io/shop`).
 */
export function resourceName(object: object): string {
  const { apiVersion, kind, metadata } = object as {
    apiVersion?: unknown;
    kind?: unknown;
    metadata?: { name?: unknown };
  };
  const version = typeof apiVersion === "string" ? apiVersion : "";
  const group = version.includes("/") ? `.${version.slice(0, version.indexOf("/"))}` : "";
  return `${String(kind).toLowerCase()}${group}/${String(metadata?.name)}`;
}

/**
 * Objects as a YAML stream (`---` between documents), JSON (a v1 List when there are several) or
 * their names, one a line.
 */
export function formatObjects(objects: object[], format: OutputFormat): string {
  if (format === "name") return objects.map((o) => `${resourceName(o)}\n`).join("");
  if (format === "json") {
    const value = objects.length === 1 ? objects[0] : { apiVersion: "v1", kind: "List", items: objects };
    return `${JSON.stringify(value, null, 2)}\n`;
  }
  return objects.map((o) => dump(o, { noRefs: true, lineWidth: -1 })).join("---\n");
}
