// The securityProfile Restricted cases of the bad-input table (invalid-apps.ts): each sets the
// profile and one value Pod Security "restricted" forbids; `cli` is where and what `validate`
// says, `crd` what the API server says. And apps under the profile that every judge accepts.
type Obj = Record<string, unknown>;
type Spec = Obj & { main: Obj };
export type SecurityRow = [name: string, change: (s: Spec) => void, cli: string, crd: string];

const BUSYBOX = "docker.io/library/busybox:1.35";
const c = (name: string, extra: Obj = {}): Obj => ({ name, image: BUSYBOX, ...extra });
const P = "securityProfile Restricted";

/** The spec under the profile, changed by `change`. */
const restricted =
  (change: (s: Spec) => void) =>
  (s: Spec): void => {
    s.securityProfile = "Restricted";
    change(s);
  };

const row = (name: string, change: (s: Spec) => void, path: string, message: string): SecurityRow => [
  `securityProfile Restricted: ${name}`,
  restricted(change),
  `${path}: ${P}: ${message}`,
  `${P}: ${message}`,
];

export const SECURITY_PROFILE_ROWS: SecurityRow[] = [
  row(
    "a privileged main container",
    (s) => (s.main.securityContext = { privileged: true }),
    "spec.main.securityContext.privileged",
    "a container may not be privileged",
  ),
  row(
    "a sidecar running as root",
    (s) => (s.sidecars = [c("side", { securityContext: { runAsUser: 0 } })]),
    "spec.sidecars[0].securityContext.runAsUser",
    "runAsUser may not be 0 (root)",
  ),
  row(
    "a Pod running as root",
    (s) => (s.pod = { securityContext: { runAsUser: 0 } }),
    "spec.pod.securityContext.runAsUser",
    "runAsUser may not be 0 (root)",
  ),
  row(
    "runAsNonRoot false on an init container",
    (s) => (s.initContainers = [c("setup", { securityContext: { runAsNonRoot: false } })]),
    "spec.initContainers[0].securityContext.runAsNonRoot",
    "runAsNonRoot must be true",
  ),
  row(
    "a hostPath volume",
    (s) => (s.volumes = [{ name: "data", hostPath: { path: "/var/data" } }]),
    "spec.volumes[0].hostPath",
    "a volume may only be one of configMap",
  ),
  row(
    "an nfs volume",
    (s) => (s.volumes = [{ name: "data", nfs: { server: "nfs.example", path: "/export" } }]),
    "spec.volumes[0].nfs",
    "a volume may only be one of configMap",
  ),
  row("hostNetwork", (s) => (s.pod = { hostNetwork: true }), "spec.pod.hostNetwork", "pod.hostNetwork may not be true"),
  row("hostPID", (s) => (s.pod = { hostPID: true }), "spec.pod.hostPID", "pod.hostPID may not be true"),
  row("hostIPC", (s) => (s.pod = { hostIPC: true }), "spec.pod.hostIPC", "pod.hostIPC may not be true"),
  row(
    "a hostPort",
    (s) => (s.main.ports = [{ containerPort: 8080, hostPort: 8080 }]),
    "spec.main.ports[0].hostPort",
    "a container may not use a hostPort",
  ),
  row(
    "an added capability other than NET_BIND_SERVICE",
    (s) =>
      (s.ambassadors = [c("proxy", { securityContext: { capabilities: { add: ["NET_BIND_SERVICE", "NET_RAW"] } } })]),
    "spec.ambassadors[0].securityContext.capabilities.add",
    "capabilities.add may hold only NET_BIND_SERVICE",
  ),
  row(
    "a preset helper's own securityContext dropping less than ALL",
    (s) =>
      (s.adapters = [
        {
          name: "metrics",
          preset: { prometheusMetrics: { volume: "data", file: "status" } },
          securityContext: { capabilities: { drop: ["NET_RAW"] } },
        },
      ]),
    "spec.adapters[0].securityContext.capabilities.drop",
    "capabilities.drop must include ALL",
  ),
  row(
    "allowPrivilegeEscalation true",
    (s) => (s.main.securityContext = { allowPrivilegeEscalation: true }),
    "spec.main.securityContext.allowPrivilegeEscalation",
    "allowPrivilegeEscalation must be false",
  ),
  row(
    "an Unconfined seccomp profile on the Pod",
    (s) => (s.pod = { securityContext: { seccompProfile: { type: "Unconfined" } } }),
    "spec.pod.securityContext.seccompProfile.type",
    "seccompProfile.type must be RuntimeDefault or Localhost",
  ),
  row(
    "an Unconfined AppArmor profile on a container",
    (s) => (s.main.securityContext = { appArmorProfile: { type: "Unconfined" } }),
    "spec.main.securityContext.appArmorProfile.type",
    "appArmorProfile.type must be RuntimeDefault or Localhost",
  ),
  row(
    "an SELinux user",
    (s) => (s.main.securityContext = { seLinuxOptions: { user: "system_u" } }),
    "spec.main.securityContext.seLinuxOptions",
    "seLinuxOptions may set only type",
  ),
  row(
    "an unmasked /proc",
    (s) => (s.main.securityContext = { procMount: "Unmasked" }),
    "spec.main.securityContext.procMount",
    "procMount must be Default",
  ),
  row(
    "a Windows host process",
    (s) => (s.main.securityContext = { windowsOptions: { hostProcess: true } }),
    "spec.main.securityContext.windowsOptions.hostProcess",
    "windowsOptions.hostProcess may not be true",
  ),
  row(
    "an unsafe sysctl",
    (s) => (s.pod = { securityContext: { sysctls: [{ name: "kernel.msgmax", value: "65536" }] } }),
    "spec.pod.securityContext.sysctls[0].name",
    "only the safe sysctls are allowed",
  ),
  row(
    "an unconfined AppArmor annotation",
    (s) => (s.pod = { annotations: { "container.apparmor.security.beta.kubernetes.io/web": "unconfined" } }),
    "spec.pod.annotations.container.apparmor.security.beta.kubernetes.io/web",
    "an AppArmor annotation must be runtime/default or localhost/<profile>",
  ),
  [
    "securityProfile Restricted: a windows Pod",
    restricted((s) => (s.pod = { os: { name: "windows" } })),
    `spec.pod.os.name: ${P} sets Linux security settings`,
    `${P} sets Linux security settings`,
  ],
];

/** Not the profile's: a volume named as a preset helper's own scratch emptyDir. */
export const SCRATCH_NAME_ROW: SecurityRow = [
  "a volume named as a helper's scratch emptyDir",
  (s) => {
    s.volumes = [
      { name: "data", emptyDir: {} },
      { name: "metrics-scratch", emptyDir: {} },
    ];
    s.adapters = [{ name: "metrics", preset: { prometheusMetrics: { volume: "data", file: "status" } } }];
  },
  'spec.volumes[1].name: a volume may not be named <helper>-scratch after a helper whose preset writes to a scratch emptyDir: "metrics-scratch"',
  'spec.volumes: Invalid value: "object": a volume may not be named <helper>-scratch',
];

/** Apps under the profile that set what it allows: every judge accepts them. */
export const SECURITY_PROFILE_VALID: [string, (s: Spec) => void][] = [
  ["securityProfile Restricted: nothing set", restricted(() => undefined)],
  [
    "securityProfile Restricted: what the level allows, set explicitly",
    restricted((s) => {
      s.volumes = [
        { name: "data", emptyDir: {} },
        { name: "claim", persistentVolumeClaim: { claimName: "data" } },
        { name: "implicit" },
      ];
      s.main.securityContext = {
        runAsUser: 1000,
        readOnlyRootFilesystem: false,
        capabilities: { add: ["NET_BIND_SERVICE"], drop: ["ALL"] },
        seccompProfile: { type: "Localhost", localhostProfile: "profiles/web.json" },
        seLinuxOptions: { type: "container_t", level: "s0:c1,c2" },
      };
      s.pod = {
        securityContext: { runAsNonRoot: true, sysctls: [{ name: "net.ipv4.ip_unprivileged_port_start", value: "0" }] },
        annotations: { "container.apparmor.security.beta.kubernetes.io/web": "runtime/default" },
      };
    }),
  ],
  [
    "no securityProfile: a privileged container on hostPath, as written",
    (s) => {
      s.volumes = [{ name: "data", hostPath: { path: "/var/data" } }];
      s.main.securityContext = { privileged: true, runAsUser: 0 };
      s.pod = { hostNetwork: true };
    },
  ],
];
