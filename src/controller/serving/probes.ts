// /healthz and /readyz on their own plain-HTTP port (--health-probe-bind-address, kubebuilder's
// :8081), apart from the metrics: the kubelet probes without credentials, while /metrics may ask for
// them.
import { createServer, type Server } from "node:http";
import { listen } from "./address.js";

export interface Probes {
  /** Alive: the process can still make progress. */
  healthy(): boolean;
  /** Ready: caches synced (and, with leader election, the process is a candidate or the leader). */
  ready(): boolean;
}

export async function startProbeServer(address: string, probes: Probes): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/healthz" || path === "/readyz") {
      const ok = path === "/healthz" ? probes.healthy() : probes.ready();
      res.writeHead(ok ? 200 : 503, { "content-type": "text/plain" }).end(ok ? "ok\n" : "not ready\n");
      return;
    }
    res.writeHead(404).end();
  });
  const port = await listen(server, address);
  return { server, port };
}
