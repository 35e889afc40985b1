// The README's TypeScript program is test/typed-consumer/shop.ts, which published.test.ts
// type-checks and runs: the README's copy must be that file (`npm run generate` writes it).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { replaceBlock } from "../../../src/presets/index.js";
import { ROOT } from "../../support/module-graph.js";

const readme = () => readFileSync(join(ROOT, "README.md"), "utf8");
const program = () => readFileSync(join(ROOT, "test", "typed-consumer", "shop.ts"), "utf8");
const fenced = (source: string) => `\`\`\`ts\n${source}\`\`\``;

describe("the README's TypeScript program", () => {
  it("is test/typed-consumer/shop.ts, as tested (run `npm run generate` after changing it)", () => {
    const onDisk = readme();
    expect(onDisk).toBe(replaceBlock(onDisk, "typescript", fenced(program())));
  });

  it("would be found stale with a line changed", () => {
    const onDisk = readme();
    const stale = onDisk.replace('"registry.example/shop:1.4"', '"registry.example/shop:1.5"');
    expect(stale).not.toBe(onDisk);
    expect(replaceBlock(stale, "typescript", fenced(program()))).toBe(onDisk);
  });
});
