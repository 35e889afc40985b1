// The dry-run gate on a full node: an app of two running Pods is changed into a revision that a
// LimitRange's max, or the namespace's Pod Security level `restricted`, refuses. The rollout does not
// start: the old Pods keep running (same Pods, no restart), the app reports Stalled/RolloutRejected
// with the server's message (kstatus: Failed) and a Warning Event; once the policy is relaxed the
// rollout proceeds and the app is Ready at the new revision (kstatus: Current).
import type { V1Pod } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installCrd } from "../support/crd.js";
import { kstatusInCluster } from "../support/kstatus.js";
import { apply, createNamespace, deleteNamespace, kubectl, requireCluster } from "../support/kubectl.js";
import { waitFor } from "../support/wait.js";
import { applyApp, conditionOf, getApp, podsOf, readyApp, webApp, type AppObject } from "./support/apps.js";
import { startOperatorFor, type OperatorUnderTest } from "./support/operator.js";

let limited: string;
let restricted: string;
let operator: OperatorUnderTest;

beforeAll(async () => {
  await requireCluster();
  await installCrd();
  limited = await createNamespace("e2e-gate-limits");
  restricted = await createNamespace("e2e-gate-pss");
  operator = await startOperatorFor([limited, restricted]);
});

afterAll(async () => {
  await operator?.stop();
  if (limited) await deleteNamespace(limited);
  if (restricted) await deleteNamespace(restricted);
});

const isReady = (p: V1Pod) => p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;

/** What must not change while a rollout is held: which Pods, running and ready, none restarted. */
const runningState = (pods: V1Pod[]) =>
  pods
    .map((p) => ({
      uid: p.metadata?.uid,
      phase: p.status?.phase,
      ready: isReady(p),
      restarts: (p.status?.containerStatuses ?? []).map((s) => s.restartCount),
    }))
    .sort((a, b) => String(a.uid).localeCompare(String(b.uid)));

interface Case {
  ns: string;
  name: string;
  /** The change the policy refuses, over webApp's spec. */
  change: (app: AppObject) => AppObject;
  enforce: () => Promise<unknown>;
  relax: () => Promise<unknown>;
  refusal: string;
}

async function heldWhileRunning(c: Case): Promise<void> {
  const first = webApp(c.ns, c.name, { replicas: 2 });
  await applyApp(first);
  await readyApp(c.ns, c.name);
  await c.enforce();
  const running = runningState(await podsOf(c.ns, c.name));
  expect(running.every((p) => p.phase === "Running" && p.ready)).toBe(true);

  await applyApp(c.change(first));
  const held = await waitFor(`${c.name}: Stalled/RolloutRejected`, async () => {
    const app = await getApp(c.ns, c.name);
    const stalled = conditionOf(app, "Stalled");
    return stalled?.reason === "RolloutRejected" && app.status?.observedGeneration === 2 && app;
  });
  expect(conditionOf(held, "Stalled")).toMatchObject({ status: "True" });
  expect(conditionOf(held, "Stalled")?.message).toContain(c.refusal);
  expect(held.status).toMatchObject({ replicas: 2, readyReplicas: 2, updatedReplicas: 0 });
  const kstatus = kstatusInCluster("compositeapps", c.name, c.ns);
  expect(kstatus.status).toBe("Failed");
  expect(kstatus.message).toContain(c.refusal);
  const events = await kubectl([
    ...["get", "events", "-n", c.ns, "-o", "jsonpath={.items[*].message}"],
    ...["--field-selector", `involvedObject.name=${c.name},type=Warning,reason=RolloutRejected`],
  ]);
  expect(events).toContain(c.refusal);
  expect(runningState(await podsOf(c.ns, c.name))).toEqual(running);

  const relaxed = performance.now();
  await c.relax();
  const done = await readyApp(c.ns, c.name);
  console.log(
    `${c.name}: policy relaxed -> Ready at the new revision in ${((performance.now() - relaxed) / 1000).toFixed(1)} s`,
  );
  expect(done.status?.updatedReplicas).toBe(2);
  const after = await podsOf(c.ns, c.name);
  expect(after.every((p) => p.metadata?.labels?.["compositeapp.io/revision"] === done.status?.revision)).toBe(true);
  expect(after.some((p) => running.some((r) => r.uid === p.metadata?.uid))).toBe(false);
  expect(kstatusInCluster("compositeapps", c.name, c.ns).status).toBe("Current");
}

/** The app with its main container changed by `edit`. */
const withMain = (app: AppObject, edit: Record<string, unknown>): AppObject => ({
  ...app,
  spec: { ...app.spec, main: { ...(app.spec.main as object), ...edit } },
});

describe("the dry-run gate before a rollout, on a full node", () => {
  it("keeps the Pods running while a LimitRange's max refuses the new revision, and rolls out once raised", async () => {
    const limitRange = (cpu: string) => ({
      apiVersion: "v1",
      kind: "LimitRange",
      metadata: { name: "max", namespace: limited },
      spec: { limits: [{ type: "Container", max: { cpu } }] },
    });
    await heldWhileRunning({
      ns: limited,
      name: "limits",
      change: (app) => withMain(app, { resources: { requests: { cpu: "10m", memory: "16Mi" }, limits: { cpu: "1" } } }),
      enforce: () => apply(limitRange("500m")),
      relax: () => apply(limitRange("2")),
      refusal: "maximum cpu usage per Container is 500m, but limit is 1",
    });
  });

  it("keeps the Pods running while Pod Security `restricted` refuses the new revision, and rolls out once relaxed", async () => {
    const label = (value: string) => kubectl(["label", "--overwrite", "namespace", restricted, value]);
    await heldWhileRunning({
      ns: restricted,
      name: "pss",
      change: (app) => ({ ...app, spec: { ...app.spec, pod: { terminationGracePeriodSeconds: 2 } } }),
      enforce: () => label("pod-security.kubernetes.io/enforce=restricted"),
      relax: () => label("pod-security.kubernetes.io/enforce-"),
      refusal: 'violates PodSecurity "restricted:latest"',
    });
  });
});
