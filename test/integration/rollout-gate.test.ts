// The dry-run gate against the real API server's admission (no kubelet): an app rolled out, then
// changed into a revision that a LimitRange's max, or a namespace's Pod Security level `restricted`,
// refuses. The rollout does not start: the old Pods stay, the app reports Stalled/RolloutRejected with
// the server's message and a Warning Event, the retries (dry runs) write nothing, and once the policy
// is relaxed the rollout proceeds within the retry back-off. An app at rest sends no dry run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningOperator } from "../../src/controller/manager/manager.js";
import { GATE_RETRY_MAX_MS } from "../../src/controller/reconciler/rollout-gate.js";
import { waitFor } from "../support/wait.js";
import {
  app,
  apply,
  conditionOf,
  createNamespace,
  deleteNamespace,
  installCrd,
  kubectl,
  livePods,
  nudgeAndSettle,
  podsOf,
  requireCluster,
  settleReady,
  settled,
  startInProcess,
  statusOf,
  writesOf,
} from "./support.js";

let limited: string;
let restricted: string;
let op: RunningOperator;

beforeAll(async () => {
  await requireCluster();
  await installCrd();
  limited = await createNamespace("it-gate-limits");
  restricted = await createNamespace("it-gate-pss");
  op = await startInProcess(limited, { namespaces: [limited, restricted] });
});

afterAll(async () => {
  await op?.stop();
  if (limited) await deleteNamespace(limited);
  if (restricted) await deleteNamespace(restricted);
});

/** Dry runs the operator has sent so far (they are not writes: writesOf leaves them out). */
async function dryRunsOf(): Promise<number> {
  const metric = await op.metrics.apiRequests.get();
  return metric.values.filter((v) => v.labels.verb === "create-dryrun").reduce((sum, v) => sum + v.value, 0);
}

const main = (extra: Record<string, unknown> = {}) => ({
  name: "main",
  image: "docker.io/library/busybox:1.35",
  command: ["sleep", "3600"],
  ...extra,
});

const revisionOf = (p: { metadata?: { labels?: Record<string, string> } }) =>
  p.metadata?.labels?.["compositeapp.io/revision"];

interface Case {
  ns: string;
  name: string;
  /** The spec rolled out first, and the change the policy refuses. */
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  /** Puts the policy in force (after the first rollout), and relaxes it. */
  enforce: () => Promise<unknown>;
  relax: () => Promise<unknown>;
  refusal: string;
}

/** Rolls out, changes into a refused revision, checks the hold, relaxes the policy and sees the rollout through. */
async function heldThenRelaxed(c: Case): Promise<void> {
  const replicas = 2;
  await apply(app(c.name, { replicas, ...c.before }), c.ns);
  await settleReady(c.ns, c.name, replicas);
  await c.enforce();
  const old = livePods(await podsOf(c.ns, c.name));
  const oldRevision = revisionOf(old[0]!);
  const dryRunsBefore = await dryRunsOf();

  await apply(app(c.name, { replicas, ...c.after }), c.ns);
  const status = await waitFor("Stalled/RolloutRejected", async () => {
    const s = await statusOf(c.ns, c.name);
    return conditionOf(s, "Stalled")?.reason === "RolloutRejected" && s.observedGeneration === 2 && s;
  });
  const stalled = conditionOf(status, "Stalled")!;
  expect(stalled.status).toBe("True");
  expect(stalled.message).toContain(`rollout of revision ${status.revision} held`);
  expect(stalled.message).toContain(c.refusal);
  expect(conditionOf(status, "Progressing")).toMatchObject({ status: "False", reason: "RolloutRejected" });
  expect(conditionOf(status, "Reconciling")).toMatchObject({ status: "False", reason: "Stalled" });
  expect(status).toMatchObject({ replicas, readyReplicas: replicas, updatedReplicas: 0 });
  const warnings = await kubectl([
    ...["get", "events", "-n", c.ns, "-o", "jsonpath={.items[*].message}"],
    ...["--field-selector", `involvedObject.name=${c.name},type=Warning,reason=RolloutRejected`],
  ]);
  expect(warnings).toContain(c.refusal);

  // Held: the retries ask again (a dry run each) and change nothing, so they write nothing.
  await waitFor("a retry after the first refusal", async () => (await dryRunsOf()) >= dryRunsBefore + 2, 30_000, 100);
  const writes = await writesOf(op);
  const asked = await dryRunsOf();
  await waitFor("two more retries", async () => (await dryRunsOf()) >= asked + 2, 60_000, 100);
  expect(await writesOf(op)).toBe(writes);
  const held = livePods(await podsOf(c.ns, c.name));
  expect(held.map((p) => p.metadata?.uid).sort()).toEqual(old.map((p) => p.metadata?.uid).sort());
  expect(held.every((p) => revisionOf(p) === oldRevision)).toBe(true);

  const relaxed = performance.now();
  await c.relax();
  await waitFor(
    "the first Pod of the new revision",
    async () => (await podsOf(c.ns, c.name)).some((p) => revisionOf(p) === status.revision),
    2 * GATE_RETRY_MAX_MS + 20_000,
    100,
  );
  const seconds = (performance.now() - relaxed) / 1000;
  console.log(`${c.name}: policy relaxed -> first Pod of the new revision in ${seconds.toFixed(1)} s`);
  await settleReady(c.ns, c.name, replicas);
  const done = await statusOf(c.ns, c.name);
  expect(conditionOf(done, "Stalled")).toMatchObject({ status: "False" });
  expect(new Set(livePods(await podsOf(c.ns, c.name)).map(revisionOf))).toEqual(new Set([status.revision]));

  // At rest again: a reconcile sends no dry run.
  await settled(op);
  const atRest = await dryRunsOf();
  await nudgeAndSettle(op, c.ns, "compositeapp", c.name);
  expect(await dryRunsOf()).toBe(atRest);
}

describe("the dry-run gate before a rollout", () => {
  it("holds a revision over a LimitRange's max, keeps the old Pods, and rolls out once the max is raised", async () => {
    const limitRange = (cpu: string) => ({
      apiVersion: "v1",
      kind: "LimitRange",
      metadata: { name: "max" },
      spec: { limits: [{ type: "Container", max: { cpu } }] },
    });
    await heldThenRelaxed({
      ns: limited,
      name: "limits",
      before: { main: main({ resources: { limits: { cpu: "200m" } } }) },
      // A new command too: a CPU change alone is resized in place, which needs a kubelet to finish.
      after: { main: main({ command: ["sleep", "7200"], resources: { limits: { cpu: "1" } } }) },
      enforce: () => apply(limitRange("500m"), limited),
      relax: () => apply(limitRange("2"), limited),
      refusal: "maximum cpu usage per Container is 500m, but limit is 1",
    });
  }, 180_000);

  it("holds a revision a namespace's Pod Security level `restricted` refuses, and rolls out once relaxed", async () => {
    const label = (value: string) => ["label", "--overwrite", "namespace", restricted, value];
    await heldThenRelaxed({
      ns: restricted,
      name: "pss",
      before: { main: main() },
      after: { main: main({ command: ["sleep", "7200"] }) },
      enforce: () => kubectl(label("pod-security.kubernetes.io/enforce=restricted")),
      relax: () => kubectl(label("pod-security.kubernetes.io/enforce-")),
      refusal: 'violates PodSecurity "restricted:latest"',
    });
  }, 180_000);
});
