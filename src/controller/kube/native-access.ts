// Access to an API server with the credentials a kubeconfig (or the in-cluster service account)
// names directly: CA, client certificate and key, bearer token or token file, basic auth,
// impersonation. Files are read when loaded, to fail early, and read again after FILE_REREAD_MS, as
// client-go does: the kubelet rotates a bound service-account token, and certificates get renewed.
import { readFileSync } from "node:fs";
import type https from "node:https";
import type { Clock } from "../runtime/clock.js";
import type { ClusterEndpoint, KubeConfigLike } from "./cluster-access.js";
import type { KubeCluster, KubeUser } from "./kubeconfig-file.js";

/** How long a file read is trusted: client-go's cached token source and client-node re-read after a minute. */
export const FILE_REREAD_MS = 60_000;

/** A file's content, read again once it is FILE_REREAD_MS old; a failed re-read keeps the last content. */
class RereadFile {
  private content: Buffer;
  private readAt: number;

  constructor(
    readonly path: string,
    private readonly clock: Pick<Clock, "now">,
    what: string,
  ) {
    try {
      this.content = readFileSync(path);
    } catch (err) {
      throw new Error(`${what}: cannot read ${path}: ${(err as Error).message}`, { cause: err });
    }
    this.readAt = clock.now();
  }

  get(): Buffer {
    const now = this.clock.now();
    if (now - this.readAt >= FILE_REREAD_MS) {
      try {
        this.content = readFileSync(this.path);
      } catch {
        // Mid-rotation or gone for a moment: the last content is still the best guess.
      }
      this.readAt = now;
    }
    return this.content;
  }
}

type Material = { file: RereadFile } | { data: Buffer };

/** What kubectl refuses to combine, refused with the same reasons. */
function refuseConflicts(where: string, cluster: KubeCluster, user: KubeUser): void {
  if (
    cluster["insecure-skip-tls-verify"] &&
    (cluster["certificate-authority"] || cluster["certificate-authority-data"])
  ) {
    throw new Error(`${where}: certificate-authority with insecure-skip-tls-verify: choose one (kubectl refuses both)`);
  }
  const hasCert = !!(user["client-certificate"] || user["client-certificate-data"]);
  const hasKey = !!(user["client-key"] || user["client-key-data"]);
  if (hasCert !== hasKey) throw new Error(`${where}: a client certificate needs its key, and a key its certificate`);
  if ((user.username !== undefined || user.password !== undefined) && (user.token || user.tokenFile)) {
    throw new Error(`${where}: username/password or a bearer token may be set, not both`);
  }
}

/** The headers that do not change: basic auth and impersonation. */
function fixedHeaders(user: KubeUser): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  if (user.username !== undefined || user.password !== undefined) {
    headers.Authorization = `Basic ${Buffer.from(`${user.username ?? ""}:${user.password ?? ""}`).toString("base64")}`;
  }
  if (user.as) headers["Impersonate-User"] = user.as;
  if (user["as-uid"]) headers["Impersonate-Uid"] = user["as-uid"];
  if (user["as-groups"]?.length) headers["Impersonate-Group"] = user["as-groups"];
  return headers;
}

export class NativeAccess implements KubeConfigLike {
  private readonly endpoint: ClusterEndpoint;
  private readonly secure: boolean;
  private readonly ca?: Material;
  private readonly cert?: Material;
  private readonly key?: Material;
  private readonly tokenFile?: RereadFile;
  private readonly fixedHeaders: Record<string, string | string[]>;

  /** `where` names the kubeconfig (and context) in errors. */
  constructor(
    private readonly cluster: KubeCluster & { server: string },
    private readonly user: KubeUser,
    where: string,
    clock: Pick<Clock, "now">,
  ) {
    this.endpoint = { server: cluster.server };
    this.secure = new URL(cluster.server).protocol === "https:";
    refuseConflicts(where, cluster, user);
    const material = (file: string | undefined, data: string | undefined, field: string): Material | undefined => {
      if (file) return { file: new RereadFile(file, clock, `${where}: ${field}`) };
      return data ? { data: Buffer.from(data, "base64") } : undefined;
    };
    this.ca = material(
      cluster["certificate-authority"],
      cluster["certificate-authority-data"],
      "certificate-authority",
    );
    this.cert = material(user["client-certificate"], user["client-certificate-data"], "client-certificate");
    this.key = material(user["client-key"], user["client-key-data"], "client-key");
    if (user.tokenFile) this.tokenFile = new RereadFile(user.tokenFile, clock, `${where}: tokenFile`);
    this.fixedHeaders = fixedHeaders(user);
  }

  getCurrentCluster(): ClusterEndpoint {
    return this.endpoint;
  }

  applyToHTTPSOptions(opts: https.RequestOptions): Promise<void> {
    if (this.secure) {
      const read = (m: Material | undefined): Buffer | undefined => (m && "file" in m ? m.file.get() : m?.data);
      const [ca, cert, key] = [read(this.ca), read(this.cert), read(this.key)];
      if (ca) opts.ca = ca;
      if (cert && key) [opts.cert, opts.key] = [cert, key];
      if (this.cluster["insecure-skip-tls-verify"]) opts.rejectUnauthorized = false;
      if (this.cluster["tls-server-name"]) opts.servername = this.cluster["tls-server-name"];
    }
    const headers: Record<string, string | string[]> = { ...this.fixedHeaders };
    // As in client-go, the token file, read again as it rotates, wins over a token written inline.
    const token = this.tokenFile?.get().toString("utf8").trim() || this.user.token;
    if (token) headers.Authorization = `Bearer ${token}`;
    opts.headers = { ...(opts.headers as Record<string, string | string[]> | undefined), ...headers };
    return Promise.resolve();
  }
}
