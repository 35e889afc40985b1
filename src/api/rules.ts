// Cross-field rules of a CompositeApp spec, in two forms that must agree:
// - crossFieldIssues(): the zod side, used by the CLI and the operator, with exact paths;
// - specValidations(): CEL `x-kubernetes-validations` for the CRD, enforced by the API server.
// The unit tests run both against the same invalid inputs.
import type { CompositeAppSpec, Helper } from "./compositeapp.js";
import type { Container } from "./core.js";
import { chosenPreset, presetFootprint } from "./presets.js";
import { placementIssues, placementRules } from "./placement.js";
import { reservedKeyIssues, reservedKeyRules } from "./reserved-keys.js";

export type Path = (string | number)[];
export interface RuleIssue {
  path: Path;
  message: string;
}

export const HELPER_ROLES = ["sidecars", "ambassadors", "adapters"] as const;
export type HelperRole = (typeof HELPER_ROLES)[number];

/** A container of the spec with where it sits. */
interface Placed {
  path: Path;
  label: string;
  container: Container | Helper;
  longRunning: boolean;
}

function placedContainers(spec: CompositeAppSpec): Placed[] {
  const placed: Placed[] = [{ path: ["main"], label: "spec.main", container: spec.main, longRunning: true }];
  spec.initContainers.forEach((c, i) =>
    placed.push({ path: ["initContainers", i], label: `spec.initContainers[${i}]`, container: c, longRunning: false }),
  );
  for (const role of HELPER_ROLES) {
    spec[role].forEach((c, i) =>
      placed.push({ path: [role, i], label: `spec.${role}[${i}]`, container: c, longRunning: true }),
    );
  }
  return placed;
}

const presetOf = (c: Container | Helper) => ("preset" in c ? chosenPreset(c.preset) : undefined);

function uniqueNames(placed: Placed[]): RuleIssue[] {
  const seen = new Map<string, string>();
  const issues: RuleIssue[] = [];
  for (const p of placed) {
    const first = seen.get(p.container.name);
    if (first !== undefined) {
      issues.push({
        path: [...p.path, "name"],
        message: `container name "${p.container.name}" is already used by ${first}; names must be unique across main, initContainers, sidecars, ambassadors and adapters`,
      });
    } else seen.set(p.container.name, p.label);
  }
  return issues;
}

function declaredVolumes(spec: CompositeAppSpec, placed: Placed[]): RuleIssue[] {
  const declared = new Set(spec.volumes.map((v) => v.name));
  const issues: RuleIssue[] = [];
  const missing = (name: string, path: Path) =>
    issues.push({ path, message: `volume "${name}" is not declared in spec.volumes` });
  for (const p of placed) {
    (p.container.volumeMounts ?? []).forEach((m, j) => {
      if (!declared.has(m.name)) missing(m.name, [...p.path, "volumeMounts", j, "name"]);
    });
    const preset = presetOf(p.container);
    const mount = preset && presetFootprint(preset).mount;
    if (preset && mount && !declared.has(mount.volume)) {
      missing(mount.volume, [...p.path, "preset", preset.name, "volume"]);
    }
  }
  return issues;
}

function uniqueVolumeNames(spec: CompositeAppSpec): RuleIssue[] {
  const seen = new Set<string>();
  return spec.volumes.flatMap((v, i) => {
    if (!seen.has(v.name)) {
      seen.add(v.name);
      return [];
    }
    return [{ path: ["volumes", i, "name"], message: `volume "${v.name}" is declared more than once` }];
  });
}

function uniquePorts(placed: Placed[]): RuleIssue[] {
  const owner = new Map<string, string>();
  const issues: RuleIssue[] = [];
  const claim = (key: string, name: string, path: Path) => {
    const first = owner.get(key);
    if (first !== undefined && first !== name) {
      issues.push({
        path,
        message: `port ${key} is already used by container "${first}"; the containers of a Pod share one network namespace`,
      });
    } else owner.set(key, name);
  };
  for (const p of placed.filter((x) => x.longRunning)) {
    (p.container.ports ?? []).forEach((port, j) =>
      claim(`${port.containerPort}/${port.protocol}`, p.container.name, [...p.path, "ports", j]),
    );
    const preset = presetOf(p.container);
    for (const port of preset ? presetFootprint(preset).ports : []) {
      claim(`${port.containerPort}/${port.protocol}`, p.container.name, [
        ...p.path,
        "preset",
        preset!.name,
        port.field,
      ]);
    }
  }
  return issues;
}

/** A helper's own mounts against its preset's; duplicates within volumeMounts are a list-key error. */
function uniqueMountPaths(placed: Placed[]): RuleIssue[] {
  const issues: RuleIssue[] = [];
  for (const p of placed) {
    const preset = presetOf(p.container);
    const presetMount = preset && presetFootprint(preset).mount;
    if (!presetMount) continue;
    (p.container.volumeMounts ?? []).forEach((m, j) => {
      if (m.mountPath === presetMount.mountPath) {
        issues.push({
          path: [...p.path, "volumeMounts", j, "mountPath"],
          message: `mountPath ${m.mountPath} is mounted more than once in container "${p.container.name}"`,
        });
      }
    });
  }
  return issues;
}

function helperShape(placed: Placed[]): RuleIssue[] {
  const issues: RuleIssue[] = [];
  for (const p of placed) {
    if (!HELPER_ROLES.includes(p.path[0] as HelperRole)) continue;
    const c = p.container as Helper;
    const setCount = c.preset ? Object.values(c.preset).filter((v) => v !== undefined).length : 0;
    if (c.preset !== undefined && setCount !== 1) {
      const role = p.path[0] as HelperRole;
      issues.push({
        path: [...p.path, "preset"],
        message: `preset must set exactly one of: ${ROLE_PRESETS[role].join(", ")}; it sets ${setCount}`,
      });
    }
    if (c.preset === undefined && c.image === undefined) {
      issues.push({ path: [...p.path, "image"], message: "image is required unless a preset is set" });
    }
  }
  return issues;
}

function rollingUpdateBounds(spec: CompositeAppSpec): RuleIssue[] {
  const ru = spec.updateStrategy?.rollingUpdate;
  if (spec.updateStrategy?.type === "Recreate" || !ru) return [];
  const zero = (v: number | string) => v === 0 || v === "0%";
  return zero(ru.maxSurge) && zero(ru.maxUnavailable)
    ? [{ path: ["updateStrategy", "rollingUpdate"], message: "maxSurge and maxUnavailable cannot both be 0" }]
    : [];
}

export function crossFieldIssues(spec: CompositeAppSpec): RuleIssue[] {
  const placed = placedContainers(spec);
  return [
    ...uniqueNames(placed),
    ...uniqueVolumeNames(spec),
    ...declaredVolumes(spec, placed),
    ...uniquePorts(placed),
    ...uniqueMountPaths(placed),
    ...helperShape(placed),
    ...rollingUpdateBounds(spec),
    ...reservedKeyIssues(spec.pod),
    ...placementIssues(spec),
  ];
}

// ---- CEL: the same rules for the API server -------------------------------------------------

export interface CelRule {
  rule: string;
  message?: string;
  messageExpression?: string;
  fieldPath?: string;
  reason?: "FieldValueInvalid" | "FieldValueForbidden" | "FieldValueRequired" | "FieldValueDuplicate";
}

export const HELPER_NEEDS_IMAGE: CelRule = {
  rule: "has(self.image) || has(self.preset)",
  message: "image is required unless a preset is set",
  reason: "FieldValueRequired",
};

type PresetField = "logShipper" | "tcpProxy" | "logToJson" | "prometheusMetrics";

const ROLE_PRESETS: Record<HelperRole, readonly PresetField[]> = {
  sidecars: ["logShipper"],
  ambassadors: ["tcpProxy"],
  adapters: ["logToJson", "prometheusMetrics"],
};
const PRESET_PORT_FIELD: Partial<Record<PresetField, string>> = {
  tcpProxy: "listenPort",
  prometheusMetrics: "port",
};

// CEL cost: the API server estimates each rule's worst case from maxItems/maxLength and rejects
// rules that could be expensive; `cel.bind` is not available to CRDs on 1.33 and messageExpressions
// with list comprehensions exceed their budget. So uniqueness within one list is left to
// `x-kubernetes-list-type: map`, the rules below compare role lists pairwise, and messages are
// static with a fieldPath (the CLI and the operator name the exact containers). No `reason`:
// with FieldValueDuplicate the API server prints `Duplicate value: "object"` and drops the message.

type RoleRef = "main" | HelperRole | "initContainers";

/** CEL list(int) of the TCP ports a helper's preset binds (empty for main and init containers). */
function presetTcpPorts(c: string, role: RoleRef): string {
  if (role === "main" || role === "initContainers") return "[]";
  const parts = ROLE_PRESETS[role]
    .filter((name) => PRESET_PORT_FIELD[name])
    .map(
      (name) =>
        `(has(${c}.preset) && has(${c}.preset.${name}) ? [${c}.preset.${name}.${PRESET_PORT_FIELD[name]}] : [])`,
    );
  return parts.length > 0 ? parts.join(" + ") : "[]";
}

/** CEL: containers c (of role a) and d (of role b) bind a common port/protocol. */
function portsOverlap(c: string, a: RoleRef, d: string, b: RoleRef): string {
  const explicitBoth = `(has(${c}.ports) && has(${d}.ports) && ${c}.ports.exists(p, ${d}.ports.exists(q, p.containerPort == q.containerPort && p.protocol == q.protocol)))`;
  const cPreset = presetTcpPorts(c, a);
  const dPreset = presetTcpPorts(d, b);
  const terms = [explicitBoth];
  if (dPreset !== "[]")
    terms.push(`(has(${c}.ports) && ${c}.ports.exists(p, p.protocol == 'TCP' && p.containerPort in (${dPreset})))`);
  if (cPreset !== "[]")
    terms.push(`(has(${d}.ports) && ${d}.ports.exists(q, q.protocol == 'TCP' && q.containerPort in (${cPreset})))`);
  if (cPreset !== "[]" && dPreset !== "[]") terms.push(`(${cPreset}).exists(x, x in (${dPreset}))`);
  return terms.join(" || ");
}

/** `cond(x)` over every container of a role: `self.main` alone, or each item of a list. */
const forEach = (role: RoleRef, cond: (x: string) => string): string =>
  role === "main" ? cond("self.main") : `self.${role}.all(c, ${cond("c")})`;

function distinctNames(a: RoleRef, b: RoleRef): string {
  if (a === "main") return `!self.${b}.exists(d, d.name == self.main.name)`;
  return `!self.${a}.exists(c, self.${b}.exists(d, d.name == c.name))`;
}

function disjointPorts(a: RoleRef, b: RoleRef): string {
  return forEach(
    a,
    (c) => `self.${b}.all(d, ${a === b ? "d.name == c.name || " : ""}!(${portsOverlap(c, a, "d", b)}))`,
  );
}

const LONG_RUNNING: RoleRef[] = ["main", ...HELPER_ROLES];

function rolePairs(roles: RoleRef[], withSelf: boolean): [RoleRef, RoleRef][] {
  return roles.flatMap((a, i) =>
    roles
      .slice(withSelf ? i : i + 1)
      .filter((b) => b !== "main")
      .map((b): [RoleRef, RoleRef] => [a, b]),
  );
}

function mountsDeclared(role: RoleRef): CelRule {
  const ok = "self.volumes.exists(v, v.name == m.name)";
  return {
    rule: forEach(role, (c) => `!has(${c}.volumeMounts) || ${c}.volumeMounts.all(m, ${ok})`),
    message: "every volumeMounts[].name must name a volume declared in spec.volumes",
    fieldPath: `.${role}`,
  };
}

function presetVolumesDeclared(role: HelperRole): CelRule[] {
  return ROLE_PRESETS[role]
    .filter((name) => name !== "tcpProxy")
    .map((name) => ({
      rule: `self.${role}.all(c, !(has(c.preset) && has(c.preset.${name})) || self.volumes.exists(v, v.name == c.preset.${name}.volume))`,
      message: `preset ${name} reads a volume that is not declared in spec.volumes`,
      fieldPath: `.${role}`,
    }));
}

export function presetOneOf(role: HelperRole): CelRule {
  const fields = ROLE_PRESETS[role].map((f) => `has(self.preset.${f})`);
  return {
    rule: `!has(self.preset) || [${fields.join(", ")}].filter(x, x).size() == 1`,
    message: `preset must set exactly one of: ${ROLE_PRESETS[role].join(", ")}`,
  };
}

/** The CEL rules on `spec`. */
export function specValidations(): CelRule[] {
  const allRoles: RoleRef[] = ["main", "initContainers", ...HELPER_ROLES];
  return [
    ...rolePairs(allRoles, false).map(([a, b]) => ({
      rule: distinctNames(a, b),
      message: `container names must be unique across main, initContainers, sidecars, ambassadors and adapters: a name in spec.${b} is already used in spec.${a}`,
      fieldPath: `.${b}`,
    })),
    ...rolePairs(LONG_RUNNING, true).map(([a, b]) => ({
      rule: disjointPorts(a, b),
      message:
        `a containerPort/protocol in spec.${b} is already declared by ${a === b ? "another container of" : ""} spec.${a}; the containers of a Pod share one network namespace`.replace(
          "by  ",
          "by ",
        ),
      fieldPath: `.${b}`,
    })),
    ...allRoles.map(mountsDeclared),
    ...HELPER_ROLES.flatMap(presetVolumesDeclared),
    {
      rule: "!has(self.updateStrategy) || !has(self.updateStrategy.rollingUpdate) || !(string(self.updateStrategy.rollingUpdate.maxSurge) in ['0', '0%'] && string(self.updateStrategy.rollingUpdate.maxUnavailable) in ['0', '0%'])",
      message: "maxSurge and maxUnavailable cannot both be 0",
      fieldPath: ".updateStrategy.rollingUpdate",
    },
    ...reservedKeyRules(),
    ...placementRules(),
  ];
}
