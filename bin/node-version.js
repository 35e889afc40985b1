// @ts-check
// The Node.js check that runs before the program loads anything: its dependencies need the Node
// that package.json's "engines" names, and fail on an older one with a stack trace from deep
// inside. Plain JavaScript importing only node:fs, so it runs on any Node.
import { readFileSync } from "node:fs";

/**
 * The "engines.node" range of a package.json.
 * @param {URL} packageJson
 * @returns {string}
 */
export function nodeEngines(packageJson) {
  /** @type {unknown} */
  const pkg = JSON.parse(readFileSync(packageJson, "utf8"));
  const engines = typeof pkg === "object" && pkg !== null && "engines" in pkg ? pkg.engines : undefined;
  const node = typeof engines === "object" && engines !== null && "node" in engines ? engines.node : undefined;
  if (typeof node !== "string") throw new Error(`${packageJson.pathname} has no engines.node`);
  return node;
}

/**
 * The one-line message refusing `version` (such as "v20.20.2") when it is below the
 * `>=MAJOR[.MINOR[.PATCH]]` range `engines`, or undefined when it is supported.
 * @param {string} version
 * @param {string} engines
 * @returns {string | undefined}
 */
export function unsupportedNode(version, engines) {
  const wanted = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(engines.trim());
  if (!wanted) throw new Error(`package.json engines.node must read ">=MAJOR.MINOR.PATCH", got "${engines}"`);
  const have = version.replace(/^v/, "").split(".").map(Number);
  for (let i = 0; i < 3; i++) {
    const need = Number(wanted[i + 1] ?? 0);
    const got = have[i] ?? 0;
    if (got > need) return undefined;
    if (got < need) {
      const major = wanted[1];
      return (
        `compositeapp needs Node.js ${engines.trim()}, and this is Node.js ${version}. ` +
        `In a checkout, \`npm ci\` installs Node.js ${major} with the project (by an install script: not with --ignore-scripts) and \`npx compositeapp\` runs on it; ` +
        `elsewhere, install Node.js ${major} or later.`
      );
    }
  }
  return undefined;
}
