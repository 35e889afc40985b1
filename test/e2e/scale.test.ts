// The scale subresource on a full node: `kubectl scale` sets the replicas and real Pods follow,
// and a HorizontalPodAutoscaler made by `kubectl autoscale` reads the app through /scale.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installCrd } from "../support/crd.js";
import { createNamespace, deleteNamespace, kubectl, kubectlJson, requireCluster } from "../support/kubectl.js";
import { waitFor } from "../support/wait.js";
import { applyApp, podsOf, readyApp, webApp } from "./support/apps.js";
import { startOperatorFor, type OperatorUnderTest } from "./support/operator.js";

interface Scale {
  spec: { replicas: number };
  status: { replicas: number; selector?: string };
}
interface Hpa {
  status?: { conditions?: { type: string; status: string; reason?: string; message?: string }[] };
}

let ns: string;
let operator: OperatorUnderTest;

beforeAll(async () => {
  await requireCluster();
  await installCrd();
  ns = await createNamespace("e2e-scale");
  operator = await startOperatorFor([ns]);
});

afterAll(async () => {
  await operator?.stop();
  if (ns) await deleteNamespace(ns);
});

const isReady = (p: Awaited<ReturnType<typeof podsOf>>[number]) =>
  p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;

describe("scale subresource", () => {
  it("kubectl scale --replicas=3 gives three ready Pods", async () => {
    await applyApp(webApp(ns, "scaled"));
    await readyApp(ns, "scaled");
    await kubectl(["scale", "compositeapp/scaled", "--replicas=3", "-n", ns]);
    const app = await readyApp(ns, "scaled");
    expect(app.spec.replicas).toBe(3);
    expect(app.status).toMatchObject({ replicas: 3, readyReplicas: 3, selector: "compositeapp.io/name=scaled" });
    const pods = await podsOf(ns, "scaled");
    expect(pods.filter(isReady).map((p) => p.metadata?.labels?.["compositeapp.io/slot"])).toEqual(
      expect.arrayContaining(["0", "1", "2"]),
    );
    expect(pods).toHaveLength(3);
    const scale = await kubectlJson<Scale>(["get", "compositeapp", "scaled", "--subresource=scale", "-n", ns]);
    expect(scale).toMatchObject({
      spec: { replicas: 3 },
      status: { replicas: 3, selector: "compositeapp.io/name=scaled" },
    });
  });

  it("kubectl autoscale makes an HPA that can scale the app (AbleToScale=True)", async () => {
    await applyApp(webApp(ns, "autoscaled"));
    await readyApp(ns, "autoscaled");
    await kubectl(["autoscale", "compositeapp", "autoscaled", "--min=2", "--max=4", "--cpu-percent=50", "-n", ns]);
    const able = await waitFor(
      "the HPA's AbleToScale condition",
      async () => {
        const hpa = await kubectlJson<Hpa>(["get", "hpa", "autoscaled", "-n", ns]);
        return hpa.status?.conditions?.find((c) => c.type === "AbleToScale");
      },
      120_000,
      500,
    );
    expect(able).toMatchObject({ status: "True" });
    // Below its minimum, the HPA scales the app up through /scale, and the operator follows.
    const app = await waitFor(
      "the HPA to raise the app to its minimum of 2",
      async () => {
        const a = await readyApp(ns, "autoscaled");
        return a.spec.replicas === 2 ? a : undefined;
      },
      120_000,
      1000,
    );
    expect(app.status).toMatchObject({ replicas: 2, readyReplicas: 2 });
  });
});
