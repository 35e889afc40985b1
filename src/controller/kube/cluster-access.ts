// What the API client needs from a kubeconfig: where the API server is and how to authenticate to it.
// Our own loader (kubeconfig.ts) provides it; client-node's KubeConfig has the same shape, so tests
// and tools that build one can still hand it to HttpApiClient.
import type https from "node:https";

/** The API server of the current context. */
export interface ClusterEndpoint {
  /** e.g. https://10.96.0.1:443 or https://[fd00::1]:6443/prefix */
  readonly server: string;
  /** A proxy to reach it through (`proxy-url`): the access's own agent then carries the connection. */
  readonly proxyUrl?: string;
}

export interface KubeConfigLike {
  /** The current context's cluster; null when there is none. */
  getCurrentCluster(): ClusterEndpoint | null;
  /**
   * Adds the TLS material (ca, cert, key, servername, rejectUnauthorized) and the authentication
   * headers to the options of one request; may set `agent` (a proxy's).
   */
  applyToHTTPSOptions(opts: https.RequestOptions): Promise<void>;
}
