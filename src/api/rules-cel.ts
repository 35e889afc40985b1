// The cross-field rules of rules.ts as CEL `x-kubernetes-validations`, for the API server.
import { placementRules } from "./placement.js";
import { reservedKeyRules } from "./reserved-keys.js";
import { scratchNameRules } from "./scratch-rules.js";
import { HELPER_ROLES, type HelperRole } from "./roles.js";
import type { CelRule } from "./rule-types.js";
import { PRESETS, presetsOf, type AnyPreset } from "./presets.js";

type Registry = readonly AnyPreset[];

export const HELPER_NEEDS_IMAGE: CelRule = {
  rule: "has(self.image) || has(self.preset)",
  message: "image is required unless a preset is set",
  reason: "FieldValueRequired",
};

// CEL cost: the API server estimates each rule's worst case from maxItems/maxLength and rejects
// rules that could be expensive; `cel.bind` is not available to CRDs on 1.33 and messageExpressions
// with list comprehensions exceed their budget. So uniqueness within one list is left to
// `x-kubernetes-list-type: map`, the rules below compare role lists pairwise, and messages are
// static with a fieldPath (the CLI and the operator name the exact containers). No `reason`:
// with FieldValueDuplicate the API server prints `Duplicate value: "object"` and drops the message.

export type RoleRef = "main" | HelperRole | "initContainers";

/** CEL list(int) of the TCP ports a helper's preset binds (empty for main and init containers). */
function presetTcpPorts(c: string, role: RoleRef, registry: Registry): string {
  if (role === "main" || role === "initContainers") return "[]";
  const parts = presetsOf(role, registry).flatMap(({ name, footprint }) =>
    (footprint.ports ?? []).map(
      (field) => `(has(${c}.preset) && has(${c}.preset.${name}) ? [${c}.preset.${name}.${field}] : [])`,
    ),
  );
  return parts.length > 0 ? parts.join(" + ") : "[]";
}

/**
 * CEL: containers c (of role a) and d (of role b) clash on a port a preset binds; undefined when neither
 * role has a preset that binds one. Two declared ports alone only draw a warning (warnings.ts), as on
 * the API server.
 */
function portsOverlap(c: string, a: RoleRef, d: string, b: RoleRef, registry: Registry): string | undefined {
  const cPreset = presetTcpPorts(c, a, registry);
  const dPreset = presetTcpPorts(d, b, registry);
  const terms: string[] = [];
  if (dPreset !== "[]")
    terms.push(`(has(${c}.ports) && ${c}.ports.exists(p, p.protocol == 'TCP' && p.containerPort in (${dPreset})))`);
  if (cPreset !== "[]")
    terms.push(`(has(${d}.ports) && ${d}.ports.exists(q, q.protocol == 'TCP' && q.containerPort in (${cPreset})))`);
  if (cPreset !== "[]" && dPreset !== "[]") terms.push(`(${cPreset}).exists(x, x in (${dPreset}))`);
  return terms.length > 0 ? terms.join(" || ") : undefined;
}

/** `cond(x)` over every container of a role: `self.main` alone, or each item of a list. */
export const forEach = (role: RoleRef, cond: (x: string) => string): string =>
  role === "main" ? cond("self.main") : `self.${role}.all(c, ${cond("c")})`;

function distinctNames(a: RoleRef, b: RoleRef): string {
  if (a === "main") return `!self.${b}.exists(d, d.name == self.main.name)`;
  return `!self.${a}.exists(c, self.${b}.exists(d, d.name == c.name))`;
}

function disjointPorts(a: RoleRef, b: RoleRef, registry: Registry): string | undefined {
  if (portsOverlap("c", a, "d", b, registry) === undefined) return undefined;
  return forEach(
    a,
    (c) => `self.${b}.all(d, ${a === b ? "d.name == c.name || " : ""}!(${portsOverlap(c, a, "d", b, registry)}))`,
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

function presetVolumesDeclared(role: HelperRole, registry: Registry): CelRule[] {
  return presetsOf(role, registry).flatMap(({ name, footprint: { mount } }) =>
    mount
      ? [
          {
            rule: `self.${role}.all(c, !(has(c.preset) && has(c.preset.${name})) || self.volumes.exists(v, v.name == c.preset.${name}.${mount.volume}))`,
            message: `preset ${name} reads a volume that is not declared in spec.volumes`,
            fieldPath: `.${role}`,
          },
        ]
      : [],
  );
}

export function presetOneOf(role: HelperRole, registry: Registry = PRESETS): CelRule {
  const names = presetsOf(role, registry).map((p) => p.name);
  return {
    rule: `!has(self.preset) || [${names.map((f) => `has(self.preset.${f})`).join(", ")}].filter(x, x).size() == 1`,
    message: `preset must set exactly one of: ${names.join(", ")}`,
  };
}

/** On a helper: its own volumeMounts do not reuse the mountPath its preset mounts. */
export function presetMountOnce(role: HelperRole, registry: Registry = PRESETS): CelRule[] {
  return presetsOf(role, registry).flatMap(({ name, footprint: { mount } }) =>
    mount
      ? [
          {
            rule: `!has(self.preset) || !has(self.preset.${name}) || !has(self.volumeMounts) || !self.volumeMounts.exists(m, m.mountPath == self.preset.${name}.${mount.mountPath})`,
            message: `a volumeMounts[].mountPath repeats the mountPath of preset ${name}; each mountPath may appear only once in a container`,
          },
        ]
      : [],
  );
}

/** The CEL rules on `spec`; the presets' footprints come from the registry. */
export function specValidations(registry: Registry = PRESETS): CelRule[] {
  const allRoles: RoleRef[] = ["main", "initContainers", ...HELPER_ROLES];
  return [
    ...rolePairs(allRoles, false).map(([a, b]) => ({
      rule: distinctNames(a, b),
      message: `container names must be unique across main, initContainers, sidecars, ambassadors and adapters: a name in spec.${b} is already used in spec.${a}`,
      fieldPath: `.${b}`,
    })),
    ...rolePairs(LONG_RUNNING, true).flatMap(([a, b]) => {
      const rule = disjointPorts(a, b, registry);
      const by = a === b ? `another container of spec.${a}` : `spec.${a}`;
      const message = `a port in spec.${b} is already used by ${by}, where a preset binds it or it binds a preset's port; the containers of a Pod share one network namespace`;
      return rule === undefined ? [] : [{ rule, message, fieldPath: `.${b}` }];
    }),
    ...allRoles.map(mountsDeclared),
    ...HELPER_ROLES.flatMap((role) => presetVolumesDeclared(role, registry)),
    {
      rule: "!has(self.updateStrategy) || self.updateStrategy.type == 'Recreate' || !has(self.updateStrategy.rollingUpdate) || !(string(self.updateStrategy.rollingUpdate.maxSurge) in ['0', '0%'] && string(self.updateStrategy.rollingUpdate.maxUnavailable) in ['0', '0%'])",
      message: "maxSurge and maxUnavailable cannot both be 0",
      fieldPath: ".updateStrategy.rollingUpdate",
    },
    ...reservedKeyRules(),
    ...placementRules(),
    ...scratchNameRules(registry),
  ];
}
