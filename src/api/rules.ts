// Cross-field rules of a CompositeApp spec, in two forms that must agree:
// - crossFieldIssues(): the zod side, used by the CLI and the operator, with exact paths;
// - specValidations(): CEL `x-kubernetes-validations` for the CRD, enforced by the API server.
// The unit tests run both against the same invalid inputs.
import type { CompositeAppSpec, Helper } from "./compositeapp.js";
import type { Container } from "./core.js";
import { chosenPreset, presetFootprint } from "./presets.js";

export type Path = (string | number)[];
export interface RuleIssue {
  path: Path;
  message: string;
}

export const HELPER_ROLES = ["sidecars", "ambassadors", "adapters"] as const;
export type HelperRole = (typeof HELPER_ROLES)[number];
const ALL_ROLES = ["main", "initContainers", ...HELPER_ROLES] as const;

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

function uniqueMountPaths(placed: Placed[]): RuleIssue[] {
  const issues: RuleIssue[] = [];
  for (const p of placed) {
    const seen = new Set<string>();
    const preset = presetOf(p.container);
    const presetMount = preset && presetFootprint(preset).mount;
    if (presetMount) seen.add(presetMount.mountPath);
    (p.container.volumeMounts ?? []).forEach((m, j) => {
      if (seen.has(m.mountPath)) {
        issues.push({
          path: [...p.path, "volumeMounts", j, "mountPath"],
          message: `mountPath ${m.mountPath} is mounted more than once in container "${p.container.name}"`,
        });
      }
      seen.add(m.mountPath);
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

/** CEL list(string) of "port/protocol" keys a container binds, explicit and from its preset. */
function portKeys(c: string, role: HelperRole | "main"): string {
  const explicit = `(has(${c}.ports) ? ${c}.ports.map(p, string(p.containerPort) + '/' + p.protocol) : [])`;
  if (role === "main") return explicit;
  const fromPresets = ROLE_PRESETS[role]
    .filter((name) => PRESET_PORT_FIELD[name])
    .map(
      (name) =>
        `(has(${c}.preset) && has(${c}.preset.${name}) ? [string(${c}.preset.${name}.${PRESET_PORT_FIELD[name]}) + '/TCP'] : [])`,
    );
  return [explicit, ...fromPresets].join(" + ");
}

function allNames(): string {
  return ["[self.main.name]", ...ALL_ROLES.slice(1).map((r) => `self.${r}.map(c, c.name)`)].join(" + ");
}

function portLists(): string {
  return [
    `[${portKeys("self.main", "main")}]`,
    ...HELPER_ROLES.map((r) => `self.${r}.map(c, ${portKeys("c", r)})`),
  ].join(" + ");
}

function namesBindingPort(key: string): string {
  return [
    `(${portKeys("self.main", "main")}.exists(k, k == ${key}) ? [self.main.name] : [])`,
    ...HELPER_ROLES.map((r) => `self.${r}.filter(c, (${portKeys("c", r)}).exists(k, k == ${key})).map(c, c.name)`),
  ].join(" + ");
}

function mountsDeclared(role: (typeof ALL_ROLES)[number]): CelRule {
  const ok = "self.volumes.exists(v, v.name == m.name)";
  if (role === "main") {
    return {
      rule: `!has(self.main.volumeMounts) || self.main.volumeMounts.all(m, ${ok})`,
      messageExpression: `'volume "' + self.main.volumeMounts.filter(m, !(${ok}))[0].name + '" mounted by container "' + self.main.name + '" is not declared in spec.volumes'`,
      fieldPath: ".main.volumeMounts",
    };
  }
  const bad = `self.${role}.filter(c, has(c.volumeMounts) && c.volumeMounts.exists(m, !(${ok})))[0]`;
  return {
    rule: `self.${role}.all(c, !has(c.volumeMounts) || c.volumeMounts.all(m, ${ok}))`,
    messageExpression: `'volume "' + ${bad}.volumeMounts.filter(m, !(${ok}))[0].name + '" mounted by container "' + ${bad}.name + '" is not declared in spec.volumes'`,
    fieldPath: `.${role}`,
  };
}

function presetVolumesDeclared(role: HelperRole): CelRule[] {
  return ROLE_PRESETS[role]
    .filter((name) => name !== "tcpProxy")
    .map((name) => {
      const uses = `has(c.preset) && has(c.preset.${name})`;
      const ok = `self.volumes.exists(v, v.name == c.preset.${name}.volume)`;
      return {
        rule: `self.${role}.all(c, !(${uses}) || ${ok})`,
        messageExpression: `'volume "' + self.${role}.filter(c, ${uses} && !(${ok}))[0].preset.${name}.volume + '" used by preset ${name} of container "' + self.${role}.filter(c, ${uses} && !(${ok}))[0].name + '" is not declared in spec.volumes'`,
        fieldPath: `.${role}`,
      };
    });
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
  const names = allNames();
  const ports = portLists();
  const dupPort = `(${ports}).filter(a, a.exists(k, !(${ports}).exists_one(b, k in b)))[0].filter(k, !(${ports}).exists_one(b, k in b))[0]`;
  return [
    {
      rule: `(${names}).all(n, (${names}).exists_one(m, m == n))`,
      messageExpression: `'container name "' + (${names}).filter(n, !(${names}).exists_one(m, m == n))[0] + '" is used more than once; names must be unique across main, initContainers, sidecars, ambassadors and adapters'`,
      reason: "FieldValueDuplicate",
    },
    {
      rule: `(${ports}).all(a, a.all(k, (${ports}).exists_one(b, k in b)))`,
      messageExpression: `'port ' + ${dupPort} + ' is declared by more than one container (' + (${namesBindingPort(dupPort)}).join(', ') + '); the containers of a Pod share one network namespace'`,
      reason: "FieldValueDuplicate",
    },
    ...ALL_ROLES.map(mountsDeclared),
    ...HELPER_ROLES.flatMap(presetVolumesDeclared),
    {
      rule: "!has(self.updateStrategy) || !has(self.updateStrategy.rollingUpdate) || !(string(self.updateStrategy.rollingUpdate.maxSurge) in ['0', '0%'] && string(self.updateStrategy.rollingUpdate.maxUnavailable) in ['0', '0%'])",
      message: "maxSurge and maxUnavailable cannot both be 0",
      fieldPath: ".updateStrategy.rollingUpdate",
    },
  ];
}
