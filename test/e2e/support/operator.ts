// The operator the e2e tests talk to: by default `compositeapp run` started here against the
// KUBECONFIG cluster; with COMPOSITEAPP_E2E_OPERATOR=installed, the one already running in the
// cluster (installed with Helm), which must watch the test namespaces.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { waitFor } from "../../support/wait.js";

const ROOT = join(import.meta.dirname, "..", "..", "..");

export interface OperatorUnderTest {
  /** Where its log is, for failure messages; empty for an installed operator. */
  log: string;
  stop(): Promise<void>;
}

export const usesInstalledOperator = (): boolean => process.env.COMPOSITEAPP_E2E_OPERATOR === "installed";

export async function startOperatorFor(namespaces: string[]): Promise<OperatorUnderTest> {
  if (usesInstalledOperator()) return { log: "", stop: () => Promise.resolve() };
  const log = join(mkdtempSync(join(tmpdir(), "compositeapp-e2e-")), "operator.log");
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(ROOT, "bin", "compositeapp.js"),
      "run",
      "--namespace",
      namespaces.join(","),
      "--metrics-bind-address",
      `127.0.0.1:${port}`,
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const out = createWriteStream(log);
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  await waitFor(`the operator to be ready (log: ${log})`, async () => {
    if (child.exitCode !== null) throw new Error(`the operator exited with ${child.exitCode}; see ${log}`);
    return (await fetch(`http://127.0.0.1:${port}/readyz`)).ok;
  });
  return {
    log,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
