// The chart README's values table is generated from values.schema.json and values.yaml
// (hack/chart-readme.js, run by `npm run generate`): it must be current, and cover every value.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { load } from "js-yaml";
import { afterAll, describe, expect, it } from "vitest";
import { generatedReadme, valuesRows } from "../../../hack/chart-readme.js";
import { CHART } from "../../support/helm.js";

const readme = () => readFileSync(join(CHART, "README.md"), "utf8");
const schema = () => JSON.parse(readFileSync(join(CHART, "values.schema.json"), "utf8")) as Record<string, unknown>;
const values = load(readFileSync(join(CHART, "values.yaml"), "utf8")) as Record<string, unknown>;

/** Paths of the leaves of values.yaml (an empty map or list is a leaf). */
function leaves(value: unknown, path = ""): string[] {
  if (!value || typeof value !== "object" || Array.isArray(value) || Object.keys(value).length === 0) return [path];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
}

describe("chart README values table", () => {
  const dir = mkdtempSync(join(tmpdir(), "compositeapp-readme-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is what `npm run generate` writes from values.schema.json and values.yaml", async () => {
    // On failure: npm run generate (or node hack/chart-readme.js)
    expect(readme() === (await generatedReadme()), "deploy/helm/compositeapp/README.md values table is stale").toBe(
      true,
    );
  });

  it("goes stale when a description changes (the check above can fail)", async () => {
    const copy = join(dir, "chart");
    cpSync(CHART, copy, { recursive: true });
    const changed = schema() as { properties: Record<string, { description: string }> };
    changed.properties.replicaCount!.description = "Changed.";
    writeFileSync(join(copy, "values.schema.json"), JSON.stringify(changed));
    const regenerated = await generatedReadme(copy);
    expect(regenerated).not.toBe(readme());
    expect(regenerated).toMatch(/\| `replicaCount` +\| integer +\| `1` +\| Changed\. +\|/);
  });

  it("has a row for every value in values.yaml, with its default", () => {
    const rows = valuesRows(schema(), values);
    const keys = rows.map((r) => r.key);
    expect(leaves(values).filter((leaf) => !keys.some((k) => leaf === k || leaf.startsWith(`${k}.`)))).toEqual([]);
    expect(rows.find((r) => r.key === "logLevel")).toMatchObject({
      type: "string (trace, debug, info, warn, error)",
      default: "`info`",
    });
    expect(rows.find((r) => r.key === "securityContext")!.default).toContain("readOnlyRootFilesystem: true");
  });
});
