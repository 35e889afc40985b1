// GET /metrics from an operator that serves it over HTTPS (secure metrics, the default), with a
// bearer token as Prometheus sends its ServiceAccount's. The operator's certificate is self-signed,
// so it is not verified; the answer says whether the connection had one.
import https from "node:https";
import type { TLSSocket } from "node:tls";

export interface Scrape {
  code: number;
  body: string;
  /** Whether the server presented a certificate (the connection was TLS). */
  tls: boolean;
}

export function scrapeMetrics(host: string, port: number, token?: string, method = "GET"): Promise<Scrape> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host,
        port,
        path: "/metrics",
        method,
        rejectUnauthorized: false,
        timeout: 30_000,
        headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
      },
      (res) => {
        const tls = Boolean((res.socket as TLSSocket).getPeerCertificate().raw);
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => resolve({ code: res.statusCode ?? 0, body, tls }));
      },
    );
    req.on("timeout", () => req.destroy(new Error(`GET https://${host}:${port}/metrics timed out`)));
    req.on("error", reject);
    req.end();
  });
}
