// Cross-field rules of a CompositeApp spec, in two forms that must agree:
// - crossFieldIssues() here: the zod side, used by the CLI and the operator, with exact paths;
// - rules-cel.ts: the same rules as CEL `x-kubernetes-validations` for the CRD, enforced by the
//   API server.
// test/unit/api/judges.test.ts runs both against one table of invalid inputs (and the API server
// judges the same table in test/integration/judges.test.ts).
import type { Container } from "./core.js";
import { PRESETS, chosenPreset, presetFootprint, presetNamesOf, type AnyPreset, type PresetParams } from "./presets.js";
import { placementIssues, type Placement, type PlacementSpec } from "./placement.js";
import { reservedKeyIssues } from "./reserved-keys.js";
import { scratchNameIssues } from "./scratch-rules.js";
import { HELPER_ROLES, type HelperRole } from "./roles.js";
import type { Path, RuleIssue } from "./rule-types.js";

/** A helper as the rules read it; the schema's Sidecar, Ambassador and Adapter are such helpers. */
export type RuleHelper = Omit<Container, "image"> & {
  image?: string | undefined;
  preset?: Partial<PresetParams> | undefined;
  placement?: Placement | undefined;
};

/**
 * The spec as the rules read it: a structural view of RuleSpec (which compositeapp.ts hands
 * in), so that the rules do not import the schema they refine.
 */
export interface RuleSpec extends PlacementSpec {
  volumes: { name: string }[];
  main: Container;
  initContainers: Container[];
  sidecars: RuleHelper[];
  ambassadors: RuleHelper[];
  adapters: RuleHelper[];
  updateStrategy?:
    | { type: string; rollingUpdate?: { maxSurge: number | string; maxUnavailable: number | string } | undefined }
    | undefined;
  pod?: { labels?: Record<string, string> | undefined; annotations?: Record<string, string> | undefined } | undefined;
}

/** A container of the spec with where it sits. */
export interface Placed {
  path: Path;
  label: string;
  container: Container | RuleHelper;
  longRunning: boolean;
}

export function placedContainers(spec: RuleSpec): Placed[] {
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

/** The presets the rules know: the built-in registry, or a test's. */
type Registry = readonly AnyPreset[];

const presetOf = (c: Container | RuleHelper, registry: Registry) =>
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

function declaredVolumes(spec: RuleSpec, placed: Placed[], registry: Registry): RuleIssue[] {
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

function uniqueVolumeNames(spec: RuleSpec): RuleIssue[] {
  const seen = new Set<string>();
  return spec.volumes.flatMap((v, i) => {
    if (!seen.has(v.name)) {
      seen.add(v.name);
      return [];
    }
    return [{ path: ["volumes", i, "name"], message: `volume "${v.name}" is declared more than once` }];
  });
}

/** One port/protocol a container declares in `ports` or its preset binds. */
export interface PortClaim {
  key: string;
  owner: string;
  path: Path;
  /** Bound by a preset, so certainly listened on (a declared port is only informational). */
  bound: boolean;
}

export function portClaims(placed: Placed[], registry: Registry = PRESETS): PortClaim[] {
  const claims: PortClaim[] = [];
  // Duplicates within one container's ports are a list-key error (containerPort, protocol).
  for (const p of placed.filter((x) => x.longRunning)) {
    const owner = p.container.name;
    (p.container.ports ?? []).forEach((port, j) =>
      claims.push({
        key: `${port.containerPort}/${port.protocol}`,
        owner,
        path: [...p.path, "ports", j],
        bound: false,
      }),
    );
    const preset = presetOf(p.container, registry);
    for (const port of preset ? presetFootprint(preset).ports : []) {
      const path = [...p.path, "preset", preset!.preset.name, port.field];
      claims.push({ key: `${port.containerPort}/${port.protocol}`, owner, path, bound: true });
    }
  }
  return claims;
}

/**
 * Each claim that shares a port with an earlier claim of another container, paired with the first such
 * claim. `onlyBound` keeps the pairs where a preset binds the port: those cannot both listen in one
 * network namespace. Two declared ports are what the API server only warns about (warnings.ts).
 */
export function portClashes(
  placed: Placed[],
  onlyBound: boolean,
  registry: Registry = PRESETS,
): { claim: PortClaim; first: PortClaim }[] {
  const claims = portClaims(placed, registry);
  return claims.flatMap((claim, i) => {
    const first = claims
      .slice(0, i)
      .find((c) => c.key === claim.key && c.owner !== claim.owner && (c.bound || claim.bound) === onlyBound);
    return first ? [{ claim, first }] : [];
  });
}

function uniquePorts(placed: Placed[], registry: Registry): RuleIssue[] {
  return portClashes(placed, true, registry).map(({ claim, first }) => ({
    path: claim.path,
    message: `port ${claim.key} is already used by container "${first.owner}"; the containers of a Pod share one network namespace`,
  }));
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
    const c = p.container as RuleHelper;
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

function rollingUpdateBounds(spec: RuleSpec): RuleIssue[] {
  const ru = spec.updateStrategy?.rollingUpdate;
  if (spec.updateStrategy?.type === "Recreate" || !ru) return [];
  const zero = (v: number | string) => v === 0 || v === "0%";
  return zero(ru.maxSurge) && zero(ru.maxUnavailable)
    ? [{ path: ["updateStrategy", "rollingUpdate"], message: "maxSurge and maxUnavailable cannot both be 0" }]
    : [];
}

/** Every cross-field issue of a spec; presets' footprints come from the registry. */
export function crossFieldIssues(spec: RuleSpec, registry: Registry = PRESETS): RuleIssue[] {
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
    ...scratchNameIssues(spec, registry),
  ];
}
