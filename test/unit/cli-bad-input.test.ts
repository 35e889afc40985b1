// Whatever it is given, the CLI ends with a status and messages that say what is wrong, never with
// an internal error (a TypeError's "is not iterable", "Cannot read properties of ...") or a stack
// trace: arbitrary documents, shaped like the objects each command reads, through every command.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CliIO } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/main.js";

async function cli(args: string[], stdin: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { stdout: "", stderr: "" };
  const io: CliIO = {
    stdout: { write: (t: string) => (out.stdout += t) },
    stderr: { write: (t: string) => (out.stderr += t) },
    readStdin: () => stdin,
    exit: (code) => {
      throw new Error(`unexpected exit(${code})`);
    },
  };
  return { code: await runCli(args, io), ...out };
}

/** Messages of JavaScript itself, which mean the program met input it did not expect. */
const INTERNAL =
  /is not iterable|Cannot read propert|Cannot convert|is not a function|is not an object|Maximum call stack|\bundefined\b|\[object Object\]|\n\s+at /;

const field = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 2 }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 2 }),
);
const container = fc.record({ name: field, image: field, ports: field, env: field, volumeMounts: field });
/** Objects shaped like what the commands read, with any value where a field is expected. */
const document = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record({
    apiVersion: fc.constantFrom("compositeapp.io/v1alpha1", "v1", "apps/v1", "batch/v1", undefined),
    kind: fc.constantFrom("CompositeApp", "Pod", "Deployment", "StatefulSet", "Job", "CronJob", "List", "Service"),
    metadata: fc.oneof(field, fc.record({ name: field, labels: field })),
    items: field,
    spec: fc.oneof(
      field,
      fc.record({
        main: fc.oneof(field, container),
        sidecars: fc.oneof(field, fc.array(container, { maxLength: 2 })),
        volumes: field,
        containers: fc.oneof(field, fc.array(fc.oneof(field, container), { maxLength: 2 })),
        initContainers: field,
        template: fc.oneof(field, fc.record({ spec: fc.oneof(field, fc.record({ containers: field })) })),
        jobTemplate: field,
        replicas: field,
      }),
    ),
  }),
);
const input = fc
  .array(document, { minLength: 1, maxLength: 3 })
  .map((docs) => docs.map((d) => JSON.stringify(d ?? null)).join("\n---\n"));

describe("the CLI on arbitrary input", () => {
  it.each([
    [["validate", "-f", "-"]],
    [["render", "-f", "-", "-o", "name"]],
    [["convert", "-f", "-", "--main", "app", "--role", "proxy=ambassador"]],
  ])("%j ends with a status and messages about the input, never an internal error", async (args) => {
    await fc.assert(
      fc.asyncProperty(input, async (text) => {
        const run = await cli(args, text);
        expect([0, 1, 2]).toContain(run.code);
        expect(run.stderr).not.toMatch(INTERNAL);
        for (const line of run.stderr.split("\n").filter(Boolean)) {
          expect(line).toMatch(/^(error|warning|note|not carried): /);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("finds the internal errors it looks for", async () => {
    // The message a TypeError gives for a list that is a number, as convert gave for `containers: 5`.
    expect(String(new TypeError("number 5 is not iterable (cannot read property Symbol(Symbol.iterator))"))).toMatch(
      INTERNAL,
    );
    const run = await cli(
      ["convert", "-f", "-"],
      "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: {containers: 5}\n",
    );
    expect(run).toEqual({
      code: 1,
      stdout: "",
      stderr: 'error: <stdin>: Pod "x": spec.containers: the Pod has no containers\n',
    });
  });
});
