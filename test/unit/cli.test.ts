// The CLI as users run it: a separate process, reading files and stdin, with exit codes.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { load, loadAll } from "js-yaml";
import { describe, expect, it } from "vitest";
import { EXAMPLES_DIR, exampleFiles } from "../support/fixtures.js";

const ROOT = join(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "bin", "compositeapp.js");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { cwd: ROOT }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr });
    });
    child.stdin?.end(stdin ?? "");
  });
}

const COLLIDING = `apiVersion: compositeapp.io/v1alpha1
kind: CompositeApp
metadata: {name: clash}
spec:
  main: {name: web, image: busybox:1.35, ports: [{containerPort: 8080}]}
  sidecars:
    - {name: metrics, image: busybox:1.35, ports: [{containerPort: 9090}]}
    - {name: admin, image: busybox:1.35, ports: [{containerPort: 8080}]}
`;

describe("compositeapp CLI", () => {
  it.each(exampleFiles())("renders examples/%s to valid Pods", async (file) => {
    const run = await cli(["render", "-f", join(EXAMPLES_DIR, file)]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const pods = loadAll(run.stdout) as { kind: string; spec: { containers: unknown[] } }[];
    expect(pods.length).toBeGreaterThan(0);
    for (const pod of pods) {
      expect(pod.kind).toBe("Pod");
      expect(pod.spec.containers.length).toBeGreaterThan(0);
    }
  });

  it("validate exits 1 on a port collision and names both containers", async () => {
    const run = await cli(["validate", "-f", "-"], COLLIDING);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      '<stdin>: CompositeApp "clash": spec.sidecars[1].ports[0]: port 8080/TCP is already used by container "web"; the containers of a Pod share one network namespace\n'.replace(
        /^/,
        "error: ",
      ),
    );
    expect(run.stderr).toContain('"web"');
    expect(run.stderr).toContain("spec.sidecars[1]");
  });

  it("validate reports every valid document and skips other kinds", async () => {
    const run = await cli(["validate", "-f", join(EXAMPLES_DIR, "ambassador.yaml")]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('CompositeApp "ambassador": valid');
    expect(run.stdout).toContain('v1 Service "kv-store": skipped, not a CompositeApp');
  });

  it("reads every manifest of a directory", async () => {
    const run = await cli(["validate", "-f", EXAMPLES_DIR]);
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n").filter((l) => l.endsWith(": valid"))).toHaveLength(exampleFiles().length + 1);
  });

  it("reads several -f flags and multi-document input", async () => {
    const run = await cli([
      "render",
      "-f",
      join(EXAMPLES_DIR, "init-war.yaml"),
      "-f",
      join(EXAMPLES_DIR, "ambassador.yaml"),
      "-o",
      "json",
    ]);
    expect(run.code).toBe(0);
    const list = JSON.parse(run.stdout) as { kind: string; items: { metadata: { name: string } }[] };
    expect(list.kind).toBe("List");
    expect(list.items.map((p) => p.metadata.name.split("-").slice(0, -2).join("-"))).toEqual([
      "javaweb",
      "ambassador",
      "kv-store",
    ]);
  });

  it("renders classic containers for a server without native sidecars", async () => {
    const run = await cli(["render", "-f", join(EXAMPLES_DIR, "log-sidecar.yaml"), "--kube-version", "1.28"]);
    const pod = load(run.stdout) as { spec: { containers: { name: string }[]; initContainers?: unknown[] } };
    expect(pod.spec.containers.map((c) => c.name)).toEqual(["app", "log-shipper"]);
    expect(pod.spec.initContainers).toBeUndefined();
  });

  it("fails clearly on unreadable input", async () => {
    const missing = await cli(["render", "-f", "no/such/file.yaml"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("no/such/file.yaml");
    const broken = await cli(["validate", "-f", "-"], "spec: [unclosed");
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^error: <stdin>: /);
  });

  it("rejects a bad flag value", async () => {
    const run = await cli(["render", "-f", join(EXAMPLES_DIR, "init-war.yaml"), "-o", "xml"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('unsupported output format "xml"');
  });

  it("requires -f", async () => {
    const run = await cli(["validate"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("required option '-f, --filename <file>' not specified");
  });

  it("documents each command in --help", async () => {
    const run = await cli(["--help"]);
    expect(run.code).toBe(0);
    for (const cmd of ["render", "validate", "convert", "crd"]) expect(run.stdout).toContain(cmd);
    const render = await cli(["render", "--help"]);
    expect(render.stdout).toContain("--filename");
    expect(render.stdout).toContain("--output");
  });

  it("prints the CRD that crds/ holds", async () => {
    const run = await cli(["crd"]);
    expect(run.code).toBe(0);
    expect((load(run.stdout) as { metadata: { name: string } }).metadata.name).toBe("compositeapps.compositeapp.io");
  });
});
