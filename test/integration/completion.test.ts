// A run to completion against the real API server (no kubelet: the test plays its part by ending
// the Pod through the status subresource): Complete, then not one more write, and a finished run
// is not rerun when its Pod is deleted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningOperator } from "../../src/controller/manager/manager.js";
import { waitFor } from "../support/wait.js";
import {
  app,
  apply,
  conditionOf,
  createNamespace,
  deleteNamespace,
  installCrd,
  kubectl,
  nudgeAndSettle,
  podsOf,
  reconcilesOf,
  requireCluster,
  settled,
  startInProcess,
  statusOf,
  writesOf,
} from "./support.js";

let ns: string;
let op: RunningOperator;

beforeAll(async () => {
  await requireCluster();
  await installCrd();
  ns = await createNamespace("it-completion");
  op = await startInProcess(ns);
});

afterAll(async () => {
  await op?.stop();
  if (ns) await deleteNamespace(ns);
});

/** What the kubelet reports once the main container has exited 0. */
async function succeed(pod: string): Promise<void> {
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  const status = {
    phase: "Succeeded",
    conditions: [{ type: "Ready", status: "False", reason: "PodCompleted", lastTransitionTime: now }],
    containerStatuses: [
      {
        name: "main",
        image: "docker.io/library/busybox:1.35",
        imageID: "",
        ready: false,
        restartCount: 0,
        state: { terminated: { exitCode: 0, reason: "Completed", startedAt: now, finishedAt: now } },
      },
    ],
  };
  await kubectl([
    "patch",
    "pod",
    pod,
    "-n",
    ns,
    "--subresource=status",
    "--type=merge",
    "-p",
    JSON.stringify({ status }),
  ]);
}

describe("a run to completion", () => {
  it("is Complete once its Pod succeeded, then makes no write, and is not rerun when the Pod is deleted", async () => {
    await apply(app("batch", { pod: { restartPolicy: "Never" } }), ns);
    const [pod] = await waitFor("a Pod", async () => {
      const p = await podsOf(ns, "batch");
      return p.length === 1 && p;
    });
    const name = pod!.metadata!.name!;
    await succeed(name);
    await waitFor("Complete", async () => conditionOf(await statusOf(ns, "batch"), "Complete")?.status === "True");
    expect(await statusOf(ns, "batch")).toMatchObject({ succeeded: 1, failed: 0, replicas: 0 });

    await settled(op);
    const writes = await writesOf(op);
    // Nudge the app and its Pod: both trigger reconciles that must find nothing to do.
    await nudgeAndSettle(op, ns, "compositeapp", "batch");
    await nudgeAndSettle(op, ns, "pod", name);
    expect(await writesOf(op)).toBe(writes);

    // The Pod was never scheduled, so the API server deletes it at once.
    const before = await reconcilesOf(op);
    await kubectl(["delete", "pod", name, "-n", ns]);
    await waitFor("a reconcile of the deletion", async () => (await reconcilesOf(op)) > before);
    await settled(op);
    expect(await podsOf(ns, "batch")).toEqual([]);
    const after = await statusOf(ns, "batch");
    expect(conditionOf(after, "Complete")).toMatchObject({ status: "True", reason: "CompletionsReached" });
    expect(after.succeeded).toBe(1);
  });
});
