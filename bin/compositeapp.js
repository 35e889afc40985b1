#!/usr/bin/env node
// Checks the Node.js version before anything else is loaded, then runs the program.
import { existsSync } from "node:fs";
import { nodeEngines, unsupportedNode } from "./node-version.js";

/** @param {string} message */
const fail = (message) => {
  process.stderr.write(`error: ${message}\n`);
  process.exit(1);
};

const refusal = unsupportedNode(process.version, nodeEngines(new URL("../package.json", import.meta.url)));
if (refusal) fail(refusal);
if (!existsSync(new URL("../dist/cli/main.js", import.meta.url))) {
  fail("compositeapp is not built: run `npm run build` (`npm ci` runs it)");
}
const { main } = await import("../dist/cli/main.js");
await main(process.argv);
