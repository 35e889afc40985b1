// Leader election for the operator process: campaign in the background, act only while leading.
import type { Logger } from "pino";
import type { OperatorConfig } from "../config.js";
import type { ApiClient } from "../kube/api.js";
import { LeaderElector } from "../runtime/leader-election.js";

export interface LeaderElectionHandle {
  /** Gives the lease up so a standby can take over at once. */
  release(): Promise<void>;
}

export interface LeadershipCallbacks {
  /** The signal aborts the moment leading ends (lease lost or released). */
  onStartedLeading(signal: AbortSignal): void;
  onStoppedLeading(): void;
}

export function startLeaderElection(
  client: ApiClient,
  settings: OperatorConfig["leaderElection"],
  identity: string,
  log: Logger,
  callbacks: LeadershipCallbacks,
): LeaderElectionHandle {
  const abort = new AbortController();
  let releasing = false;
  const elector = new LeaderElector({
    client,
    namespace: settings.namespace,
    name: settings.name,
    identity,
    logger: log,
    leaseDurationMs: settings.leaseDurationSeconds * 1000,
    renewDeadlineMs: settings.renewDeadlineSeconds * 1000,
    retryPeriodMs: settings.retryPeriodSeconds * 1000,
    onStartedLeading: (signal) => {
      log.info({ identity }, "became the leader");
      callbacks.onStartedLeading(signal);
    },
    onStoppedLeading: () => {
      if (!releasing) callbacks.onStoppedLeading();
    },
    onNewLeader: (leader) => log.info({ leader }, "leader observed"),
  });
  const running = elector.run(abort.signal).catch((err: unknown) => {
    log.error({ err }, "leader election failed");
    if (!releasing) callbacks.onStoppedLeading();
  });
  return {
    release: async () => {
      releasing = true;
      abort.abort();
      await running;
    },
  };
}
