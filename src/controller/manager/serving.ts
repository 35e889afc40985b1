// The operator's two listeners, from its settings: probes on --health-probe-bind-address, metrics on
// --metrics-bind-address (HTTPS with TokenReview/SubjectAccessReview unless --metrics-secure=false).
import type { Logger } from "pino";
import type { Registry } from "prom-client";
import type { OperatorConfig } from "../config.js";
import type { HttpApiClient } from "../kube/client.js";
import { apiReviewer } from "../kube/reviews.js";
import { systemClock, type Clock } from "../runtime/clock.js";
import { DISABLED_ADDRESS, close } from "../serving/address.js";
import { startMetricsServer, type MetricsServer } from "../serving/metrics-server.js";
import { startProbeServer, type Probes } from "../serving/probes.js";
import { ScrapeAuthorizer } from "../serving/scrape-auth.js";

/**
 * The reviews' own client-side limit, client-go's default as controller-runtime's review clients
 * have: scrapes never wait behind the operator's writes, and a flood of made-up tokens costs the API
 * server at most this many reviews a second.
 */
export const REVIEW_QPS = 20;
export const REVIEW_BURST = 30;

export interface ServingPorts {
  metrics?: number;
  probes?: number;
}

export interface Serving {
  ports: ServingPorts;
  close(): Promise<void>;
}

export interface ServingDeps {
  api: HttpApiClient;
  registry: Registry;
  probes: Probes;
  log: Logger;
  clock?: Clock;
}

export async function startServing(config: OperatorConfig, deps: ServingDeps): Promise<Serving> {
  const { log } = deps;
  const clock = deps.clock ?? systemClock;
  const ports: ServingPorts = {};
  const closers: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    await Promise.all(closers.map((c) => c()));
  };
  try {
    if (config.healthProbeBindAddress !== DISABLED_ADDRESS) {
      const probes = await startProbeServer(config.healthProbeBindAddress, deps.probes);
      closers.push(() => close(probes.server));
      ports.probes = probes.port;
      log.info({ address: config.healthProbeBindAddress, port: probes.port }, "serving /healthz and /readyz");
    }
    if (config.metricsBindAddress !== DISABLED_ADDRESS) {
      const server: MetricsServer = await startMetricsServer({
        address: config.metricsBindAddress,
        registry: deps.registry,
        log,
        ...(config.metricsSecure && {
          secure: {
            authorizer: new ScrapeAuthorizer(apiReviewer(deps.api.withRateLimit(REVIEW_QPS, REVIEW_BURST)), clock),
            ...(config.metricsCertDir !== undefined && { certDir: config.metricsCertDir }),
            clock,
          },
        }),
      });
      closers.push(() => server.close());
      ports.metrics = server.port;
      const certificate = server.secure ? (config.metricsCertDir ?? "self-signed") : undefined;
      log.info(
        { address: config.metricsBindAddress, port: server.port, secure: server.secure, certificate },
        server.secure ? "serving /metrics over HTTPS to authorised scrapers" : "serving /metrics over HTTP",
      );
    }
  } catch (err) {
    await closeAll();
    throw err;
  }
  return { ports, close: closeAll };
}
