import { dump } from "js-yaml";

export type OutputFormat = "yaml" | "json";

export function parseOutputFormat(value: string): OutputFormat {
  if (value === "yaml" || value === "json") return value;
  throw new Error(`unsupported output format "${value}": use yaml or json`);
}

/** Objects as a YAML stream (`---` between documents) or JSON (a v1 List when there are several). */
export function formatObjects(objects: object[], format: OutputFormat): string {
  if (format === "json") {
    const value = objects.length === 1 ? objects[0] : { apiVersion: "v1", kind: "List", items: objects };
    return `${JSON.stringify(value, null, 2)}\n`;
  }
  return objects.map((o) => dump(o, { noRefs: true, lineWidth: -1 })).join("---\n");
}
