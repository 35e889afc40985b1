// /metrics on its own port (--metrics-bind-address): over HTTPS with every scrape authenticated and
// authorised by the API server (--metrics-secure, the default, as in kubebuilder's scaffold), or
// over plain HTTP to anyone who can reach the port.
import http from "node:http";
import https from "node:https";
import type { Logger } from "pino";
import type { Registry } from "prom-client";
import type { Clock } from "../runtime/clock.js";
import { close, listen } from "./address.js";
import type { ScrapeAuthorizer } from "./scrape-auth.js";
import { readCertDir, selfSignedServingCertificate, watchCertDir } from "./serving-cert.js";

export const METRICS_PATH = "/metrics";

export interface MetricsServerOptions {
  address: string;
  registry: Registry;
  log: Pick<Logger, "debug" | "info" | "warn" | "error">;
  /** HTTPS with authentication and authorization; absent: plain HTTP. */
  secure?: {
    authorizer: ScrapeAuthorizer;
    /** tls.crt and tls.key; absent: a self-signed certificate. */
    certDir?: string;
    clock: Clock;
  };
}

export interface MetricsServer {
  port: number;
  secure: boolean;
  close(): Promise<void>;
}

function handler(opts: MetricsServerOptions): http.RequestListener {
  const { registry, log, secure } = opts;
  const serve = (res: http.ServerResponse) =>
    registry
      .metrics()
      .then((text) => res.writeHead(200, { "content-type": registry.contentType }).end(text))
      .catch((err: unknown) => res.writeHead(500).end(String(err)));
  return (req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (path !== METRICS_PATH) {
      res.writeHead(404).end();
      return;
    }
    if (!secure) {
      void serve(res);
      return;
    }
    void secure.authorizer.decide(req.headers.authorization, req.method ?? "GET", path).then((decision) => {
      if (decision.code === 200) return serve(res);
      if (decision.code === 500) log.error({ err: decision.cause }, decision.message);
      else log.debug({ code: decision.code }, decision.message);
      res.writeHead(decision.code, { "content-type": "text/plain" }).end(`${decision.message}\n`);
    });
  };
}

export async function startMetricsServer(opts: MetricsServerOptions): Promise<MetricsServer> {
  const { secure, log } = opts;
  if (!secure) {
    const server = http.createServer(handler(opts));
    const port = await listen(server, opts.address);
    return { port, secure: false, close: () => close(server) };
  }
  const cert = secure.certDir ? readCertDir(secure.certDir) : selfSignedServingCertificate(new Date()); // a real date: clock.now() has an arbitrary origin
  const server = https.createServer({ ...cert, minVersion: "TLSv1.2" }, handler(opts));
  const stopWatching = secure.certDir
    ? watchCertDir(
        secure.certDir,
        cert,
        secure.clock,
        (next) => {
          server.setSecureContext({ ...next, minVersion: "TLSv1.2" });
          log.info({ certDir: secure.certDir }, "serving the metrics with the renewed certificate");
        },
        (err) => log.warn({ err }, "could not read the metrics certificate again; keeping the current one"),
      )
    : () => undefined;
  const port = await listen(server, opts.address).catch((err: unknown) => {
    stopWatching();
    throw err;
  });
  return {
    port,
    secure: true,
    close: () => {
      stopWatching();
      return close(server);
    },
  };
}
