/**
 * The seed scenario of the Pod as the unit of scheduling, run literally: two nodes whose
 * allocatable memory is 3Gi and 2.5Gi, and the tightly-coupled example's three 1Gi containers.
 * The scheduler places the whole Pod (3Gi) on the 3Gi node, never one container here and two
 * there; a fourth 1Gi container makes a Pod no node can take, and the app's status says so with
 * the scheduler's own message.
 *
 * The two nodes are the local cluster's KWOK nodes (docs/adr/0005-second-node.md): tainted so that
 * no other Pod lands there, and labelled type=kwok. Only this scenario tolerates the taint and
 * selects them, so the real node (which has far more memory) takes no part.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { V1Node, V1Pod } from "@kubernetes/client-node";
import { load } from "js-yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CompositeAppStatus } from "../../src/api/compositeapp.js";
import { apply, createNamespace, deleteNamespace, kubectlJson, requireCluster } from "../support/kubectl.js";
import { installCrd } from "../support/crd.js";
import { waitFor } from "../support/wait.js";
import { startOperatorFor, type OperatorUnderTest } from "./support/operator.js";

const ROOT = join(import.meta.dirname, "..", "..");
const APP = "tightly-coupled";

interface Container {
  name: string;
  resources?: { requests?: Record<string, string> };
}
interface App {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  spec: { main: Container; sidecars: Container[]; pod?: Record<string, unknown> };
}

let ns: string;
let operator: OperatorUnderTest;

/** The example as written, placed on the scenario's two nodes (and only there). */
function scenarioApp(extraContainers: Container[] = []): App {
  const app = load(readFileSync(join(ROOT, "examples", "tightly-coupled.yaml"), "utf8")) as App;
  return {
    ...app,
    metadata: { ...app.metadata, namespace: ns },
    spec: {
      ...app.spec,
      sidecars: [...app.spec.sidecars, ...extraContainers],
      pod: {
        ...app.spec.pod,
        nodeSelector: { type: "kwok" },
        tolerations: [{ key: "kwok.x-k8s.io/node", operator: "Exists", effect: "NoSchedule" }],
      },
    },
  };
}

const statusOf = async (): Promise<CompositeAppStatus> =>
  (await kubectlJson<{ status?: CompositeAppStatus }>(["get", "compositeapp", APP, "-n", ns])).status ?? {};

const podsOf = async (): Promise<V1Pod[]> =>
  (await kubectlJson<{ items: V1Pod[] }>(["get", "pods", "-n", ns, "-l", `compositeapp.io/name=${APP}`])).items;

const memoryOf = (node: V1Node) => node.status?.allocatable?.memory ?? "";

async function scenarioNodes(): Promise<V1Node[]> {
  return (await kubectlJson<{ items: V1Node[] }>(["get", "nodes", "-l", "type=kwok"])).items;
}

beforeAll(async () => {
  await requireCluster();
  await installCrd();
  ns = await createNamespace("e2e-scheduling");
  operator = await startOperatorFor([ns]);
});

afterAll(async () => {
  await operator?.stop();
  if (ns) await deleteNamespace(ns);
});

describe("the Pod is the unit of scheduling: 3Gi and 2.5Gi nodes, containers of 1Gi", () => {
  it("has the scenario's two nodes, Ready, with 3Gi and 2.5Gi of allocatable memory", async () => {
    const nodes = await scenarioNodes();
    expect(nodes.map(memoryOf).sort()).toEqual(["2560Mi", "3Gi"]);
    for (const n of nodes)
      expect(n.status?.conditions?.find((c) => c.type === "Ready")?.status, n.metadata?.name).toBe("True");
  });

  it("places the three 1Gi containers together on the 3Gi node", async () => {
    await apply(scenarioApp());
    const status = await waitFor(
      "the app to be Ready",
      async () => {
        const s = await statusOf();
        return s.conditions?.some((c) => c.type === "Ready" && c.status === "True") ? s : undefined;
      },
      120_000,
      500,
    );
    expect(status.effectiveResources?.requests?.memory).toBe("3Gi");
    const [pod, ...others] = await podsOf();
    expect(others).toEqual([]);
    expect(pod?.spec?.containers.map((c) => c.name)).toEqual(["frontend", "cache", "indexer"]);
    const node = (await scenarioNodes()).find((n) => n.metadata?.name === pod?.spec?.nodeName);
    expect(node && memoryOf(node)).toBe("3Gi");
  });

  it("reports a Pod of four 1Gi containers as unschedulable, with the scheduler's message", async () => {
    await apply(scenarioApp([{ ...scenarioApp().spec.sidecars[0]!, name: "fourth" }]));
    const degraded = await waitFor(
      "Degraded=True with reason Unschedulable",
      async () => {
        const s = await statusOf();
        const c = s.conditions?.find((x) => x.type === "Degraded");
        return c?.status === "True" && c.reason === "Unschedulable" ? { status: s, condition: c } : undefined;
      },
      120_000,
      500,
    );
    expect(degraded.status.effectiveResources?.requests?.memory).toBe("4Gi");
    // The Pod of the new revision: no node, and the scheduler's reason, word for word, in the status.
    const pending = (await podsOf()).find((p) => !p.spec?.nodeName);
    const scheduled = pending?.status?.conditions?.find((c) => c.type === "PodScheduled");
    expect(scheduled).toMatchObject({ status: "False", reason: "Unschedulable" });
    expect(scheduled?.message).toMatch(/^0\/\d+ nodes are available: .*2 Insufficient memory/);
    expect(degraded.condition.message).toBe(
      `Pod ${pending?.metadata?.name} cannot be scheduled: ${scheduled?.message}`,
    );
    const ready = degraded.status.conditions?.find((c) => c.type === "Ready");
    expect(ready?.status).toBe("False");
  });
});
