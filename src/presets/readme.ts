// The README's tables of roles and presets, generated from the registry between marker comments
// (`npm run generate` writes them; a unit test fails when the README's copy is stale). Tables are
// aligned as Prettier aligns Markdown tables, so the generated text passes `prettier --check`.
import { z } from "zod";
import type { HelperRole } from "../api/roles.js";
import type { AnyPreset } from "./definition.js";
import { PRESETS } from "./registry.js";

type JsonSchema = {
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  default?: unknown;
};

/** What each role is, for the README's table of roles. */
const ROLES: { role: "initContainers" | HelperRole; what: string }[] = [
  { role: "initContainers", what: "run one after another, each to completion, before the rest starts" },
  { role: "sidecars", what: "help the main container: ship its logs, load content, reload config" },
  { role: "ambassadors", what: "a local proxy the main container reaches on `localhost`, hiding a remote service" },
  { role: "adapters", what: "normalise what the main container emits into a standard form" },
];

const code = (s: string) => `\`${s}\``;

/** A Markdown table with every column padded to its widest cell. */
export function markdownTable(header: string[], rows: string[][]): string {
  const cells = [header, ...rows].map((r) => r.map((c) => c.replaceAll("|", "\\|")));
  const widths = header.map((_, i) => Math.max(3, ...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(cells[0]!), line(widths.map((w) => "-".repeat(w))), ...cells.slice(1).map(line)].join("\n");
}

/** `volume`, `mountPath` (default `/var/log/app`), `routes` (`path`, `upstream`) */
function parameterList(preset: AnyPreset): string {
  const schema = z.toJSONSchema(preset.params, { io: "input", unrepresentable: "any" }) as JsonSchema;
  return Object.entries(schema.properties ?? {})
    .map(([name, field]) => {
      const nested = Object.keys(field.items?.properties ?? {});
      if (nested.length > 0) return `${code(name)} (${nested.map(code).join(", ")})`;
      return field.default === undefined
        ? code(name)
        : `${code(name)} (default ${code(typeof field.default === "string" ? field.default : JSON.stringify(field.default))})`;
    })
    .join(", ");
}

const singular = (role: HelperRole) => role.slice(0, -1);

export function roleTable(registry: readonly AnyPreset[] = PRESETS): string {
  return markdownTable(
    ["role", "what it is", "built-in presets"],
    ROLES.map(({ role, what }) => {
      const names = registry.filter((p) => p.role === role).map((p) => code(p.name));
      return [code(role), what, role === "initContainers" ? "(plain containers)" : names.join(", ")];
    }),
  );
}

export function presetTable(registry: readonly AnyPreset[] = PRESETS): string {
  const images = [...new Set(registry.map((p) => p.defaultImage))];
  const table = markdownTable(
    ["preset", "role", "parameters", "what it runs"],
    registry.map((p) => [code(p.name), singular(p.role), parameterList(p), p.description]),
  );
  const imageNote =
    images.length === 1
      ? `Every preset's image defaults to ${code(images[0]!)}`
      : `Preset images default to ${registry.map((p) => `${code(p.defaultImage)} (${p.name})`).join(", ")}`;
  return `${table}\n\n${imageNote}; each is configurable (\`--preset-image\`, and the operator's settings).`;
}

const begin = (block: string) => `<!-- BEGIN GENERATED ${block}: npm run generate -->`;
const end = (block: string) => `<!-- END GENERATED ${block} -->`;

/** Replaces what is between a block's markers; throws when the markers are missing. */
export function replaceBlock(text: string, block: string, content: string): string {
  const from = text.indexOf(begin(block));
  const to = text.indexOf(end(block));
  if (from < 0 || to < from) throw new Error(`no "${begin(block)}" ... "${end(block)}" markers`);
  return `${text.slice(0, from + begin(block).length)}\n\n${content}\n\n${text.slice(to)}`;
}

/** The README with its generated blocks brought up to date with the registry. */
export function generatedReadme(readme: string, registry: readonly AnyPreset[] = PRESETS): string {
  return replaceBlock(replaceBlock(readme, "roles", roleTable(registry)), "presets", presetTable(registry));
}
