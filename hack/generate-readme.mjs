// Regenerates the README's tables of roles and presets from the preset registry, and its
// TypeScript program from test/typed-consumer/shop.ts (between the "GENERATED" markers). Uses the
// compiled code in dist/: `npm run generate` builds first.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generatedReadme, replaceBlock } from "../dist/presets/index.js";

const root = join(import.meta.dirname, "..");
const file = join(root, "README.md");
const program = readFileSync(join(root, "test", "typed-consumer", "shop.ts"), "utf8");
const readme = generatedReadme(readFileSync(file, "utf8"));
writeFileSync(file, replaceBlock(readme, "typescript", `\`\`\`ts\n${program}\`\`\``));
