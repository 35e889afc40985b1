import { describe, expect, it } from "vitest";
import { validateCompositeApp } from "../../../src/api/parse.js";
import type { CompositeAppInput } from "../../../src/api/compositeapp.js";
import { baseApp, exampleApps, exampleFiles } from "../../support/fixtures.js";

type Spec = CompositeAppInput["spec"];
const withSpec = (change: (spec: Spec) => void, app: CompositeAppInput = baseApp()): CompositeAppInput => {
  change(app.spec);
  return app;
};
const errorsOf = (input: unknown): string[] => {
  const v = validateCompositeApp(input);
  return v.ok ? [] : v.errors;
};

describe("valid input", () => {
  it("accepts helpers in Native mode, and no helpers in Classic mode, in an app that runs to completion", () => {
    for (const mode of ["Native", "Auto"] as const) {
      const app = withSpec((s) => {
        s.sidecarMode = mode;
        s.pod = { restartPolicy: "OnFailure" };
        s.sidecars = [{ name: "ship", image: "busybox:1.35" }];
      });
      expect(errorsOf(app)).toEqual([]);
    }
    expect(errorsOf(withSpec((s) => ((s.sidecarMode = "Classic"), (s.pod = { restartPolicy: "Never" }))))).toEqual([]);
  });

  it.each(exampleFiles())("example %s validates", (file) => {
    expect(exampleApps(file).length).toBeGreaterThan(0);
  });

  it("applies the defaults of the API", () => {
    const v = validateCompositeApp(baseApp());
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.app.spec.replicas).toBe(1);
    expect(v.app.spec.sidecarMode).toBe("Auto");
    expect(v.app.spec.sidecars).toEqual([]);
    expect(v.app.spec.main.ports?.[0]?.protocol).toBe("TCP");
  });

  it("accepts the same port number on different protocols", () => {
    const app = withSpec((s) => {
      s.sidecars = [{ name: "dns", image: "busybox:1.35", ports: [{ containerPort: 8080, protocol: "UDP" }] }];
    });
    expect(errorsOf(app)).toEqual([]);
  });

  it("accepts the same port on an init container, which does not run alongside", () => {
    const app = withSpec((s) => {
      s.initContainers = [{ name: "setup", image: "busybox:1.35", ports: [{ containerPort: 8080 }] }];
    });
    expect(errorsOf(app)).toEqual([]);
  });
});

// Each case: a change to a valid app, and the exact messages it must produce.
const invalid: [string, (s: Spec) => void, string[]][] = [
  ["main missing", (s) => delete (s as Partial<Spec>).main, ["spec.main: required field is missing"]],
  [
    "main image missing",
    (s) => delete (s.main as Partial<Spec["main"]>).image,
    ["spec.main.image: required field is missing"],
  ],
  ["empty image", (s) => (s.main.image = ""), ["spec.main.image: Too small: expected string to have >=1 characters"]],
  [
    "container name with capitals",
    (s) => (s.main.name = "Main"),
    [
      "spec.main.name: container name must be a lowercase RFC 1123 label: letters, digits and '-', starting and ending with a letter or digit",
    ],
  ],
  [
    "container name too long",
    (s) => (s.main.name = "a".repeat(64)),
    ["spec.main.name: Too big: expected string to have <=63 characters"],
  ],
  ["negative replicas", (s) => (s.replicas = -1), ["spec.replicas: Too small: expected number to be >=0"]],
  ["fractional replicas", (s) => (s.replicas = 1.5), ["spec.replicas: Invalid input: expected int, received number"]],
  [
    "unknown sidecarMode",
    (s) => ((s as Record<string, unknown>).sidecarMode = "Sometimes"),
    ['spec.sidecarMode: Invalid option: expected one of "Auto"|"Native"|"Classic"'],
  ],
  ["unknown field in spec", (s) => ((s as Record<string, unknown>).sidecar = []), ['spec: unknown field "sidecar"']],
  [
    "unknown field in a container",
    (s) => ((s.main as Record<string, unknown>).imagePullPolicyy = "Never"),
    ['spec.main: unknown field "imagePullPolicyy"'],
  ],
  [
    "bad imagePullPolicy",
    (s) => ((s.main as Record<string, unknown>).imagePullPolicy = "Sometimes"),
    ['spec.main.imagePullPolicy: Invalid option: expected one of "Always"|"IfNotPresent"|"Never"'],
  ],
  [
    "port 0",
    (s) => (s.main.ports = [{ containerPort: 0 }]),
    ["spec.main.ports[0].containerPort: Too small: expected number to be >=1"],
  ],
  [
    "port above 65535",
    (s) => (s.main.ports = [{ containerPort: 70000 }]),
    ["spec.main.ports[0].containerPort: Too big: expected number to be <=65535"],
  ],
  [
    "bad protocol",
    (s) => (s.main.ports = [{ containerPort: 80, protocol: "HTTP" as "TCP" }]),
    ['spec.main.ports[0].protocol: Invalid option: expected one of "SCTP"|"TCP"|"UDP"'],
  ],
  [
    "bad quantity",
    (s) => (s.main.resources = { requests: { memory: "lots" } }),
    ["spec.main.resources.requests.memory: must be a Kubernetes quantity such as 100m, 0.5, 64Mi or 1Gi"],
  ],
  [
    "duplicate name across roles",
    (s) => (s.sidecars = [{ name: "main", image: "busybox:1.35" }]),
    [
      'spec.sidecars[0].name: container name "main" is already used by spec.main; names must be unique across main, initContainers, sidecars, ambassadors and adapters',
    ],
  ],
  [
    "duplicate name between init and adapter",
    (s) => {
      s.initContainers = [{ name: "prep", image: "busybox:1.35" }];
      s.adapters = [{ name: "prep", image: "busybox:1.35" }];
    },
    [
      'spec.adapters[0].name: container name "prep" is already used by spec.initContainers[0]; names must be unique across main, initContainers, sidecars, ambassadors and adapters',
    ],
  ],
  [
    "port collision with an ambassador preset",
    (s) => (s.ambassadors = [{ name: "proxy", preset: { tcpProxy: { listenPort: 8080, upstream: "db:5432" } } }]),
    [
      'spec.ambassadors[0].preset.tcpProxy.listenPort: port 8080/TCP is already used by container "main"; the containers of a Pod share one network namespace',
    ],
  ],
  [
    "port collision between two adapters",
    (s) => {
      s.adapters = [
        { name: "m1", preset: { prometheusMetrics: { volume: "data", file: "a" } } },
        { name: "m2", image: "busybox:1.35", ports: [{ containerPort: 9102 }] },
      ];
    },
    [
      'spec.adapters[1].ports[0]: port 9102/TCP is already used by container "m1"; the containers of a Pod share one network namespace',
    ],
  ],
  [
    "mount of an undeclared volume",
    (s) => (s.main.volumeMounts = [{ name: "logs", mountPath: "/logs" }]),
    ['spec.main.volumeMounts[0].name: volume "logs" is not declared in spec.volumes'],
  ],
  [
    "preset reading an undeclared volume",
    (s) => (s.sidecars = [{ name: "ship", preset: { logShipper: { volume: "logs", files: ["a.log"] } } }]),
    ['spec.sidecars[0].preset.logShipper.volume: volume "logs" is not declared in spec.volumes'],
  ],
  [
    "same mountPath twice in a container",
    (s) =>
      (s.main.volumeMounts = [
        { name: "data", mountPath: "/data" },
        { name: "data", mountPath: "/data", subPath: "x" },
      ]),
    ["spec.main.volumeMounts[1]: duplicate entry: mountPath /data appears more than once"],
  ],
  [
    "mountPath clashing with a preset's mount",
    (s) =>
      (s.sidecars = [
        {
          name: "ship",
          preset: { logShipper: { volume: "data", files: ["a.log"] } },
          volumeMounts: [{ name: "data", mountPath: "/var/log/app" }],
        },
      ]),
    [
      'spec.sidecars[0].volumeMounts[0].mountPath: mountPath /var/log/app is mounted more than once in container "ship"',
    ],
  ],
  [
    "duplicate volume",
    (s) => s.volumes!.push({ name: "data", emptyDir: {} }),
    ['spec.volumes[1].name: volume "data" is declared more than once'],
  ],
  [
    "volume with two sources",
    (s) => (s.volumes = [{ name: "data", emptyDir: {}, hostPath: { path: "/x" } }]),
    ['spec.volumes[0]: volume "data" must set at most one source; it sets hostPath, emptyDir'],
  ],
  [
    "helper with neither image nor preset",
    (s) => (s.sidecars = [{ name: "bare" }]),
    ["spec.sidecars[0].image: image is required unless a preset is set"],
  ],
  [
    "empty preset",
    (s) => (s.sidecars = [{ name: "p", preset: {} }]),
    ["spec.sidecars[0].preset: preset must set exactly one of: logShipper, configReloader; it sets 0"],
  ],
  [
    "preset of another role",
    (s) => (s.sidecars = [{ name: "p", preset: { tcpProxy: { listenPort: 1, upstream: "a:1" } } as never }]),
    [
      'spec.sidecars[0].preset: unknown field "tcpProxy"',
      "spec.sidecars[0].preset: preset must set exactly one of: logShipper, configReloader; it sets 0",
    ],
  ],
  [
    "two presets in one adapter",
    (s) =>
      (s.adapters = [
        {
          name: "p",
          preset: { logToJson: { volume: "data", file: "a" }, prometheusMetrics: { volume: "data", file: "b" } },
        },
      ]),
    ["spec.adapters[0].preset: preset must set exactly one of: logToJson, prometheusMetrics; it sets 2"],
  ],
  [
    "upstream without a port",
    (s) => (s.ambassadors = [{ name: "p", preset: { tcpProxy: { listenPort: 7000, upstream: "db" } } }]),
    ["spec.ambassadors[0].preset.tcpProxy.upstream: must be host:port, for example redis-primary.cache.svc:6379"],
  ],
  [
    "upstream port out of range",
    (s) => (s.ambassadors = [{ name: "p", preset: { tcpProxy: { listenPort: 7000, upstream: "db:99999" } } }]),
    [
      "spec.ambassadors[0].preset.tcpProxy.upstream: the port of upstream must be between 1 and 65535, without leading zeros",
    ],
  ],
  [
    "log shipper without files",
    (s) => (s.sidecars = [{ name: "p", preset: { logShipper: { volume: "data", files: [] } } }]),
    ["spec.sidecars[0].preset.logShipper.files: Too small: expected array to have >=1 items"],
  ],
  [
    "relative preset mountPath",
    (s) => (s.sidecars = [{ name: "p", preset: { logShipper: { volume: "data", mountPath: "logs", files: ["a"] } } }]),
    ["spec.sidecars[0].preset.logShipper.mountPath: must be an absolute path"],
  ],
  [
    "bad metrics prefix",
    (s) =>
      (s.adapters = [{ name: "p", preset: { prometheusMetrics: { volume: "data", file: "s", prefix: "my-app" } } }]),
    ["spec.adapters[0].preset.prometheusMetrics.prefix: must be a Prometheus metric name prefix"],
  ],
  [
    "too many sidecars",
    (s) => (s.sidecars = Array.from({ length: 9 }, (_, i) => ({ name: `s${i}`, image: "busybox:1.35" }))),
    ["spec.sidecars: Too big: expected array to have <=8 items"],
  ],
  [
    "rolling update that can never progress",
    (s) => (s.updateStrategy = { rollingUpdate: { maxSurge: 0, maxUnavailable: "0%" } }),
    ["spec.updateStrategy.rollingUpdate: maxSurge and maxUnavailable cannot both be 0"],
  ],
  [
    "bad maxSurge",
    (s) => (s.updateStrategy = { rollingUpdate: { maxSurge: "lots" } }),
    ["spec.updateStrategy.rollingUpdate.maxSurge: must be a non-negative count or a percentage such as 25%"],
  ],
  [
    "unknown update strategy",
    (s) => (s.updateStrategy = { type: "BlueGreen" as "Recreate" }),
    ['spec.updateStrategy.type: Invalid option: expected one of "RollingUpdate"|"Recreate"'],
  ],
  [
    "bad pod restartPolicy",
    (s) => (s.pod = { restartPolicy: "Sometimes" as "Always" }),
    ['spec.pod.restartPolicy: Invalid option: expected one of "Always"|"Never"|"OnFailure"'],
  ],
  [
    "helpers in Classic mode in an app that runs to completion",
    (s) => {
      s.sidecarMode = "Classic";
      s.pod = { restartPolicy: "Never" };
      s.sidecars = [{ name: "ship", image: "busybox:1.35" }];
    },
    [
      "spec.sidecars[0]: helpers that run Classic cannot run to completion: a classic helper keeps the Pod running forever; run them Native (sidecarMode Native or Auto on Kubernetes 1.29+, or placement.mode Native) or use pod.restartPolicy Always",
    ],
  ],
  [
    "a helper placed Classic in an app that runs to completion",
    (s) => {
      s.sidecarMode = "Native";
      s.pod = { restartPolicy: "OnFailure" };
      s.sidecars = [
        { name: "ship", image: "busybox:1.35" },
        { name: "debug", image: "busybox:1.35", placement: { mode: "Classic" } },
      ];
    },
    [
      "spec.sidecars[1].placement.mode: helpers that run Classic cannot run to completion: a classic helper keeps the Pod running forever; run them Native (sidecarMode Native or Auto on Kubernetes 1.29+, or placement.mode Native) or use pod.restartPolicy Always",
    ],
  ],
  [
    "a disruption budget with both fields",
    (s) => (s.disruptionBudget = { minAvailable: 1, maxUnavailable: 1 }),
    ["spec.disruptionBudget: set exactly one of minAvailable and maxUnavailable"],
  ],
  [
    "negative grace period",
    (s) => (s.pod = { terminationGracePeriodSeconds: -1 }),
    ["spec.pod.terminationGracePeriodSeconds: Too small: expected number to be >=0"],
  ],
];

describe("invalid input", () => {
  it("has at least 30 cases", () => expect(invalid.length).toBeGreaterThanOrEqual(30));

  it.each(invalid)("%s", (_name, change, expected) => {
    expect(errorsOf(withSpec(change))).toEqual(expected);
  });

  it("rejects another kind", () => {
    expect(errorsOf({ ...baseApp(), kind: "Deployment" })).toEqual([
      "(document): apiVersion/kind is compositeapp.io/v1alpha1/Deployment, expected compositeapp.io/v1alpha1/CompositeApp",
    ]);
  });

  it("rejects a name that cannot be a label value", () => {
    const app = baseApp();
    app.metadata.name = "a".repeat(64);
    expect(errorsOf(app)).toEqual(["metadata.name: Too big: expected string to have <=63 characters"]);
  });

  it("reports every problem at once", () => {
    const app = withSpec((s) => {
      s.main.image = "";
      s.sidecars = [{ name: "main", image: "busybox:1.35", ports: [{ containerPort: 8080 }] }];
    });
    expect(errorsOf(app)).toHaveLength(2);
  });
});
