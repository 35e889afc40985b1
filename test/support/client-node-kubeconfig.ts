// client-node's KubeConfig, for tests that use its generated API clients (CoreV1Api,
// CustomObjectsApi) to play a user of the cluster. The operator does not load client-node for its
// own kubeconfig; tests may.
import { KubeConfig } from "@kubernetes/client-node";

/** From $KUBECONFIG (or ~/.kube/config), as client-node loads it. */
export function clientNodeKubeConfig(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromDefault();
  if (!kc.getCurrentCluster()?.server) throw new Error("no kubeconfig with a current cluster: is the cluster up?");
  return kc;
}
