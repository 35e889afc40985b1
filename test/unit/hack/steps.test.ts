// hack/lib/steps.sh, which runs `npm start` as numbered, timed steps: a step's output is
// indented, a finished one says its time, and a failing one ends the script with exit status 1,
// naming the step and how to retry.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const HACK = join(import.meta.dirname, "..", "..", "..", "hack");

function runSteps(body: string) {
  const script = [
    "set -euo pipefail",
    `source ${JSON.stringify(join(HACK, "cluster", "lib.sh"))}`,
    `source ${JSON.stringify(join(HACK, "lib", "steps.sh"))}`,
    'STEPS_TOTAL=3 STEPS_COMMAND="npm start" STEPS_RETRY="what is built is kept."',
    body,
  ].join("\n");
  const run = spawnSync("bash", ["-c", script], { encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("steps.sh", () => {
  it("numbers the steps, indents their output and prints each one's time and the total", () => {
    const run = runSteps('step "first" echo one\nstep "second" printf "a\\nb\\n"\nsteps_timings');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^==> \[1\/3\] first\n {4}one\n<== first: done in \d+s$/m);
    expect(run.stdout).toMatch(/^==> \[2\/3\] second\n {4}a\n {4}b\n<== second: done in \d+s$/m);
    expect(run.stdout).toMatch(/^timings:\n {2}1\. first +\d+s\n {2}2\. second +\d+s\n {2}total +\d+s$/m);
  }, 60_000);

  it("stops at a failing command of a step (set -e inside it) and says which step and how to retry", () => {
    const run = runSteps(
      'f() { echo before; false; echo after; }\nstep "ok" true\nstep "broken" f\necho "not reached"',
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("    before\n");
    expect(run.stdout).not.toContain("after");
    expect(run.stdout).not.toContain("not reached");
    expect(run.stderr).toMatch(
      /^npm start failed at step 2\/3 \(broken\) after \d+s \(exit 1\); the messages above say why\.$/m,
    );
    expect(run.stderr).toContain('Fix the cause and run "npm start" again: what is built is kept.');
  }, 60_000);
});
