// Which helm the tests and scripts use: hack/helm/build.sh --print-path picks a supported helm
// on PATH (Helm 3 from v3.18.0) and otherwise the one it builds. Fake helm executables stand in
// for installed ones.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../support/helm.js";

/** The path build.sh prints with a helm reporting `version` first on PATH. */
function pickedWith(version: string, flags: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), "compositeapp-helm-"));
  const helm = join(dir, "helm");
  writeFileSync(helm, `#!/bin/sh\necho ${version}\n`);
  chmodSync(helm, 0o755);
  const run = spawnSync("bash", [join(ROOT, "hack", "helm", "build.sh"), "--print-path", ...flags], {
    encoding: "utf8",
    env: { ...process.env, PATH: `${dir}:${process.env.PATH ?? ""}` },
  });
  rmSync(dir, { recursive: true });
  if (run.status !== 0) throw new Error(`build.sh --print-path failed (${run.status}): ${run.stderr}`);
  return run.stdout.trim() === helm ? "path" : "built";
}

describe("hack/helm/build.sh", () => {
  it.each(["v3.18.0", "v3.18.6", "v3.22.0", "v3.30.1"])("uses a helm %s found on PATH", { timeout: 60_000 }, (v) => {
    expect(pickedWith(v)).toBe("path");
  });

  it.each(["v3.17.9", "v3.9.0", "v4.3.1", "v2.17.0", "not a version"])(
    "passes over a helm %s on PATH for the one it builds",
    { timeout: 60_000 },
    (v) => {
      expect(pickedWith(v)).toBe("built");
    },
  );

  it("takes the one it builds with --build, even when a supported helm is on PATH", { timeout: 60_000 }, () => {
    expect(pickedWith("v3.22.0", ["--build"])).toBe("built");
  });
});
