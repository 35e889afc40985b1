import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractCore, type TrimmedSpec } from "../../../src/api/codegen/extract.js";
import { CORE_JSON, CORE_MODULE, k8sVersion } from "../../../src/api/codegen/files.js";
import { generateZodModule } from "../../../src/api/codegen/zod-module.js";
import { customResourceDefinition } from "../../../src/api/crd.js";

const root = join(import.meta.dirname, "..", "..", "..");
const read = (file: string) => readFileSync(join(root, file), "utf8");
const trimmed = (): TrimmedSpec => JSON.parse(read(CORE_JSON)) as TrimmedSpec;

describe("the generated core/v1 schema (regenerate with `npm run generate:core`)", () => {
  it("comes from the Kubernetes version the cluster is built from", () => {
    expect(trimmed().source.module).toBe(`k8s.io/kubernetes@${k8sVersion(read("hack/cluster/lib.sh"))}`);
  });

  it("is the extraction's whole output: extracting it again changes nothing", () => {
    const spec = trimmed();
    const again = extractCore({ components: { schemas: spec.definitions } }, "", spec.source.module);
    expect(again).toEqual(spec);
  });

  it("has the zod module the generator makes from it", () => {
    expect(read(CORE_MODULE)).toBe(generateZodModule(trimmed()));
  });

  it("reads enums from the generated Go source of the same module", () => {
    const spec = trimmed();
    const container = spec.definitions["io.k8s.api.core.v1.Container"] as {
      properties: Record<string, { enum?: unknown }>;
    };
    expect(container.properties.imagePullPolicy!.enum).toEqual(["Always", "IfNotPresent", "Never"]);
  });
});

type Node = Record<string, unknown>;
function* nodes(node: Node, path = ""): Generator<[string, Node]> {
  yield [path, node];
  for (const [k, v] of Object.entries((node.properties as Record<string, Node> | undefined) ?? {})) {
    yield* nodes(v, `${path}.${k}`);
  }
  if (node.items) yield* nodes(node.items as Node, `${path}[]`);
  if (node.additionalProperties && typeof node.additionalProperties === "object") {
    yield* nodes(node.additionalProperties as Node, `${path}{}`);
  }
}

describe("the CRD made from the generated schema", () => {
  const root = () =>
    (customResourceDefinition() as { spec: { versions: { schema: { openAPIV3Schema: Node } }[] } }).spec.versions[0]!
      .schema.openAPIV3Schema;

  it("has every key of a keyed list required or defaulted, as the API server demands", () => {
    const problems: string[] = [];
    for (const [path, node] of nodes(root())) {
      const keys = node["x-kubernetes-list-map-keys"] as string[] | undefined;
      const items = node.items as Node | undefined;
      for (const key of keys ?? []) {
        const required = ((items?.required as string[] | undefined) ?? []).includes(key);
        const defaulted = (items?.properties as Record<string, Node> | undefined)?.[key]?.default !== undefined;
        if (!required && !defaulted) problems.push(`${path}: ${key}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("defaults spec's lists to empty, so the CEL rules can read them", () => {
    const spec = new Map(nodes(root())).get(".spec")!;
    const props = spec.properties as Record<string, Node>;
    for (const list of ["volumes", "initContainers", "sidecars", "ambassadors", "adapters"]) {
      expect(props[list]!.default).toEqual([]);
    }
  });

  it("accepts no unknown fields anywhere: no x-kubernetes-preserve-unknown-fields", () => {
    const open = [...nodes(root())].filter(([, n]) => n["x-kubernetes-preserve-unknown-fields"] === true);
    expect(open.map(([p]) => p)).toEqual([]);
  });

  it("keeps full upstream descriptions under spec.main and spec.pod", () => {
    const all = new Map(nodes(root()));
    expect(all.get(".spec.main.securityContext.seccompProfile")?.description).toMatch(/^The seccomp options to use/);
    expect(all.get(".spec.main.securityContext.seccompProfile.type")?.description).toMatch(/^type indicates/);
    expect(all.get(".spec.pod.dnsConfig.options[].name")?.description).toMatch(/^Name is this DNS resolver option/);
  });
});
