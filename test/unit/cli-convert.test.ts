// `compositeapp convert` as users run it: a process reading a file or stdin, with exit codes.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { loadAll } from "js-yaml";
import { describe, expect, it } from "vitest";
import { POD_FIXTURES } from "../support/round-trip.js";

const ROOT = join(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "bin", "compositeapp.js");
// Process spawns on a loaded machine: no tight bound, the default would make this test flaky.
const SPAWN_TIMEOUT_MS = 120_000;

function cli(args: string[], stdin = ""): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { cwd: ROOT }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr });
    });
    child.stdin?.end(stdin);
  });
}

describe("compositeapp convert", () => {
  it(
    "prints the CompositeApp and exits 0 when everything is carried",
    async () => {
      const run = await cli(["convert", "-f", join(POD_FIXTURES, "03-website-deployment-sidecar.yaml")]);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      const [app] = loadAll(run.stdout) as { kind: string; spec: { sidecars: { name: string }[] } }[];
      expect(app?.kind).toBe("CompositeApp");
      expect(app?.spec.sidecars.map((s) => s.name)).toEqual(["logshipper"]);
    },
    SPAWN_TIMEOUT_MS,
  );

  it(
    "lists what it cannot carry on stderr and exits 2, still printing the app (-o json)",
    async () => {
      const run = await cli(
        ["convert", "-f", "-", "-o", "json"],
        JSON.stringify({
          apiVersion: "apps/v1",
          kind: "Deployment",
          metadata: { name: "web" },
          spec: { minReadySeconds: 9, template: { spec: { containers: [{ name: "a", image: "busybox:1.35" }] } } },
        }),
      );
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        'not carried: <stdin>: Deployment "web": spec.minReadySeconds = 9 (a CompositeApp has no Deployment minReadySeconds)\n',
      );
      expect((JSON.parse(run.stdout) as { kind: string }).kind).toBe("CompositeApp");
    },
    SPAWN_TIMEOUT_MS,
  );

  it(
    "exits 1 with a message when a flag names no container",
    async () => {
      const run = await cli([
        "convert",
        "-f",
        join(POD_FIXTURES, "06-website-ambassador.yaml"),
        "--role",
        "db=ambassador",
      ]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("error: --role db: no workload in the input has a container of that name");
    },
    SPAWN_TIMEOUT_MS,
  );
});
