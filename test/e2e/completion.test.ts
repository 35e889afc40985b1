// Run to completion on a full node: an app whose Pods run to completion (pod.restartPolicy Never)
// ends Complete with its native sidecars stopped after the main container and reported as stopped
// (the log shipper has shipped the result), or, with a main container that fails, ends Failed after
// backoffLimit + 1 Pods, the retry waiting out the Job controller's 10 s back-off. kstatus and the
// Argo CD check read both. COMPOSITEAPP_RECORD_HEALTH_FIXTURES=1 writes what they saw to
// test/unit/argocd/fixtures.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { V1Pod } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { argoHealthOf } from "../support/argocd-health.js";
import { installCrd } from "../support/crd.js";
import { kstatusInCluster, kstatusOf } from "../support/kstatus.js";
import { createNamespace, deleteNamespace, kubectl, kubectlJson, requireCluster } from "../support/kubectl.js";
import { waitFor } from "../support/wait.js";
import { BUSYBOX, applyApp, conditionOf, getApp, type AppObject } from "./support/apps.js";
import { startOperatorFor, type OperatorUnderTest } from "./support/operator.js";

const FIXTURES = join(import.meta.dirname, "..", "unit", "argocd", "fixtures");

let ns: string;
let operator: OperatorUnderTest;

beforeAll(async () => {
  await requireCluster();
  await installCrd();
  ns = await createNamespace("e2e-completion");
  operator = await startOperatorFor([ns]);
});

afterAll(async () => {
  await operator?.stop();
  if (ns) await deleteNamespace(ns);
});

function record(fixture: string, app: AppObject): void {
  if (process.env.COMPOSITEAPP_RECORD_HEALTH_FIXTURES !== "1") return;
  const { name, generation } = app.metadata;
  const object = { ...app, metadata: { name, namespace: "default", generation } };
  writeFileSync(join(FIXTURES, `${fixture}.json`), `${JSON.stringify(object, null, 2)}\n`);
}

/** A run-to-completion app: `script` is the main container's, on busybox, with a log volume. */
function batchApp(name: string, script: string, spec: Record<string, unknown> = {}): AppObject {
  return {
    apiVersion: "compositeapp.io/v1alpha1",
    kind: "CompositeApp",
    metadata: { name, namespace: ns },
    spec: {
      volumes: [{ name: "logs", emptyDir: {} }],
      main: {
        name: "work",
        image: BUSYBOX,
        imagePullPolicy: "IfNotPresent",
        command: ["sh", "-c", script],
        volumeMounts: [{ name: "logs", mountPath: "/var/log/app" }],
        resources: { requests: { cpu: "10m", memory: "16Mi" } },
      },
      pod: { restartPolicy: "Never", terminationGracePeriodSeconds: 5 },
      ...spec,
    },
  };
}

/** Waits until the app reports `type=True` at its current generation; the error carries what was seen. */
async function untilCondition(name: string, type: string, timeoutMs: number): Promise<AppObject> {
  let last: AppObject | undefined;
  try {
    return await waitFor(
      `CompositeApp ${name} to be ${type}`,
      async () => {
        last = await getApp(ns, name);
        const observed = last.status?.observedGeneration === last.metadata.generation;
        return observed && conditionOf(last, type)?.status === "True" ? last : undefined;
      },
      timeoutMs,
      200,
    );
  } catch (err) {
    const pods = await kubectl(["describe", "pods", "-n", ns, "-l", `compositeapp.io/name=${name}`]).catch(() => "");
    throw new Error(
      `${(err as Error).message}\nlast seen: ${JSON.stringify(last?.status)}\n${pods}\noperator log: ${operator.log}`,
      { cause: err },
    );
  }
}

const podsOf = async (name: string): Promise<V1Pod[]> =>
  (await kubectlJson<{ items: V1Pod[] }>(["get", "pods", "-n", ns, "-l", `compositeapp.io/name=${name}`])).items;

describe("run to completion", () => {
  it("a main container that writes a result and exits 0, with a log shipper: Complete, the line shipped", async () => {
    const app = batchApp("report", "echo 'result: 42' >> /var/log/app/result.log; sleep 3", {
      sidecars: [
        {
          name: "log-shipper",
          preset: { logShipper: { volume: "logs", mountPath: "/var/log/app", files: ["result.log"] } },
        },
        // Exits 143 on SIGTERM, as the JVM and many runtimes do: a stop, not a failure.
        {
          name: "heartbeat",
          image: BUSYBOX,
          imagePullPolicy: "IfNotPresent",
          command: ["sh", "-c", "trap 'exit 143' TERM; while true; do sleep 1; done"],
        },
      ],
    });
    await applyApp(app);
    const done = await untilCondition("report", "Complete", 120_000);

    expect(conditionOf(done, "Complete")).toMatchObject({ reason: "CompletionsReached" });
    expect(conditionOf(done, "Ready")).toMatchObject({ status: "True", reason: "CompletionsReached" });
    expect(conditionOf(done, "Degraded")).toMatchObject({ status: "False" });
    expect(conditionOf(done, "Failed")).toMatchObject({ status: "False" });
    expect(done.status).toMatchObject({ succeeded: 1, failed: 0, replicas: 0 });

    const pods = await podsOf("report");
    expect(pods.map((p) => p.status?.phase)).toEqual(["Succeeded"]);
    const pod = pods[0]!.metadata!.name!;
    expect(await kubectl(["logs", pod, "-n", ns, "-c", "log-shipper"])).toContain("result: 42");

    const containers = done.status?.pods?.[0]?.containers ?? [];
    expect(containers.find((c) => c.name === "work")).toMatchObject({ role: "main", state: "terminated: Completed" });
    expect(containers.find((c) => c.name === "heartbeat")).toMatchObject({
      role: "sidecar",
      state: "terminated: Stopped (exit 143, SIGTERM at Pod termination)",
    });
    // The kubelet itself calls the 143 an Error: the status is what says it is normal.
    const heartbeat = pods[0]!.status?.initContainerStatuses?.find((s) => s.name === "heartbeat");
    expect(heartbeat?.state?.terminated).toMatchObject({ exitCode: 143 });

    expect(kstatusOf(done).status).toBe("Current");
    expect(kstatusInCluster("compositeapps", "report", ns).status).toBe("Current");
    expect(argoHealthOf(done).status).toBe("Healthy");
    record("run-complete", done);

    // Nothing is replaced or rerun: still the one Pod.
    expect((await podsOf("report")).map((p) => p.metadata?.name)).toEqual([pod]);
  });

  it("a main container that exits 1 with backoffLimit 1: Failed after two Pods, the second after the back-off", async () => {
    await applyApp(batchApp("broken", "echo 'cannot work' >&2; exit 1", { backoffLimit: 1 }));

    const backingOff = await waitFor(
      "the first Pod to fail and the app to wait out its back-off",
      async () => {
        const app = await getApp(ns, "broken");
        return conditionOf(app, "Reconciling")?.reason === "BackOff" ? app : undefined;
      },
      120_000,
    );
    expect(kstatusOf(backingOff).status).toBe("InProgress");
    expect(argoHealthOf(backingOff).status).toBe("Progressing");
    expect(backingOff.status).toMatchObject({ failed: 1, succeeded: 0 });
    record("run-backoff", backingOff);

    const failed = await untilCondition("broken", "Failed", 180_000);
    expect(conditionOf(failed, "Failed")).toMatchObject({ reason: "BackoffLimitExceeded" });
    expect(conditionOf(failed, "Failed")?.message).toContain("container work exited with code 1");
    expect(conditionOf(failed, "Stalled")).toMatchObject({ status: "True", reason: "BackoffLimitExceeded" });
    expect(conditionOf(failed, "Ready")).toMatchObject({ status: "False" });
    expect(failed.status).toMatchObject({ failed: 2, succeeded: 0 });

    const pods = (await podsOf("broken")).sort((a, b) => a.metadata!.name!.localeCompare(b.metadata!.name!));
    expect(pods.map((p) => p.status?.phase)).toEqual(["Failed", "Failed"]);
    const [first, second] = pods as [V1Pod, V1Pod];
    expect(second.metadata?.name).toBe(`${first.metadata?.name}-1`);
    // The retry came after the 10 s back-off from the first failure (timestamps are whole seconds).
    const firstFinished = new Date(
      first.status?.containerStatuses?.[0]?.state?.terminated?.finishedAt as unknown as string,
    ).getTime();
    const secondCreated = new Date(second.metadata?.creationTimestamp as unknown as string).getTime();
    expect(secondCreated - firstFinished).toBeGreaterThanOrEqual(9_000);

    expect(kstatusOf(failed).status).toBe("Failed");
    expect(kstatusInCluster("compositeapps", "broken", ns).status).toBe("Failed");
    expect(argoHealthOf(failed)).toMatchObject({ status: "Degraded" });
    record("run-failed", failed);
    expect(await podsOf("broken")).toHaveLength(2);
  });
});
