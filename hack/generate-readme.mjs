// Regenerates the README's tables of roles and presets from the preset registry (between the
// "GENERATED" markers). Uses the compiled code in dist/: `npm run generate` builds first.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generatedReadme } from "../dist/presets/index.js";

const file = join(import.meta.dirname, "..", "README.md");
writeFileSync(file, generatedReadme(readFileSync(file, "utf8")));
