// values.schema.json as documentation and as a guard: every key described, and the Kubernetes
// types the chart passes through limited to the field names of the core/v1 API the project vendors.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CHART, ROOT } from "../../support/helm.js";

type Node = Record<string, unknown>;
const schema = JSON.parse(readFileSync(join(CHART, "values.schema.json"), "utf8")) as Node & {
  definitions: Record<string, Node>;
};
const coreV1 = JSON.parse(readFileSync(join(ROOT, "src", "api", "generated", "core-v1.openapi.json"), "utf8")) as {
  definitions: Record<string, { properties: Record<string, unknown>; required?: string[] }>;
};

/** Every property declared anywhere in the schema, with its path. */
function* properties(node: unknown, path: string): Generator<[string, Node]> {
  if (!node || typeof node !== "object") return;
  const n = node as Node;
  for (const [key, child] of Object.entries((n.properties as Record<string, Node> | undefined) ?? {})) {
    yield [`${path}.${key}`, child];
    yield* properties(child, `${path}.${key}`);
  }
  for (const key of ["items", "additionalProperties"]) yield* properties(n[key], `${path}[]`);
  for (const [name, def] of Object.entries((n.definitions as Record<string, Node> | undefined) ?? {})) {
    yield* properties(def, `#/definitions/${name}`);
  }
}

/** definitions of the schema that stand for a core/v1 type, and the type. */
const PASSED_THROUGH: [string, string][] = [
  ["podSecurityContext", "PodSecurityContext"],
  ["securityContext", "SecurityContext"],
  ["topologySpreadConstraint", "TopologySpreadConstraint"],
  ["volume", "Volume"],
  ["volumeMount", "VolumeMount"],
  ["envVar", "EnvVar"],
];

describe("chart values.schema.json", () => {
  it("describes every property", () => {
    const all = [...properties(schema, "")];
    expect(all.length).toBeGreaterThan(60);
    const undescribed = all.filter(([, node]) => typeof node.description !== "string" || node.description === "");
    expect(undescribed.map(([path]) => path)).toEqual([]);
  });

  it.each(PASSED_THROUGH)(
    "allows exactly the fields of core/v1 %s (%s), and requires what it requires",
    (def, type) => {
      const node = schema.definitions[def] as { propertyNames: { enum: string[] }; required?: string[] };
      const api = coreV1.definitions[`io.k8s.api.core.v1.${type}`]!;
      expect([...node.propertyNames.enum].sort()).toEqual(Object.keys(api.properties).sort());
      expect(node.required ?? []).toEqual(api.required ?? []);
    },
  );
});
