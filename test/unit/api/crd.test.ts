import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CRD_FILE, crdManifestYaml, customResourceDefinition } from "../../../src/api/crd.js";

type Node = Record<string, unknown>;
const schemaOf = (): Node => {
  const crd = customResourceDefinition() as { spec: { versions: { schema: { openAPIV3Schema: Node } }[] } };
  return crd.spec.versions[0]!.schema.openAPIV3Schema;
};

// Keys the API server rejects in a structural schema (apiextensions validation).
const FORBIDDEN = [
  "$ref",
  "$schema",
  "definitions",
  "$defs",
  "dependencies",
  "deprecated",
  "discriminator",
  "id",
  "patternProperties",
  "readOnly",
  "writeOnly",
  "xml",
  "additionalItems",
  "uniqueItems",
  "const",
  "propertyNames",
  "oneOf",
  "allOf",
  "not",
];
const JUNCTORS = ["anyOf", "allOf", "oneOf", "not"];

/** Every schema node with its path. */
function* walk(node: Node, path = "openAPIV3Schema"): Generator<[string, Node]> {
  yield [path, node];
  for (const [key, child] of Object.entries((node.properties as Record<string, Node> | undefined) ?? {})) {
    yield* walk(child, `${path}.${key}`);
  }
  if (node.items && typeof node.items === "object") yield* walk(node.items as Node, `${path}[]`);
  if (node.additionalProperties && typeof node.additionalProperties === "object") {
    yield* walk(node.additionalProperties as Node, `${path}{}`);
  }
}

function junctorProblems(node: Node): string[] {
  const intOrString = node["x-kubernetes-int-or-string"] === true;
  return JUNCTORS.filter((j) => j in node).filter(
    (j) => !(j === "anyOf" && intOrString && JSON.stringify(node.anyOf) === '[{"type":"integer"},{"type":"string"}]'),
  );
}

/** What the API server's structural-schema check would object to in one node. */
function structuralProblems(node: Node): string[] {
  const problems: string[] = [];
  if (node["x-kubernetes-int-or-string"] !== true && typeof node.type !== "string") problems.push("no type");
  problems.push(...FORBIDDEN.filter((key) => key in node).map((key) => `forbidden ${key}`));
  if (node.additionalProperties === false) problems.push("additionalProperties false");
  if (node.additionalProperties !== undefined && node.properties !== undefined)
    problems.push("properties and additionalProperties");
  if (node.nullable === true) problems.push("nullable");
  problems.push(...junctorProblems(node).map((j) => `junctor ${j}`));
  problems.push(
    ...Object.keys(node)
      .filter((k) => k.includes("/"))
      .map((k) => `unknown key ${k}`),
  );
  return problems;
}

describe("the CRD", () => {
  it("in crds/ is what the schema generates (run `npm run generate` after changing src/api)", () => {
    const onDisk = readFileSync(join(import.meta.dirname, "..", "..", "..", CRD_FILE), "utf8");
    expect(onDisk).toBe(crdManifestYaml());
  });

  it("is structural: every node typed, nothing forbidden, no junctors but int-or-string", () => {
    const problems = [...walk(schemaOf())].flatMap(([path, node]) =>
      structuralProblems(node).map((p) => `${path}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it("bounds every list a CEL rule iterates, so the API server can estimate the rule's cost", () => {
    const unbounded: string[] = [];
    for (const [path, node] of walk(schemaOf())) {
      if (
        node.type === "array" &&
        /\.(spec|volumeMounts|ports|initContainers|sidecars|ambassadors|adapters|volumes)$/.test(path) &&
        node.maxItems === undefined
      ) {
        unbounded.push(path);
      }
    }
    expect(unbounded).toEqual([]);
  });

  it("names the API as the project documents it", () => {
    const crd = customResourceDefinition() as { metadata: { name: string }; spec: Node };
    expect(crd.metadata.name).toBe("compositeapps.compositeapp.io");
    expect(crd.spec.scope).toBe("Namespaced");
    expect(crd.spec.names).toMatchObject({ kind: "CompositeApp", plural: "compositeapps", shortNames: ["capp"] });
    const version = (crd.spec.versions as Node[])[0]!;
    expect(version).toMatchObject({ name: "v1alpha1", served: true, storage: true, subresources: { status: {} } });
    expect((version.additionalPrinterColumns as { name: string }[]).map((c) => c.name)).toEqual([
      "Replicas",
      "Ready",
      "Up-to-date",
      "Revision",
      "Status",
      "Mode",
      "Age",
    ]);
  });

  it("serves the scale subresource: replicas from spec and status, the Pod selector from status", () => {
    const crd = customResourceDefinition() as { spec: { versions: Node[] } };
    const version = crd.spec.versions[0]!;
    expect(version.subresources).toEqual({
      status: {},
      scale: {
        specReplicasPath: ".spec.replicas",
        statusReplicasPath: ".status.replicas",
        labelSelectorPath: ".status.selector",
      },
    });
    const status = (version.schema as { openAPIV3Schema: { properties: { status: Node } } }).openAPIV3Schema.properties
      .status;
    expect((status.properties as Record<string, Node>).selector).toMatchObject({ type: "string" });
  });

  it("carries the cross-field rules as CEL on spec", () => {
    const spec = (schemaOf().properties as Record<string, Node>).spec!;
    const rules = spec["x-kubernetes-validations"] as { rule: string }[];
    expect(rules.length).toBeGreaterThanOrEqual(5);
    expect(rules.some((r) => r.rule.includes("d.name == self.main.name"))).toBe(true);
    expect(rules.some((r) => r.rule.includes("containerPort"))).toBe(true);
  });

  it("keys role lists and ports as list-maps, so the API server rejects duplicates within a list", () => {
    const spec = (schemaOf().properties as Record<string, Node>).spec!;
    const props = spec.properties as Record<string, Node>;
    for (const list of ["volumes", "initContainers", "sidecars", "ambassadors", "adapters"]) {
      expect(props[list]).toMatchObject({ "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"] });
    }
    const ports = (props.main!.properties as Record<string, Node>).ports!;
    expect(ports["x-kubernetes-list-map-keys"]).toEqual(["containerPort", "protocol"]);
  });
});
