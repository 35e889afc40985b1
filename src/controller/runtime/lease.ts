// What leader election (leader-election.ts) is made of besides its loop: the Lease record, the
// elector's options and callbacks, its defaults, identities, and a sleep that a signal cuts short.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Logger } from "pino";
import type { ApiClient, KubeObject } from "../kube/api.js";

export interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}

/** A Lease as JSON on the wire (times are RFC 3339 strings with microseconds). */
export interface Lease extends KubeObject {
  spec?: LeaseSpec;
}

export interface LeaderCallbacks {
  /** Called once this process holds the lease; the signal aborts the moment it stops leading. */
  onStartedLeading(signal: AbortSignal): void;
  /** Called once when leading ends, whether the lease was lost or released. */
  onStoppedLeading(): void;
  /** Called whenever the observed holder changes (this process included). */
  onNewLeader?(identity: string): void;
}

export interface LeaderElectionOptions extends LeaderCallbacks {
  client: ApiClient;
  namespace: string;
  name: string;
  logger: Logger;
  /** Default: hostname + "_" + random suffix. */
  identity?: string;
  /** Default: LEADER_ELECTION_DEFAULTS, as client-go's. */
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
  /** Release the lease when run()'s signal aborts. Default true. */
  releaseOnCancel?: boolean;
  now?: () => number;
  random?: () => number;
}

/** client-go's defaults (leaderelection.LeaderElectionConfig as controller-runtime sets it). */
export const LEADER_ELECTION_DEFAULTS = { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 };

/** Jitter factor of the acquire loop, as client-go's JitterFactor. */
export const JITTER = 1.2;

export function defaultIdentity(): string {
  return `${hostname()}_${randomBytes(6).toString("hex")}`;
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
