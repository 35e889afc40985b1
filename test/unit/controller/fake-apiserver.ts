// A scripted stand-in for the Kubernetes API server on 127.0.0.1: records every request and answers through
// a handler set by each test (JSON answers, metav1.Status errors, watch streams that can send events, end,
// drop the connection, or stay silent).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TLSSocket } from "node:tls";
import { pino } from "pino";
import { vi } from "vitest";
import type { KubeObject } from "../../../src/controller/kube/api.js";
import { loadKubeConfig, type KubeConfigLike } from "../../../src/controller/kube/kubeconfig.js";

export interface Recorded {
  method: string;
  /** Path without the query. */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  /** performance.now() at arrival (real time even under fake timers). */
  at: number;
  /** The client certificate's subject CN, over TLS with a client certificate. */
  clientCN?: string;
}

export type Handler = (req: Recorded, res: http.ServerResponse) => void | Promise<void>;

export const silentLogger = pino({ level: "silent" });

export const fixture = (name: string): Buffer => readFileSync(new URL(`fixtures/${name}`, import.meta.url));

export function sendJson(res: http.ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

export function sendStatus(res: http.ServerResponse, code: number, reason: string, message: string): void {
  sendJson(res, code, { kind: "Status", apiVersion: "v1", status: "Failure", reason, message, code });
}

export interface ListBody<T> {
  kind: "List";
  apiVersion: "v1";
  metadata: { resourceVersion: string; continue?: string };
  items: T[];
}

export function listOf<T>(items: T[], resourceVersion: string, cont?: string): ListBody<T> {
  return { kind: "List", apiVersion: "v1", metadata: { resourceVersion, ...(cont ? { continue: cont } : {}) }, items };
}

export function pod(name: string, resourceVersion: string, namespace = "default", extra: KubeObject = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    ...extra,
    metadata: { name, namespace, uid: `uid-${name}`, resourceVersion, ...extra.metadata },
  };
}

/** A watch response held open by the test. */
export class WatchStream {
  readonly closed: Promise<void>;

  constructor(private readonly res: http.ServerResponse) {
    res.writeHead(200, { "Content-Type": "application/json", "Transfer-Encoding": "chunked" });
    res.flushHeaders();
    this.closed = new Promise((resolve) => res.on("close", () => resolve()));
  }

  send(type: string, object: unknown): void {
    this.res.write(`${JSON.stringify({ type, object })}\n`);
  }

  /** Writes raw text (for split lines). */
  raw(text: string): void {
    this.res.write(text);
  }

  /** A clean end of the stream, as at the server-side timeout. */
  end(): void {
    this.res.end();
  }

  /** Cuts the connection mid-stream. */
  drop(): void {
    this.res.socket?.destroy();
  }
}

export class FakeApiServer {
  readonly requests: Recorded[] = [];
  private handler: Handler = (_req, res) => sendStatus(res, 404, "NotFound", "no handler");
  private readonly sockets = new Set<Socket>();
  private kubeconfigDir?: string;
  private kubeconfigs = 0;

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
    private readonly tls: boolean,
  ) {
    server.on("connection", (socket: Socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    server.on("secureConnection", (socket: Socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
  }

  static async start(tls?: https.ServerOptions): Promise<FakeApiServer> {
    const server: http.Server = tls ? https.createServer(tls) : http.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (address === null || typeof address === "string") throw new Error("no address");
    const fake = new FakeApiServer(server, `${tls ? "https" : "http"}://127.0.0.1:${address.port}`, !!tls);
    server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => void fake.receive(req, res));
    return fake;
  }

  /** Sets the handler for the requests that follow. */
  handle(handler: Handler): void {
    this.handler = handler;
  }

  /** Requests whose method and path match (path: exact string or pattern). */
  matching(method: string, path: string | RegExp): Recorded[] {
    return this.requests.filter(
      (r) => r.method === method && (typeof path === "string" ? r.path === path : path.test(r.path)),
    );
  }

  /**
   * A kubeconfig for this server in kubectl's format (JSON, which is YAML): the given user (kubectl's
   * field names), a bearer token by default, and the test CA over TLS.
   */
  kubeconfigText(user: Record<string, unknown> = { token: "test-token" }): string {
    const cluster = this.tls
      ? { server: this.url, "certificate-authority-data": fixture("ca.crt").toString("base64") }
      : { server: this.url };
    return JSON.stringify({
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: "fake", cluster }],
      users: [{ name: "tester", user }],
      contexts: [{ name: "test", context: { cluster: "fake", user: "tester" } }],
      "current-context": "test",
    });
  }

  /** kubeconfigText(user) written to a file and loaded as the operator loads its kubeconfig. */
  kubeConfig(user?: Record<string, unknown>): KubeConfigLike {
    this.kubeconfigDir ??= mkdtempSync(join(tmpdir(), "fake-apiserver-"));
    const file = join(this.kubeconfigDir, `kubeconfig-${++this.kubeconfigs}`);
    writeFileSync(file, this.kubeconfigText(user));
    return loadKubeConfig(file);
  }

  async close(): Promise<void> {
    if (this.kubeconfigDir) rmSync(this.kubeconfigDir, { recursive: true, force: true });
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async receive(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://x");
    const peer = "getPeerCertificate" in req.socket ? (req.socket as TLSSocket) : undefined;
    const cn = peer?.getPeerCertificate().subject?.CN;
    const recorded: Recorded = {
      method: req.method ?? "",
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: text ? (JSON.parse(text) as unknown) : undefined,
      at: performance.now(),
      ...(typeof cn === "string" ? { clientCN: cn } : {}),
    };
    this.requests.push(recorded);
    try {
      await this.handler(recorded, res);
    } catch (err) {
      if (!res.headersSent) sendStatus(res, 500, "InternalError", String(err));
    }
  }
}

/** Polls (with real timers) until check passes. */
export async function eventually(check: () => void, timeoutMs = 3000): Promise<void> {
  await vi.waitFor(check, { timeout: timeoutMs, interval: 5 });
}
