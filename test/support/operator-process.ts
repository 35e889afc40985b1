import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { join } from "node:path";

const BIN = join(import.meta.dirname, "..", "..", "bin", "compositeapp.js");

/** Node.js flags of the image's entrypoint (the Dockerfile's; test/unit/chart/image.test.ts checks). */
export const OPERATOR_NODE_FLAGS = ["--max-semi-space-size=2", "--optimize-for-size"];

/** `compositeapp run ARGS` as its own process, its output appended to `logFile`. */
export function spawnOperatorProcess(args: string[], logFile: string): ChildProcess {
  const out = createWriteStream(logFile, { flags: "a" });
  const child = spawn(process.execPath, [...OPERATOR_NODE_FLAGS, BIN, "run", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  return child;
}
