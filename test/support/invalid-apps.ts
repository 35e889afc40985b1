// One table of invalid CompositeApps, judged three ways: the zod schema (CLI `validate`), the
// CRD's OpenAPI schema and CEL rules evaluated offline, and the real API server. Each case names
// the text every judge must say: `cli` for the zod schema, `crd` for the offline judge and the API
// server (the offline judge speaks the server's words). Also the valid apps all three must accept.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocuments } from "../../src/api/parse.js";
import { EXAMPLES_DIR, exampleFiles } from "./fixtures.js";
import { SCRATCH_NAME_ROW, SECURITY_PROFILE_ROWS, SECURITY_PROFILE_VALID } from "./invalid-apps-security.js";

export type Obj = Record<string, unknown>;
type Spec = Obj & { main: Obj };

export interface JudgedCase {
  name: string;
  app: Obj;
  /** A substring of the zod schema's messages (as `validate` prints them). */
  cli: string;
  /** A substring of the API server's messages (and of the offline judge's). */
  crd: string;
}

const BUSYBOX = "docker.io/library/busybox:1.35";

/** A small valid app every case changes one thing of. */
export function validBase(name = "bad"): Obj & { metadata: Obj; spec: Spec } {
  return {
    apiVersion: "compositeapp.io/v1alpha1",
    kind: "CompositeApp",
    metadata: { name },
    spec: {
      volumes: [{ name: "data", emptyDir: {} }],
      main: {
        name: "web",
        image: BUSYBOX,
        ports: [{ containerPort: 8080 }],
        volumeMounts: [{ name: "data", mountPath: "/data" }],
      },
    },
  };
}

const withSpec = (change: (s: Spec) => void): Obj => {
  const app = validBase();
  change(app.spec);
  return app;
};

const c = (name: string, extra: Obj = {}): Obj => ({ name, image: BUSYBOX, ...extra });
const ship = (volume = "data", extra: Obj = {}) => ({ logShipper: { volume, files: ["a.log"], ...extra } });
const proxy = (listenPort: number, upstream = "db.example:5432") => ({ tcpProxy: { listenPort, upstream } });
const metrics = (extra: Obj = {}) => ({ prometheusMetrics: { volume: "data", file: "status", ...extra } });
const toJson = (extra: Obj = {}) => ({ logToJson: { volume: "data", file: "app.log", ...extra } });
const httpProxy = (routes: Obj[], listenPort = 8081) => ({ httpProxy: { listenPort, routes } });
const reloader = (extra: Obj = {}) => ({
  configReloader: { volume: "data", url: "http://localhost:8080/-/reload", ...extra },
});

type Row = [name: string, change: (s: Spec) => void, cli: string, crd: string];

const rows: Row[] = [
  // ---- rules.ts: unique container names across roles, and within a role (list-map key) ----
  [
    "a sidecar named like main",
    (s) => (s.sidecars = [c("web")]),
    'spec.sidecars[0].name: container name "web" is already used by spec.main',
    "spec.sidecars: Invalid value",
  ],
  [
    "an adapter named like an init container",
    (s) => ((s.initContainers = [c("prep")]), (s.adapters = [c("prep")])),
    'spec.adapters[0].name: container name "prep" is already used by spec.initContainers[0]',
    "a name in spec.adapters is already used in spec.initContainers",
  ],
  [
    "an ambassador named like a sidecar",
    (s) => ((s.sidecars = [c("x")]), (s.ambassadors = [c("x")])),
    'spec.ambassadors[0].name: container name "x" is already used by spec.sidecars[0]',
    "a name in spec.ambassadors is already used in spec.sidecars",
  ],
  [
    "an init container named like main",
    (s) => (s.initContainers = [c("web")]),
    'spec.initContainers[0].name: container name "web" is already used by spec.main',
    "a name in spec.initContainers is already used in spec.main",
  ],
  [
    "two sidecars of one name",
    (s) => (s.sidecars = [c("s"), c("s")]),
    'spec.sidecars[1].name: container name "s" is already used by spec.sidecars[0]',
    'spec.sidecars[1]: Duplicate value: map[string]interface {}{"name":"s"}',
  ],
  [
    "two init containers of one name",
    (s) => (s.initContainers = [c("i"), c("i")]),
    'spec.initContainers[1].name: container name "i" is already used by spec.initContainers[0]',
    'spec.initContainers[1]: Duplicate value: map[string]interface {}{"name":"i"}',
  ],
  // ---- rules.ts: volumes declared once, and declared before use ----
  [
    "two volumes of one name",
    (s) =>
      (s.volumes = [
        { name: "data", emptyDir: {} },
        { name: "data", emptyDir: {} },
      ]),
    'spec.volumes[1].name: volume "data" is declared more than once',
    'spec.volumes[1]: Duplicate value: map[string]interface {}{"name":"data"}',
  ],
  [
    "main mounts an undeclared volume",
    (s) => (s.main.volumeMounts = [{ name: "nope", mountPath: "/x" }]),
    'spec.main.volumeMounts[0].name: volume "nope" is not declared in spec.volumes',
    "spec.main: Invalid value",
  ],
  [
    "an init container mounts an undeclared volume",
    (s) => (s.initContainers = [c("i", { volumeMounts: [{ name: "nope", mountPath: "/x" }] })]),
    'spec.initContainers[0].volumeMounts[0].name: volume "nope" is not declared',
    "spec.initContainers: Invalid value",
  ],
  [
    "a sidecar mounts an undeclared volume",
    (s) => (s.sidecars = [c("s", { volumeMounts: [{ name: "nope", mountPath: "/x" }] })]),
    'spec.sidecars[0].volumeMounts[0].name: volume "nope" is not declared',
    "every volumeMounts[].name must name a volume declared in spec.volumes",
  ],
  [
    "an ambassador mounts an undeclared volume",
    (s) => (s.ambassadors = [c("a", { volumeMounts: [{ name: "nope", mountPath: "/x" }] })]),
    'spec.ambassadors[0].volumeMounts[0].name: volume "nope" is not declared',
    "spec.ambassadors: Invalid value",
  ],
  [
    "an adapter mounts an undeclared volume",
    (s) => (s.adapters = [c("a", { volumeMounts: [{ name: "nope", mountPath: "/x" }] })]),
    'spec.adapters[0].volumeMounts[0].name: volume "nope" is not declared',
    "spec.adapters: Invalid value",
  ],
  [
    "logShipper reads an undeclared volume",
    (s) => (s.sidecars = [{ name: "ship", preset: ship("logs") }]),
    'spec.sidecars[0].preset.logShipper.volume: volume "logs" is not declared',
    "preset logShipper reads a volume that is not declared in spec.volumes",
  ],
  [
    "logToJson reads an undeclared volume",
    (s) => (s.adapters = [{ name: "j", preset: toJson({ volume: "logs" }) }]),
    'spec.adapters[0].preset.logToJson.volume: volume "logs" is not declared',
    "preset logToJson reads a volume that is not declared in spec.volumes",
  ],
  [
    "prometheusMetrics reads an undeclared volume",
    (s) => (s.adapters = [{ name: "m", preset: metrics({ volume: "logs" }) }]),
    'spec.adapters[0].preset.prometheusMetrics.volume: volume "logs" is not declared',
    "preset prometheusMetrics reads a volume that is not declared in spec.volumes",
  ],
  // ---- rules.ts: one network namespace, so a port a preset binds is bound once ----
  // (two declared ports alone are only warned about, as the API server does: warnings.ts)
  [
    "a tcpProxy listening on main's port",
    (s) => (s.ambassadors = [{ name: "p", preset: proxy(8080) }]),
    'spec.ambassadors[0].preset.tcpProxy.listenPort: port 8080/TCP is already used by container "web"',
    "a port in spec.ambassadors is already used by spec.main",
  ],
  [
    "two tcpProxies on one port",
    (s) =>
      (s.ambassadors = [
        { name: "p", preset: proxy(5432) },
        { name: "q", preset: proxy(5432) },
      ]),
    'spec.ambassadors[1].preset.tcpProxy.listenPort: port 5432/TCP is already used by container "p"',
    "already used by another container of spec.ambassadors",
  ],
  [
    "prometheusMetrics on a tcpProxy's port",
    (s) => ((s.ambassadors = [{ name: "p", preset: proxy(9102) }]), (s.adapters = [{ name: "m", preset: metrics() }])),
    'spec.adapters[0].preset.prometheusMetrics.port: port 9102/TCP is already used by container "p"',
    "a port in spec.adapters is already used by spec.ambassadors",
  ],
  [
    "two prometheusMetrics adapters on the default port",
    (s) =>
      (s.adapters = [
        { name: "m", preset: metrics() },
        { name: "n", preset: metrics({ file: "other" }) },
      ]),
    'spec.adapters[1].preset.prometheusMetrics.port: port 9102/TCP is already used by container "m"',
    "already used by another container of spec.adapters",
  ],
  [
    "a sidecar port a prometheusMetrics adapter binds",
    (s) => (
      (s.sidecars = [c("s", { ports: [{ containerPort: 9102 }] })]),
      (s.adapters = [{ name: "m", preset: metrics() }])
    ),
    'spec.adapters[0].preset.prometheusMetrics.port: port 9102/TCP is already used by container "s"',
    "a port in spec.adapters is already used by spec.sidecars",
  ],
  [
    "one port twice in main",
    (s) => (s.main.ports = [{ containerPort: 8080 }, { containerPort: 8080 }]),
    "spec.main.ports[1]: duplicate entry: containerPort 8080, protocol TCP appears more than once",
    'spec.main.ports[1]: Duplicate value: map[string]interface {}{"containerPort":8080, "protocol":"TCP"}',
  ],
  // ---- a mountPath once per container (the list key of volumeMounts) ----
  [
    "one mountPath twice in main",
    (s) =>
      (s.main.volumeMounts = [
        { name: "data", mountPath: "/a" },
        { name: "data", mountPath: "/a" },
      ]),
    "spec.main.volumeMounts[1]: duplicate entry: mountPath /a appears more than once",
    'spec.main.volumeMounts[1]: Duplicate value: map[string]interface {}{"mountPath":"/a"}',
  ],
  [
    "a preset's mountPath mounted again in its helper",
    (s) =>
      (s.sidecars = [
        {
          name: "ship",
          preset: ship("data", { mountPath: "/logs" }),
          volumeMounts: [{ name: "data", mountPath: "/logs" }],
        },
      ]),
    'spec.sidecars[0].volumeMounts[0].mountPath: mountPath /logs is mounted more than once in container "ship"',
    "spec.sidecars[0]: Invalid value",
  ],
  // ---- rules.ts: helper shape ----
  [
    "a helper with neither image nor preset",
    (s) => (s.sidecars = [{ name: "s" }]),
    "spec.sidecars[0].image: image is required unless a preset is set",
    "spec.sidecars[0]: Required value: image is required unless a preset is set",
  ],
  [
    "an empty preset",
    (s) => (s.ambassadors = [{ name: "p", preset: {} }]),
    "spec.ambassadors[0].preset: preset must set exactly one of: tcpProxy, httpProxy; it sets 0",
    "spec.ambassadors[0]: Invalid value",
  ],
  [
    "an adapter preset setting two presets",
    (s) => (s.adapters = [{ name: "a", preset: { ...metrics(), ...toJson() } }]),
    "spec.adapters[0].preset: preset must set exactly one of: logToJson, prometheusMetrics; it sets 2",
    "preset must set exactly one of: logToJson, prometheusMetrics",
  ],
  [
    "a preset of another role",
    (s) => (s.sidecars = [{ name: "p", preset: proxy(5432) }]),
    'spec.sidecars[0].preset: unknown field "tcpProxy"',
    'unknown field "spec.sidecars[0].preset.tcpProxy"',
  ],
  // ---- rules.ts: a rollout must be able to progress ----
  [
    "maxSurge and maxUnavailable both 0",
    (s) => (s.updateStrategy = { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }),
    "spec.updateStrategy.rollingUpdate: maxSurge and maxUnavailable cannot both be 0",
    "spec.updateStrategy.rollingUpdate: Invalid value",
  ],
  [
    "maxSurge 0% and maxUnavailable 0",
    (s) => (s.updateStrategy = { rollingUpdate: { maxSurge: "0%", maxUnavailable: 0 } }),
    "maxSurge and maxUnavailable cannot both be 0",
    "maxSurge and maxUnavailable cannot both be 0",
  ],
  [
    "maxSurge 0 and the default maxUnavailable 0",
    (s) => (s.updateStrategy = { type: "RollingUpdate", rollingUpdate: { maxSurge: 0 } }),
    "maxSurge and maxUnavailable cannot both be 0",
    "maxSurge and maxUnavailable cannot both be 0",
  ],
  // ---- completion-rules.ts: what only an app that runs to completion may say ----
  [
    "a backoffLimit in an app whose Pods run forever",
    (s) => (s.backoffLimit = 3),
    "spec.backoffLimit: backoffLimit applies only to an app that runs to completion",
    "spec.backoffLimit: Invalid value",
  ],
  [
    "a rolling update in an app that runs to completion",
    (s) => ((s.pod = { restartPolicy: "Never" }), (s.updateStrategy = { rollingUpdate: { maxSurge: 1 } })),
    "spec.updateStrategy.type: an app that runs to completion starts a new run",
    "spec.updateStrategy: Invalid value",
  ],
  [
    "a negative backoffLimit",
    (s) => ((s.pod = { restartPolicy: "OnFailure" }), (s.backoffLimit = -1)),
    "spec.backoffLimit: Too small: expected number to be >=0",
    "spec.backoffLimit in body should be greater than or equal to 0",
  ],
  // ---- names ----
  [
    "a container name with capitals",
    (s) => (s.main.name = "Web"),
    "spec.main.name: container name must be a lowercase RFC 1123 label",
    'spec.main.name: Invalid value: "Web": spec.main.name in body should match',
  ],
  [
    "a container name of 64 characters",
    (s) => (s.main.name = "a".repeat(64)),
    "spec.main.name: Too big: expected string to have <=63 characters",
    "spec.main.name: Too long: may not be more than 63 bytes",
  ],
  [
    "a container name starting with a dash",
    (s) => (s.initContainers = [c("-i")]),
    "spec.initContainers[0].name: container name must be a lowercase RFC 1123 label",
    "spec.initContainers[0].name in body should match",
  ],
  [
    "a volume name with an underscore",
    (s) => ((s.volumes = [{ name: "my_data", emptyDir: {} }]), (s.main.volumeMounts = [])),
    "spec.volumes[0].name: volume name must be a lowercase RFC 1123 label",
    "spec.volumes[0].name in body should match",
  ],
  [
    "an empty image",
    (s) => (s.main.image = ""),
    "spec.main.image: Too small: expected string to have >=1 characters",
    "spec.main.image in body should be at least 1 chars long",
  ],
  [
    "main without image",
    (s) => delete s.main.image,
    "spec.main.image: required field is missing",
    "spec.main.image: Required value",
  ],
  ["no main", (s) => delete (s as Obj).main, "spec.main: required field is missing", "spec.main: Required value"],
  // ---- enums ----
  [
    "an unknown sidecarMode",
    (s) => (s.sidecarMode = "Sometimes"),
    'spec.sidecarMode: Invalid option: expected one of "Auto"|"Native"|"Classic"',
    'spec.sidecarMode: Unsupported value: "Sometimes"',
  ],
  [
    "an unknown imagePullPolicy",
    (s) => (s.main.imagePullPolicy = "Sometimes"),
    "spec.main.imagePullPolicy: Invalid option",
    'spec.main.imagePullPolicy: Unsupported value: "Sometimes"',
  ],
  [
    "an unknown protocol",
    (s) => (s.main.ports = [{ containerPort: 80, protocol: "HTTP" }]),
    'spec.main.ports[0].protocol: Invalid option: expected one of "SCTP"|"TCP"|"UDP"',
    'spec.main.ports[0].protocol: Unsupported value: "HTTP"',
  ],
  [
    "an unknown update strategy",
    (s) => (s.updateStrategy = { type: "BlueGreen" }),
    "spec.updateStrategy.type: Invalid option",
    'spec.updateStrategy.type: Unsupported value: "BlueGreen"',
  ],
  [
    "an unknown restartPolicy",
    (s) => (s.pod = { restartPolicy: "Sometimes" }),
    "spec.pod.restartPolicy: Invalid option",
    'spec.pod.restartPolicy: Unsupported value: "Sometimes"',
  ],
  [
    "an unknown mountPropagation",
    (s) => (s.main.volumeMounts = [{ name: "data", mountPath: "/d", mountPropagation: "Everywhere" }]),
    "spec.main.volumeMounts[0].mountPropagation: Invalid option",
    'spec.main.volumeMounts[0].mountPropagation: Unsupported value: "Everywhere"',
  ],
  [
    "an unknown terminationMessagePolicy",
    (s) => (s.main.terminationMessagePolicy = "Always"),
    "spec.main.terminationMessagePolicy: Invalid option",
    'spec.main.terminationMessagePolicy: Unsupported value: "Always"',
  ],
  [
    "an unknown hostPath type",
    (s) => (s.volumes = [{ name: "data", hostPath: { path: "/var/data", type: "Folder" } }]),
    "spec.volumes[0].hostPath.type: Invalid option",
    'spec.volumes[0].hostPath.type: Unsupported value: "Folder"',
  ],
  [
    "a misspelt securityContext field",
    (s) => (s.main.securityContext = { privilged: true }),
    'spec.main.securityContext: unknown field "privilged"',
    'unknown field "spec.main.securityContext.privilged"',
  ],
  [
    "an unknown seccomp profile type",
    (s) => (s.main.securityContext = { seccompProfile: { type: "Strict" } }),
    "spec.main.securityContext.seccompProfile.type: Invalid option",
    'spec.main.securityContext.seccompProfile.type: Unsupported value: "Strict"',
  ],
  [
    "an unknown pod DNS policy",
    (s) => (s.pod = { dnsPolicy: "Google" }),
    "spec.pod.dnsPolicy: Invalid option",
    'spec.pod.dnsPolicy: Unsupported value: "Google"',
  ],
  [
    "a misspelt field in a sidecar's probe handler",
    (s) => (s.sidecars = [c("s", { readinessProbe: { httpGet: { port: 80, paht: "/" } } })]),
    'spec.sidecars[0].readinessProbe.httpGet: unknown field "paht"',
    'unknown field "spec.sidecars[0].readinessProbe.httpGet.paht"',
  ],
  [
    "an unknown probe scheme",
    (s) => (s.main.readinessProbe = { httpGet: { port: 8080, scheme: "FTP" } }),
    "spec.main.readinessProbe.httpGet.scheme: Invalid option",
    'spec.main.readinessProbe.httpGet.scheme: Unsupported value: "FTP"',
  ],
  // ---- ranges and types ----
  [
    "negative replicas",
    (s) => (s.replicas = -1),
    "spec.replicas: Too small: expected number to be >=0",
    "spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0",
  ],
  [
    "1001 replicas",
    (s) => (s.replicas = 1001),
    "spec.replicas: Too big: expected number to be <=1000",
    "spec.replicas in body should be less than or equal to 1000",
  ],
  [
    "fractional replicas",
    (s) => (s.replicas = 1.5),
    "spec.replicas: Invalid input: expected int, received number",
    "spec.replicas in body must be of type integer",
  ],
  [
    "replicas as a string",
    (s) => (s.replicas = "3"),
    "spec.replicas: Invalid input: expected number, received string",
    "spec.replicas in body must be of type integer",
  ],
  [
    "containerPort 0",
    (s) => (s.main.ports = [{ containerPort: 0 }]),
    "spec.main.ports[0].containerPort: Too small: expected number to be >=1",
    "spec.main.ports[0].containerPort in body should be greater than or equal to 1",
  ],
  [
    "containerPort 70000",
    (s) => (s.main.ports = [{ containerPort: 70000 }]),
    "spec.main.ports[0].containerPort: Too big: expected number to be <=65535",
    "spec.main.ports[0].containerPort in body should be less than or equal to 65535",
  ],
  [
    "hostPort 0",
    (s) => (s.main.ports = [{ containerPort: 80, hostPort: 0 }]),
    "spec.main.ports[0].hostPort: Too small",
    "spec.main.ports[0].hostPort in body should be greater than or equal to 1",
  ],
  [
    "a negative probe period",
    (s) => (s.main.livenessProbe = { tcpSocket: { port: 8080 }, periodSeconds: -1 }),
    "spec.main.livenessProbe.periodSeconds: Too small",
    "spec.main.livenessProbe.periodSeconds in body should be greater than or equal to 0",
  ],
  [
    "a negative initialDelaySeconds",
    (s) => (s.main.startupProbe = { tcpSocket: { port: 8080 }, initialDelaySeconds: -5 }),
    "spec.main.startupProbe.initialDelaySeconds: Too small",
    "spec.main.startupProbe.initialDelaySeconds in body should be greater than or equal to 0",
  ],
  [
    "a negative grace period",
    (s) => (s.pod = { terminationGracePeriodSeconds: -1 }),
    "spec.pod.terminationGracePeriodSeconds: Too small: expected number to be >=0",
    "spec.pod.terminationGracePeriodSeconds in body should be greater than or equal to 0",
  ],
  [
    "a tcpProxy on port 0",
    (s) => (s.ambassadors = [{ name: "p", preset: proxy(0) }]),
    "spec.ambassadors[0].preset.tcpProxy.listenPort: Too small",
    "spec.ambassadors[0].preset.tcpProxy.listenPort in body should be greater than or equal to 1",
  ],
  [
    "a metrics interval over an hour",
    (s) => (s.adapters = [{ name: "m", preset: metrics({ intervalSeconds: 3601 }) }]),
    "spec.adapters[0].preset.prometheusMetrics.intervalSeconds: Too big",
    "spec.adapters[0].preset.prometheusMetrics.intervalSeconds in body should be less than or equal to 3600",
  ],
  [
    "stdin as a string",
    (s) => (s.main.stdin = "yes"),
    "spec.main.stdin: Invalid input: expected boolean, received string",
    "spec.main.stdin in body must be of type boolean",
  ],
  // ---- quantities and int-or-string ----
  [
    "a memory request that is not a quantity",
    (s) => (s.main.resources = { requests: { memory: "lots" } }),
    "spec.main.resources.requests.memory: must be a Kubernetes quantity",
    "spec.main.resources.requests.memory in body should match",
  ],
  [
    "a cpu limit with two dots",
    (s) => (s.main.resources = { limits: { cpu: "1.5.5" } }),
    "spec.main.resources.limits.cpu: must be a Kubernetes quantity",
    "spec.main.resources.limits.cpu in body should match",
  ],
  [
    "an emptyDir sizeLimit that is not a quantity",
    (s) => (s.volumes = [{ name: "data", emptyDir: { sizeLimit: "1 GB" } }]),
    "spec.volumes[0].emptyDir.sizeLimit: must be a Kubernetes quantity",
    "spec.volumes[0].emptyDir.sizeLimit in body should match",
  ],
  [
    "a maxSurge that is neither count nor percentage",
    (s) => (s.updateStrategy = { rollingUpdate: { maxSurge: "lots" } }),
    "spec.updateStrategy.rollingUpdate.maxSurge: must be a non-negative count or a percentage such as 25%",
    "spec.updateStrategy.rollingUpdate.maxSurge in body should match",
  ],
  [
    "a negative maxUnavailable",
    (s) => (s.updateStrategy = { rollingUpdate: { maxUnavailable: -1 } }),
    "spec.updateStrategy.rollingUpdate.maxUnavailable: must be a non-negative count or a percentage such as 25%",
    "spec.updateStrategy.rollingUpdate.maxUnavailable",
  ],
  [
    "a boolean maxSurge",
    (s) => (s.updateStrategy = { rollingUpdate: { maxSurge: true } }),
    "spec.updateStrategy.rollingUpdate.maxSurge: Invalid input",
    "spec.updateStrategy.rollingUpdate.maxSurge in body must be of type integer,string",
  ],
  [
    "a probe port that is a list",
    (s) => (s.main.livenessProbe = { httpGet: { port: [8080] } }),
    "spec.main.livenessProbe.httpGet.port: Invalid input",
    "spec.main.livenessProbe.httpGet.port in body must be of type integer,string",
  ],
  // ---- presets ----
  [
    "an upstream without a port",
    (s) => (s.ambassadors = [{ name: "p", preset: proxy(5432, "db") }]),
    "spec.ambassadors[0].preset.tcpProxy.upstream: must be host:port",
    "spec.ambassadors[0].preset.tcpProxy.upstream in body should match",
  ],
  [
    "an upstream port above 65535",
    (s) => (s.ambassadors = [{ name: "p", preset: proxy(5432, "db:70000") }]),
    "spec.ambassadors[0].preset.tcpProxy.upstream: the port of upstream must be between 1 and 65535",
    "spec.ambassadors[0].preset.tcpProxy.upstream",
  ],
  [
    "a logShipper with no files",
    (s) => (s.sidecars = [{ name: "ship", preset: { logShipper: { volume: "data", files: [] } } }]),
    "spec.sidecars[0].preset.logShipper.files: Too small: expected array to have >=1 items",
    "spec.sidecars[0].preset.logShipper.files in body should have at least 1 items",
  ],
  [
    "a relative preset mountPath",
    (s) => (s.sidecars = [{ name: "ship", preset: ship("data", { mountPath: "logs" }) }]),
    "spec.sidecars[0].preset.logShipper.mountPath: must be an absolute path",
    "spec.sidecars[0].preset.logShipper.mountPath in body should match",
  ],
  [
    "a metric prefix with a dash",
    (s) => (s.adapters = [{ name: "m", preset: metrics({ prefix: "my-app" }) }]),
    "spec.adapters[0].preset.prometheusMetrics.prefix: must be a Prometheus metric name prefix",
    "spec.adapters[0].preset.prometheusMetrics.prefix in body should match",
  ],
  [
    "a preset parameter with a typo",
    (s) => (s.adapters = [{ name: "j", preset: toJson({ files: ["x"] }) }]),
    'spec.adapters[0].preset.logToJson: unknown field "files"',
    'unknown field "spec.adapters[0].preset.logToJson.files"',
  ],
  [
    "an httpProxy upstream that is not an http URL",
    (s) => (s.ambassadors = [{ name: "h", preset: httpProxy([{ path: "/api", upstream: "orders:8080" }]) }]),
    "spec.ambassadors[0].preset.httpProxy.routes[0].upstream: must be http://host[:port][/path]",
    "spec.ambassadors[0].preset.httpProxy.routes[0].upstream in body should match",
  ],
  [
    "an httpProxy route path with a trailing slash",
    (s) => (s.ambassadors = [{ name: "h", preset: httpProxy([{ path: "/api/", upstream: "http://orders" }]) }]),
    "spec.ambassadors[0].preset.httpProxy.routes[0].path: path must be / or an absolute path",
    "spec.ambassadors[0].preset.httpProxy.routes[0].path in body should match",
  ],
  [
    "two httpProxy routes for one path",
    (s) =>
      (s.ambassadors = [
        {
          name: "h",
          preset: httpProxy([
            { path: "/api", upstream: "http://a" },
            { path: "/api", upstream: "http://b" },
          ]),
        },
      ]),
    "spec.ambassadors[0].preset.httpProxy.routes[1].path: path /api has more than one route",
    'spec.ambassadors[0].preset.httpProxy.routes[1]: Duplicate value: map[string]interface {}{"path":"/api"}',
  ],
  [
    "an httpProxy listening on the main container's port",
    (s) => (s.ambassadors = [{ name: "h", preset: httpProxy([{ path: "/", upstream: "http://a" }], 8080) }]),
    'spec.ambassadors[0].preset.httpProxy.listenPort: port 8080/TCP is already used by container "web"',
    "a port in spec.ambassadors is already used by spec.main",
  ],
  [
    "a configReloader on an undeclared volume",
    (s) => (s.sidecars = [{ name: "r", preset: reloader({ volume: "config" }) }]),
    'spec.sidecars[0].preset.configReloader.volume: volume "config" is not declared',
    "preset configReloader reads a volume that is not declared in spec.volumes",
  ],
  [
    "a configReloader url that is not http",
    (s) => (s.sidecars = [{ name: "r", preset: reloader({ url: "localhost:8080/reload" }) }]),
    "spec.sidecars[0].preset.configReloader.url: must be http://host[:port][/path]",
    "spec.sidecars[0].preset.configReloader.url in body should match",
  ],
  // ---- update strategy ----
  [
    "a rollingUpdate field with a typo",
    (s) => (s.updateStrategy = { rollingUpdate: { maxSurges: 1 } }),
    'spec.updateStrategy.rollingUpdate: unknown field "maxSurges"',
    'unknown field "spec.updateStrategy.rollingUpdate.maxSurges"',
  ],
  // ---- volumes ----
  [
    "a volume with two sources",
    (s) => (s.volumes = [{ name: "data", emptyDir: {}, hostPath: { path: "/tmp" } }]),
    'volume "data" must set at most one source; it sets hostPath, emptyDir',
    "a volume must set at most one source",
  ],
  [
    "a claim without a claimName",
    (s) => (s.volumes = [{ name: "data", persistentVolumeClaim: {} }]),
    "spec.volumes[0].persistentVolumeClaim.claimName: required field is missing",
    "spec.volumes[0].persistentVolumeClaim.claimName: Required value",
  ],
  [
    "33 volumes",
    (s) => (s.volumes = Array.from({ length: 33 }, (_, i) => ({ name: i === 0 ? "data" : `v${i}`, emptyDir: {} }))),
    "spec.volumes: Too big: expected array to have <=32 items",
    "spec.volumes: Too many: 33: must have at most 32 items",
  ],
  // ---- ports and mounts ----
  [
    "a port name of 16 characters",
    (s) => (s.main.ports = [{ containerPort: 8080, name: "a".repeat(16) }]),
    "spec.main.ports[0].name: Too big: expected string to have <=15 characters",
    "spec.main.ports[0].name: Too long: may not be more than 15 bytes",
  ],
  [
    "17 ports",
    (s) => (s.main.ports = Array.from({ length: 17 }, (_, i) => ({ containerPort: 8000 + i }))),
    "spec.main.ports: Too big: expected array to have <=16 items",
    "spec.main.ports: Too many: 17: must have at most 16 items",
  ],
  [
    "an empty mountPath",
    (s) => (s.main.volumeMounts = [{ name: "data", mountPath: "" }]),
    "spec.main.volumeMounts[0].mountPath: Too small",
    "spec.main.volumeMounts[0].mountPath in body should be at least 1 chars long",
  ],
  [
    "17 mounts",
    (s) => (s.main.volumeMounts = Array.from({ length: 17 }, (_, i) => ({ name: "data", mountPath: `/m${i}` }))),
    "spec.main.volumeMounts: Too big: expected array to have <=16 items",
    "spec.main.volumeMounts: Too many: 17: must have at most 16 items",
  ],
  [
    "9 sidecars",
    (s) => (s.sidecars = Array.from({ length: 9 }, (_, i) => c(`s${i}`))),
    "spec.sidecars: Too big: expected array to have <=8 items",
    "spec.sidecars: Too many: 9: must have at most 8 items",
  ],
  [
    "17 init containers",
    (s) => (s.initContainers = Array.from({ length: 17 }, (_, i) => c(`i${i}`))),
    "spec.initContainers: Too big: expected array to have <=16 items",
    "spec.initContainers: Too many: 17: must have at most 16 items",
  ],
  // ---- unknown fields ----
  [
    "an unknown field in spec",
    (s) => (s.sidecar = []),
    'spec: unknown field "sidecar"',
    'unknown field "spec.sidecar"',
  ],
  [
    "an unknown field in a container",
    (s) => (s.main.imagePullPolicyy = "Never"),
    'spec.main: unknown field "imagePullPolicyy"',
    'unknown field "spec.main.imagePullPolicyy"',
  ],
  [
    "an unknown field in a port",
    (s) => (s.main.ports = [{ containerPort: 8080, port: 80 }]),
    'spec.main.ports[0]: unknown field "port"',
    'unknown field "spec.main.ports[0].port"',
  ],
  [
    "an unknown field in a volume",
    (s) => (s.volumes = [{ name: "data", emptyDir: {}, size: "1Gi" }]),
    'spec.volumes[0]: unknown field "size"',
    'unknown field "spec.volumes[0].size"',
  ],
  [
    "an unknown field in pod",
    (s) => (s.pod = { nodeNme: "n1" }),
    'spec.pod: unknown field "nodeNme"',
    'unknown field "spec.pod.nodeNme"',
  ],
  // ---- what the Pod's validation requires (found by the dry-run property test) ----
  [
    "a port name with capitals",
    (s) => (s.main.ports = [{ containerPort: 8080, name: "HTTP" }]),
    "spec.main.ports[0].name: must be an IANA_SVC_NAME",
    "spec.main.ports[0].name in body should match",
  ],
  [
    "a port name of digits only",
    (s) => (s.main.ports = [{ containerPort: 8080, name: "8080" }]),
    "spec.main.ports[0].name: must be an IANA_SVC_NAME",
    "spec.main.ports[0].name: Invalid value",
  ],
  [
    "a port name with a double dash",
    (s) => (s.main.ports = [{ containerPort: 8080, name: "web--alt" }]),
    "spec.main.ports[0].name: must be an IANA_SVC_NAME",
    "must be an IANA_SVC_NAME",
  ],
  [
    "one port name twice in a container",
    (s) =>
      (s.main.ports = [
        { containerPort: 8080, name: "http" },
        { containerPort: 8081, name: "http" },
      ]),
    'spec.main.ports[1].name: port names must be unique within a container: "http" is used twice',
    "spec.main.ports: Invalid value",
  ],
  [
    "an env var name starting with a digit",
    (s) => (s.main.env = [{ name: "1ST", value: "x" }]),
    "spec.main.env[0].name: must consist of letters, digits",
    "spec.main.env[0].name in body should match",
  ],
  [
    "an env var name with a space",
    (s) => (s.sidecars = [c("s", { env: [{ name: "MY VAR", value: "x" }] })]),
    "spec.sidecars[0].env[0].name: must consist of letters, digits",
    "spec.sidecars[0].env[0].name in body should match",
  ],
  [
    "an env var with value and valueFrom",
    (s) => (s.main.env = [{ name: "A", value: "x", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }]),
    "spec.main.env[0].valueFrom: value and valueFrom cannot both be set",
    "spec.main.env[0]: Invalid value",
  ],
  [
    "a negative cpu request",
    (s) => (s.main.resources = { requests: { cpu: "-100m" } }),
    "spec.main.resources.requests.cpu: must be greater than or equal to 0",
    "spec.main.resources.requests.cpu: Invalid value",
  ],
  [
    "an unknown resource name",
    (s) => (s.main.resources = { limits: { gpu: 1 } }),
    "spec.main.resources.limits.gpu: resource names must be cpu, memory",
    "resource names must be cpu, memory",
  ],
  [
    "a probe without a handler",
    (s) => (s.main.livenessProbe = { periodSeconds: 5 }),
    "spec.main.livenessProbe: a probe must set exactly one handler",
    "spec.main.livenessProbe: Invalid value",
  ],
  [
    "a probe with two handlers",
    (s) => (s.main.readinessProbe = { tcpSocket: { port: 8080 }, exec: { command: ["true"] } }),
    "spec.main.readinessProbe: a probe must set exactly one handler",
    "a probe must set exactly one handler",
  ],
  [
    "a probe port of 0",
    (s) => (s.main.livenessProbe = { tcpSocket: { port: 0 } }),
    "spec.main.livenessProbe.tcpSocket.port: must be a port number between 1 and 65535",
    "spec.main.livenessProbe.tcpSocket.port: Invalid value",
  ],
  [
    "a probe port name that is not an IANA_SVC_NAME",
    (s) => (s.main.readinessProbe = { httpGet: { port: "Web_Port" } }),
    "spec.main.readinessProbe.httpGet.port: must be a port number between 1 and 65535",
    "spec.main.readinessProbe.httpGet.port in body should match",
  ],
  [
    "a gRPC probe on port 70000",
    (s) => (s.main.livenessProbe = { grpc: { port: 70000 } }),
    "spec.main.livenessProbe.grpc.port: Too big",
    "spec.main.livenessProbe.grpc.port in body should be less than or equal to 65535",
  ],
  [
    "a readiness probe with a grace period",
    (s) => (s.main.readinessProbe = { tcpSocket: { port: 8080 }, terminationGracePeriodSeconds: 5 }),
    "spec.main.readinessProbe.terminationGracePeriodSeconds: readinessProbe.terminationGracePeriodSeconds may not be set",
    "spec.main.readinessProbe.terminationGracePeriodSeconds: Invalid value",
  ],
  [
    "a liveness probe with successThreshold 2",
    (s) => (s.sidecars = [c("s", { livenessProbe: { exec: { command: ["true"] }, successThreshold: 2 } })]),
    "spec.sidecars[0].livenessProbe.successThreshold: livenessProbe and startupProbe must have successThreshold 1",
    "spec.sidecars[0].livenessProbe.successThreshold: Invalid value",
  ],
  [
    "an init container with a readiness probe",
    (s) => (s.initContainers = [c("i", { readinessProbe: { exec: { command: ["true"] } } })]),
    "spec.initContainers[0].readinessProbe: readinessProbe is not allowed on an init container",
    "readinessProbe is not allowed on an init container",
  ],
  [
    "an init container with a lifecycle hook",
    (s) => (s.initContainers = [c("i", { lifecycle: { preStop: { exec: { command: ["true"] } } } })]),
    "spec.initContainers[0].lifecycle: lifecycle is not allowed on an init container",
    "lifecycle is not allowed on an init container",
  ],
  [
    "a pod label key with a space",
    (s) => (s.pod = { labels: { "my label": "x" } }),
    "spec.pod.labels.my label: keys must be qualified names",
    "spec.pod.labels: Invalid value",
  ],
  [
    "a pod label value with a slash",
    (s) => (s.pod = { labels: { tier: "a/b" } }),
    "spec.pod.labels.tier: label values must be at most 63",
    "spec.pod.labels.tier in body should match",
  ],
  [
    "a pod label value of 64 characters",
    (s) => (s.pod = { labels: { tier: "a".repeat(64) } }),
    "spec.pod.labels.tier: Too big",
    "spec.pod.labels.tier: Too long: may not be more than 63 bytes",
  ],
  [
    "an annotation key with two slashes",
    (s) => (s.pod = { annotations: { "a/b/c": "x" } }),
    "keys must be qualified names",
    "spec.pod.annotations: Invalid value",
  ],
  [
    "a nodeSelector key ending in a dash",
    (s) => (s.pod = { nodeSelector: { "disk-": "ssd" } }),
    "keys must be qualified names",
    "spec.pod.nodeSelector: Invalid value",
  ],
];

/**
 * Rules only the zod schema (and, at Pod creation, the API server) enforces: the CRD cannot carry
 * them within the API server's CEL cost budget. `validate` and the operator reject these apps; the
 * API server stores them. Kept out of the three-judge table and tested as a known difference.
 */
const cliOnlyRows: Row[] = [
  [
    "a memory request above its limit",
    (s) => (s.main.resources = { requests: { memory: "2Gi" }, limits: { memory: "1Gi" } }),
    "spec.main.resources.requests.memory: request 2Gi is greater than the limit 1Gi",
    "",
  ],
  [
    "a cpu request above its limit in another unit",
    (s) => (s.adapters = [c("a", { resources: { requests: { cpu: "1.5" }, limits: { cpu: "1000m" } } })]),
    "spec.adapters[0].resources.requests.cpu: request 1.5 is greater than the limit 1000m",
    "",
  ],
];

/** Cases on the object around the spec. */
const objectRows: [string, Obj, string, string][] = [
  [
    "a name of 64 characters",
    { ...validBase(), metadata: { name: "a".repeat(64) } },
    "metadata.name: Too big: expected string to have <=63 characters",
    "metadata.name must be at most 63 characters",
  ],
  [
    "a name with capitals",
    { ...validBase(), metadata: { name: "Web" } },
    "metadata.name: metadata.name must be a lowercase RFC 1123 subdomain",
    'metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain must consist of',
  ],
  [
    "no spec",
    { apiVersion: "compositeapp.io/v1alpha1", kind: "CompositeApp", metadata: { name: "bad" } },
    "spec: required field is missing",
    "spec: Required value",
  ],
];

export const INVALID_APPS: JudgedCase[] = [
  ...rows.map(([name, change, cli, crd]) => ({ name, app: withSpec(change), cli, crd })),
  ...objectRows.map(([name, app, cli, crd]) => ({ name, app, cli, crd })),
  ...[...SECURITY_PROFILE_ROWS, SCRATCH_NAME_ROW].map(([name, change, cli, crd]) => ({
    name,
    app: withSpec(change),
    cli,
    crd,
  })),
];

/** Apps only `validate` rejects (their `crd` is empty: the CRD accepts them). */
export const CLI_ONLY_INVALID_APPS: JudgedCase[] = cliOnlyRows.map(([name, change, cli, crd]) => ({
  name,
  app: withSpec(change),
  cli,
  crd,
}));

/** Valid apps every judge must accept: the examples and edge cases at the limits. */
export function validApps(): { name: string; app: Obj }[] {
  const examples = exampleFiles().flatMap((file) =>
    parseDocuments(readFileSync(join(EXAMPLES_DIR, file), "utf8"))
      .filter((d) => (d as Obj).kind === "CompositeApp")
      .map((d) => ({ name: `example ${file}`, app: d as Obj })),
  );
  const edge = (name: string, change: (s: Spec) => void) => ({ name, app: withSpec(change) });
  return [
    ...examples,
    edge("the base app", () => undefined),
    ...SECURITY_PROFILE_VALID.map(([name, change]) => edge(name, change)),
    edge(
      "one port on two protocols in two containers",
      (s) => (s.sidecars = [c("dns", { ports: [{ containerPort: 8080, protocol: "UDP" }] })]),
    ),
    edge(
      "an init container on main's port",
      (s) => (s.initContainers = [c("setup", { ports: [{ containerPort: 8080 }] })]),
    ),
    edge(
      "Recreate with both bounds 0",
      (s) => (s.updateStrategy = { type: "Recreate", rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }),
    ),
    edge("percentages", (s) => (s.updateStrategy = { rollingUpdate: { maxSurge: "25%", maxUnavailable: "100%" } })),
    edge("a run to completion with a backoffLimit and Recreate", (s) => {
      s.pod = { restartPolicy: "OnFailure" };
      s.backoffLimit = 0;
      s.updateStrategy = { type: "Recreate" };
      s.sidecars = [{ name: "ship", preset: ship() }];
    }),
    edge("0 replicas", (s) => (s.replicas = 0)),
    edge("1000 replicas", (s) => (s.replicas = 1000)),
    edge("a 63-character container name", (s) => (s.main.name = "a".repeat(63))),
    edge("a 15-character port name", (s) => (s.main.ports = [{ containerPort: 8080, name: "http-alt-server" }])),
    edge("8 sidecars, 16 init containers, 32 volumes", (s) => {
      s.sidecars = Array.from({ length: 8 }, (_, i) => c(`s${i}`));
      s.initContainers = Array.from({ length: 16 }, (_, i) => c(`i${i}`));
      s.volumes = Array.from({ length: 32 }, (_, i) => ({ name: i === 0 ? "data" : `v${i}`, emptyDir: {} }));
    }),
    edge("every preset at once", (s) => {
      s.sidecars = [
        { name: "ship", preset: ship() },
        { name: "reload", preset: reloader({ mountPath: "/etc/app", url: "http://127.0.0.1:8080/-/reload?x=1" }) },
      ];
      s.ambassadors = [
        { name: "p", preset: proxy(5432, "db.example:65535") },
        {
          name: "h",
          preset: httpProxy([
            { path: "/", upstream: "http://web.shop.svc" },
            { path: "/api/v1", upstream: "http://10.0.0.7:8080/v2/" },
          ]),
        },
      ];
      s.adapters = [
        { name: "m", preset: metrics({ port: 9100, prefix: "" }) },
        { name: "j", preset: toJson({ mountPath: "/j" }) },
      ];
    }),
    edge("quantities in every form", (s) => {
      s.main.resources = { requests: { cpu: "100m", memory: "64Mi" }, limits: { cpu: 2, memory: "1e9" } };
      s.volumes = [{ name: "data", emptyDir: { medium: "Memory", sizeLimit: "0.5Gi" } }];
    }),
    edge("probes of every kind", (s) => {
      s.main.livenessProbe = { httpGet: { port: "http", path: "/healthz" }, periodSeconds: 1 };
      s.main.readinessProbe = { tcpSocket: { port: 8080 } };
      s.main.startupProbe = { exec: { command: ["true"] }, failureThreshold: 30 };
      s.main.ports = [{ containerPort: 8080, name: "http" }];
    }),
  ];
}
