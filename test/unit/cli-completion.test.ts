// `compositeapp completion bash|zsh|fish`: what the scripts complete is read from the program's own
// commands and flags, and the bash script is run in bash with the words a user typed (one bash
// process for every case: a spawn on a loaded machine takes seconds).
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeProgram } from "../../src/cli/completion-spec.js";
import { buildProgram, runCli } from "../../src/cli/main.js";
import type { CliIO } from "../../src/cli/io.js";

const run = promisify(execFile);

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { stdout: "", stderr: "" };
  const io: CliIO = {
    stdout: { write: (t: string) => (out.stdout += t) },
    stderr: { write: (t: string) => (out.stderr += t) },
    readStdin: () => "",
    exit: (code) => {
      throw new Error(`unexpected exit(${code})`);
    },
  };
  return { code: await runCli(args, io), ...out };
}

const IO: CliIO = {
  stdout: { write: () => true },
  stderr: { write: () => true },
  readStdin: () => "",
  exit: () => undefined,
};

describe("what completion completes, read from the program", () => {
  const spec = describeProgram(buildProgram(IO));
  const command = (name: string) => spec.commands.find((c) => c.name === name)!;
  const flag = (cmd: string, long: string) => command(cmd).flags.find((f) => f.long === long)!;

  it("has every command, and commander's help naming them", () => {
    expect(spec.commands.map((c) => c.name)).toEqual([
      "render",
      "validate",
      "convert",
      "crd",
      "run",
      "completion",
      "help",
    ]);
    expect(command("help").args).toEqual(["render", "validate", "convert", "crd", "run", "completion"]);
    expect(command("render").description).toBe(
      "Print the Pods a CompositeApp renders to, without touching a cluster (like `helm template`)",
    );
  });

  it("knows which flags take a value, list their values, take a file or repeat", () => {
    expect(flag("render", "--output")).toEqual({
      short: "-o",
      long: "--output",
      description: "output format",
      takesValue: true,
      values: ["yaml", "json", "name"],
      file: false,
      repeatable: false,
    });
    expect(flag("render", "--filename")).toMatchObject({ short: "-f", takesValue: true, file: true, repeatable: true });
    expect(flag("run", "--kubeconfig")).toMatchObject({ takesValue: true, file: true });
    expect(flag("run", "--leader-elect")).toMatchObject({ takesValue: false, file: false });
    expect(flag("run", "--log-level")).toMatchObject({
      takesValue: true,
      values: ["trace", "debug", "info", "warn", "error"],
    });
    expect(flag("run", "--log-format")).toMatchObject({ takesValue: true, values: ["json", "text"] });
    // An optional value (`--metrics-secure` alone means true), listed all the same.
    expect(flag("run", "--metrics-secure")).toMatchObject({ takesValue: true, values: ["true", "false"] });
    expect(flag("render", "--help")).toMatchObject({ short: "-h", takesValue: false });
    expect(command("completion").args).toEqual(["bash", "zsh", "fish"]);
  });
});

describe("compositeapp completion", () => {
  it("prints each shell's script", async () => {
    const bash = await cli(["completion", "bash"]);
    expect(bash).toMatchObject({ code: 0, stderr: "" });
    expect(bash.stdout).toContain("complete -F _compositeapp compositeapp\n");
    const zsh = await cli(["completion", "zsh"]);
    expect(zsh).toMatchObject({ code: 0, stderr: "" });
    expect(zsh.stdout).toMatch(/^#compdef compositeapp\n/);
    expect(zsh.stdout).toContain(`'(-o --output)'{-o,--output=}'[output format]:value:(yaml json name)'`);
    expect(zsh.stdout).toContain(
      `'*'{-f,--filename=}'[file or directory of CompositeApp documents (YAML or JSON)]:file:_files'`,
    );
    expect(zsh.stdout).toContain("compdef _compositeapp compositeapp");
    const fish = await cli(["completion", "fish"]);
    expect(fish).toMatchObject({ code: 0, stderr: "" });
    expect(fish.stdout).toContain(
      "complete -c compositeapp -n '__fish_seen_subcommand_from render' -s o -l output -x -a 'yaml json name' -d 'output format'\n",
    );
    expect(fish.stdout).toContain(
      "complete -c compositeapp -n '__fish_seen_subcommand_from render' -s f -l filename -r -F -d 'file or directory of CompositeApp documents (YAML or JSON)'\n",
    );
    expect(fish.stdout).toContain(
      "complete -c compositeapp -n __fish_use_subcommand -a completion -d 'Print a shell completion script for bash, zsh or fish (like `kubectl completion`)'\n",
    );
  });

  it("refuses a shell it has no script for, and a missing one, naming the choices", async () => {
    const unknown = await cli(["completion", "powershell"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(
      "error: command-argument value 'powershell' is invalid for argument 'shell'. Allowed choices are bash, zsh, fish.",
    );
    expect(unknown.stdout).toBe("");
    const missing = await cli(["completion"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("error: missing required argument 'shell'");
  });
});

describe("the bash script, run in bash", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "compositeapp-completion-"));
    writeFileSync(join(dir, "app.yaml"), "");
    writeFileSync(join(dir, "notes.txt"), "");
    mkdirSync(join(dir, "apps"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** What bash offers for each line, the last word being the one completed (as bash splits at "="). */
  async function complete(lines: string[][]): Promise<string[]> {
    const script = (await cli(["completion", "bash"])).stdout;
    const driver = [
      script,
      `offer() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=(); _compositeapp; printf '%s\\n' "\${COMPREPLY[*]}"; }`,
      ...lines.map((words) => `offer ${words.map((w) => `'${w}'`).join(" ")}`),
    ].join("\n");
    const { stdout } = await run("bash", ["--norc", "--noprofile", "-c", driver], { cwd: dir });
    return stdout.split("\n").slice(0, lines.length);
  }

  it("completes commands, flags, listed values and files", { timeout: 120_000 }, async () => {
    const cases: [string[], string][] = [
      [["compositeapp", ""], "render validate convert crd run completion help"],
      [["compositeapp", "r"], "render run"],
      [["compositeapp", "--"], "--version --help"],
      [["compositeapp", "render", "-o", ""], "yaml json name"],
      [["compositeapp", "render", "--output", "=", "j"], "json"],
      [["compositeapp", "render", "--output", "="], "yaml json name"],
      [["compositeapp", "render", "-f", "a"], "app.yaml apps"],
      [["compositeapp", "render", "-f", "app.yaml", "--"], "--filename --output --kube-version --preset-image --help"],
      [["compositeapp", "render", "--kube-version", ""], ""],
      [["compositeapp", "convert", "-f", "app.yaml", "--role", "envoy=ambassador", "-o", "n"], "name"],
      [["compositeapp", "crd", "-o", "y"], "yaml"],
      [["compositeapp", "run", "--kubeconfig", "n"], "notes.txt"],
      [["compositeapp", "run", "--log-level", ""], "trace debug info warn error"],
      [["compositeapp", "run", "--log-level", "=", "w"], "warn"],
      [["compositeapp", "run", "--log-format", "t"], "text"],
      [["compositeapp", "run", "--metrics-secure", ""], "true false"],
      [["compositeapp", "run", "--metrics-secure", "=", "f"], "false"],
      [
        ["compositeapp", "run", "--leader-elect", "--le"],
        "--leader-elect --leader-election-namespace --leader-election-id --lease-duration",
      ],
      [["compositeapp", "completion", ""], "bash zsh fish"],
      [["compositeapp", "completion", "z"], "zsh"],
      [["compositeapp", "completion", "bash", ""], "-h --help"],
      [["compositeapp", "help", "c"], "convert crd completion"],
      [["compositeapp", "nonsense", ""], ""],
    ];
    // Sorted: bash lists files in the directory's order.
    const sorted = (words: string) => words.split(" ").sort().join(" ");
    const offered = await complete(cases.map(([words]) => words));
    expect(offered.map(sorted)).toEqual(cases.map(([, expected]) => sorted(expected)));
  });
});
