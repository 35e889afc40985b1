import { describe, expect, it } from "vitest";
import { validateCompositeApp } from "../../../src/api/parse.js";
import type { CompositeAppInput } from "../../../src/api/compositeapp.js";
import { PodOptions } from "../../../src/api/core.js";
import * as k8s from "../../../src/api/generated/core-v1.js";
import { DEFAULT_PRESET_IMAGES, renderPod } from "../../../src/core/render/index.js";
import { baseApp } from "../../support/fixtures.js";

type Spec = CompositeAppInput["spec"];
type LooseSpec = Record<string, unknown> & Spec;
const withSpec = (change: (spec: LooseSpec) => void): CompositeAppInput => {
  const app = baseApp();
  const spec: LooseSpec = app.spec;
  change(spec);
  return app;
};
const errorsOf = (input: unknown): string[] => {
  const v = validateCompositeApp(input);
  return v.ok ? [] : v.errors;
};

describe("the core/v1 schema from upstream", () => {
  it("spec.pod carries every PodSpec field but the containers and volumes, plus labels and annotations", () => {
    const podSpec = Object.keys(k8s.PodSpec.shape).filter(
      (f) => !["containers", "initContainers", "volumes"].includes(f),
    );
    expect(Object.keys(PodOptions.shape).sort()).toEqual([...podSpec, "labels", "annotations"].sort());
    for (const field of ["automountServiceAccountToken", "dnsPolicy", "hostNetwork", "resources", "os", "hostUsers"]) {
      expect(podSpec).toContain(field);
    }
  });

  it("accepts and renders Pod and container fields the operator only passes through", () => {
    const app = withSpec((s) => {
      s.pod = {
        automountServiceAccountToken: false,
        dnsPolicy: "ClusterFirstWithHostNet",
        hostNetwork: true,
        resources: { limits: { cpu: "1" } },
        topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "zone", whenUnsatisfiable: "DoNotSchedule" }],
        schedulingGates: [{ name: "wait" }],
        os: { name: "linux" },
      };
      s.main.resizePolicy = [{ resourceName: "cpu", restartPolicy: "NotRequired" }];
      s.main.resources = { claims: [{ name: "gpu" }], limits: { memory: "64Mi" } };
      s.main.volumeMounts = [{ name: "data", mountPath: "/data", readOnly: true, recursiveReadOnly: "Enabled" }];
      s.volumes = [{ name: "data", image: { reference: "registry.example/data:1", pullPolicy: "IfNotPresent" } }];
    });
    const v = validateCompositeApp(app);
    expect(v.ok ? [] : v.errors).toEqual([]);
    if (!v.ok) return;
    const pod = renderPod(v.app, { sidecarMode: "Native", images: DEFAULT_PRESET_IMAGES }, 0).pod;
    expect(pod.spec).toMatchObject({
      automountServiceAccountToken: false,
      hostNetwork: true,
      resources: { limits: { cpu: "1" } },
      os: { name: "linux" },
      volumes: [{ name: "data", image: { reference: "registry.example/data:1" } }],
    });
    expect(pod.spec?.containers[0]).toMatchObject({
      resizePolicy: [{ resourceName: "cpu", restartPolicy: "NotRequired" }],
      resources: { claims: [{ name: "gpu" }], limits: { memory: "64Mi" } },
    });
  });

  it("accepts a volume that sets no source and renders it as written (the API server makes it an emptyDir)", () => {
    const v = validateCompositeApp(withSpec((s) => (s.volumes = [{ name: "data" }])));
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.app.spec.volumes).toEqual([{ name: "data" }]);
    const pod = renderPod(v.app, { sidecarMode: "Native", images: DEFAULT_PRESET_IMAGES }, 0).pod;
    expect(pod.spec?.volumes).toEqual([{ name: "data" }]);
  });

  it("keeps upstream descriptions, formats and list types", () => {
    expect(k8s.SeccompProfile.meta()?.description).toMatch(/^SeccompProfile defines a pod\/container's seccomp/);
    expect(k8s.PodSpec.shape.activeDeadlineSeconds.meta()).toMatchObject({ format: "int64" });
    expect(k8s.Container.shape.env.meta()).toMatchObject({
      "x-kubernetes-list-type": "map",
      "x-kubernetes-list-map-keys": ["name"],
    });
  });
});

const invalid: [string, (s: LooseSpec) => void, string[]][] = [
  [
    "a typo deep in securityContext",
    (s) => (s.main.securityContext = { privilged: true } as never),
    ['spec.main.securityContext: unknown field "privilged"'],
  ],
  [
    "a typo in a volume source",
    (s) => (s.volumes = [{ name: "data", configMap: { nmae: "x" } as never }]),
    ['spec.volumes[0].configMap: unknown field "nmae"'],
  ],
  ["a typo in spec.pod", (s) => (s.pod = { hostNetwrok: true } as never), ['spec.pod: unknown field "hostNetwrok"']],
  [
    "an upstream enum",
    (s) => (s.pod = { dnsPolicy: "Cluster" as never }),
    ['spec.pod.dnsPolicy: Invalid option: expected one of "ClusterFirst"|"ClusterFirstWithHostNet"|"Default"|"None"'],
  ],
  [
    "duplicate env names (the list is keyed by name)",
    (s) =>
      (s.main.env = [
        { name: "A", value: "1" },
        { name: "A", value: "2" },
      ]),
    ["spec.main.env[1]: duplicate entry: name A appears more than once"],
  ],
  [
    "restartPolicy on main",
    (s) => (s.main.restartPolicy = "Always"),
    [
      "spec.main.restartPolicy: restartPolicy is not allowed on the main container: it is a regular container, and Kubernetes allows restartPolicy only on init containers",
    ],
  ],
  [
    "restartPolicy on an init container",
    (s) => (s.initContainers = [{ name: "setup", image: "busybox:1.35", restartPolicy: "Always" }]),
    [
      "spec.initContainers[0].restartPolicy: restartPolicy is not allowed on an init container: restartPolicy Always would make it a native sidecar; declare it in spec.sidecars, spec.ambassadors or spec.adapters",
    ],
  ],
  [
    "a probe on an init container",
    (s) =>
      (s.initContainers = [{ name: "setup", image: "busybox:1.35", readinessProbe: { exec: { command: ["true"] } } }]),
    [
      "spec.initContainers[0].readinessProbe: readinessProbe is not allowed on an init container: an init container runs to completion, so the API server does not allow it",
    ],
  ],
  [
    "restartPolicy on a helper",
    (s) => (s.sidecars = [{ name: "ship", image: "busybox:1.35", restartPolicy: "Always" }]),
    [
      "spec.sidecars[0].restartPolicy: restartPolicy is not allowed on a helper: the operator sets it from the sidecar mode (Always for native sidecars)",
    ],
  ],
];

describe("invalid core/v1 input", () => {
  it.each(invalid)("%s", (_name, change, expected) => {
    expect(errorsOf(withSpec(change))).toEqual(expected);
  });
});
