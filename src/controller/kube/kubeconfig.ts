// Which cluster to talk to: the kubeconfig the operator was given, found as kubectl finds it.
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { KubeConfig } from "@kubernetes/client-node";

/**
 * A KubeConfig from an explicit file, else $KUBECONFIG or ~/.kube/config, else the in-cluster service
 * account. Throws instead of falling back silently to http://localhost:8080.
 */
export function loadKubeConfig(path?: string): KubeConfig {
  const kc = new KubeConfig();
  if (path) {
    kc.loadFromFile(path);
  } else if (process.env.KUBECONFIG || existsSync(join(process.env.HOME ?? homedir(), ".kube", "config"))) {
    kc.loadFromDefault();
  } else if (process.env.KUBERNETES_SERVICE_HOST) {
    kc.loadFromCluster();
  } else {
    throw new Error("no kubeconfig: pass one, set KUBECONFIG, create ~/.kube/config or run in a cluster");
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster?.server) throw new Error(`kubeconfig ${path ?? ""}: no current cluster with a server`.trim());
  return kc;
}
