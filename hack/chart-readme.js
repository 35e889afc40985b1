// @ts-check
// The values table of the chart's README, generated: keys, types and descriptions from
// deploy/helm/compositeapp/values.schema.json, defaults from its values.yaml. Writes the table
// between the README's two marker comments (`npm run generate`); a unit test fails when it is stale.
//   node hack/chart-readme.js           rewrite deploy/helm/compositeapp/README.md
// An object is one row per key inside it, unless its description names the Kubernetes type it
// passes through, e.g. "(core/v1 Affinity)": then it is one row, as the user writes it.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { dump, load } from "js-yaml";
import { format, resolveConfig } from "prettier";

export const CHART_DIR = join(import.meta.dirname, "..", "deploy", "helm", "compositeapp");
const START = "<!-- values table: generated from values.schema.json and values.yaml by `npm run generate` -->";
const END = "<!-- end of the generated values table -->";
const KUBERNETES_TYPE = /\((core|apps|policy|networking\.k8s\.io)\/v1 [A-Z]\w*\)/;

/** @typedef {{ type?: string | string[], description?: string, properties?: Record<string, Schema>, items?: Schema, enum?: unknown[], anyOf?: Schema[], $ref?: string }} Schema */
/** @typedef {{ key: string, type: string, default: string, description: string }} Row */

/**
 * @param {Schema} node
 * @param {Record<string, Schema>} definitions
 * @returns {Schema}
 */
const resolve = (node, definitions) =>
  node.$ref ? { ...resolve(definitions[node.$ref.replace("#/definitions/", "")] ?? {}, definitions), ...node } : node;

/**
 * The type column: the JSON type, an array's item type, the alternatives of anyOf, an enum's values.
 * @param {Schema} node
 * @param {Record<string, Schema>} definitions
 * @returns {string}
 */
function typeOf(node, definitions) {
  const n = resolve(node, definitions);
  if (n.anyOf) return [...new Set(n.anyOf.map((a) => typeOf(a, definitions)))].join(" or ");
  const types = [n.type ?? "any"].flat();
  const base = types.map((t) => (t === "array" && n.items ? `${typeOf(n.items, definitions)}[]` : t)).join(" or ");
  return n.enum ? `${base} (${n.enum.map((e) => (e === "" ? '""' : String(e))).join(", ")})` : base;
}

/**
 * A default as it would be written in values.yaml, on one line.
 * @param {unknown} value
 */
const yamlInline = (value) => (value === undefined ? "" : `\`${dump(value, { flowLevel: 0, lineWidth: -1 }).trim()}\``);

/**
 * One row per documented key, depth first in the schema's order.
 * @param {Schema & { definitions?: Record<string, Schema> }} schema
 * @param {Record<string, unknown>} values
 * @returns {Row[]}
 */
export function valuesRows(schema, values) {
  const definitions = schema.definitions ?? {};
  /** @type {(props: Record<string, Schema>, prefix: string, defaults: unknown) => Row[]} */
  const walk = (props, prefix, defaults) =>
    Object.entries(props).flatMap(([name, node]) => {
      const key = `${prefix}${name}`;
      const value =
        defaults && typeof defaults === "object" ? /** @type {Record<string, unknown>} */ (defaults)[name] : undefined;
      const description = node.description ?? "";
      if (node.properties && !KUBERNETES_TYPE.test(description)) return walk(node.properties, `${key}.`, value);
      return [{ key, type: typeOf(node, definitions), default: yamlInline(value), description }];
    });
  return walk(schema.properties ?? {}, "", values);
}

/** Markdown escapes for a table cell: `|` ends the cell, `<` may start HTML. @param {string} cell */
const escapeCell = (cell) => cell.replace(/[|<]/g, (c) => `\\${c}`);

/**
 * The README with its values table replaced (not yet formatted).
 * @param {string} readme
 * @param {Row[]} rows
 */
export function withValuesTable(readme, rows) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md needs the markers\n${START}\n${END}`);
  const table = [
    "| Key | Type | Default | Description |",
    "| --- | --- | --- | --- |",
    ...rows.map((r) => `| ${[`\`${r.key}\``, r.type, r.default, r.description].map(escapeCell).join(" | ")} |`),
  ];
  return `${readme.slice(0, start)}${START}\n\n${table.join("\n")}\n\n${readme.slice(end)}`;
}

/**
 * @param {string} path
 * @returns {any} the parsed file, to be typed by the caller
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-return -- the chart's values.schema.json, typed by the caller
const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));

/** The README as `npm run generate` writes it, formatted as the repository's prettier config says. */
export async function generatedReadme(chartDir = CHART_DIR) {
  const path = join(chartDir, "README.md");
  /** @type {Schema & { definitions?: Record<string, Schema> }} */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- typed by the JSDoc above
  const schema = readJson(join(chartDir, "values.schema.json"));
  const values = /** @type {Record<string, unknown>} */ (load(readFileSync(join(chartDir, "values.yaml"), "utf8")));
  const readme = withValuesTable(readFileSync(path, "utf8"), valuesRows(schema, values));
  return format(readme, { ...(await resolveConfig(path)), filepath: path });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(join(CHART_DIR, "README.md"), await generatedReadme());
}
