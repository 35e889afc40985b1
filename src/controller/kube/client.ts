// ApiClient over node:http/node:https, configured from a KubeConfigLike: our kubeconfig loader (server,
// CA, client certificate, bearer token or rotated token file, basic auth; exec plugins, auth providers
// and proxies through client-node, imported only then) or a client-node KubeConfig. Plain JSON in and
// out; watches are streaming GETs of newline-delimited JSON.
import http from "node:http";
import https from "node:https";
import {
  type ApiClient,
  type CallOptions,
  type CreateOptions,
  type DeleteOptions,
  type KubeObject,
  type ListOptions,
  type ListResult,
  type PatchOptions,
  type Resource,
  type WatchEventType,
  type WatchHandle,
  type WatchOptions,
} from "./api.js";
import { systemClock, type Clock } from "../runtime/clock.js";
import type { KubeConfigLike } from "./cluster-access.js";
import { DEFAULT_REQUEST_TIMEOUT_MS, FIELD_MANAGER, type Call, type HttpApiClientOptions } from "./client-options.js";
import { MAX_RETRY_AFTER_RETRIES, retryAfterMs, sleep, tokenBucket, type TokenBucket } from "./flow-control.js";
import { send, openStream } from "./transport.js";
import { LineSplitter, apiErrorFrom, ok, queryString, resourcePath, type Query } from "./wire.js";

export { LineSplitter, apiErrorFrom, queryString, resourcePath, type Query };
export { loadKubeConfig, type KubeConfigLike } from "./kubeconfig.js";
export { DEFAULT_REQUEST_TIMEOUT_MS, FIELD_MANAGER, type HttpApiClientOptions } from "./client-options.js";

export class HttpApiClient implements ApiClient {
  private readonly server: URL;
  private readonly agent: http.Agent;
  private readonly transport: typeof http | typeof https;
  private readonly useOwnAgent: boolean;
  private readonly timeoutMs: number;
  private readonly fieldManager: string;
  private readonly userAgent: string;
  private readonly bucket: TokenBucket | undefined;
  private readonly clock: Clock;

  /** `connections`: another client's keep-alive pool to share (see unlimited()). */
  constructor(
    private readonly kc: KubeConfigLike,
    private readonly options: HttpApiClientOptions = {},
    connections?: http.Agent,
  ) {
    const cluster = kc.getCurrentCluster();
    if (!cluster?.server) throw new Error("kubeconfig has no current cluster");
    this.server = new URL(cluster.server);
    const secure = this.server.protocol === "https:";
    this.transport = secure ? https : http;
    this.agent = connections ?? (secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true }));
    // A proxy needs client-node's proxy agent (set by applyToHTTPSOptions); otherwise our keep-alive agent carries the TLS options.
    this.useOwnAgent = !cluster.proxyUrl;
    this.timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.fieldManager = options.fieldManager ?? FIELD_MANAGER;
    this.userAgent = options.userAgent ?? "compositeapp";
    this.clock = options.clock ?? systemClock;
    this.bucket = tokenBucket(options.qps, options.burst, this.clock);
  }

  /**
   * The same client on the same connections, without the client-side limit: for the Lease, whose
   * renewals must never queue behind writes (kube-controller-manager's leader election has its own).
   */
  unlimited(): HttpApiClient {
    const { qps: _qps, burst: _burst, ...rest } = this.options;
    return new HttpApiClient(this.kc, rest, this.agent);
  }

  /** The same client on the same connections, with a client-side limit of its own. */
  withRateLimit(qps: number, burst: number): HttpApiClient {
    return new HttpApiClient(this.kc, { ...this.options, qps, burst }, this.agent);
  }

  /** Closes idle keep-alive connections; open watches are left to their handles. */
  close(): void {
    this.agent.destroy();
  }

  async list<T extends KubeObject>(res: Resource, opts: ListOptions, call?: CallOptions): Promise<ListResult<T>> {
    const query = {
      labelSelector: opts.labelSelector,
      fieldSelector: opts.fieldSelector,
      limit: opts.limit,
      continue: opts.continue,
      resourceVersion: opts.resourceVersion,
    };
    const path = resourcePath(res, opts.namespace);
    const body = await this.call<{ items?: T[]; metadata?: { resourceVersion?: string; continue?: string } }>({
      verb: "list",
      resource: res.plural,
      method: "GET",
      path,
      query,
      signal: call?.signal,
    });
    const result: ListResult<T> = { items: body.items ?? [], resourceVersion: body.metadata?.resourceVersion ?? "" };
    if (body.metadata?.continue) result.continue = body.metadata.continue;
    return result;
  }

  get<T extends KubeObject>(res: Resource, namespace: string, name: string, call?: CallOptions): Promise<T> {
    const path = resourcePath(res, namespace, name);
    return this.call<T>({ verb: "get", resource: res.plural, method: "GET", path, signal: call?.signal });
  }

  create<T extends KubeObject>(res: Resource, namespace: string, obj: T, call?: CreateOptions): Promise<T> {
    const path = resourcePath(res, namespace);
    const { signal, dryRun } = call ?? {};
    const query = { fieldManager: this.fieldManager, dryRun: dryRun ? "All" : undefined };
    // A dry run writes nothing: its own verb keeps it apart from the writes the metrics count.
    const verb = dryRun ? "create-dryrun" : "create";
    return this.call<T>({ verb, resource: res.plural, method: "POST", path, query, body: obj, signal });
  }

  replace<T extends KubeObject>(res: Resource, ns: string, name: string, obj: T, call?: CallOptions): Promise<T> {
    const path = resourcePath(res, ns, name);
    const query = { fieldManager: this.fieldManager };
    const { signal } = call ?? {};
    return this.call<T>({ verb: "update", resource: res.plural, method: "PUT", path, query, body: obj, signal });
  }

  replaceStatus<T extends KubeObject>(res: Resource, ns: string, name: string, obj: T, call?: CallOptions): Promise<T> {
    const path = resourcePath(res, ns, name, "status");
    const query = { fieldManager: this.fieldManager };
    const resource = `${res.plural}/status`;
    const { signal } = call ?? {};
    return this.call<T>({ verb: "update", resource, method: "PUT", path, query, body: obj, signal });
  }

  async delete(
    res: Resource,
    namespace: string,
    name: string,
    opts?: DeleteOptions,
    call?: CallOptions,
  ): Promise<void> {
    const body = opts ? { apiVersion: "v1", kind: "DeleteOptions", ...opts } : undefined;
    const path = resourcePath(res, namespace, name);
    const { signal } = call ?? {};
    await this.call<unknown>({ verb: "delete", resource: res.plural, method: "DELETE", path, body, signal });
  }

  patch<T extends KubeObject>(
    res: Resource,
    namespace: string,
    name: string,
    patch: KubeObject & Record<string, unknown>,
    opts?: PatchOptions,
  ): Promise<T> {
    const [path, query] = [resourcePath(res, namespace, name, opts?.subresource), { fieldManager: this.fieldManager }];
    const resource = opts?.subresource ? `${res.plural}/${opts.subresource}` : res.plural;
    const [contentType, signal] = ["application/strategic-merge-patch+json", opts?.signal];
    return this.call<T>({ verb: "patch", resource, method: "PATCH", path, query, body: patch, contentType, signal });
  }

  serverVersion(call?: CallOptions): Promise<{ major: string; minor: string; gitVersion: string }> {
    return this.call({ verb: "get", resource: "version", method: "GET", path: "/version", signal: call?.signal });
  }

  watch<T extends KubeObject>(
    res: Resource,
    opts: WatchOptions,
    onEvent: (type: WatchEventType, obj: T) => void,
  ): WatchHandle {
    const controller = new AbortController();
    const path = resourcePath(res, opts.namespace);
    const query: Query = {
      watch: 1,
      labelSelector: opts.labelSelector,
      fieldSelector: opts.fieldSelector,
      resourceVersion: opts.resourceVersion,
      timeoutSeconds: opts.timeoutSeconds,
      allowWatchBookmarks: opts.allowWatchBookmarks ? "true" : undefined,
    };
    const done = this.stream(res.plural, path + queryString(query), controller.signal, (line) => {
      const event = JSON.parse(line) as { type: WatchEventType; object: T };
      onEvent(event.type, event.object);
    });
    return { done, abort: () => controller.abort() };
  }

  private observe(verb: string, resource: string, method: string, code: number, startedAt: number): void {
    const target = { method, host: this.server.host };
    this.options.observer?.(verb, resource, code, (performance.now() - startedAt) / 1000, target);
  }

  /** Request options for one call: TLS material and auth headers from the kubeconfig, our agent. */
  private async requestOptions(
    call: Pick<Call, "method" | "contentType">,
    pathAndQuery: string,
    body?: string,
  ): Promise<https.RequestOptions> {
    const opts: https.RequestOptions = { headers: {} };
    await this.kc.applyToHTTPSOptions(opts);
    const base = this.server.pathname.replace(/\/+$/, "");
    opts.protocol = this.server.protocol;
    opts.hostname = this.server.hostname.replace(/^\[(.*)\]$/, "$1");
    opts.port = this.server.port || undefined;
    opts.path = base + pathAndQuery;
    opts.method = call.method;
    const contentType = call.contentType ?? "application/json";
    opts.headers = {
      ...opts.headers,
      Accept: "application/json",
      "User-Agent": this.userAgent,
      // An explicit length: node does not frame a DELETE body by default.
      ...(body === undefined ? {} : { "Content-Type": contentType, "Content-Length": Buffer.byteLength(body) }),
    };
    if (this.useOwnAgent) opts.agent = this.agent;
    return opts;
  }

  /**
   * One call: waits for a token, sends, and when the answer asks to come back later (Retry-After on a
   * 429 or 5xx) waits that long and sends again, up to maxRetries; each attempt is observed.
   */
  private async call<T>(call: Call): Promise<T> {
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    const pathAndQuery = call.path + queryString(call.query ?? {});
    const maxRetries = this.options.maxRetries ?? MAX_RETRY_AFTER_RETRIES;
    for (let attempt = 0; ; attempt++) {
      const answer = await this.attempt(call, pathAndQuery, body);
      if (ok(answer.code)) return (answer.text ? JSON.parse(answer.text) : undefined) as T;
      const waitMs = retryAfterMs(answer.code, answer.retryAfter);
      if (waitMs === undefined || attempt >= maxRetries) {
        throw apiErrorFrom(call.verb, call.path, answer.code, answer.text);
      }
      await sleep(this.clock, waitMs, call.signal);
    }
  }

  private async attempt(call: Call, pathAndQuery: string, body: string | undefined) {
    let startedAt = performance.now();
    let code = 0;
    try {
      call.signal?.throwIfAborted();
      if (this.bucket) {
        await this.bucket.wait(call.signal);
        startedAt = performance.now(); // the duration observed is the request's, not the wait for a token
      }
      const opts = await this.requestOptions(call, pathAndQuery, body);
      // Credentials may have been read asynchronously: the signal may have aborted meanwhile.
      call.signal?.throwIfAborted();
      if (call.signal) opts.signal = call.signal;
      const answer = await send(this.transport, opts, body, this.timeoutMs);
      code = answer.code;
      return answer;
    } finally {
      this.observe(call.verb, call.resource, call.method, code, startedAt);
    }
  }

  /** A streaming GET: each line of the body goes to onLine; settles when the stream ends. */
  private async stream(
    resource: string,
    pathAndQuery: string,
    signal: AbortSignal,
    onLine: (line: string) => void,
  ): Promise<void> {
    let opts: https.RequestOptions;
    try {
      await this.bucket?.wait(signal);
    } catch {
      return; // stopped while waiting for a token
    }
    const startedAt = performance.now();
    try {
      opts = await this.requestOptions({ method: "GET" }, pathAndQuery);
    } catch (err) {
      this.observe("watch", resource, "GET", 0, startedAt);
      throw err;
    }
    if (signal.aborted) return;
    let observed = false;
    const observeOnce = (code: number): void => {
      if (observed) return;
      observed = true;
      this.observe("watch", resource, "GET", code, startedAt);
    };
    try {
      await openStream(this.transport, { ...opts, signal }, pathAndQuery, observeOnce, onLine);
    } catch (err) {
      observeOnce(0);
      if (signal.aborted) return;
      throw err;
    }
  }
}
