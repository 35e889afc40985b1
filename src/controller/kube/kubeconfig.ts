// Which cluster to talk to, and as whom: the kubeconfig the operator was given, found as kubectl
// finds it, or the in-cluster service account. Our own loader: client-node's KubeConfig is imported
// only for the credentials we leave to it (delegated-access.ts).
import { existsSync } from "node:fs";
import { isIPv6 } from "node:net";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";
import { systemClock, type Clock } from "../runtime/clock.js";
import type { KubeConfigLike } from "./cluster-access.js";
import { DelegatedAccess, delegationReason } from "./delegated-access.js";
import { mergeKubeConfigs, readKubeConfigFile, type KubeConfigFile } from "./kubeconfig-file.js";
import { NativeAccess } from "./native-access.js";

export type { ClusterEndpoint, KubeConfigLike } from "./cluster-access.js";

export const SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

export interface KubeConfigOptions {
  /** The environment to read KUBECONFIG, HOME and KUBERNETES_SERVICE_HOST/PORT from; process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** Where the in-cluster token and ca.crt are; SERVICE_ACCOUNT_DIR by default. */
  serviceAccountDir?: string;
  /** Times the re-reading of token and certificate files. */
  clock?: Pick<Clock, "now">;
}

/**
 * Access to the API server from an explicit file, else $KUBECONFIG (a list, merged as kubectl merges
 * it) or ~/.kube/config, else the in-cluster service account. Throws instead of falling back silently
 * to http://localhost:8080, with a message that names the file and what is wrong.
 */
export function loadKubeConfig(path?: string, options: KubeConfigOptions = {}): KubeConfigLike {
  const env = options.env ?? process.env;
  const clock = options.clock ?? systemClock;
  if (path) return fromFiles(path, [readKubeConfigFile(path)], clock);
  if (env.KUBECONFIG) {
    const listed = env.KUBECONFIG.split(delimiter).filter(Boolean);
    // kubectl skips the files of the list that do not exist, as long as one does.
    const present = listed.filter((file) => existsSync(file));
    if (present.length === 0)
      throw new Error(`kubeconfig: none of the files in KUBECONFIG exists: ${listed.join(", ")}`);
    return fromFiles(listed.join(delimiter), present.map(readKubeConfigFile), clock);
  }
  const home = join(env.HOME ?? homedir(), ".kube", "config");
  if (existsSync(home)) return fromFiles(home, [readKubeConfigFile(home)], clock);
  if (env.KUBERNETES_SERVICE_HOST) return inCluster(env, options.serviceAccountDir ?? SERVICE_ACCOUNT_DIR, clock);
  throw new Error("no kubeconfig: pass one, set KUBECONFIG, create ~/.kube/config or run in a cluster");
}

/** The current context of the merged files, or an error that says which link is missing. */
function fromFiles(name: string, files: KubeConfigFile[], clock: Pick<Clock, "now">): KubeConfigLike {
  const config = mergeKubeConfigs(files);
  const noServer = (why: string) => new Error(`kubeconfig ${name}: no current cluster with a server (${why})`);
  const contextName = config.currentContext;
  if (!contextName) throw noServer("current-context is not set");
  const context = config.contexts.get(contextName);
  if (!context) throw noServer(`current-context "${contextName}" is not among the contexts`);
  const cluster = config.clusters.get(context.cluster);
  if (!cluster) throw noServer(`context "${contextName}" names cluster "${context.cluster}", which is not defined`);
  const server = cluster.server;
  if (!server) throw noServer(`cluster "${context.cluster}" has no server`);
  if (!URL.canParse(server) || !/^https?:$/.test(new URL(server).protocol)) {
    throw new Error(`kubeconfig ${name}: cluster "${context.cluster}": server "${server}" is not an http(s) URL`);
  }
  // No user is anonymous access, as in kubectl; a user named but not defined is a mistake.
  const user = context.user ? config.users.get(context.user) : {};
  if (!user)
    throw new Error(`kubeconfig ${name}: context "${contextName}" names user "${context.user}", which is not defined`);
  const where = `kubeconfig ${name}, context "${contextName}"`;
  const withServer = { ...cluster, server };
  if (delegationReason(cluster, user)) return new DelegatedAccess(withServer, user, context);
  return new NativeAccess(withServer, user, where, clock);
}

/** client-go's InClusterConfig: the kubernetes Service's address, the mounted token (rotated) and CA. */
function inCluster(env: NodeJS.ProcessEnv, dir: string, clock: Pick<Clock, "now">): KubeConfigLike {
  const [host, port] = [env.KUBERNETES_SERVICE_HOST!, env.KUBERNETES_SERVICE_PORT];
  if (!port) throw new Error("in-cluster config: KUBERNETES_SERVICE_HOST is set but KUBERNETES_SERVICE_PORT is not");
  const server = `https://${isIPv6(host) ? `[${host}]` : host}:${port}`;
  const cluster = { server, "certificate-authority": join(dir, "ca.crt") };
  return new NativeAccess(cluster, { tokenFile: join(dir, "token") }, "in-cluster config", clock);
}
