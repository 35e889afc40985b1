// /healthz, /readyz and /metrics on one small HTTP server.
import { createServer, type Server } from "node:http";
import type { Registry } from "prom-client";

export interface Probes {
  /** Alive: the process can still make progress. */
  healthy(): boolean;
  /** Ready: caches synced (and, with leader election, the process is a candidate or the leader). */
  ready(): boolean;
}

export function startHealthServer(address: string, probes: Probes, registry: Registry): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/healthz" || path === "/readyz") {
      const ok = path === "/healthz" ? probes.healthy() : probes.ready();
      res.writeHead(ok ? 200 : 503, { "content-type": "text/plain" }).end(ok ? "ok\n" : "not ready\n");
      return;
    }
    if (path === "/metrics") {
      registry
        .metrics()
        .then((text) => res.writeHead(200, { "content-type": registry.contentType }).end(text))
        .catch((err: unknown) => res.writeHead(500).end(String(err)));
      return;
    }
    res.writeHead(404).end();
  });
  const { host, port } = splitAddress(address);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}

/** ":8080", "0.0.0.0:8080" or "127.0.0.1:0" into host and port. */
export function splitAddress(address: string): { host: string | undefined; port: number } {
  const i = address.lastIndexOf(":");
  const host = address.slice(0, i) || undefined;
  const port = Number(address.slice(i + 1));
  if (i < 0 || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`invalid address "${address}": expected [HOST]:PORT`);
  }
  return { host, port };
}
