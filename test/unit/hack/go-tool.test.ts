// hack/lib/go-tool.sh and the build.sh scripts that use it (CoreDNS, KWOK, kube-score, kstatus,
// Helm): a binary cached with the stamp "<version> <go version> <hash of go.mod, go.sum and the
// tool's stamp files>" is up to date, so caches written by earlier versions of the scripts are
// never rebuilt; any other stamp means a build. A fake `go` stands in for the toolchain: it
// reports a Go version and fails anything else, so nothing is ever built here.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const HACK = join(import.meta.dirname, "..", "..", "..", "hack");
const GOVERSION = "go1.26.0";

interface Tool {
  name: string;
  /** Files beside go.mod whose content the stamp hashes after go.mod and go.sum. */
  stampFiles: string[];
  /** Files the cache directory holds beside the binary. */
  outputs: string[];
  /** Flags that make the script build rather than use something already installed. */
  flags: string[];
}

const TOOLS: Tool[] = [
  { name: "coredns", stampFiles: ["main.go"], outputs: [], flags: [] },
  { name: "kwok", stampFiles: ["build.sh"], outputs: ["stages.yaml"], flags: [] },
  { name: "kube-score", stampFiles: [], outputs: [], flags: [] },
  { name: "kstatus", stampFiles: ["main.go"], outputs: [], flags: [] },
  { name: "helm", stampFiles: [], outputs: [], flags: ["--build"] },
];

let work: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "compositeapp-go-tool-"));
  const bin = join(work, "bin");
  mkdirSync(bin);
  writeFileSync(
    join(bin, "go"),
    `#!/bin/sh\nif [ "$*" = "env GOVERSION" ]; then echo ${GOVERSION}; exit 0; fi\n` +
      `echo "fake go: $*" >>"${join(work, "go-calls")}"\necho "fake go cannot: $*" >&2\nexit 97\n`,
  );
  chmodSync(join(bin, "go"), 0o755);
  env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ""}`, COMPOSITEAPP_CACHE: join(work, "cache") };
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function run(tool: Tool, flags: string[]) {
  const r = spawnSync("bash", [join(HACK, tool.name, "build.sh"), ...flags], { encoding: "utf8", env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The stamp as the scripts have always written it. */
function stampHash(tool: Tool): string {
  const hash = createHash("sha256");
  for (const f of ["go.mod", "go.sum", ...tool.stampFiles]) hash.update(readFileSync(join(HACK, tool.name, f)));
  return hash.digest("hex").slice(0, 16);
}

/** A cached binary (a stub) in the directory --print-path names, stamped with HASH; its path. */
function cache(tool: Tool, hash: string): { path: string; version: string } {
  const printed = run(tool, ["--print-path", ...tool.flags]);
  expect(printed.status, printed.stderr).toBe(0);
  const path = printed.stdout.trim();
  const dir = dirname(path);
  expect(path).toBe(join(work, "cache", tool.name, basename(dir), tool.name));
  const version = basename(dir).slice(0, -`-${GOVERSION}`.length);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path, "#!/bin/sh\n");
  chmodSync(path, 0o755);
  for (const f of tool.outputs) writeFileSync(join(dir, f), "");
  writeFileSync(join(dir, ".stamp"), `${version} ${GOVERSION} ${hash}\n`);
  return { path, version };
}

const goCalls = () => (existsSync(join(work, "go-calls")) ? readFileSync(join(work, "go-calls"), "utf8") : "");

describe.each(TOOLS)("hack/$name/build.sh", (tool) => {
  it("prints the cached binary's path and builds nothing when the stamp is current", () => {
    const { path, version } = cache(tool, stampHash(tool));
    const r = run(tool, tool.flags);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${path}\n`);
    expect(r.stderr).toContain(`${version} (${GOVERSION}): up to date`);
    expect(goCalls()).toBe("");
  });

  it("builds when the stamp is not current, and drops the stamp until a build succeeds", () => {
    const { path } = cache(tool, "0000000000000000");
    const r = run(tool, tool.flags);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe("");
    expect(goCalls()).toMatch(/^fake go: (build|list) /);
    expect(existsSync(join(dirname(path), ".stamp"))).toBe(false);
  });

  it("rebuilds with --force even when the stamp is current", () => {
    cache(tool, stampHash(tool));
    const r = run(tool, ["--force"]);
    expect(r.status).not.toBe(0);
    expect(goCalls()).toMatch(/^fake go: (build|list) /);
  });

  it("prints its header comment for --help and rejects an unknown flag with exit status 2", () => {
    const help = run(tool, ["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^# build\.sh \[--print-path\]/);
    expect(help.stdout.split("\n").filter((l) => l !== "" && !l.startsWith("#"))).toEqual([]);
    const bad = run(tool, ["--bogus"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("build.sh: unknown argument '--bogus'\n");
  });
});
