// Cross-field rules of a CompositeApp spec, in two forms that must agree:
// - crossFieldIssues() here: the zod side, used by the CLI and the operator, with exact paths;
// - rules-cel.ts: the same rules as CEL `x-kubernetes-validations` for the CRD, enforced by the
//   API server.
// test/unit/api/judges.test.ts runs both against one table of invalid inputs (and the API server
// judges the same table in test/integration/judges.test.ts).
import type { CompositeAppSpec, Helper } from "./compositeapp.js";
import type { Container } from "./core.js";
import { PRESETS, chosenPreset, presetFootprint, presetNamesOf, type AnyPreset } from "./presets.js";
import { placementIssues } from "./placement.js";
import { reservedKeyIssues } from "./reserved-keys.js";
import { HELPER_ROLES, type HelperRole } from "./roles.js";

export type Path = (string | number)[];
export interface RuleIssue {
  path: Path;
  message: string;
}

export { HELPER_ROLES, type HelperRole };

/** A container of the spec with where it sits. */
export interface Placed {
  path: Path;
  label: string;
  container: Container | Helper;
  longRunning: boolean;
}

export function placedContainers(spec: CompositeAppSpec): Placed[] {
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

type Registry = readonly AnyPreset[];

const presetOf = (c: Container | Helper, registry: Registry) =>
  "preset" in c ? chosenPreset(c.preset, registry) : undefined;

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

function declaredVolumes(spec: CompositeAppSpec, placed: Placed[], registry: Registry): RuleIssue[] {
  const declared = new Set(spec.volumes.map((v) => v.name));
  const issues: RuleIssue[] = [];
  const missing = (name: string, path: Path) =>
    issues.push({ path, message: `volume "${name}" is not declared in spec.volumes` });
  for (const p of placed) {
    (p.container.volumeMounts ?? []).forEach((m, j) => {
      if (!declared.has(m.name)) missing(m.name, [...p.path, "volumeMounts", j, "name"]);
    });
    const preset = presetOf(p.container, registry);
    const mount = preset && presetFootprint(preset).mount;
    if (preset && mount && !declared.has(mount.volume)) {
      missing(mount.volume, [...p.path, "preset", preset.preset.name, mount.field]);
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

function uniquePorts(placed: Placed[], registry: Registry): RuleIssue[] {
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
  // Duplicates within one container's ports are a list-key error (containerPort, protocol).
  for (const p of placed.filter((x) => x.longRunning)) {
    (p.container.ports ?? []).forEach((port, j) =>
      claim(`${port.containerPort}/${port.protocol}`, p.container.name, [...p.path, "ports", j]),
    );
    const preset = presetOf(p.container, registry);
    for (const port of preset ? presetFootprint(preset).ports : []) {
      claim(`${port.containerPort}/${port.protocol}`, p.container.name, [
        ...p.path,
        "preset",
        preset!.preset.name,
        port.field,
      ]);
    }
  }
  return issues;
}

/** A helper's own mounts against its preset's; duplicates within volumeMounts are a list-key error. */
function uniqueMountPaths(placed: Placed[], registry: Registry): RuleIssue[] {
  const issues: RuleIssue[] = [];
  for (const p of placed) {
    const preset = presetOf(p.container, registry);
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

function helperShape(placed: Placed[], registry: Registry): RuleIssue[] {
  const issues: RuleIssue[] = [];
  for (const p of placed) {
    if (!HELPER_ROLES.includes(p.path[0] as HelperRole)) continue;
    const c = p.container as Helper;
    const setCount = c.preset ? Object.values(c.preset).filter((v) => v !== undefined).length : 0;
    if (c.preset !== undefined && setCount !== 1) {
      const role = p.path[0] as HelperRole;
      issues.push({
        path: [...p.path, "preset"],
        message: `preset must set exactly one of: ${presetNamesOf(role, registry).join(", ")}; it sets ${setCount}`,
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

/** Every cross-field issue of a spec; presets' footprints come from the registry. */
export function crossFieldIssues(spec: CompositeAppSpec, registry: Registry = PRESETS): RuleIssue[] {
  const placed = placedContainers(spec);
  return [
    ...uniqueNames(placed),
    ...uniqueVolumeNames(spec),
    ...declaredVolumes(spec, placed, registry),
    ...uniquePorts(placed, registry),
    ...uniqueMountPaths(placed, registry),
    ...helperShape(placed, registry),
    ...rollingUpdateBounds(spec),
    ...reservedKeyIssues(spec.pod),
    ...placementIssues(spec),
  ];
}
