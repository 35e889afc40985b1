// The operator as separate processes: killed mid-rollout, and two replicas behind one Lease.
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/ports.js";
import { sleep, waitFor } from "../support/wait.js";
import { SlotMonitor, converge, createApps, report, seconds, startRollouts } from "./invariants.js";
import {
  app,
  apply,
  createNamespace,
  deleteNamespace,
  installCrd,
  kubectlJson,
  logOf,
  podsOf,
  requireCluster,
  spawnOperator,
} from "./support.js";

let ns: string;
const children: ChildProcess[] = [];

// The bounds the elector guarantees with the default timings (lease 15 s, retry period 2 s). While
// a live holder is known, a standby polls the Lease every retry period without jitter and once more
// when the lease would expire: it sees the last renewal at most 2 s late and takes the lease 15 s
// after that (the target: lease + retry period = 17 s); it sees a released Lease at its next poll
// (target 3 s, with the release itself). Each bound allows 2 s more for requests and a SIGTERM
// drain on a loaded machine; the figures are printed beside the targets.
const FAILOVER_BOUND_MS = 15_000 + 2_000 + 2_000;
const HANDOVER_BOUND_MS = 3_000 + 2_000;

/** Metrics over plain HTTP here: test/integration/metrics-auth.test.ts covers the secure default. */
async function start(
  name: string,
  args: string[],
): Promise<{ child: ChildProcess; metricsPort: number; probePort: number }> {
  const [metricsPort, probePort] = [await freePort(), await freePort()];
  const child = spawnOperator(
    [
      "--namespace",
      ns,
      "--metrics-bind-address",
      `127.0.0.1:${metricsPort}`,
      "--metrics-secure=false",
      "--health-probe-bind-address",
      `127.0.0.1:${probePort}`,
      "--log-level",
      "debug",
      ...args,
    ],
    `${ns}-${name}`,
  );
  children.push(child);
  return { child, metricsPort, probePort };
}

async function metric(metricsPort: number, name: string, match = ""): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  return text
    .split("\n")
    .filter((l) => l.startsWith(name) && l.includes(match))
    .reduce((sum, l) => sum + Number(l.split(" ").pop()), 0);
}

const ready = (probePort: number) =>
  waitFor(
    `operator on :${probePort} to be ready`,
    async () => (await fetch(`http://127.0.0.1:${probePort}/readyz`)).ok,
  );

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

beforeAll(async () => {
  await requireCluster();
  await installCrd();
  ns = await createNamespace("it-process");
});

afterAll(async () => {
  await Promise.all(children.map(kill));
  if (ns) await deleteNamespace(ns);
});

describe("the operator process", () => {
  it("killed with SIGKILL mid-rollout, restarts and completes the rollout without a duplicate Pod", async () => {
    const monitor = new SlotMonitor(ns);
    await monitor.start();
    try {
      const first = await start("kill-a", []);
      await ready(first.probePort);
      const apps = await createApps(ns, ["rollout"], monitor);
      await startRollouts(ns, apps, "7200");
      const killedAt = performance.now();
      await kill(first.child);

      const second = await start("kill-b", []);
      await ready(second.probePort);
      const restarted = performance.now() - killedAt;
      const recovery = await converge(ns, apps, 90_000);
      report("operator SIGKILL mid-rollout", { restartS: seconds(restarted), recoveryS: seconds(recovery) });
      monitor.assertHeld();
      await kill(second.child);
    } finally {
      await monitor.stop();
    }
  });

  it(
    "runs behind one Lease: only the leader acts; after SIGKILL the standby takes over once the lease expires, after SIGTERM at its next poll",
    { timeout: 180_000 },
    async () => {
      // Default timings: lease 15 s, renew deadline 10 s, retry period 2 s.
      const lease = ["--leader-elect", "--leader-election-namespace", ns];
      const a = await start("lease-a", lease);
      const b = await start("lease-b", lease);
      await Promise.all([ready(a.probePort), ready(b.probePort)]);
      const leaderOf = async () => {
        const [la, lb] = [
          await metric(a.metricsPort, "leader_election_master_status"),
          await metric(b.metricsPort, "leader_election_master_status"),
        ];
        return la + lb === 1 ? (la === 1 ? "a" : "b") : undefined;
      };
      const leader = await waitFor("exactly one leader", leaderOf);
      const [active, standby] = leader === "a" ? [a, b] : [b, a];

      await apply(app("led", { replicas: 2 }), ns);
      await waitFor("the leader to create the Pods", async () => (await podsOf(ns, "led")).length === 2);
      await sleep(1000);
      expect(
        await metric(standby.metricsPort, "compositeapp_api_requests_total", 'verb="create",resource="pods"'),
      ).toBe(0);
      expect(await metric(active.metricsPort, "compositeapp_api_requests_total", 'verb="create",resource="pods"')).toBe(
        2,
      );

      // Hard kill: the standby takes over once the lease has expired.
      const before = await leaseOf(ns);
      expect(before.holderIdentity).not.toBe("");
      const killedAt = Date.now();
      await kill(active.child);
      const afterKill = await waitFor(
        "the standby to take the lease",
        async () => {
          const l = await leaseOf(ns);
          return (
            l.holderIdentity !== undefined && l.holderIdentity !== "" && l.holderIdentity !== before.holderIdentity && l
          );
        },
        60_000,
        200,
      );
      const failover = microTimeMs(afterKill.acquireTime) - killedAt;
      await waitFor(
        "the standby to lead",
        async () => (await metric(standby.metricsPort, "leader_election_master_status")) === 1,
      );
      expect(logOf(`${ns}-lease-${leader === "a" ? "b" : "a"}`)).toContain("became the leader");
      await apply(app("after-takeover"), ns);
      await waitFor("the new leader to act", async () => (await podsOf(ns, "after-takeover")).length === 1, 30_000);

      // Graceful: SIGTERM releases the lease, a third replica takes it at its next retry.
      const c = await start("lease-c", lease);
      await ready(c.probePort);
      const termAt = Date.now();
      const exited = new Promise<number | null>((resolve) => standby.child.once("exit", (code) => resolve(code)));
      standby.child.kill("SIGTERM");
      const afterTerm = await waitFor(
        "the third replica to take the lease",
        async () => {
          const l = await leaseOf(ns);
          return (
            l.holderIdentity !== undefined &&
            l.holderIdentity !== "" &&
            l.holderIdentity !== afterKill.holderIdentity &&
            l
          );
        },
        60_000,
        100,
      );
      const handover = microTimeMs(afterTerm.acquireTime) - termAt;
      expect(await exited).toBe(0);
      console.log(
        `[fault matrix] leader failover (lease 15 s, renew 10 s, retry 2 s): ` +
          `SIGKILL takeover=${(failover / 1000).toFixed(1)}s (target 17 s) ` +
          `SIGTERM handover=${(handover / 1000).toFixed(1)}s (target 3 s)`,
      );
      expect(failover).toBeLessThanOrEqual(FAILOVER_BOUND_MS);
      expect(handover).toBeLessThanOrEqual(HANDOVER_BOUND_MS);
    },
  );
});

interface LeaseSpec {
  holderIdentity?: string;
  acquireTime?: string;
  renewTime?: string;
}

async function leaseOf(namespace: string): Promise<LeaseSpec> {
  const lease = await kubectlJson<{ spec?: LeaseSpec }>(["get", "lease", "compositeapp-operator", "-n", namespace]);
  return lease.spec ?? {};
}

/** A Lease MicroTime ("2006-01-02T15:04:05.000000Z") in epoch milliseconds. */
function microTimeMs(t: string | undefined): number {
  const ms = Date.parse((t ?? "").replace(/(\.\d{3})\d*Z$/, "$1Z"));
  if (Number.isNaN(ms)) throw new Error(`not a MicroTime: ${t}`);
  return ms;
}
