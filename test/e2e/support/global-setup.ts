// With COMPOSITEAPP_E2E_OPERATOR=helm the whole e2e suite runs against the operator installed
// with the chart (image from `npm run image:import`); it is uninstalled afterwards.
import { requireCluster } from "../../support/kubectl.js";
import { installOperator, uninstallOperator } from "../../support/operator-release.js";

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.COMPOSITEAPP_E2E_OPERATOR !== "helm") return undefined;
  await requireCluster();
  await installOperator();
  process.env.COMPOSITEAPP_E2E_OPERATOR = "installed";
  return async () => {
    await uninstallOperator();
  };
}
