// What every fault test asserts, throughout and at the end: at most one live Pod per (app, slot)
// besides the rollout's allowed surge, no lost app, and convergence; plus the recovery figures each
// case prints. The watch that checks "throughout" is an informer of its own, so it sees every
// intermediate state the API server reports (and relists, like the operator, across faults).
import type { V1Pod } from "@kubernetes/client-node";
import { pino } from "pino";
import { expect } from "vitest";
import type { RunningOperator } from "../../src/controller/manager/manager.js";
import { PODS } from "../../src/controller/kube/api.js";
import { HttpApiClient, loadKubeConfig } from "../../src/controller/kube/client.js";
import { Informer } from "../../src/controller/runtime/informer.js";
import type { CompositeAppStatus } from "../../src/api/compositeapp.js";
import { kubectlJson } from "../support/kubectl.js";
import { waitFor } from "../support/wait.js";
import { app, apply, markReady } from "./support.js";

const NAME = "compositeapp.io/name";
const SLOT = "compositeapp.io/slot";
const REVISION = "compositeapp.io/revision";

export interface AppShape {
  replicas: number;
  /** The rollout's maxSurge (the default strategy's is 1). */
  maxSurge: number;
}

const isLive = (p: V1Pod) => !p.metadata?.deletionTimestamp;
const isReady = (p: V1Pod) => p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;

/** The violations of the slot invariant in one snapshot of an app's Pods. */
export function slotViolations(name: string, shape: AppShape, pods: V1Pod[]): string[] {
  const live = pods.filter(isLive);
  const bySlot = new Map<string, V1Pod[]>();
  for (const p of live) {
    const slot = p.metadata?.labels?.[SLOT] ?? "?";
    bySlot.set(slot, [...(bySlot.get(slot) ?? []), p]);
  }
  const problems: string[] = [];
  let extra = 0;
  for (const [slot, inSlot] of bySlot) {
    extra += inSlot.length - 1;
    const revisions = inSlot.map((p) => p.metadata?.labels?.[REVISION]);
    if (new Set(revisions).size < revisions.length)
      problems.push(`${name} slot ${slot}: two live Pods of one revision`);
  }
  const names = () => live.map((p) => p.metadata?.name).join(", ");
  if (extra > shape.maxSurge) {
    problems.push(`${name}: ${extra} live Pods beyond one per slot (allowed surge ${shape.maxSurge}): ${names()}`);
  }
  if (live.length > shape.replicas + shape.maxSurge) {
    problems.push(
      `${name}: ${live.length} live Pods > replicas ${shape.replicas} + surge ${shape.maxSurge}: ${names()}`,
    );
  }
  return problems;
}

/** Watches the Pods of a namespace and checks the slot invariant on every change it sees. */
export class SlotMonitor {
  readonly violations: string[] = [];
  private readonly shapes = new Map<string, AppShape>();
  private readonly client: HttpApiClient;
  private readonly informer: Informer<V1Pod>;
  /** Snapshots checked so far (a test that checked nothing proves nothing). */
  checks = 0;

  constructor(namespace: string, kubeconfig?: string) {
    this.client = new HttpApiClient(loadKubeConfig(kubeconfig), { requestTimeoutMs: 10_000 });
    this.informer = new Informer<V1Pod>({
      client: this.client,
      resource: PODS,
      namespace,
      labelSelector: NAME,
      logger: pino({ level: "silent" }),
      watchdogMs: 60_000,
      backoff: { initialMs: 200, maxMs: 2_000 },
    });
    const check = () => this.check();
    this.informer.addEventHandler({ onAdd: check, onUpdate: check, onDelete: check });
  }

  expect(name: string, shape: AppShape): void {
    this.shapes.set(name, shape);
  }

  async start(): Promise<void> {
    this.informer.start();
    await this.informer.waitForSync();
  }

  async stop(): Promise<void> {
    await this.informer.stop();
    this.client.close();
  }

  private check(): void {
    this.checks++;
    const pods = this.informer.store.list();
    for (const [name, shape] of this.shapes) {
      const own = pods.filter((p) => p.metadata?.labels?.[NAME] === name);
      for (const v of slotViolations(name, shape, own)) {
        if (this.violations.length < 20) this.violations.push(`rv ${this.informer.lastResourceVersion}: ${v}`);
      }
    }
  }

  /** Forgets the violations seen so far (each test asserts its own). */
  reset(): void {
    this.violations.length = 0;
    this.checks = 0;
  }

  assertHeld(): void {
    expect(this.checks).toBeGreaterThan(0);
    expect(this.violations).toEqual([]);
  }
}

interface AppObject {
  metadata: { name: string; generation?: number };
  status?: CompositeAppStatus;
}

/** Why an app has not converged yet, or undefined when it has. */
function notConverged(a: AppObject, shape: AppShape, pods: V1Pod[]): string | undefined {
  const s = a.status ?? {};
  const live = pods.filter(isLive);
  const ready = s.conditions?.find((c) => c.type === "Ready")?.status;
  if (s.observedGeneration !== a.metadata.generation) return `observedGeneration ${s.observedGeneration}`;
  if (ready !== "True") return `Ready=${ready}`;
  if (s.readyReplicas !== shape.replicas || s.updatedReplicas !== shape.replicas) {
    return `status ${s.readyReplicas} ready / ${s.updatedReplicas} updated`;
  }
  if (live.length !== shape.replicas) return `${live.length} live Pods`;
  if (live.some((p) => p.metadata?.labels?.[REVISION] !== s.revision)) return "Pods of an older revision";
  const slots = live.map((p) => Number(p.metadata?.labels?.[SLOT])).sort((x, y) => x - y);
  if (slots.some((slot, i) => slot !== i)) return `slots ${slots.join(",")}`;
  return undefined;
}

/** One pass of the kubelet's part: marks every live Pod that is not ready yet Running and Ready. */
export async function playKubelet(ns: string): Promise<V1Pod[]> {
  const pods = await kubectlJson<{ items: V1Pod[] }>(["get", "pods", "-n", ns, "-l", NAME], { timeoutMs: 20_000 });
  for (const p of pods.items.filter((x) => isLive(x) && !isReady(x))) await markReady(ns, p.metadata!.name!);
  return pods.items;
}

/**
 * Plays the kubelet (marks live Pods Running and Ready) until every app has converged: status
 * observed the latest generation, Ready, exactly `replicas` live Pods in slots 0..n-1, all of the
 * app's current revision. No app may be lost. Resolves with how long it took.
 */
export async function converge(ns: string, apps: Map<string, AppShape>, timeoutMs = 120_000): Promise<number> {
  const started = performance.now();
  let why = "";
  try {
    await waitFor(
      "every app to converge",
      async () => {
        const [list, pods] = await Promise.all([
          kubectlJson<{ items: AppObject[] }>(["get", "compositeapps", "-n", ns], { timeoutMs: 20_000 }),
          playKubelet(ns),
        ]);
        const reasons: string[] = [];
        for (const [name, shape] of apps) {
          const a = list.items.find((x) => x.metadata.name === name);
          const own = pods.filter((p) => p.metadata?.labels?.[NAME] === name);
          const reason = a ? notConverged(a, shape, own) : "the app is gone";
          if (reason) reasons.push(`${name}: ${reason}`);
        }
        why = reasons.join("; ");
        return reasons.length === 0;
      },
      timeoutMs,
      300,
    );
  } catch (err) {
    throw new Error(`${(err as Error).message} (last seen: ${why})`, { cause: err });
  }
  return performance.now() - started;
}

/** Creates the apps (3 replicas each, default rolling update) and brings them to Ready. */
export async function createApps(ns: string, names: string[], monitor: SlotMonitor): Promise<Map<string, AppShape>> {
  const apps = new Map<string, AppShape>();
  for (const name of names) {
    const shape = { replicas: 3, maxSurge: 1 };
    apps.set(name, shape);
    monitor.expect(name, shape);
    await apply(app(name, appSpec("3600")), ns);
  }
  await converge(ns, apps);
  return apps;
}

export const appSpec = (sleepFor: string) => ({
  replicas: 3,
  main: { name: "main", image: "docker.io/library/busybox:1.35", command: ["sleep", sleepFor] },
});

/** Starts a rollout of every app (a new command) and waits until each has its first surge Pod. */
export async function startRollouts(ns: string, apps: Map<string, AppShape>, sleepFor: string): Promise<void> {
  for (const name of apps.keys()) await apply(app(name, appSpec(sleepFor)), ns);
  await waitFor("a surge Pod in every app", async () => {
    const pods = await kubectlJson<{ items: V1Pod[] }>(["get", "pods", "-n", ns, "-l", NAME]);
    return [...apps].every(
      ([name, shape]) =>
        pods.items.filter((p) => isLive(p) && p.metadata?.labels?.[NAME] === name).length === shape.replicas + 1,
    );
  });
}

export const succeeded = (code: string) => code.startsWith("2");
/** Requests that got no answer at all (connection refused or reset, timeout): code 0. */
export const unanswered = (code: string) => code === "0";

/**
 * Requests the operator has sent whose HTTP code passes `filter` (all by default): in total ("all"), by
 * verb ("list") and by verb and resource ("list/pods").
 */
export async function requestCounts(
  op: RunningOperator,
  filter: (code: string) => boolean = () => true,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const v of (await op.metrics.apiRequests.get()).values) {
    if (!filter(String(v.labels.code))) continue;
    for (const key of ["all", String(v.labels.verb), `${v.labels.verb}/${v.labels.resource}`]) {
      counts.set(key, (counts.get(key) ?? 0) + v.value);
    }
  }
  return counts;
}

export const delta = (after: Map<string, number>, before: Map<string, number>, key: string): number =>
  (after.get(key) ?? 0) - (before.get(key) ?? 0);

/** One line per case, the figures the fault matrix reports. */
export function report(fault: string, figures: Record<string, string | number>): void {
  const parts = Object.entries(figures).map(([k, v]) => `${k}=${typeof v === "number" ? v.toFixed(1) : v}`);
  console.log(`[fault matrix] ${fault}: ${parts.join(" ")}`);
}

export const seconds = (ms: number) => ms / 1000;
