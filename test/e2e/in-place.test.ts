// In-place updates on a full node: a helper's new image restarts only that helper in the same Pod;
// a CPU change of a sidecar and of main is resized into the running containers' cgroups with no
// restart; a resize the node reports Infeasible, and a change that needs a new Pod, still roll the
// Pods. Prints, for a sidecar image bump on an app with 3 replicas, how long it took and the main
// containers' restarts before and after.
import type { V1ContainerStatus, V1Pod } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installCrd } from "../support/crd.js";
import { createNamespace, deleteNamespace, kubectl, requireCluster } from "../support/kubectl.js";
import { waitFor } from "../support/wait.js";
import { BUSYBOX, applyApp, podsOf, readyApp, webApp, type AppObject } from "./support/apps.js";
import { startOperatorFor, type OperatorUnderTest } from "./support/operator.js";

/** The same busybox under a second tag with its own image ID (hack/cluster/up.sh imports it). */
const BUSYBOX_ALT = "docker.io/library/busybox:1.35-alt";

let ns: string;
let operator: OperatorUnderTest;

beforeAll(async () => {
  await requireCluster();
  await installCrd();
  ns = await createNamespace("e2e-inplace");
  operator = await startOperatorFor([ns]);
});

afterAll(async () => {
  await operator?.stop();
  if (ns) await deleteNamespace(ns);
});

/** A web app with a log-shipping sidecar, both with a CPU limit (so cpu quota is set in their cgroups). */
function appWith(name: string, o: { replicas?: number; sidecarImage?: string; cpu?: string; mainCpu?: string }) {
  const base = webApp(ns, name);
  const main = base.spec.main as Record<string, unknown>;
  return webApp(ns, name, {
    replicas: o.replicas ?? 1,
    main: {
      ...main,
      resources: { requests: { cpu: "10m", memory: "16Mi" }, limits: { cpu: o.mainCpu ?? "100m", memory: "64Mi" } },
    },
    sidecars: [
      {
        name: "log",
        image: o.sidecarImage ?? BUSYBOX,
        imagePullPolicy: "IfNotPresent",
        command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"],
        resources: { requests: { cpu: "10m", memory: "16Mi" }, limits: { cpu: o.cpu ?? "100m", memory: "32Mi" } },
      },
    ],
  });
}

const statusOf = (pod: V1Pod, name: string): V1ContainerStatus | undefined =>
  [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].find((s) => s.name === name);

/** Applies the app and waits until it is Ready at that generation with every Pod updated. */
async function rollTo(app: AppObject): Promise<AppObject> {
  await applyApp(app);
  const replicas = (app.spec.replicas as number | undefined) ?? 1;
  return waitFor(
    `${app.metadata.name} to be Ready with ${replicas} updated Pods`,
    async () => {
      const seen = await readyApp(ns, app.metadata.name);
      return seen.status?.updatedReplicas === replicas && seen.status.replicas === replicas ? seen : undefined;
    },
    180_000,
    300,
  );
}

/** The CPU limit a container's cgroup enforces, in millicores ("max" when none), cgroup v2 or v1. */
async function cgroupCpuLimit(pod: string, container: string): Promise<string> {
  const script =
    "if [ -f /sys/fs/cgroup/cpu.max ]; then cat /sys/fs/cgroup/cpu.max; " +
    "else echo $(cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us) $(cat /sys/fs/cgroup/cpu/cpu.cfs_period_us); fi";
  const out = await kubectl(["exec", "-n", ns, pod, "-c", container, "--", "sh", "-c", script]);
  const [quota, period] = out.trim().split(/\s+/);
  if (quota === "max" || quota === "-1") return "max";
  return `${Math.round((Number(quota) / Number(period)) * 1000)}m`;
}

const hasCondition = (pod: V1Pod | undefined, type: string, status: string, reason?: string): boolean =>
  pod?.status?.conditions?.some((c) => c.type === type && c.status === status && (!reason || c.reason === reason)) ??
  false;

const onlyPod = async (name: string): Promise<V1Pod> => {
  const pods = await podsOf(ns, name);
  expect(pods).toHaveLength(1);
  return pods[0]!;
};

describe("in-place updates", () => {
  it("a helper's new image restarts only that helper, in the same Pod", async () => {
    await rollTo(appWith("image", {}));
    const before = await onlyPod("image");
    const [web, log] = [statusOf(before, "web")!, statusOf(before, "log")!];

    const app = await rollTo(appWith("image", { sidecarImage: BUSYBOX_ALT }));
    const after = await onlyPod("image");
    expect(after.metadata?.uid).toBe(before.metadata?.uid);
    expect(after.metadata?.name).toBe(before.metadata?.name);
    expect(after.metadata?.labels?.["compositeapp.io/revision"]).toBe(app.status?.revision);
    expect(statusOf(after, "web")).toMatchObject({ containerID: web.containerID, restartCount: web.restartCount });
    const newLog = statusOf(after, "log")!;
    expect(newLog.containerID).not.toBe(log.containerID);
    expect(newLog.restartCount).toBe(log.restartCount + 1);
    const variant = await kubectl([
      "exec",
      "-n",
      ns,
      after.metadata!.name!,
      "-c",
      "log",
      "--",
      "cat",
      "/etc/image-variant",
    ]);
    expect(variant.trim()).toBe(BUSYBOX_ALT);
    expect(after.status?.observedGeneration).toBe(after.metadata?.generation);
  });

  it("a CPU change of a sidecar and of main is resized into their cgroups with no restart", async () => {
    await rollTo(appWith("resize", {}));
    const before = await onlyPod("resize");
    const name = before.metadata!.name!;
    expect(await cgroupCpuLimit(name, "log")).toBe("100m");
    expect(await cgroupCpuLimit(name, "web")).toBe("100m");

    await rollTo(appWith("resize", { cpu: "200m", mainCpu: "300m" }));
    const after = await onlyPod("resize");
    expect(after.metadata?.uid).toBe(before.metadata?.uid);
    for (const c of ["web", "log"]) {
      const [was, is] = [statusOf(before, c)!, statusOf(after, c)!];
      expect(is, c).toMatchObject({ containerID: was.containerID, restartCount: was.restartCount });
    }
    expect(statusOf(after, "log")?.resources?.limits).toMatchObject({ cpu: "200m" });
    expect(statusOf(after, "web")?.resources?.limits).toMatchObject({ cpu: "300m" });
    expect(await cgroupCpuLimit(name, "log")).toBe("200m");
    expect(await cgroupCpuLimit(name, "web")).toBe("300m");
  });

  it("a resize the node can never fit is rolled out as a new Pod, and the old one keeps serving", async () => {
    await rollTo(appWith("infeasible", {}));
    const before = await onlyPod("infeasible");
    // The sidecar asks for more CPU than the node has: the API server takes the resize (the QoS
    // class stays Burstable), the kubelet reports it Infeasible, and only a new Pod could have it.
    const app = appWith("infeasible", {});
    const [sidecar] = app.spec.sidecars as Record<string, unknown>[];
    sidecar!.resources = { requests: { cpu: "64", memory: "16Mi" }, limits: { cpu: "64", memory: "32Mi" } };
    await applyApp(app);
    const { old, surge } = await waitFor(
      "the resize reported Infeasible and a new Pod created beside the old one",
      async () => {
        const pods = await podsOf(ns, "infeasible");
        const old = pods.find((p) => p.metadata?.uid === before.metadata?.uid);
        const surge = pods.find((p) => p.metadata?.uid !== before.metadata?.uid);
        const infeasible = hasCondition(old, "PodResizePending", "True", "Infeasible");
        const unschedulable = hasCondition(surge, "PodScheduled", "False", "Unschedulable");
        return infeasible && unschedulable ? { old: old!, surge: surge! } : undefined;
      },
      120_000,
      300,
    );
    // maxUnavailable 0: the old Pod runs on, with the resources it had, until a new one is Ready.
    expect(hasCondition(old, "Ready", "True")).toBe(true);
    expect(old.metadata?.deletionTimestamp).toBeUndefined();
    expect(statusOf(old, "log")?.resources?.requests).toMatchObject({ cpu: "10m" });
    expect(statusOf(old, "log")?.restartCount).toBe(statusOf(before, "log")?.restartCount);
    const log =
      surge.spec?.initContainers?.find((c) => c.name === "log") ?? surge.spec?.containers.find((c) => c.name === "log");
    expect(log?.resources?.requests).toMatchObject({ cpu: "64" });
    // Frees the node of both Pods before the next test.
    await kubectl(["delete", "compositeapp", "infeasible", "-n", ns, "--cascade=foreground", "--wait=true"]);
  });

  it("a change that needs a new Pod still replaces the Pod", async () => {
    await rollTo(appWith("replace", {}));
    const before = await onlyPod("replace");
    const app = appWith("replace", {});
    const main = app.spec.main as Record<string, unknown>;
    app.spec.main = { ...main, env: [{ name: "GREETING", value: "hello" }] };
    await rollTo(app);
    const after = await onlyPod("replace");
    expect(after.metadata?.uid).not.toBe(before.metadata?.uid);
    expect(after.metadata?.name).not.toBe(before.metadata?.name);
    expect(after.spec?.containers.find((c) => c.name === "web")?.env).toEqual([{ name: "GREETING", value: "hello" }]);
  });

  it("a sidecar image bump on 3 replicas: time to complete and main-container restarts", async () => {
    await rollTo(appWith("three", { replicas: 3 }));
    const mainRestarts = (pods: V1Pod[]) => pods.reduce((n, p) => n + (statusOf(p, "web")?.restartCount ?? 0), 0);
    const before = await podsOf(ns, "three");
    const started = performance.now();
    await rollTo(appWith("three", { replicas: 3, sidecarImage: BUSYBOX_ALT }));
    const seconds = (performance.now() - started) / 1000;
    const after = await podsOf(ns, "three");
    console.log(
      `in-place sidecar image bump, 3 replicas: ${seconds.toFixed(1)} s to Ready with 3 updated; ` +
        `main restarts before ${mainRestarts(before)}, after ${mainRestarts(after)}; ` +
        `Pods kept ${after.filter((p) => before.some((b) => b.metadata?.uid === p.metadata?.uid)).length}/3`,
    );
    expect(after.map((p) => p.metadata?.uid).sort()).toEqual(before.map((p) => p.metadata?.uid).sort());
    expect(mainRestarts(after)).toBe(mainRestarts(before));
    for (const p of after) expect(statusOf(p, "log")?.image).toBe(BUSYBOX_ALT);
  });
});
