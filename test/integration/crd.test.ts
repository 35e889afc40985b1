// The CRD on the real API server: accepted, and enforcing the cross-field rules at apply time.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { KubectlError } from "../support/kubectl.js";
import { app, installCrd, kubectl, requireCluster } from "./support.js";

const EXAMPLES = join(import.meta.dirname, "..", "..", "examples");

/** Server-side dry run of one object: resolves with the server's message, "" when accepted. */
async function serverVerdict(obj: object): Promise<string> {
  try {
    await kubectl(["apply", "--dry-run=server", "-n", "default", "-f", "-"], { input: JSON.stringify(obj) });
    return "";
  } catch (err) {
    if (err instanceof KubectlError) return err.stderr;
    throw err;
  }
}

const busy = { image: "docker.io/library/busybox:1.35" };

describe("the CompositeApp CRD on the API server", () => {
  beforeAll(async () => {
    await requireCluster();
    await installCrd();
  });

  it("is established and accepts every example", async () => {
    for (const file of readdirSync(EXAMPLES).filter((f) => f.endsWith(".yaml"))) {
      const out = await kubectl(["apply", "--dry-run=server", "-n", "default", "-f", join(EXAMPLES, file)]);
      expect(out).toContain("(server dry run)");
    }
    expect(readFileSync(join(EXAMPLES, "ambassador.yaml"), "utf8")).toContain("kind: CompositeApp");
  });

  it("accepts two containers that only declare one port, as the API server accepts such a Pod", async () => {
    const declaredTwice = {
      apiVersion: "compositeapp.io/v1alpha1",
      kind: "CompositeApp",
      metadata: { name: "declared-twice" },
      spec: {
        main: { name: "web", ...busy, ports: [{ containerPort: 8080 }] },
        sidecars: [{ name: "admin", ...busy, ports: [{ containerPort: 8080 }] }],
      },
    };
    const out = await kubectl(["apply", "--dry-run=server", "-n", "default", "-f", "-"], {
      input: JSON.stringify(declaredTwice),
    });
    expect(out).toContain("(server dry run)");
  });

  it.each([
    [
      "an ambassador preset binding the main container's port",
      {
        main: { name: "web", ...busy, ports: [{ containerPort: 6379 }] },
        ambassadors: [{ name: "p", preset: { tcpProxy: { listenPort: 6379, upstream: "db:6379" } } }],
      },
      "spec.ambassadors: Invalid value",
      "already used by spec.main",
    ],
    [
      "two tcpProxies on one port",
      {
        main: { name: "web", ...busy },
        ambassadors: [
          { name: "a", preset: { tcpProxy: { listenPort: 9, upstream: "db:9" } } },
          { name: "b", preset: { tcpProxy: { listenPort: 9, upstream: "db:9" } } },
        ],
      },
      "spec.ambassadors: Invalid value",
      "already used by another container of spec.ambassadors",
    ],
    [
      "a helper named like the main container",
      { main: { name: "web", ...busy }, adapters: [{ name: "web", ...busy }] },
      "spec.adapters: Invalid value",
      "container names must be unique",
    ],
    [
      "two sidecars of one name",
      {
        main: { name: "web", ...busy },
        sidecars: [
          { name: "s", ...busy },
          { name: "s", ...busy },
        ],
      },
      'spec.sidecars[1]: Duplicate value: map[string]interface {}{"name":"s"}',
      "",
    ],
    [
      "a mount of an undeclared volume",
      { main: { name: "web", ...busy, volumeMounts: [{ name: "nope", mountPath: "/x" }] } },
      "spec.main: Invalid value",
      "every volumeMounts[].name must name a volume declared in spec.volumes",
    ],
    [
      "a preset reading an undeclared volume",
      {
        main: { name: "web", ...busy },
        sidecars: [{ name: "ship", preset: { logShipper: { volume: "logs", files: ["a.log"] } } }],
      },
      "spec.sidecars: Invalid value",
      "preset logShipper reads a volume that is not declared in spec.volumes",
    ],
    [
      "a helper with neither image nor preset",
      { main: { name: "web", ...busy }, sidecars: [{ name: "s" }] },
      "spec.sidecars[0]: Required value",
      "image is required unless a preset is set",
    ],
    [
      "a volume with two sources",
      { main: { name: "web", ...busy }, volumes: [{ name: "v", emptyDir: {}, hostPath: { path: "/x" } }] },
      "spec.volumes[0]: Invalid value",
      "a volume must set at most one source (none means emptyDir)",
    ],
    [
      "a typo deep in a container's securityContext",
      { main: { name: "web", ...busy, securityContext: { privilged: true } } },
      'unknown field "spec.main.securityContext.privilged"',
      "",
    ],
    [
      "restartPolicy on the main container",
      { main: { name: "web", ...busy, restartPolicy: "Always" } },
      "spec.main.restartPolicy: Forbidden",
      "restartPolicy is not allowed on the main container",
    ],
    [
      "a probe on an init container",
      {
        main: { name: "web", ...busy },
        initContainers: [{ name: "i", ...busy, startupProbe: { exec: { command: ["true"] } } }],
      },
      "spec.initContainers[0].startupProbe: Forbidden",
      "startupProbe is not allowed on an init container",
    ],
    [
      "an image pull policy upstream does not know",
      { main: { name: "web", ...busy, imagePullPolicy: "Sometimes" } },
      'spec.main.imagePullPolicy: Unsupported value: "Sometimes"',
      "",
    ],
    [
      "the same mountPath twice",
      {
        volumes: [{ name: "v", emptyDir: {} }],
        main: {
          name: "web",
          ...busy,
          volumeMounts: [
            { name: "v", mountPath: "/a" },
            { name: "v", mountPath: "/a" },
          ],
        },
      },
      'spec.main.volumeMounts[1]: Duplicate value: map[string]interface {}{"mountPath":"/a"}',
      "",
    ],
    [
      "an upstream that is not host:port",
      {
        main: { name: "web", ...busy },
        ambassadors: [{ name: "p", preset: { tcpProxy: { listenPort: 1, upstream: "db" } } }],
      },
      "spec.ambassadors[0].preset.tcpProxy.upstream: Invalid value",
      "",
    ],
    [
      "a rollout that can never progress",
      { main: { name: "web", ...busy }, updateStrategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } },
      "spec.updateStrategy.rollingUpdate: Invalid value",
      "maxSurge and maxUnavailable cannot both be 0",
    ],
    [
      "helpers in Classic mode in an app that runs to completion",
      {
        main: { name: "web", ...busy },
        sidecarMode: "Classic",
        pod: { restartPolicy: "OnFailure" },
        adapters: [{ name: "a", ...busy }],
      },
      "spec: Invalid value",
      "a classic helper keeps the Pod running forever",
    ],
    [
      "a helper placed Classic in an app that runs to completion",
      {
        main: { name: "web", ...busy },
        sidecarMode: "Native",
        pod: { restartPolicy: "Never" },
        sidecars: [
          { name: "s", ...busy },
          { name: "debug", ...busy, placement: { mode: "Classic" } },
        ],
      },
      "spec: Invalid value",
      "helpers that run Classic cannot run to completion",
    ],
    [
      "a disruption budget with both fields",
      { main: { name: "web", ...busy }, disruptionBudget: { minAvailable: 1, maxUnavailable: "10%" } },
      "spec.disruptionBudget: Invalid value",
      "set exactly one of minAvailable and maxUnavailable",
    ],
    [
      "an unknown sidecarMode",
      { main: { name: "web", ...busy }, sidecarMode: "Sometimes" },
      'spec.sidecarMode: Unsupported value: "Sometimes"',
      "",
    ],
  ])("rejects %s", async (_name, spec, where, message) => {
    const verdict = await serverVerdict(app("bad", spec));
    expect(verdict).toContain(where);
    expect(verdict).toContain(message);
  });

  it("accepts every PodSpec field in spec.pod and a volume without a source", async () => {
    const verdict = await serverVerdict(
      app("full", {
        volumes: [{ name: "scratch" }],
        main: {
          name: "web",
          ...busy,
          resizePolicy: [{ resourceName: "cpu", restartPolicy: "NotRequired" }],
          volumeMounts: [{ name: "scratch", mountPath: "/s", readOnly: true, recursiveReadOnly: "Enabled" }],
        },
        pod: {
          automountServiceAccountToken: false,
          dnsPolicy: "ClusterFirstWithHostNet",
          hostNetwork: true,
          resources: { limits: { cpu: "1" } },
          topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "zone", whenUnsatisfiable: "DoNotSchedule" }],
          schedulingGates: [{ name: "wait" }],
          hostAliases: [{ ip: "10.0.0.1", hostnames: ["db"] }],
          os: { name: "linux" },
        },
      }),
    );
    expect(verdict).toBe("");
  });

  it("explains the core/v1 fields with the upstream descriptions", async () => {
    const out = await kubectl(["explain", "compositeapp.spec.main.securityContext.seccompProfile"]);
    expect(out).toContain("The seccomp options to use by this container.");
    expect(out).toContain("localhostProfile");
  });

  it("accepts helpers in Native mode in an app that runs to completion", async () => {
    const spec = {
      main: { name: "web", ...busy },
      sidecarMode: "Native",
      pod: { restartPolicy: "Never" },
      sidecars: [{ name: "s", ...busy }],
      disruptionBudget: { maxUnavailable: "50%" },
    };
    expect(await serverVerdict(app("ok", spec))).toBe("");
  });

  it("rejects a name that cannot be a label value", async () => {
    const verdict = await serverVerdict(app("a".repeat(64)));
    expect(verdict).toContain("metadata.name must be at most 63 characters");
  });
});
