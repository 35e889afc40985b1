// Leader election on a coordination.k8s.io/v1 Lease, after client-go's tools/leaderelection:
// - a lease is taken over only when its record has not changed for its leaseDuration by the local clock
//   (timestamps written by other hosts are never trusted, so clock skew does not matter);
// - every write carries the resourceVersion read, so of two contenders one gets 409 and loses;
// - the leader renews every retryPeriod; when no renewal has succeeded for renewDeadline it stops leading at
//   once, even while a renewal request is still in flight;
// - on a graceful stop the lease is released (holder "" and a 1 s duration) so a standby takes over at once.
// The Lease record, the options and the small helpers are in lease.ts.
import type { Logger } from "pino";
import { isConflict, isNotFound, LEASES } from "../kube/api.js";
import { microTime } from "../kube/time.js";
import {
  JITTER,
  LEADER_ELECTION_DEFAULTS,
  defaultIdentity,
  sleep,
  type LeaderCallbacks,
  type LeaderElectionOptions,
  type Lease,
  type LeaseSpec,
} from "./lease.js";

export {
  LEADER_ELECTION_DEFAULTS,
  defaultIdentity,
  type LeaderCallbacks,
  type LeaderElectionOptions,
  type Lease,
  type LeaseSpec,
};

type RenewEnd = "lost" | "cancelled";

export class LeaderElector {
  readonly identity: string;
  private readonly leaseDurationMs: number;
  private readonly renewDeadlineMs: number;
  private readonly retryPeriodMs: number;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly log: Logger;
  private observed: Lease | undefined;
  private observedJson = "";
  private observedAt = 0;
  /** Local time at which the last successful acquire or renew request was sent. */
  private renewedAt = 0;
  private reportedLeader: string | undefined;
  private leading = false;

  constructor(private readonly opts: LeaderElectionOptions) {
    this.identity = opts.identity ?? defaultIdentity();
    this.leaseDurationMs = opts.leaseDurationMs ?? LEADER_ELECTION_DEFAULTS.leaseDurationMs;
    this.renewDeadlineMs = opts.renewDeadlineMs ?? LEADER_ELECTION_DEFAULTS.renewDeadlineMs;
    this.retryPeriodMs = opts.retryPeriodMs ?? LEADER_ELECTION_DEFAULTS.retryPeriodMs;
    if (this.leaseDurationMs <= this.renewDeadlineMs) throw new Error("leaseDuration must exceed renewDeadline");
    if (this.renewDeadlineMs <= JITTER * this.retryPeriodMs) {
      throw new Error("renewDeadline must exceed retryPeriod × 1.2");
    }
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
    this.log = opts.logger.child({ lease: `${opts.namespace}/${opts.name}`, identity: this.identity });
  }

  isLeader(): boolean {
    return this.leading;
  }

  /** The holder last observed on the lease ("" when none). */
  getLeader(): string {
    return this.observed?.spec?.holderIdentity ?? "";
  }

  /**
   * Campaigns until the lease is acquired, then leads until the lease is lost or the signal aborts.
   * Resolves after onStoppedLeading (or without leading at all when the signal aborts first).
   */
  async run(signal: AbortSignal): Promise<void> {
    if (!(await this.acquire(signal))) return;
    const leadership = new AbortController();
    this.leading = true;
    this.log.info("started leading");
    this.safely("onStartedLeading", () => this.opts.onStartedLeading(leadership.signal));
    const end = await this.renewUntilLost(signal);
    this.leading = false;
    leadership.abort();
    if (end === "lost") this.log.error("leader election lost");
    if (end === "cancelled" && (this.opts.releaseOnCancel ?? true)) await this.release();
    this.safely("onStoppedLeading", () => this.opts.onStoppedLeading());
  }

  private async acquire(signal: AbortSignal): Promise<boolean> {
    this.log.info("campaigning for leadership");
    while (!signal.aborted) {
      if (await this.attempt()) return true;
      await sleep(this.nextAttemptInMs(), signal);
    }
    return false;
  }

  /**
   * While another holder's lease is observed, a standby looks every retryPeriod without jitter, and
   * once more exactly when the lease would expire: it notices a release within one retryPeriod and
   * takes over a dead leader's lease within leaseDuration + retryPeriod of its last renewal. Jitter
   * (client-go's factor) spreads contenders only when no live holder is known.
   */
  private nextAttemptInMs(): number {
    const holder = this.getLeader();
    if (holder === "" || holder === this.identity || !this.observed) {
      return this.retryPeriodMs * (1 + JITTER * this.random());
    }
    const untilExpiry = this.observedAt + this.leaseMsOf(this.observed) - this.now();
    return Math.max(0, Math.min(this.retryPeriodMs, untilExpiry));
  }

  /** One try to acquire or renew; failures are logged and count as "not held". */
  private async attempt(): Promise<boolean> {
    try {
      return await this.tryAcquireOrRenew();
    } catch (err) {
      this.log.warn({ err }, "lease request failed");
      return false;
    }
  }

  private renewUntilLost(signal: AbortSignal): Promise<RenewEnd> {
    return new Promise<RenewEnd>((resolve) => {
      let finished = false;
      let deadline: NodeJS.Timeout | undefined;
      let tick: NodeJS.Timeout | undefined;
      const finish = (end: RenewEnd): void => {
        if (finished) return;
        finished = true;
        clearTimeout(deadline);
        clearTimeout(tick);
        signal.removeEventListener("abort", onAbort);
        resolve(end);
      };
      const onAbort = (): void => finish("cancelled");
      const armDeadline = (from: number): void => {
        clearTimeout(deadline);
        deadline = setTimeout(() => finish("lost"), Math.max(0, from + this.renewDeadlineMs - this.now()));
      };
      const renew = async (): Promise<void> => {
        const held = await this.attempt();
        if (finished) return;
        if (held) armDeadline(this.renewedAt);
        else if (this.getLeader() !== this.identity) return finish("lost");
        tick = setTimeout(() => void renew(), this.retryPeriodMs);
      };
      armDeadline(this.renewedAt);
      tick = setTimeout(() => void renew(), this.retryPeriodMs);
      if (signal.aborted) finish("cancelled");
      else signal.addEventListener("abort", onAbort, { once: true });
    });
  }

  private async tryAcquireOrRenew(): Promise<boolean> {
    const now = this.now();
    if (await this.renewFast(now)) return true;
    let current: Lease;
    try {
      current = await this.opts.client.get<Lease>(LEASES, this.opts.namespace, this.opts.name);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      return this.create(now);
    }
    this.observe(current, now);
    const holder = current.spec?.holderIdentity ?? "";
    if (holder !== "" && holder !== this.identity && !this.expired(current, now)) return false;
    return this.replaceOrLose(current, now);
  }

  /** The leader's fast path: update the lease it last wrote without reading it first. False: use the slow path. */
  private async renewFast(now: number): Promise<boolean> {
    if (!this.leading || !this.observed || this.getLeader() !== this.identity) return false;
    try {
      return await this.replaceOrLose(this.observed, now);
    } catch (err) {
      this.log.debug({ err }, "optimistic lease update failed; reading the lease");
      return false;
    }
  }

  /** Writes the lease naming this process as holder; false when someone else changed it meanwhile (409). */
  private async replaceOrLose(current: Lease, now: number): Promise<boolean> {
    try {
      return this.written(await this.write(current, now), now);
    } catch (err) {
      if (isConflict(err)) return false;
      throw err;
    }
  }

  private async create(now: number): Promise<boolean> {
    const lease: Lease = {
      apiVersion: "coordination.k8s.io/v1",
      kind: "Lease",
      metadata: { name: this.opts.name, namespace: this.opts.namespace },
      spec: this.nextSpec(undefined, now),
    };
    try {
      return this.written(await this.opts.client.create(LEASES, this.opts.namespace, lease), now);
    } catch (err) {
      if (isConflict(err)) return false;
      throw err;
    }
  }

  /** Replaces the lease (with its resourceVersion) by one that names this process as holder. */
  private write(current: Lease, now: number): Promise<Lease> {
    const next: Lease = { ...current, spec: { ...current.spec, ...this.nextSpec(current.spec, now) } };
    return this.opts.client.replace(LEASES, this.opts.namespace, this.opts.name, next);
  }

  private nextSpec(spec: LeaseSpec | undefined, now: number): LeaseSpec {
    const mine = spec?.holderIdentity === this.identity;
    const transitions = spec?.leaseTransitions ?? 0;
    return {
      holderIdentity: this.identity,
      leaseDurationSeconds: Math.ceil(this.leaseDurationMs / 1000),
      acquireTime: mine && spec.acquireTime ? spec.acquireTime : microTime(now),
      renewTime: microTime(now),
      leaseTransitions: spec === undefined ? 0 : mine ? transitions : transitions + 1,
    };
  }

  private written(lease: Lease, now: number): boolean {
    this.observe(lease, now);
    this.renewedAt = now;
    return true;
  }

  /** Records the lease; the local time of the last change is what expiry is measured from. */
  private observe(lease: Lease, now: number): void {
    const json = JSON.stringify(lease.spec ?? {});
    if (json !== this.observedJson) {
      this.observedJson = json;
      this.observedAt = now;
    }
    this.observed = lease;
    const holder = lease.spec?.holderIdentity ?? "";
    if (holder !== "" && holder !== this.reportedLeader) {
      this.reportedLeader = holder;
      this.log.info({ leader: holder }, "new leader observed");
      this.safely("onNewLeader", () => this.opts.onNewLeader?.(holder));
    }
  }

  private leaseMsOf(lease: Lease): number {
    return (lease.spec?.leaseDurationSeconds ?? Math.ceil(this.leaseDurationMs / 1000)) * 1000;
  }

  private expired(lease: Lease, now: number): boolean {
    return this.observedAt + this.leaseMsOf(lease) <= now;
  }

  /** Gives the lease up so that another candidate need not wait for it to expire. */
  private async release(): Promise<void> {
    if (!this.observed || this.getLeader() !== this.identity) return;
    const now = microTime(this.now());
    const spec: LeaseSpec = {
      ...this.observed.spec,
      holderIdentity: "",
      leaseDurationSeconds: 1,
      acquireTime: now,
      renewTime: now,
    };
    try {
      const lease = await this.opts.client.replace<Lease>(LEASES, this.opts.namespace, this.opts.name, {
        ...this.observed,
        spec,
      });
      this.observe(lease, this.now());
      this.log.info("lease released");
    } catch (err) {
      this.log.warn({ err }, "could not release the lease");
    }
  }

  private safely(what: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.log.error({ err }, `${what} threw`);
    }
  }
}
