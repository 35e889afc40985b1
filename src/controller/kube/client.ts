// ApiClient over node:http/node:https, configured from a client-node KubeConfig (server, CA, client
// certificate, bearer token, exec/file auth providers). Plain JSON in and out; watches are streaming GETs
// of newline-delimited JSON.
import { existsSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import { homedir } from "node:os";
import { join } from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import {
  ApiError,
  type ApiClient,
  type DeleteOptions,
  type KubeObject,
  type ListOptions,
  type ListResult,
  type RequestObserver,
  type Resource,
  type WatchEventType,
  type WatchHandle,
  type WatchOptions,
} from "./api.js";

export const FIELD_MANAGER = "compositeapp";
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface HttpApiClientOptions {
  /** Deadline for every call but watch (whole request, headers and body). Default 30 s. */
  requestTimeoutMs?: number;
  /** Called once per request with its verb, resource, HTTP code (0 when no answer came) and duration. */
  observer?: RequestObserver;
  /** `fieldManager` query parameter sent on create and update. Default "compositeapp". */
  fieldManager?: string;
  userAgent?: string;
}

type QueryValue = string | number | boolean | undefined;
export type Query = Record<string, QueryValue>;

/** The URL path of a collection, or of one object (and subresource) when name is given. */
export function resourcePath(res: Resource, namespace?: string, name?: string, subresource?: string): string {
  const root = res.group === "" ? `/api/${res.version}` : `/apis/${res.group}/${res.version}`;
  if (res.namespaced && name !== undefined && !namespace) {
    throw new Error(`${res.plural} "${name}": a namespaced resource needs a namespace`);
  }
  const ns = res.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : "";
  const one = name !== undefined ? `/${encodeURIComponent(name)}` : "";
  const sub = subresource ? `/${subresource}` : "";
  return `${root}${ns}/${res.plural}${one}${sub}`;
}

/** "?a=1&b=x", leaving out undefined and empty values; "" when nothing is left. */
export function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== "") params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}

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

interface Call {
  verb: string;
  resource: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  query?: Query;
  body?: unknown;
}

interface Answer {
  code: number;
  text: string;
}

/** Builds the ApiError for a non-2xx answer, reading reason and message from a metav1.Status body. */
export function apiErrorFrom(verb: string, path: string, code: number, text: string): ApiError {
  let status: { kind?: unknown; reason?: unknown; message?: unknown } | undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed !== null && typeof parsed === "object") status = parsed;
  } catch {
    status = undefined;
  }
  const reason = typeof status?.reason === "string" && status.reason ? status.reason : undefined;
  const message =
    typeof status?.message === "string" && status.message
      ? status.message
      : `${verb} ${path}: HTTP ${code}${text ? `: ${text.slice(0, 200)}` : ""}`;
  return new ApiError(code, reason, message, verb);
}

const ok = (code: number): boolean => code >= 200 && code < 300;

export class HttpApiClient implements ApiClient {
  private readonly server: URL;
  private readonly agent: http.Agent;
  private readonly transport: typeof http | typeof https;
  private readonly useOwnAgent: boolean;
  private readonly timeoutMs: number;
  private readonly fieldManager: string;
  private readonly userAgent: string;

  constructor(
    private readonly kc: KubeConfig,
    private readonly options: HttpApiClientOptions = {},
  ) {
    const cluster = kc.getCurrentCluster();
    if (!cluster?.server) throw new Error("kubeconfig has no current cluster");
    this.server = new URL(cluster.server);
    const secure = this.server.protocol === "https:";
    this.transport = secure ? https : http;
    this.agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
    // A proxy needs client-node's own proxy agent; otherwise our keep-alive agent carries the TLS options.
    this.useOwnAgent = !cluster.proxyUrl;
    this.timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.fieldManager = options.fieldManager ?? FIELD_MANAGER;
    this.userAgent = options.userAgent ?? "compositeapp";
  }

  /** Closes idle keep-alive connections; open watches are left to their handles. */
  close(): void {
    this.agent.destroy();
  }

  async list<T extends KubeObject>(res: Resource, opts: ListOptions): Promise<ListResult<T>> {
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
    });
    const result: ListResult<T> = { items: body.items ?? [], resourceVersion: body.metadata?.resourceVersion ?? "" };
    if (body.metadata?.continue) result.continue = body.metadata.continue;
    return result;
  }

  get<T extends KubeObject>(res: Resource, namespace: string, name: string): Promise<T> {
    return this.call<T>({ verb: "get", resource: res.plural, method: "GET", path: resourcePath(res, namespace, name) });
  }

  create<T extends KubeObject>(res: Resource, namespace: string, obj: T): Promise<T> {
    const path = resourcePath(res, namespace);
    const query = { fieldManager: this.fieldManager };
    return this.call<T>({ verb: "create", resource: res.plural, method: "POST", path, query, body: obj });
  }

  replace<T extends KubeObject>(res: Resource, namespace: string, name: string, obj: T): Promise<T> {
    const path = resourcePath(res, namespace, name);
    const query = { fieldManager: this.fieldManager };
    return this.call<T>({ verb: "update", resource: res.plural, method: "PUT", path, query, body: obj });
  }

  replaceStatus<T extends KubeObject>(res: Resource, namespace: string, name: string, obj: T): Promise<T> {
    const path = resourcePath(res, namespace, name, "status");
    const query = { fieldManager: this.fieldManager };
    return this.call<T>({ verb: "update", resource: `${res.plural}/status`, method: "PUT", path, query, body: obj });
  }

  async delete(res: Resource, namespace: string, name: string, opts?: DeleteOptions): Promise<void> {
    const body = opts ? { apiVersion: "v1", kind: "DeleteOptions", ...opts } : undefined;
    const path = resourcePath(res, namespace, name);
    await this.call<unknown>({ verb: "delete", resource: res.plural, method: "DELETE", path, body });
  }

  serverVersion(): Promise<{ major: string; minor: string; gitVersion: string }> {
    return this.call({ verb: "get", resource: "version", method: "GET", path: "/version" });
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

  private observe(verb: string, resource: string, code: number, startedAt: number): void {
    this.options.observer?.(verb, resource, code, (performance.now() - startedAt) / 1000);
  }

  /** Request options for one call: TLS material and auth headers from the KubeConfig, our agent. */
  private async requestOptions(method: string, pathAndQuery: string, body?: string): Promise<https.RequestOptions> {
    const opts: https.RequestOptions = { headers: {} };
    await this.kc.applyToHTTPSOptions(opts);
    const base = this.server.pathname.replace(/\/+$/, "");
    opts.protocol = this.server.protocol;
    opts.hostname = this.server.hostname.replace(/^\[(.*)\]$/, "$1");
    opts.port = this.server.port || undefined;
    opts.path = base + pathAndQuery;
    opts.method = method;
    opts.headers = {
      ...opts.headers,
      Accept: "application/json",
      "User-Agent": this.userAgent,
      // An explicit length: node does not frame a DELETE body by default.
      ...(body === undefined ? {} : { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) }),
    };
    if (this.useOwnAgent) opts.agent = this.agent;
    return opts;
  }

  private async call<T>(call: Call): Promise<T> {
    const startedAt = performance.now();
    let code = 0;
    try {
      const body = call.body === undefined ? undefined : JSON.stringify(call.body);
      const pathAndQuery = call.path + queryString(call.query ?? {});
      const opts = await this.requestOptions(call.method, pathAndQuery, body);
      const answer = await this.send(opts, body);
      code = answer.code;
      if (!ok(code)) throw apiErrorFrom(call.verb, call.path, code, answer.text);
      return (answer.text ? JSON.parse(answer.text) : undefined) as T;
    } finally {
      this.observe(call.verb, call.resource, code, startedAt);
    }
  }

  private send(opts: https.RequestOptions, body: string | undefined): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      const req = this.transport.request(opts, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          clearTimeout(timer);
          resolve({ code: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") });
        });
        res.on("error", fail);
        res.on("close", () => {
          if (!res.complete) fail(new Error(`${opts.method} ${opts.path}: connection closed mid-response`));
        });
      });
      const timer = setTimeout(() => {
        req.destroy(new Error(`${opts.method} ${opts.path}: no answer within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      function fail(err: Error): void {
        clearTimeout(timer);
        reject(err);
      }
      req.on("error", fail);
      req.end(body);
    });
  }

  /** A streaming GET: each line of the body goes to onLine; settles when the stream ends. */
  private async stream(
    resource: string,
    pathAndQuery: string,
    signal: AbortSignal,
    onLine: (line: string) => void,
  ): Promise<void> {
    const startedAt = performance.now();
    let opts: https.RequestOptions;
    try {
      opts = await this.requestOptions("GET", pathAndQuery);
    } catch (err) {
      this.observe("watch", resource, 0, startedAt);
      throw err;
    }
    if (signal.aborted) return;
    let observed = false;
    const observeOnce = (code: number): void => {
      if (observed) return;
      observed = true;
      this.observe("watch", resource, code, startedAt);
    };
    try {
      await this.openStream({ ...opts, signal }, pathAndQuery, observeOnce, onLine);
    } catch (err) {
      observeOnce(0);
      if (signal.aborted) return;
      throw err;
    }
  }

  private openStream(
    opts: https.RequestOptions,
    pathAndQuery: string,
    observeOnce: (code: number) => void,
    onLine: (line: string) => void,
  ): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const req = this.transport.request(opts, (res) => {
        const code = res.statusCode ?? 0;
        observeOnce(code);
        if (!ok(code)) {
          readError(res, pathAndQuery, code, reject);
          return;
        }
        res.setEncoding("utf8");
        let failure: Error | undefined;
        const lines = new LineSplitter((line) => {
          if (failure) return;
          try {
            onLine(line);
          } catch (err) {
            failure = err instanceof Error ? err : new Error(String(err));
            reject(failure);
            req.destroy(failure);
          }
        });
        res.on("data", (chunk: string) => lines.push(chunk));
        res.on("end", () => {
          lines.flush();
          if (failure) reject(failure);
          else resolve();
        });
        res.on("error", reject);
        res.on("close", () => {
          if (!res.complete) reject(new Error(`watch ${pathAndQuery}: connection closed mid-stream`));
        });
      });
      req.on("error", reject);
      req.end();
    });
  }
}

function readError(res: http.IncomingMessage, path: string, code: number, reject: (e: Error) => void): void {
  const chunks: Buffer[] = [];
  res.on("data", (chunk: Buffer) => chunks.push(chunk));
  res.on("end", () => reject(apiErrorFrom("watch", path, code, Buffer.concat(chunks).toString("utf8"))));
  res.on("error", reject);
}

/** Splits a text stream into non-empty lines, across chunk boundaries. */
export class LineSplitter {
  private buffer = "";

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: string): void {
    this.buffer += chunk;
    let newline = this.buffer.indexOf("\n");
    while (newline >= 0) {
      const line = this.buffer.slice(0, newline).trim();
      this.buffer = this.buffer.slice(newline + 1);
      if (line) this.onLine(line);
      newline = this.buffer.indexOf("\n");
    }
  }

  flush(): void {
    const rest = this.buffer.trim();
    this.buffer = "";
    if (rest) this.onLine(rest);
  }
}
