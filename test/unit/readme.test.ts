// The README's tables of roles and presets are generated from the preset registry.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generatedReadme, replaceBlock } from "../../src/presets/index.js";

const README = join(import.meta.dirname, "..", "..", "README.md");

describe("the README", () => {
  it("has the tables of roles and presets the registry generates (run `npm run generate` after changing a preset)", () => {
    const onDisk = readFileSync(README, "utf8");
    expect(onDisk).toBe(generatedReadme(onDisk));
  });

  it("would be found stale with a row missing", () => {
    const onDisk = readFileSync(README, "utf8");
    const stale = onDisk.replace(/^\| `httpProxy` .*\n/m, "");
    expect(stale).not.toBe(onDisk);
    expect(generatedReadme(stale)).toBe(onDisk);
  });

  it("keeps its markers: a block without them is an error, not a silent skip", () => {
    expect(() => replaceBlock("no markers here", "presets", "table")).toThrow(
      '"<!-- BEGIN GENERATED presets: npm run generate -->" ... "<!-- END GENERATED presets -->" markers',
    );
  });
});
