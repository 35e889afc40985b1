import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractCore, type TrimmedSpec } from "../../../src/api/codegen/extract.js";
import { CORE_JSON, CORE_MODULE, k8sVersion } from "../../../src/api/codegen/files.js";
import { generateZodModule } from "../../../src/api/codegen/zod-module.js";

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
