// Access for the credentials we do not implement: exec credential plugins (EKS, GKE, kubelogin),
// auth-provider entries (OIDC, Azure, GCP) and cluster proxies (proxy-url). client-node's KubeConfig
// does them; it costs about 70 MiB of memory and most of a second to import, so it is imported only
// here, on the first request of a kubeconfig that needs it.
import type https from "node:https";
import type { KubeConfig } from "@kubernetes/client-node";
import type { ClusterEndpoint, KubeConfigLike } from "./cluster-access.js";
import type { KubeCluster, KubeContext, KubeUser } from "./kubeconfig-file.js";

/** Why a context needs client-node, or undefined when we serve it ourselves. */
export function delegationReason(cluster: KubeCluster, user: KubeUser): string | undefined {
  if (user.exec) return "exec";
  if (user["auth-provider"]) return "auth-provider";
  if (cluster["proxy-url"]) return "proxy-url";
  return undefined;
}

export class DelegatedAccess implements KubeConfigLike {
  private readonly endpoint: ClusterEndpoint;
  private kubeConfig?: Promise<KubeConfig>;

  /** The context as we resolved it (merged, paths absolute), handed to client-node as a one-context kubeconfig. */
  constructor(
    private readonly cluster: KubeCluster & { server: string },
    private readonly user: KubeUser,
    private readonly context: KubeContext,
  ) {
    const proxyUrl = cluster["proxy-url"];
    this.endpoint = proxyUrl ? { server: cluster.server, proxyUrl } : { server: cluster.server };
  }

  getCurrentCluster(): ClusterEndpoint {
    return this.endpoint;
  }

  async applyToHTTPSOptions(opts: https.RequestOptions): Promise<void> {
    this.kubeConfig ??= this.load();
    await (await this.kubeConfig).applyToHTTPSOptions(opts);
  }

  private async load(): Promise<KubeConfig> {
    const { KubeConfig } = await import("@kubernetes/client-node");
    const kc = new KubeConfig();
    const document = {
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: "cluster", cluster: this.cluster }],
      users: [{ name: "user", user: this.user }],
      contexts: [{ name: "context", context: { ...this.context, cluster: "cluster", user: "user" } }],
      "current-context": "context",
    };
    kc.loadFromString(JSON.stringify(document)); // JSON is YAML
    return kc;
  }
}
