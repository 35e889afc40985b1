// The CLI as users run it, in-process: arguments, files, standard input, output and the exit
// status, through the same entry point as the executable (cli-process.test.ts runs that one).
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { load, loadAll } from "js-yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { EXAMPLES_DIR, exampleApps, exampleFiles } from "../support/fixtures.js";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], stdin = ""): Promise<Run> {
  const run = { code: -1, stdout: "", stderr: "" };
  run.code = await runCli(args, {
    stdout: { write: (text: string) => (run.stdout += text) },
    stderr: { write: (text: string) => (run.stderr += text) },
    readStdin: () => stdin,
    exit: (code) => {
      throw new Error(`only the operator exits the process; got exit(${code})`);
    },
  });
  return run;
}

const COLLIDING = `apiVersion: compositeapp.io/v1alpha1
kind: CompositeApp
metadata: {name: clash}
spec:
  main: {name: web, image: busybox:1.35, ports: [{containerPort: 8080}]}
  sidecars:
    - {name: metrics, image: busybox:1.35, ports: [{containerPort: 9090}]}
    - {name: admin, image: busybox:1.35, ports: [{containerPort: 8080}]}
  adapters:
    - {name: metrics2, preset: {prometheusMetrics: {volume: data, file: m, port: 9090}}}
  volumes: [{name: data, emptyDir: {}}]
`;

const APP = (name: string, extra = "") => `apiVersion: compositeapp.io/v1alpha1
kind: CompositeApp
metadata: {name: ${name}}
spec:
  main: {name: app, image: busybox:1.35}
${extra}`;

const SERVICE = `apiVersion: v1
kind: Service
metadata: {name: kv-store}
spec: {ports: [{port: 6379}]}
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

  it("validate exits 1 when a preset binds a port another container declares", async () => {
    const run = await cli(["validate", "-f", "-"], COLLIDING);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'error: <stdin>: CompositeApp "clash": spec.adapters[0].preset.prometheusMetrics.port: port 9090/TCP is already used by container "metrics"; the containers of a Pod share one network namespace\n',
    );
  });

  it("validate accepts a port declared by two containers with a warning, as the API server does", async () => {
    const run = await cli(["validate", "-f", "-"], COLLIDING.split("  adapters:")[0]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('<stdin>: CompositeApp "clash": valid\n');
    expect(run.stderr).toBe(
      'warning: <stdin>: CompositeApp "clash": spec.sidecars[1].ports[0]: port 8080/TCP is also declared by container "web"; only one container of a Pod can listen on it\n',
    );
  });

  it("validate and render explain what still violates securityProfile Restricted, at each field", async () => {
    const app = APP(
      "rooted",
      `  securityProfile: Restricted
  volumes: [{name: host, hostPath: {path: /var/run}}]
  sidecars: [{name: side, image: busybox:1.35, securityContext: {runAsUser: 0}}]
  pod: {hostNetwork: true}
`,
    );
    const expected = [
      'error: <stdin>: CompositeApp "rooted": spec.pod.hostNetwork: securityProfile Restricted: pod.hostNetwork may not be true',
      'error: <stdin>: CompositeApp "rooted": spec.sidecars[0].securityContext.runAsUser: securityProfile Restricted: runAsUser may not be 0 (root)',
      'error: <stdin>: CompositeApp "rooted": spec.volumes[0].hostPath: securityProfile Restricted: a volume may only be one of configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected, secret (hostPath and the other node or network volumes are not allowed)',
    ];
    for (const command of ["validate", "render"]) {
      const run = await cli([command, "-f", "-"], app);
      expect(run.code, command).toBe(1);
      expect(run.stderr.trim().split("\n").sort(), command).toEqual(expected);
    }
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
    const apps = exampleFiles().flatMap((f) => exampleApps(f));
    expect(apps.length).toBeGreaterThan(exampleFiles().length);
    expect(run.stdout.split("\n").filter((l) => l.endsWith(": valid"))).toHaveLength(apps.length);
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

  it("reads integers as kubectl does: defaultMode 0400 is 256", async () => {
    const volume = "  volumes:\n    - {name: s, secret: {secretName: s, defaultMode: 0400}}\n";
    const run = await cli(["render", "-f", "-", "-o", "json"], APP("web", volume));
    expect(run.stderr).toBe("");
    const pod = JSON.parse(run.stdout) as { spec: { volumes: { secret?: { defaultMode: number } }[] } };
    expect(pod.spec.volumes.find((v) => v.secret)?.secret?.defaultMode).toBe(256);
  });

  it("fails clearly on unreadable input", async () => {
    const missing = await cli(["render", "-f", "no/such/file.yaml"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: no\/such\/file\.yaml: ENOENT/);
    const broken = await cli(["validate", "-f", "-"], "spec: [unclosed");
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^error: <stdin>: /);
  });

  it("rejects a bad flag value", async () => {
    const run = await cli(["render", "-f", join(EXAMPLES_DIR, "init-war.yaml"), "-o", "xml"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error: unsupported output format "xml": use yaml, json, name\n');
  });

  it("requires -f", async () => {
    const run = await cli(["validate"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("required option '-f, --filename <file>' not specified");
  });

  it("documents each command in --help", async () => {
    const run = await cli(["--help"]);
    expect(run.code).toBe(0);
    for (const cmd of ["render", "validate", "convert", "crd", "run"]) expect(run.stdout).toContain(cmd);
    const render = await cli(["render", "--help"]);
    expect(render.code).toBe(0);
    expect(render.stdout).toContain("--filename");
    expect(render.stdout).toContain("--output");
  });

  it("prints its version", async () => {
    const run = await cli(["--version"]);
    expect(run).toEqual({ code: 0, stdout: "0.1.0\n", stderr: "" });
  });

  it("prints the CRD that crds/ holds", async () => {
    const run = await cli(["crd"]);
    expect(run.code).toBe(0);
    expect((load(run.stdout) as { metadata: { name: string } }).metadata.name).toBe("compositeapps.compositeapp.io");
  });
});

describe("compositeapp CLI on input with nothing to do", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "compositeapp-cli-"));
    mkdirSync(join(dir, "empty"));
    mkdirSync(join(dir, "docs"));
    writeFileSync(join(dir, "docs", "README.md"), "not a manifest\n");
    writeFileSync(join(dir, "service.yaml"), SERVICE);
  });

  it.each(["render", "validate"])("%s fails on an empty directory", async (command) => {
    const run = await cli([command, "-f", join(dir, "empty")]);
    expect(run).toEqual({
      code: 1,
      stdout: "",
      stderr: `error: ${join(dir, "empty")}: no manifests in the directory (*.yaml, *.yml, *.json)\n`,
    });
  });

  it("fails on a directory without manifests", async () => {
    const run = await cli(["render", "-f", join(dir, "docs")]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`error: ${join(dir, "docs")}: no manifests in the directory (*.yaml, *.yml, *.json)\n`);
  });

  it.each(["render", "validate"])("%s fails on a file of other kinds and names what it skipped", async (command) => {
    const file = join(dir, "service.yaml");
    const run = await cli([command, "-f", file]);
    expect(run).toEqual({
      code: 1,
      stdout: "",
      stderr: `error: no CompositeApp found in ${file}; skipped other kinds: ${file}: v1 Service "kv-store"\n`,
    });
  });

  it("fails on empty standard input", async () => {
    const run = await cli(["render", "-f", "-"], "# nothing\n");
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("error: <stdin>: no documents found\n");
  });
});

describe("compositeapp CLI on lists", () => {
  const indent = (text: string, by: string) => text.replace(/^(?=.)/gm, by);
  const item = (yaml: string) => indent(yaml, "    ").replace(/^ {4}/, "  - ");

  it("reads a kind: List (what kubectl get -o yaml prints) as its items", async () => {
    const list = `apiVersion: v1\nkind: List\nmetadata: {resourceVersion: ""}\nitems:\n${item(APP("a"))}${item(APP("b"))}${item(SERVICE)}`;
    const run = await cli(["validate", "-f", "-"], list);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(
      '<stdin>: CompositeApp "a": valid\n<stdin>: CompositeApp "b": valid\n<stdin>: v1 Service "kv-store": skipped, not a CompositeApp\n',
    );
    const rendered = await cli(["render", "-f", "-", "-o", "json"], list);
    expect((JSON.parse(rendered.stdout) as { items: unknown[] }).items).toHaveLength(2);
  });

  it("reads a CompositeAppList whose items leave out apiVersion and kind", async () => {
    const bare = APP("c").split("\n").slice(2).join("\n");
    const list = `apiVersion: compositeapp.io/v1alpha1\nkind: CompositeAppList\nitems:\n${item(bare)}`;
    const run = await cli(["validate", "-f", "-"], list);
    expect(run).toEqual({ code: 0, stdout: '<stdin>: CompositeApp "c": valid\n', stderr: "" });
  });

  it("fails on an empty List", async () => {
    const run = await cli(["render", "-f", "-"], "apiVersion: v1\nkind: List\nitems: []\n");
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("error: no CompositeApp found in <stdin>\n");
  });
});
