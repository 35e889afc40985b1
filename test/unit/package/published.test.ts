// The package as users install it: `npm pack` of the built package (dist/, as `npm test` builds it),
// unpacked into a project of its own whose node_modules holds it beside its dependencies. There,
// the programs of test/typed-consumer must type-check against the published declarations through
// the package's `exports`, the README's program must run, and importing the package must load
// none of the operator's runtime. Spawns npm and node: generous timeouts, as the machine may be busy.
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../../src/cli/main.js";
import { ROOT } from "../../support/module-graph.js";

const run = promisify(execFile);
const CONSUMER = join(ROOT, "test", "typed-consumer");
const SLOW = { timeout: 180_000 };

interface PackResult {
  filename: string;
  files: { path: string }[];
}

let project: string;
let packed: string[];
let oldProgram: ts.Program | undefined;

/** Packs the repository and installs the tarball, and the dependencies it names, into `dir`. */
async function install(dir: string): Promise<string[]> {
  const { stdout } = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
  const [result] = JSON.parse(stdout) as PackResult[];
  const target = join(dir, "node_modules", "compositeapp");
  mkdirSync(target, { recursive: true });
  await run("tar", ["-xzf", join(dir, result!.filename), "-C", target, "--strip-components=1"]);
  // The dependencies the package declares, and @types/node for the consumer: as npm would install them.
  const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
  };
  for (const name of [...Object.keys(manifest.dependencies), "@types/node"]) {
    mkdirSync(dirname(join(dir, "node_modules", name)), { recursive: true });
    symlinkSync(join(ROOT, "node_modules", name), join(dir, "node_modules", name), "dir");
  }
  return result!.files.map((f) => f.path);
}

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), "compositeapp-consumer-"));
  packed = await install(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ private: true, type: "module" }));
  for (const file of readdirSync(CONSUMER)) cpSync(join(CONSUMER, file), join(project, file));
}, 180_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

/** Type-checks the consumer project with its tsconfig; `replace` rewrites files before checking. */
function typeCheck(replace: (file: string, text: string) => string = (_, text) => text): ts.Diagnostic[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(project, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  )!;
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => {
    const text = readFile(file);
    return text !== undefined && file.startsWith(project) && !file.includes("node_modules")
      ? replace(file, text)
      : text;
  };
  // The declarations are the same in both checks: reuse what the first one parsed.
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options, host, oldProgram });
  oldProgram = program;
  return [...ts.getPreEmitDiagnostics(program)];
}

const describeDiagnostic = (d: ts.Diagnostic): string => {
  const where = d.file
    ? `${d.file.fileName.slice(project.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start!).line + 1}`
    : "";
  return `${where} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
};

describe("the packed package", () => {
  it("holds the entry point, its declarations, the executable and the CRD, and no sources or tests", () => {
    for (const file of ["dist/index.js", "dist/index.d.ts", "dist/api/manifest.d.ts", "bin/compositeapp.js"]) {
      expect(packed).toContain(file);
    }
    expect(packed).toContain("crds/compositeapp.io_compositeapps.yaml");
    expect(packed.filter((f) => /^(src|test|hack)\//.test(f))).toEqual([]);
  });

  it("has every file its package.json names in `exports`, `types` and `bin`", () => {
    const manifest = JSON.parse(readFileSync(join(project, "node_modules/compositeapp/package.json"), "utf8")) as {
      exports: Record<string, string | Record<string, string>>;
      types: string;
      bin: Record<string, string>;
    };
    const named = [
      ...Object.values(manifest.exports).flatMap((e) => (typeof e === "string" ? [e] : Object.values(e))),
      manifest.types,
      ...Object.values(manifest.bin),
    ].map((p) => p.replace(/^\.\//, ""));
    expect(named).toContain("dist/index.d.ts");
    expect(named.filter((p) => !packed.includes(p))).toEqual([]);
  });

  it("type-checks a program written against it, with every mistake it marks refused", SLOW, () => {
    expect(typeCheck().map(describeDiagnostic)).toEqual([]);
  });

  it("refuses each marked mistake: without its `@ts-expect-error` the line does not compile", SLOW, () => {
    const marked: string[] = [];
    const diagnostics = typeCheck((file, text) =>
      text
        .split("\n")
        .map((line, i) => {
          if (!line.trimStart().startsWith("// @ts-expect-error")) return line;
          marked.push(`${file.slice(project.length + 1)}:${i + 2}`);
          return "";
        })
        .join("\n"),
    );
    expect(marked.length).toBeGreaterThanOrEqual(9); // types.ts marks nine
    const failing = new Set(diagnostics.map((d) => describeDiagnostic(d).split(" ")[0]));
    expect(marked.filter((line) => !failing.has(line))).toEqual([]);
    expect([...failing].filter((line) => !marked.includes(line!))).toEqual([]);
  });

  it("runs the README's program, whose output `compositeapp validate` accepts", SLOW, async () => {
    const { stdout } = await run(process.execPath, ["shop.ts"], { cwd: project });
    const list = JSON.parse(stdout) as { kind: string; items: { metadata: { name: string } }[] };
    expect(list.kind).toBe("List");
    expect(list.items.map((i) => i.metadata.name)).toEqual(["shop-eu", "shop-us"]);
    const out = { stdout: "", stderr: "" };
    const code = await runCli(["validate", "-f", "-"], {
      stdout: { write: (t: string) => (out.stdout += t) },
      stderr: { write: (t: string) => (out.stderr += t) },
      readStdin: () => stdout,
      exit: () => undefined,
    });
    expect({ code, ...out }).toEqual({
      code: 0,
      stdout: '<stdin>: CompositeApp "shop-eu": valid\n<stdin>: CompositeApp "shop-us": valid\n',
      stderr: "",
    });
  });

  it("loads only itself, zod and js-yaml when imported: none of the operator's runtime", SLOW, async () => {
    // A resolve hook records every module the import loads, relative or bare, ESM or CommonJS.
    const probe = `
      import { registerHooks } from "node:module";
      const loaded = new Set();
      registerHooks({ resolve: (specifier, context, next) => { const r = next(specifier, context); loaded.add(r.url); return r; } });
      const entry = await import("compositeapp");
      process.stdout.write(JSON.stringify({ exports: Object.keys(entry), loaded: [...loaded] }));
    `;
    writeFileSync(join(project, "probe.mjs"), probe);
    const { stdout } = await run(process.execPath, ["probe.mjs"], { cwd: project });
    const { exports, loaded } = JSON.parse(stdout) as { exports: string[]; loaded: string[] };
    expect(exports).toContain("compositeApp");
    const packages = new Set(
      loaded.filter((url) => url.startsWith("file:")).map((url) => /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1]),
    );
    expect([...packages].sort()).toEqual(["compositeapp", "js-yaml", "zod"]);
    expect(loaded.filter((url) => url.startsWith("node:"))).toEqual([]);
  });
});
