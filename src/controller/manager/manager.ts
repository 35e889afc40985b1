// The operator process: API client, caches, controller, health and metrics, leader election and
// graceful shutdown, assembled from the configuration.
import type { Logger } from "pino";
import { parseServerVersion, type ServerVersion } from "../../core/index.js";
import type { OperatorConfig } from "../config.js";
import { HttpApiClient, loadKubeConfig } from "../kube/client.js";
import { OperatorMetrics } from "../metrics.js";
import { Controller } from "./controller.js";
import { defaultIdentity } from "../runtime/leader-election.js";
import { startLeaderElection, type LeaderElectionHandle } from "./leadership.js";
import { createEventSink } from "./event-sink.js";
import { startServing, type ServingPorts } from "./serving.js";

export interface RunningOperator {
  /** Resolves with the exit code once the operator has stopped. */
  finished: Promise<number>;
  /** Graceful stop: in-flight reconciles are cancelled and waited for, then the lease is released. */
  stop(): Promise<void>;
  readonly identity: string;
  readonly metrics: OperatorMetrics;
  /** The ports the metrics and probe servers listen on (the ones chosen for port 0); absent when turned off. */
  readonly ports: ServingPorts;
  /**
   * True when the operator has nothing left to do until the next watch event: no app queued,
   * waiting for a retry or being reconciled, and no Event being written. Lets tests and tools wait
   * for it to settle instead of sleeping.
   */
  idle(): boolean;
}

async function readServerVersion(api: HttpApiClient, log: Logger): Promise<ServerVersion | undefined> {
  const v = await api.serverVersion();
  const parsed = parseServerVersion(v);
  log.info({ serverVersion: v.gitVersion }, "connected to the API server");
  return parsed;
}

export async function startOperator(config: OperatorConfig, log: Logger): Promise<RunningOperator> {
  const identity = defaultIdentity();
  const metrics = new OperatorMetrics();
  const api = new HttpApiClient(loadKubeConfig(config.kubeconfig), {
    observer: metrics.observeRequest,
    qps: config.kubeApiQps,
    burst: config.kubeApiBurst,
  });
  // The Lease is not limited, as in kube-controller-manager: a queue of writes waiting for tokens
  // must never delay a renewal past the renew deadline.
  const leaseApi = api.unlimited();
  const serverVersion = await readServerVersion(api, log);
  // Aborted when the operator stops or loses the lease: in-flight writes are cancelled, none is sent after.
  const work = new AbortController();
  const events = createEventSink(api, identity, log, work.signal);
  const controller = new Controller({
    api,
    namespaces: config.namespaces,
    concurrency: config.concurrency,
    images: config.presetImages,
    serverVersion,
    events,
    metrics,
    resyncPeriodMs: config.resyncPeriodSeconds * 1000,
    log,
  });
  let exitCode = 0;
  let resolveFinished: (code: number) => void = () => undefined;
  const finished = new Promise<number>((resolve) => (resolveFinished = resolve));
  const serving = await startServing(config, {
    api,
    registry: metrics.registry,
    probes: { healthy: () => true, ready: () => controller.hasSynced() },
    log,
  });

  let leadership: LeaderElectionHandle | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      log.info("stopping: cancelling in-flight reconciles");
      work.abort();
      await controller.stop();
      // Only now that no reconcile can write any more may a standby take over.
      await events.flush();
      await leadership?.release();
      api.close(); // leaseApi's connections too
      if (config.leaderElect) metrics.setLeader(config.leaderElection.name, false);
      await serving.close();
      log.info("stopped");
      resolveFinished(exitCode);
    })();
    return stopping;
  };

  await controller.startCaches();
  log.info("caches synced");
  if (config.leaderElect) {
    metrics.setLeader(config.leaderElection.name, false);
    leadership = startLeaderElection(leaseApi, config.leaderElection, identity, log, {
      onStartedLeading: (leading) => {
        // Losing the lease aborts this signal synchronously, before any further request can start.
        leading.addEventListener("abort", () => work.abort(), { once: true });
        metrics.setLeader(config.leaderElection.name, true);
        controller.startWorkers(work.signal);
      },
      onStoppedLeading: () => {
        // Another process may already act: stop at once, and exit non-zero so the Pod restarts.
        log.error("lost the leader lease; stopping");
        exitCode = 1;
        metrics.setLeader(config.leaderElection.name, false);
        void stop();
      },
    });
  } else {
    // No Lease, no leader_election_master_status: as controller-runtime without leader election.
    controller.startWorkers(work.signal);
  }
  const idle = () => controller.idle() && events.pending() === 0;
  return { finished, stop, identity, metrics, ports: serving.ports, idle };
}
