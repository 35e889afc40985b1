// The operator the e2e tests talk to: by default `compositeapp run` started here against the
// KUBECONFIG cluster; with COMPOSITEAPP_E2E_OPERATOR=installed, the one already running in the
// cluster (installed with Helm), which must watch the test namespaces.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnOperatorProcess } from "../../support/operator-process.js";
import { freePort } from "../../support/ports.js";
import { waitFor } from "../../support/wait.js";

export interface OperatorUnderTest {
  /** Where its log is, for failure messages; empty for an installed operator. */
  log: string;
  stop(): Promise<void>;
}

export const usesInstalledOperator = (): boolean => process.env.COMPOSITEAPP_E2E_OPERATOR === "installed";

export async function startOperatorFor(namespaces: string[]): Promise<OperatorUnderTest> {
  if (usesInstalledOperator()) return { log: "", stop: () => Promise.resolve() };
  const log = join(mkdtempSync(join(tmpdir(), "compositeapp-e2e-")), "operator.log");
  const [port, metricsPort] = [await freePort(), await freePort()];
  const child = spawnOperatorProcess(
    [
      "--namespace",
      namespaces.join(","),
      "--metrics-bind-address",
      `127.0.0.1:${metricsPort}`,
      "--health-probe-bind-address",
      `127.0.0.1:${port}`,
    ],
    log,
  );
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
