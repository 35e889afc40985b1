// Adding a preset is one module and one registry line: with a registry holding an extra preset
// from a test fixture, the zod schema, the CRD (schema, descriptions, CEL rules), the renderer's
// dispatch and the README's tables all know it, with nothing else written for it.
import { describe, expect, it } from "vitest";
import { compositeAppSpecSchema } from "../../../src/api/compositeapp.js";
import { customResourceDefinition } from "../../../src/api/crd.js";
import { formatPath } from "../../../src/api/parse.js";
import { PRESETS, chosenPreset, presetContainer } from "../../../src/presets/index.js";
import { presetTable, roleTable } from "../../../src/presets/index.js";
import { judgeWithCrd } from "../../support/crd-judge.js";
import type { SchemaNode } from "../../support/crd-schema.js";
import { greeter } from "../../fixtures/presets/greeter.js";

const REGISTRY = [...PRESETS, greeter] as const;

type Spec = Record<string, unknown>;
const spec = (sidecar: Record<string, unknown>, extra: Spec = {}): Spec => ({
  volumes: [{ name: "site", emptyDir: {} }],
  main: { name: "web", image: "busybox:1.35", ports: [{ containerPort: 8080 }] },
  sidecars: [{ name: "greet", ...sidecar }],
  ...extra,
});
const app = (s: Spec) => ({
  apiVersion: "compositeapp.io/v1alpha1",
  kind: "CompositeApp",
  metadata: { name: "hello", namespace: "default" },
  spec: s,
});

const zodErrors = (s: Spec): string[] => {
  const result = compositeAppSpecSchema(REGISTRY).safeParse(s);
  return result.success ? [] : result.error.issues.map((i) => `spec.${formatPath(i.path)}: ${i.message}`);
};
const crdRoot = () => {
  const crd = customResourceDefinition(REGISTRY) as {
    spec: { versions: { schema: { openAPIV3Schema: SchemaNode } }[] };
  };
  return crd.spec.versions[0]!.schema.openAPIV3Schema;
};
const crdErrors = (s: Spec) => judgeWithCrd(app(s), crdRoot());

const good = { preset: { greeter: { greetPort: 9000, from: "site" } } };
const clash = { preset: { greeter: { greetPort: 8080, from: "site" } } };
const undeclared = { preset: { greeter: { greetPort: 9000, from: "nowhere" } } };

describe("a preset added to the registry", () => {
  it("is accepted by the zod schema and the CRD, with its defaults", () => {
    const parsed = compositeAppSpecSchema(REGISTRY).parse(spec(good));
    expect(parsed.sidecars[0]!.preset).toEqual({ greeter: { greetPort: 9000, from: "site", at: "/greeting" } });
    expect(crdErrors(spec(good))).toEqual([]);
  });

  it("is unknown to the built-in registry's CRD", () => {
    expect(judgeWithCrd(app(spec(good)))).toEqual([
      'strict decoding error: unknown field "spec.sidecars[0].preset.greeter"',
    ]);
  });

  it("has its parameters and description in the CRD (kubectl explain)", () => {
    const sidecars = (crdRoot().properties!.spec!.properties!.sidecars!.items as SchemaNode).properties!;
    const node = sidecars.preset!.properties!.greeter! as SchemaNode & { description?: string };
    expect(node.description).toBe("Sidecar: serves the greeting file of a shared volume on :greetPort.");
    expect(node.required).toEqual(["greetPort", "from"]);
    expect(node.properties!.at).toMatchObject({ default: "/greeting", description: "Where that volume is mounted." });
  });

  it("makes the one-of rule list it, in zod and in CEL", () => {
    const two = {
      preset: { logShipper: { volume: "site", files: ["a"] }, greeter: { greetPort: 9000, from: "site" } },
    };
    const message = "preset must set exactly one of: logShipper, configReloader, greeter";
    expect(zodErrors(spec(two))).toEqual([`spec.sidecars[0].preset: ${message}; it sets 2`]);
    expect(crdErrors(spec(two)).join("\n")).toContain(message);
  });

  it("binds the port its footprint names: a clash with the main container is caught by zod and CEL", () => {
    expect(zodErrors(spec(clash))).toEqual([
      'spec.sidecars[0].preset.greeter.greetPort: port 8080/TCP is already used by container "web"; the containers of a Pod share one network namespace',
    ]);
    expect(crdErrors(spec(clash)).join("\n")).toContain("a port in spec.sidecars is already used by spec.main");
  });

  it("mounts the volume its footprint names: an undeclared volume is caught by zod and CEL", () => {
    expect(zodErrors(spec(undeclared))).toEqual([
      'spec.sidecars[0].preset.greeter.from: volume "nowhere" is not declared in spec.volumes',
    ]);
    expect(crdErrors(spec(undeclared)).join("\n")).toContain(
      "preset greeter reads a volume that is not declared in spec.volumes",
    );
    const mountedTwice = { ...good, volumeMounts: [{ name: "site", mountPath: "/greeting" }] };
    expect(crdErrors(spec(mountedTwice)).join("\n")).toContain("repeats the mountPath of preset greeter");
    expect(zodErrors(spec(mountedTwice))).toEqual([
      'spec.sidecars[0].volumeMounts[0].mountPath: mountPath /greeting is mounted more than once in container "greet"',
    ]);
  });

  it("is built by its own builder, with its default image unless one is configured", () => {
    const parsed = compositeAppSpecSchema(REGISTRY).parse(spec(good));
    const chosen = chosenPreset(parsed.sidecars[0]!.preset, REGISTRY)!;
    expect(chosen.preset).toBe(greeter);
    expect(presetContainer(chosen, {})).toMatchObject({
      image: "registry.example/greeter:1.0",
      command: ["httpd", "-f", "-p", "9000", "-h", "/greeting"],
    });
    expect(presetContainer(chosen, { greeter: "mirror.example/greeter:1.0" }).image).toBe("mirror.example/greeter:1.0");
  });

  it("gets a row in the README's tables", () => {
    expect(roleTable(REGISTRY)).toContain("`logShipper`, `configReloader`, `greeter`");
    expect(presetTable(REGISTRY)).toMatch(
      /^\| `greeter` +\| sidecar +\| `greetPort`, `from`, `at` \(default `\/greeting`\) +\| serves the greeting file of a shared volume on :greetPort +\|$/m,
    );
    expect(presetTable(REGISTRY)).toContain("Preset images default to");
  });
});
