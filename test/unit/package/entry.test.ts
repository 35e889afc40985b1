// The package's entry point (`import ... from "compositeapp"`) is for programs that write apps: it
// may load the schema (zod) and the YAML reader it validates with, never the operator's runtime or
// the CLI. published.test.ts checks the same of the packed package at run time.
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { packagesLoadedBy, ROOT } from "../../support/module-graph.js";

describe("the package's entry point", () => {
  const { packages, files } = packagesLoadedBy("src/index.ts");
  const sources = [...files].map((f) => f.slice(resolve(ROOT, "src").length + 1));

  it("follows the graph into the schema and its rules (the walk itself works)", () => {
    expect(sources).toContain("api/compositeapp.ts");
    expect(sources).toContain("api/manifest.ts");
    expect(sources).toContain("api/generated/core-v1.ts");
  });

  it("loads only zod and the YAML reader: no Kubernetes client, logger, metrics or CLI framework", () => {
    expect([...packages].sort()).toEqual(["js-yaml", "zod"]);
  });

  it("loads nothing of the operator, the CLI or the converter", () => {
    expect(sources.filter((f) => /^(controller|cli|convert)\//.test(f))).toEqual([]);
  });
});
