// What `render`, `validate`, `convert` and `crd` load before they run: the static module graph of the
// CLI's entry point. The API client, the logger and the metrics library cost most of a second to
// import and only `run` needs them, so `run` imports them itself, when it starts.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");

/**
 * The module specifiers a file loads when it is evaluated: its import and export declarations, less
 * `import type` (erased). `import { type X }` is kept: under verbatimModuleSyntax it still loads the
 * module. Dynamic `import()` is not followed: it loads only when reached.
 */
function staticImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
  const out: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && !statement.importClause?.isTypeOnly) {
      out.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.moduleSpecifier) {
      out.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return out;
}

/** Every package (bare specifier) reachable from the entry through static imports of the sources. */
function packagesLoadedBy(entry: string): { packages: Set<string>; files: Set<string> } {
  const packages = new Set<string>();
  const files = new Set<string>();
  const pending = [resolve(ROOT, entry)];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of staticImports(file)) {
      if (spec.startsWith(".")) pending.push(resolve(dirname(file), spec).replace(/\.js$/, ".ts"));
      else packages.add(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!);
    }
  }
  return { packages, files };
}

describe("the CLI's entry point", () => {
  const { packages, files } = packagesLoadedBy("src/cli/main.ts");

  it("follows the whole graph of the commands (the walk itself works)", () => {
    for (const command of ["render", "validate", "convert", "crd", "run"]) {
      expect(files).toContain(resolve(ROOT, `src/cli/${command}.ts`));
    }
    expect(packages).toContain("commander");
    expect(packages).toContain("zod");
    expect(packages).toContain("js-yaml");
  });

  it("does not load the Kubernetes client, the logger or the metrics library: only `run` does, lazily", () => {
    expect(packages).not.toContain("@kubernetes/client-node");
    expect(packages).not.toContain("pino");
    expect(packages).not.toContain("prom-client");
    expect([...files].filter((f) => f.includes("/src/controller/kube/"))).toEqual([]);
  });

  it("the operator's own entry does load them, so the check above would see them", () => {
    const operator = packagesLoadedBy("src/controller/manager/manager.ts").packages;
    expect(operator).toContain("@kubernetes/client-node");
    expect(operator).toContain("prom-client");
  });
});
