// Prints one line per vitest JSON report and a closing "N passed, N failed" line for all of them.
import { readFileSync } from "node:fs";
import { basename } from "node:path";

/**
 * @typedef {object} Report the fields of vitest's JSON report read here
 * @property {number} [numPassedTests]
 * @property {number} [numFailedTests]
 * @property {number} [numFailedTestSuites]
 * @property {number} [numPendingTests]
 * @property {number} [numTodoTests]
 * @property {boolean} [success]
 */

/**
 * @param {string} file
 * @returns {Report | undefined}
 */
function read(file) {
  try {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-return -- vitest's report, of the shape above
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  const report = read(file);
  if (!report) continue;
  const p = report.numPassedTests ?? 0;
  // A suite can fail outside any test (a hook, an import): count it so the total cannot look green.
  const f =
    (report.numFailedTests ?? 0) || (report.success === false ? Math.max(1, report.numFailedTestSuites ?? 0) : 0);
  const s = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  console.log(`${basename(file, ".json")}: ${p} passed, ${f} failed${s ? `, ${s} skipped` : ""}`);
  passed += p;
  failed += f;
  skipped += s;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
