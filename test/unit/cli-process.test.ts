// The executable itself, spawned as users run it: the one test here that starts a process (the
// rest of the CLI runs in-process in cli.test.ts). Generous timeouts: a spawn on a loaded
// machine takes seconds.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BROKEN_PIPE_STATUS } from "../../src/cli/io.js";
import { EXAMPLES_DIR } from "../support/fixtures.js";

const ROOT = join(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "bin", "compositeapp.js");

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the executable; `closeStdout` closes the reading end at once, like `| head -0`. */
function spawnCli(args: string[], options: { stdin?: string; closeStdout?: boolean } = {}): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT });
    const out = { stdout: "", stderr: "" };
    if (options.closeStdout) child.stdout.destroy();
    else child.stdout.on("data", (chunk: Buffer) => (out.stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (out.stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, ...out }));
    child.stdin.end(options.stdin ?? "");
  });
}

describe("the compositeapp executable", () => {
  it("renders standard input, and ends quietly when its reader goes away", { timeout: 120_000 }, async () => {
    const rendered = await spawnCli(["render", "-f", "-", "-o", "json"], {
      stdin: readFileSync(join(EXAMPLES_DIR, "log-sidecar.yaml"), "utf8"),
    });
    expect(rendered.stderr).toBe("");
    expect(rendered.code).toBe(0);
    expect((JSON.parse(rendered.stdout) as { kind: string }).kind).toBe("Pod");

    // The CRD is larger than a pipe's buffer, so its writes meet the closed pipe.
    const cut = await spawnCli(["crd"], { closeStdout: true });
    expect(cut).toEqual({ code: BROKEN_PIPE_STATUS, stdout: "", stderr: "" });
  });
});
