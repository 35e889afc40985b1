// The I/O around the generator, for hack/generate-core.mjs: finds the k8s.io/kubernetes module of
// the pinned version (in the Go module cache, or downloads just that module), extracts the trimmed
// definitions and writes the zod module. The unit tier never runs this: it needs Go.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { extractCore, type Schema, type TrimmedSpec } from "./extract.js";
import { CORE_JSON, CORE_MODULE, k8sVersion } from "./files.js";
import { generateZodModule } from "./zod-module.js";

/** The module's directory in the Go module cache, downloading just that module if it is missing. */
function moduleDir(version: string): string {
  const cache = execFileSync("go", ["env", "GOMODCACHE"], { encoding: "utf8" }).trim();
  const cached = join(cache, `k8s.io/kubernetes@${version}`);
  if (existsSync(cached)) return cached;
  const tmp = mkdtempSync(join(tmpdir(), "k8s-openapi-"));
  try {
    execFileSync("go", ["mod", "init", "tmp"], { cwd: tmp, stdio: "ignore" });
    const out = execFileSync("go", ["mod", "download", "-json", `k8s.io/kubernetes@${version}`], {
      cwd: tmp,
      encoding: "utf8",
    });
    return (JSON.parse(out) as { Dir: string }).Dir;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export function regenerate(root: string, extract: boolean): void {
  if (extract) {
    const version = k8sVersion(readFileSync(join(root, "hack/cluster/lib.sh"), "utf8"));
    const dir = moduleDir(version);
    const read = (file: string) => readFileSync(join(dir, file), "utf8");
    const document = JSON.parse(read("api/openapi-spec/v3/api__v1_openapi.json")) as Schema;
    const goSource = read("pkg/generated/openapi/zz_generated.openapi.go");
    const trimmed = extractCore(document, goSource, `k8s.io/kubernetes@${version}`);
    writeFileSync(join(root, CORE_JSON), `${JSON.stringify(trimmed, null, 1)}\n`);
  }
  const spec = JSON.parse(readFileSync(join(root, CORE_JSON), "utf8")) as TrimmedSpec;
  writeFileSync(join(root, CORE_MODULE), generateZodModule(spec));
}
