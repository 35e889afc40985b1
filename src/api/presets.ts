// The `preset` field of each helper role, derived from the preset registry. Each role accepts its
// own presets, written as a one-of object (`preset: {tcpProxy: {...}}`), the convention core/v1
// uses for volume sources, so the API server validates a preset's parameters at `kubectl apply`
// like any other field.
import { z } from "zod";
import { PRESETS, type AnyPreset } from "../presets/index.js";
import type { HelperRole } from "./roles.js";

export {
  PRESETS,
  PRESET_NAMES,
  chosenPreset,
  presetFootprint,
  type AnyPreset,
  type ChosenPreset,
  type PresetName,
  type PresetParams,
  type PresetFootprint,
} from "../presets/index.js";

/** How the CRD's description of a preset starts: the kind of helper it makes. */
const ROLE_NOUN: Record<HelperRole, string> = { sidecars: "Sidecar", ambassadors: "Ambassador", adapters: "Adapter" };

/** The presets of one role, in registry order. */
export const presetsOf = <R extends readonly AnyPreset[]>(role: HelperRole, registry: R): R[number][] =>
  registry.filter((p) => p.role === role);

/** The names of one role's presets. */
export const presetNamesOf = (role: HelperRole, registry: readonly AnyPreset[] = PRESETS): string[] =>
  presetsOf(role, registry).map((p) => p.name);

type OfRole<R extends readonly AnyPreset[], Role extends HelperRole> = Extract<R[number], { role: Role }>;
export type RolePresetShape<R extends readonly AnyPreset[], Role extends HelperRole> = {
  [P in OfRole<R, Role> as P["name"]]: z.ZodOptional<P["params"]>;
};

/** The `preset` object of a role: one optional field per preset, described for `kubectl explain`. */
export function rolePresetSchema<R extends readonly AnyPreset[], Role extends HelperRole>(
  registry: R,
  role: Role,
): z.ZodObject<RolePresetShape<R, Role>, z.core.$strict> {
  const shape = Object.fromEntries(
    presetsOf(role, registry).map((p) => [
      p.name,
      p.params.describe(`${ROLE_NOUN[role]}: ${p.description}.`).optional(),
    ]),
  );
  return z.strictObject(shape) as unknown as z.ZodObject<RolePresetShape<R, Role>, z.core.$strict>;
}
