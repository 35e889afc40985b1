import { join } from "node:path";
import { kubectl } from "./kubectl.js";
import { waitFor } from "./wait.js";

export const CRD_PATH = join(import.meta.dirname, "..", "..", "crds", "compositeapp.io_compositeapps.yaml");

/** Applies the CRD and waits until it is served. (`kubectl wait` fails outright while a new CRD has no conditions yet.) */
export async function installCrd(): Promise<void> {
  await kubectl(["apply", "--server-side", "--force-conflicts", "-f", CRD_PATH]);
  await waitFor("the CompositeApp CRD to be Established", async () => {
    const status = await kubectl([
      "get",
      "crd",
      "compositeapps.compositeapp.io",
      "-o",
      'jsonpath={.status.conditions[?(@.type=="Established")].status}',
    ]);
    return status === "True";
  });
}
