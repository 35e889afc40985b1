// CompositeApps for the workload e2e tests: a small web server on busybox, and how to read one.
import type { V1Pod } from "@kubernetes/client-node";
import type { CompositeAppStatus } from "../../../src/api/compositeapp.js";
import { apply, kubectl, kubectlJson } from "../../support/kubectl.js";
import { waitFor } from "../../support/wait.js";

export const BUSYBOX = "docker.io/library/busybox:1.35";

export interface AppObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; generation?: number; managedFields?: unknown };
  spec: Record<string, unknown>;
  status?: CompositeAppStatus;
}

/** A web server answering on :8080, ready a moment after it starts (so starts can be watched). */
export function webApp(ns: string, name: string, spec: Record<string, unknown> = {}): AppObject {
  return {
    apiVersion: "compositeapp.io/v1alpha1",
    kind: "CompositeApp",
    metadata: { name, namespace: ns },
    spec: {
      replicas: 1,
      main: {
        name: "web",
        image: BUSYBOX,
        imagePullPolicy: "IfNotPresent",
        command: ["sh", "-c", "mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www"],
        ports: [{ containerPort: 8080 }],
        readinessProbe: { httpGet: { path: "/index.html", port: 8080 }, initialDelaySeconds: 2, periodSeconds: 1 },
        resources: { requests: { cpu: "10m", memory: "16Mi" } },
      },
      pod: { terminationGracePeriodSeconds: 1 },
      ...spec,
    },
  };
}

export const applyApp = (app: AppObject) => apply(app);

export async function getApp(ns: string, name: string): Promise<AppObject> {
  const app = await kubectlJson<AppObject>(["get", "compositeapp", name, "-n", ns]);
  delete app.metadata.managedFields;
  return app;
}

export const conditionOf = (app: AppObject, type: string) => app.status?.conditions?.find((c) => c.type === type);

/** Waits until the app is Ready=True at its current generation; the error carries what was seen. */
export async function readyApp(ns: string, name: string, timeoutMs = 120_000): Promise<AppObject> {
  let last: AppObject | undefined;
  try {
    return await waitFor(
      `CompositeApp ${name} to be Ready`,
      async () => {
        last = await getApp(ns, name);
        const ready = conditionOf(last, "Ready")?.status === "True";
        return ready && last.status?.observedGeneration === last.metadata.generation ? last : undefined;
      },
      timeoutMs,
      300,
    );
  } catch (err) {
    const pods = await kubectl(["describe", "pods", "-n", ns, "-l", `compositeapp.io/name=${name}`]).catch(() => "");
    throw new Error(`${(err as Error).message}\nlast seen: ${JSON.stringify(last?.status)}\n${pods}`, { cause: err });
  }
}

export async function podsOf(ns: string, name: string): Promise<V1Pod[]> {
  const list = await kubectlJson<{ items: V1Pod[] }>(["get", "pods", "-n", ns, "-l", `compositeapp.io/name=${name}`]);
  return list.items.filter((p) => !p.metadata?.deletionTimestamp);
}
