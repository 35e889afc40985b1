// Every example runs in a namespace that enforces Pod Security "restricted": its objects applied
// there as written (the examples set securityProfile Restricted), its Pods admitted, started by
// the kubelet as a non-root user with a read-only root filesystem, and Ready. And a preset helper
// that listens on a port below 1024 starts there too (through the Pod's ip_unprivileged_port_start:
// NET_BIND_SERVICE does not reach a non-root process, which gets no ambient capabilities).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { V1Pod } from "@kubernetes/client-node";
import { loadAll } from "js-yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLES_DIR, exampleFiles } from "../support/fixtures.js";
import { apply, createNamespace, deleteNamespace, kubectl, requireCluster } from "../support/kubectl.js";
import { installCrd } from "../support/crd.js";
import { BUSYBOX, podsOf, readyApp } from "./support/apps.js";
import { startOperatorFor, type OperatorUnderTest } from "./support/operator.js";

type Obj = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } };

let ns = "";
let operator: OperatorUnderTest | undefined;

const objectsOf = (file: string): Obj[] =>
  (loadAll(readFileSync(join(EXAMPLES_DIR, file), "utf8")) as Obj[]).filter((o) => o !== null);

const EXAMPLE_APPS = exampleFiles().flatMap((file) =>
  objectsOf(file)
    .filter((o) => o.kind === "CompositeApp")
    .map((o) => [file, o.metadata.name] as const),
);

/** Every container of a Pod with the securityContext the kubelet ran it with. */
const containersOf = (pod: V1Pod) => [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];

beforeAll(async () => {
  await requireCluster();
  await installCrd();
  ns = await createNamespace("e2e-restricted");
  await kubectl(["label", "namespace", ns, "pod-security.kubernetes.io/enforce=restricted"]);
  operator = await startOperatorFor([ns]);
  // Applied all at once, so the Pods start side by side.
  for (const file of exampleFiles()) {
    for (const o of objectsOf(file)) await apply({ ...o, metadata: { ...o.metadata, namespace: ns } });
  }
});

afterAll(async () => {
  await operator?.stop();
  if (ns) await deleteNamespace(ns);
});

describe("examples in a namespace that enforces Pod Security restricted", () => {
  it("the namespace enforces it: a Pod as busybox runs it by default is refused", async () => {
    const refused = await kubectl([
      "run",
      "as-root",
      "-n",
      ns,
      `--image=${BUSYBOX}`,
      "--restart=Never",
      "--",
      "true",
    ]).then(
      () => "",
      (err: unknown) => String((err as Error).message),
    );
    expect(refused).toContain('violates PodSecurity "restricted:latest"');
  });

  it.each(EXAMPLE_APPS)(
    "%s: %s is Ready, every container non-root on a read-only root filesystem",
    async (_f, name) => {
      await readyApp(ns, name, 180_000);
      const [pod] = await podsOf(ns, name);
      expect(pod?.status?.phase).toBe("Running");
      expect(pod?.spec?.securityContext).toMatchObject({
        runAsNonRoot: true,
        seccompProfile: { type: "RuntimeDefault" },
      });
      for (const c of containersOf(pod!)) {
        expect(c.securityContext, c.name).toMatchObject({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ["ALL"] },
        });
      }
    },
  );

  it("a tcpProxy ambassador on port 80 starts as a non-root user without capabilities", async () => {
    await apply({
      apiVersion: "compositeapp.io/v1alpha1",
      kind: "CompositeApp",
      metadata: { name: "low-port", namespace: ns },
      spec: {
        securityProfile: "Restricted",
        main: {
          name: "app",
          image: BUSYBOX,
          imagePullPolicy: "IfNotPresent",
          command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"],
        },
        ambassadors: [{ name: "proxy", preset: { tcpProxy: { listenPort: 80, upstream: "kv-store:6379" } } }],
        pod: { terminationGracePeriodSeconds: 1 },
      },
    });
    await readyApp(ns, "low-port", 120_000);
    const [pod] = await podsOf(ns, "low-port");
    const proxy = containersOf(pod!).find((c) => c.name === "proxy");
    expect(proxy?.securityContext?.capabilities).toEqual({ drop: ["ALL"] });
    expect(proxy?.securityContext?.runAsUser).toBe(65534);
    expect(pod?.spec?.securityContext?.sysctls).toEqual([{ name: "net.ipv4.ip_unprivileged_port_start", value: "80" }]);
  });
});
