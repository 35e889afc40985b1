// The chart's escape hatches and production options, rendered by helm template: image digest,
// extra args/env/volumes, overridable security contexts, strategy, PodDisruptionBudget and
// topology spread constraints.
import { describe, expect, it } from "vitest";
import { NAMESPACE, RELEASE, ofKind, only, render, renderFails, type K8sObject } from "../../support/helm.js";

interface Container {
  name: string;
  image: string;
  args: string[];
  env: { name: string; value?: string }[];
  securityContext: Record<string, unknown>;
  volumeMounts: { name: string; mountPath: string }[];
}
interface PodSpec {
  securityContext: Record<string, unknown>;
  containers: Container[];
  volumes: Record<string, unknown>[];
  topologySpreadConstraints?: Record<string, unknown>[];
}
type Deployment = K8sObject & {
  spec: { strategy?: unknown; template: { spec: PodSpec } };
};
type Budget = K8sObject & { spec: { selector: { matchLabels: Record<string, string> } } & Record<string, unknown> };

const SELECTOR = { "app.kubernetes.io/name": "compositeapp", "app.kubernetes.io/instance": RELEASE };
const DIGEST = `sha256:${"0123456789abcdef".repeat(4)}`;
const json = (key: string, value: unknown) => ["--set-json", `${key}=${JSON.stringify(value)}`];
const podOf = (objects: K8sObject[]) => only<Deployment>(objects, "Deployment").spec.template.spec;
const operatorOf = (objects: K8sObject[]) => podOf(objects).containers[0]!;
const budgetsOf = (sets: string[]) => ofKind<Budget>(render(sets), "PodDisruptionBudget");

describe("chart image", () => {
  it("image.digest pins repository@digest and overrides the tag", () => {
    expect(operatorOf(render([`image.digest=${DIGEST}`, "image.tag=dev"])).image).toBe(
      `docker.io/compositeapp/operator@${DIGEST}`,
    );
    expect(renderFails(["image.digest=latest"])).toContain("values don't meet the specifications of the schema");
  });
});

describe("chart extra args, env and volumes", () => {
  it("appends extraArgs after the chart's flags, so that a repeated flag overrides it", () => {
    const args = operatorOf(render(["extraArgs={--log-level=debug,--concurrency=2}"])).args;
    expect(args.slice(-2)).toEqual(["--log-level=debug", "--concurrency=2"]);
    expect(args.indexOf("--log-level=info")).toBeLessThan(args.indexOf("--log-level=debug"));
    expect(renderFails(["extraArgs={log-level}"])).toContain("values don't meet the specifications of the schema");
  });

  it("adds extraEnv after POD_NAMESPACE", () => {
    const env = operatorOf(
      render([], json("extraEnv", [{ name: "NODE_OPTIONS", value: "--max-old-space-size=200" }])),
    ).env;
    expect(env.map((e) => e.name)).toEqual(["POD_NAMESPACE", "NODE_OPTIONS"]);
    expect(env[1]).toEqual({ name: "NODE_OPTIONS", value: "--max-old-space-size=200" });
  });

  it("adds extraVolumes to the Pod and extraVolumeMounts to the operator, after /tmp", () => {
    const objects = render(
      [],
      [
        ...json("extraVolumes", [{ name: "ca", configMap: { name: "corporate-ca" } }]),
        ...json("extraVolumeMounts", [{ name: "ca", mountPath: "/etc/ssl/corporate", readOnly: true }]),
      ],
    );
    expect(podOf(objects).volumes.map((v) => v.name)).toEqual(["tmp", "ca"]);
    expect(podOf(objects).volumes[1]).toEqual({ name: "ca", configMap: { name: "corporate-ca" } });
    expect(operatorOf(objects).volumeMounts).toEqual([
      { name: "tmp", mountPath: "/tmp" },
      { name: "ca", mountPath: "/etc/ssl/corporate", readOnly: true },
    ]);
  });

  it.each([
    ["an env var without a name", json("extraEnv", [{ value: "x" }])],
    ["a misspelt volume source", json("extraVolumes", [{ name: "ca", configmap: { name: "x" } }])],
    ["a mount without a path", json("extraVolumeMounts", [{ name: "ca" }])],
  ])("rejects %s", (_name, flags) => {
    expect(renderFails([], flags)).toContain("values don't meet the specifications of the schema");
  });
});

describe("chart security contexts", () => {
  it("keeps the restricted defaults and merges overrides into them; null removes a key", () => {
    const objects = render(["podSecurityContext.fsGroup=65532", "securityContext.runAsUser=10001"]);
    expect(podOf(objects).securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 65532,
      runAsGroup: 65532,
      fsGroup: 65532,
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(operatorOf(objects).securityContext).toMatchObject({
      runAsUser: 10001,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ["ALL"] },
    });
    // OpenShift's restricted-v2 assigns the user: the chart must be able to leave it unset.
    const unset = render(["podSecurityContext.runAsUser=null", "securityContext.runAsUser=null"]);
    expect(podOf(unset).securityContext).not.toHaveProperty("runAsUser");
    expect(operatorOf(unset).securityContext).not.toHaveProperty("runAsUser");
    expect(operatorOf(unset).securityContext).toHaveProperty("runAsNonRoot", true);
  });

  it("rejects a misspelt field instead of dropping it", () => {
    const err = renderFails(["securityContext.readOnlyRootFileSystem=true"]);
    expect(err).toContain("values don't meet the specifications of the schema");
    expect(err).toContain("readOnlyRootFileSystem");
  });
});

describe("chart strategy, PodDisruptionBudget and topology spread", () => {
  it("strategy: the Kubernetes default unless set", () => {
    expect(only<Deployment>(render(), "Deployment").spec.strategy).toBeUndefined();
    const set = render(["strategy.type=RollingUpdate", "strategy.rollingUpdate.maxUnavailable=0"]);
    expect(only<Deployment>(set, "Deployment").spec.strategy).toEqual({
      type: "RollingUpdate",
      rollingUpdate: { maxUnavailable: 0 },
    });
    expect(renderFails(["strategy.type=BlueGreen"])).toContain("values don't meet the specifications of the schema");
  });

  it("PodDisruptionBudget: none at 1 replica; at 2, maxUnavailable 1 over the operator Pods", () => {
    expect(budgetsOf([])).toEqual([]);
    const [budget, ...rest] = budgetsOf(["replicaCount=2"]);
    expect(rest).toEqual([]);
    expect(budget!.apiVersion).toBe("policy/v1");
    expect(budget!.metadata.namespace).toBe(NAMESPACE);
    expect(budget!.spec).toEqual({ selector: { matchLabels: SELECTOR }, maxUnavailable: 1 });
    expect(budgetsOf(["replicaCount=3", "podDisruptionBudget.enabled=false"])).toEqual([]);
  });

  it("PodDisruptionBudget: minAvailable or maxUnavailable, as a number or a percentage, not both", () => {
    expect(budgetsOf(["replicaCount=3", "podDisruptionBudget.minAvailable=2"])[0]!.spec).toEqual({
      selector: { matchLabels: SELECTOR },
      minAvailable: 2,
    });
    expect(budgetsOf(["replicaCount=3", "podDisruptionBudget.maxUnavailable=50%"])[0]!.spec).toMatchObject({
      maxUnavailable: "50%",
    });
    expect(
      renderFails(["replicaCount=2", "podDisruptionBudget.minAvailable=1", "podDisruptionBudget.maxUnavailable=1"]),
    ).toContain("set minAvailable or maxUnavailable, not both");
  });

  it("topologySpreadConstraints: selects the operator Pods unless the constraint has a labelSelector", () => {
    const own = { matchLabels: { team: "ops" } };
    const pod = podOf(
      render(
        [],
        json("topologySpreadConstraints", [
          { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway" },
          {
            maxSkew: 1,
            topologyKey: "topology.kubernetes.io/zone",
            whenUnsatisfiable: "DoNotSchedule",
            labelSelector: own,
          },
        ]),
      ),
    );
    expect(pod.topologySpreadConstraints).toEqual([
      {
        maxSkew: 1,
        topologyKey: "kubernetes.io/hostname",
        whenUnsatisfiable: "ScheduleAnyway",
        labelSelector: { matchLabels: SELECTOR },
      },
      {
        maxSkew: 1,
        topologyKey: "topology.kubernetes.io/zone",
        whenUnsatisfiable: "DoNotSchedule",
        labelSelector: own,
      },
    ]);
    expect(podOf(render()).topologySpreadConstraints).toBeUndefined();
    expect(renderFails([], json("topologySpreadConstraints", [{ maxSkew: 1 }]))).toContain(
      "values don't meet the specifications of the schema",
    );
  });
});
