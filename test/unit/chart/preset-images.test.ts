// The chart offers an image setting for every built-in preset, and for no other name.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { PRESET_NAMES } from "../../../src/presets/index.js";

const CHART = join(import.meta.dirname, "..", "..", "..", "deploy", "helm", "compositeapp");

describe("the chart's preset images", () => {
  it("are the registry's presets in values.yaml and values.schema.json (add a new preset to both)", () => {
    const values = load(readFileSync(join(CHART, "values.yaml"), "utf8")) as { presets: { images: object } };
    const schema = JSON.parse(readFileSync(join(CHART, "values.schema.json"), "utf8")) as {
      properties: { presets: { properties: { images: { properties: object } } } };
    };
    expect(Object.keys(values.presets.images)).toEqual(PRESET_NAMES);
    expect(Object.keys(schema.properties.presets.properties.images.properties)).toEqual(PRESET_NAMES);
  });
});
