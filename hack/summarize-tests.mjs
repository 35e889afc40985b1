// Prints one line per vitest JSON report and a closing "N passed, N failed" line for all of them.
import { readFileSync } from "node:fs";
import { basename } from "node:path";

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  let report;
  try {
    report = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    continue;
  }
  const p = report.numPassedTests ?? 0;
  // A suite can fail outside any test (a hook, an import): count it so the total cannot look green.
  const f = (report.numFailedTests ?? 0) || (report.success === false ? Math.max(1, report.numFailedTestSuites ?? 0) : 0);
  const s = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  console.log(`${basename(file, ".json")}: ${p} passed, ${f} failed${s ? `, ${s} skipped` : ""}`);
  passed += p;
  failed += f;
  skipped += s;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
