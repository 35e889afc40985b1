// spec.securityProfile Restricted: what still violates Pod Security "restricted" once the
// profile's defaults are filled in (security-defaults.ts). The defaults only fill unset fields with
// compliant values, so a violation is always a value the spec sets itself, and each is reported at
// that field. The checks follow k8s.io/pod-security-admission's "restricted" level (which includes
// "baseline") for Kubernetes 1.33. Both forms, as for every rule of the spec: zod issues with the
// exact path (the CLI and the operator) and CEL on `spec` (the API server), with the same messages.
import { z } from "zod";
import { VOLUME_SOURCES, type Container, type PodOptions, type Volume } from "./core.js";
import { placedContainers, type RuleSpec } from "./rules.js";
import type { CelRule, Path, RuleIssue } from "./rule-types.js";
import { HELPER_ROLES } from "./roles.js";
import { NET_BIND_SERVICE } from "./security-defaults.js";

export const SECURITY_PROFILES = ["Restricted"] as const;
export type SecurityProfile = (typeof SECURITY_PROFILES)[number];

/** The spec's field. */
export const SecurityProfileField = z
  .enum(SECURITY_PROFILES)
  .optional()
  .describe(
    "Restricted: the Pods meet Pod Security 'restricted'. Where the spec leaves them unset, each container gets allowPrivilegeEscalation false, readOnlyRootFilesystem true and capabilities.drop [ALL], and the Pod runAsNonRoot true, runAsUser and runAsGroup 65534 and seccompProfile RuntimeDefault; a value the spec sets that the level forbids (privileged, runAsUser 0, hostPath volumes, hostNetwork, ...) is rejected. Unset: the Pods are rendered as written (preset helpers are restricted either way).",
  );

const PROFILE = "securityProfile Restricted";

type SecurityContext = NonNullable<Container["securityContext"]> & NonNullable<PodOptions["securityContext"]>;

/** A rule on a securityContext, the Pod's or a container's: `bad` on the value, `ok` as CEL on `s`. */
interface ContextCheck {
  field: Path;
  message: string;
  bad(s: SecurityContext): boolean;
  ok(s: string): string;
  /** Only on containers (the Pod's securityContext has no such field). */
  containerOnly?: boolean;
}

const unsetOr = (s: string, field: string, cond: string) => `(!has(${s}.${field}) || ${cond})`;
const PROFILE_TYPES = ["RuntimeDefault", "Localhost"];
const SELINUX_TYPES = ["container_t", "container_init_t", "container_kvm_t", "container_engine_t"];
const celList = (xs: readonly string[]) => `[${xs.map((x) => `'${x}'`).join(", ")}]`;

const CONTEXT_CHECKS: ContextCheck[] = [
  {
    field: ["privileged"],
    message: `${PROFILE}: a container may not be privileged`,
    bad: (s) => s.privileged === true,
    ok: (s) => unsetOr(s, "privileged", `!${s}.privileged`),
    containerOnly: true,
  },
  {
    field: ["allowPrivilegeEscalation"],
    message: `${PROFILE}: allowPrivilegeEscalation must be false (unset, the profile sets false)`,
    bad: (s) => s.allowPrivilegeEscalation === true,
    ok: (s) => unsetOr(s, "allowPrivilegeEscalation", `!${s}.allowPrivilegeEscalation`),
    containerOnly: true,
  },
  {
    field: ["capabilities", "add"],
    message: `${PROFILE}: capabilities.add may hold only ${NET_BIND_SERVICE}`,
    bad: (s) => (s.capabilities?.add ?? []).some((c) => c !== NET_BIND_SERVICE),
    ok: (s) =>
      `(!has(${s}.capabilities) || ${unsetOr(`${s}.capabilities`, "add", `${s}.capabilities.add.all(x, x == '${NET_BIND_SERVICE}')`)})`,
    containerOnly: true,
  },
  {
    field: ["capabilities", "drop"],
    message: `${PROFILE}: capabilities.drop must include ALL (unset, the profile drops ALL)`,
    bad: (s) => s.capabilities?.drop !== undefined && !s.capabilities.drop.includes("ALL"),
    ok: (s) =>
      `(!has(${s}.capabilities) || ${unsetOr(`${s}.capabilities`, "drop", `'ALL' in ${s}.capabilities.drop`)})`,
    containerOnly: true,
  },
  {
    field: ["procMount"],
    message: `${PROFILE}: procMount must be Default`,
    bad: (s) => s.procMount !== undefined && s.procMount !== "Default",
    ok: (s) => unsetOr(s, "procMount", `${s}.procMount == 'Default'`),
    containerOnly: true,
  },
  {
    field: ["runAsNonRoot"],
    message: `${PROFILE}: runAsNonRoot must be true (unset, the profile sets it on the Pod)`,
    bad: (s) => s.runAsNonRoot === false,
    ok: (s) => unsetOr(s, "runAsNonRoot", `${s}.runAsNonRoot`),
  },
  {
    field: ["runAsUser"],
    message: `${PROFILE}: runAsUser may not be 0 (root)`,
    bad: (s) => s.runAsUser === 0,
    ok: (s) => unsetOr(s, "runAsUser", `${s}.runAsUser != 0`),
  },
  {
    field: ["seccompProfile", "type"],
    message: `${PROFILE}: seccompProfile.type must be RuntimeDefault or Localhost`,
    bad: (s) => s.seccompProfile !== undefined && !PROFILE_TYPES.includes(s.seccompProfile.type),
    ok: (s) => unsetOr(s, "seccompProfile", `${s}.seccompProfile.type in ${celList(PROFILE_TYPES)}`),
  },
  {
    field: ["appArmorProfile", "type"],
    message: `${PROFILE}: appArmorProfile.type must be RuntimeDefault or Localhost`,
    bad: (s) => s.appArmorProfile !== undefined && !PROFILE_TYPES.includes(s.appArmorProfile.type),
    ok: (s) => unsetOr(s, "appArmorProfile", `${s}.appArmorProfile.type in ${celList(PROFILE_TYPES)}`),
  },
  {
    field: ["seLinuxOptions"],
    message: `${PROFILE}: seLinuxOptions may set only type, one of ${SELINUX_TYPES.join(", ")}`,
    bad: ({ seLinuxOptions: o }) =>
      o !== undefined &&
      (o.user !== undefined || o.role !== undefined || (o.type !== undefined && !SELINUX_TYPES.includes(o.type))),
    ok: (s) =>
      unsetOr(
        s,
        "seLinuxOptions",
        `!has(${s}.seLinuxOptions.user) && !has(${s}.seLinuxOptions.role) && ${unsetOr(`${s}.seLinuxOptions`, "type", `${s}.seLinuxOptions.type in ${celList(SELINUX_TYPES)}`)}`,
      ),
  },
  {
    field: ["windowsOptions", "hostProcess"],
    message: `${PROFILE}: windowsOptions.hostProcess may not be true`,
    bad: (s) => s.windowsOptions?.hostProcess === true,
    ok: (s) =>
      unsetOr(s, "windowsOptions", unsetOr(`${s}.windowsOptions`, "hostProcess", `!${s}.windowsOptions.hostProcess`)),
  },
];

const HOST_PORT_MESSAGE = `${PROFILE}: a container may not use a hostPort`;
const HOST_NAMESPACES = ["hostNetwork", "hostPID", "hostIPC"] as const;
const hostNamespaceMessage = (f: string) => `${PROFILE}: pod.${f} may not be true`;
const OS_MESSAGE = `${PROFILE} sets Linux security settings, which a Pod with os.name windows cannot have`;

/** The sysctls Pod Security allows (its "safe" set for 1.33): each is namespaced to the Pod. */
export const SAFE_SYSCTLS = [
  "kernel.shm_rmid_forced",
  "net.ipv4.ip_local_port_range",
  "net.ipv4.ip_local_reserved_ports",
  "net.ipv4.tcp_syncookies",
  "net.ipv4.ping_group_range",
  "net.ipv4.ip_unprivileged_port_start",
  "net.ipv4.tcp_keepalive_time",
  "net.ipv4.tcp_fin_timeout",
  "net.ipv4.tcp_keepalive_intvl",
  "net.ipv4.tcp_keepalive_probes",
  "net.ipv4.tcp_rmem",
  "net.ipv4.tcp_wmem",
];
const SYSCTL_MESSAGE = `${PROFILE}: only the safe sysctls are allowed (${SAFE_SYSCTLS.join(", ")})`;

const APPARMOR_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";
const APPARMOR_MESSAGE = `${PROFILE}: an AppArmor annotation must be runtime/default or localhost/<profile>`;
const appArmorValueOk = (v: string) => v === "" || v === "runtime/default" || v.startsWith("localhost/");

/** Volume sources "restricted" allows; a volume without a source is an emptyDir. */
export const ALLOWED_VOLUME_SOURCES = [
  "configMap",
  "csi",
  "downwardAPI",
  "emptyDir",
  "ephemeral",
  "image",
  "persistentVolumeClaim",
  "projected",
  "secret",
];
const VOLUME_MESSAGE = `${PROFILE}: a volume may only be one of ${ALLOWED_VOLUME_SOURCES.join(", ")} (hostPath and the other node or network volumes are not allowed)`;

/** The spec as these rules read it. */
export interface ProfileSpec extends RuleSpec {
  securityProfile?: SecurityProfile | undefined;
  volumes: Volume[];
  pod?: PodOptions | undefined;
}

function contextIssues(s: SecurityContext | undefined, at: Path, container: boolean): RuleIssue[] {
  if (!s) return [];
  return CONTEXT_CHECKS.filter((c) => (container || !c.containerOnly) && c.bad(s)).map((c) => ({
    path: [...at, ...c.field],
    message: c.message,
  }));
}

function podIssues(pod: PodOptions | undefined): RuleIssue[] {
  if (!pod) return [];
  const issues: RuleIssue[] = HOST_NAMESPACES.filter((f) => pod[f] === true).map((f) => ({
    path: ["pod", f],
    message: hostNamespaceMessage(f),
  }));
  if (pod.os?.name === "windows") issues.push({ path: ["pod", "os", "name"], message: OS_MESSAGE });
  issues.push(...contextIssues(pod.securityContext, ["pod", "securityContext"], false));
  (pod.securityContext?.sysctls ?? []).forEach((s, i) => {
    if (!SAFE_SYSCTLS.includes(s.name))
      issues.push({ path: ["pod", "securityContext", "sysctls", i, "name"], message: SYSCTL_MESSAGE });
  });
  for (const [key, value] of Object.entries(pod.annotations ?? {})) {
    if (key.startsWith(APPARMOR_ANNOTATION) && !appArmorValueOk(value))
      issues.push({ path: ["pod", "annotations", key], message: APPARMOR_MESSAGE });
  }
  return issues;
}

/** Every place the spec still violates the profile; none when the profile is not set. */
export function securityProfileIssues(spec: ProfileSpec): RuleIssue[] {
  if (spec.securityProfile !== "Restricted") return [];
  const issues = podIssues(spec.pod);
  spec.volumes.forEach((v, i) => {
    const source = Object.keys(v).find((k) => k !== "name" && v[k as keyof Volume] !== undefined);
    if (source !== undefined && !ALLOWED_VOLUME_SOURCES.includes(source))
      issues.push({ path: ["volumes", i, source], message: VOLUME_MESSAGE });
  });
  for (const { path, container } of placedContainers(spec)) {
    const c = container as Container;
    issues.push(...contextIssues(c.securityContext, [...path, "securityContext"], true));
    (c.ports ?? []).forEach((p, j) => {
      if (p.hostPort !== undefined && p.hostPort !== 0)
        issues.push({ path: [...path, "ports", j, "hostPort"], message: HOST_PORT_MESSAGE });
    });
  }
  return issues;
}

// ---- CEL: one rule per check over every container, guarded by the profile ----------------------

const RESTRICTED = "(has(self.securityProfile) && self.securityProfile == 'Restricted')";
const guarded = (cond: string) => `!${RESTRICTED} || (${cond})`;

/** `ok` over main, the init containers and the helpers of every role. */
const everyContainer = (ok: (c: string) => string): string =>
  [ok("self.main"), ...["initContainers", ...HELPER_ROLES].map((r) => `self.${r}.all(c, ${ok("c")})`)].join(" && ");

const POD = "self.pod";
const podField = (field: string, cond: string) => `!has(${POD}) || ${unsetOr(POD, field, cond)}`;

/** The CEL rules on `spec`. */
export function securityProfileRules(): CelRule[] {
  const SC = `${POD}.securityContext`;
  return [
    ...CONTEXT_CHECKS.map((check) => {
      const inContainers = everyContainer((c) => `(!has(${c}.securityContext) || ${check.ok(`${c}.securityContext`)})`);
      const inPod = check.containerOnly ? "" : ` && (${podField("securityContext", check.ok(SC))})`;
      return { rule: guarded(`${inContainers}${inPod}`), message: check.message };
    }),
    {
      rule: guarded(
        everyContainer((c) => `(!has(${c}.ports) || ${c}.ports.all(p, !has(p.hostPort) || p.hostPort == 0))`),
      ),
      message: HOST_PORT_MESSAGE,
    },
    ...HOST_NAMESPACES.map((f) => ({
      rule: guarded(podField(f, `!${POD}.${f}`)),
      message: hostNamespaceMessage(f),
      fieldPath: `.pod.${f}`,
    })),
    {
      rule: guarded(`!has(${POD}) || ${unsetOr(POD, "os", `${POD}.os.name != 'windows'`)}`),
      message: OS_MESSAGE,
      fieldPath: ".pod.os",
    },
    {
      rule: guarded(
        podField("securityContext", unsetOr(SC, "sysctls", `${SC}.sysctls.all(x, x.name in ${celList(SAFE_SYSCTLS)})`)),
      ),
      message: SYSCTL_MESSAGE,
    },
    {
      rule: guarded(
        podField(
          "annotations",
          `${POD}.annotations.all(k, !k.startsWith('${APPARMOR_ANNOTATION}') || ${POD}.annotations[k] in ['', 'runtime/default'] || ${POD}.annotations[k].startsWith('localhost/'))`,
        ),
      ),
      message: APPARMOR_MESSAGE,
    },
    {
      rule: guarded(
        `self.volumes.all(v, !(${VOLUME_SOURCES.filter((s) => !ALLOWED_VOLUME_SOURCES.includes(s))
          .map((s) => `has(v.${s})`)
          .join(" || ")}))`,
      ),
      message: VOLUME_MESSAGE,
      fieldPath: ".volumes",
    },
  ];
}
