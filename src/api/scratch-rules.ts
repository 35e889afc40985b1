// A preset that writes (PresetDefinition.scratch) gets an emptyDir of its own in the Pod, named
// `<helper>-scratch` (src/core/render/scratch.ts): a volume of the spec may not take that name.
// Both forms, zod and CEL. A helper name too long for the suffix gets a hashed name no spec uses.
import { presetsOf, type AnyPreset } from "./presets.js";
import { HELPER_ROLES } from "./roles.js";
import type { CelRule, RuleIssue } from "./rule-types.js";

/** The spec as this rule reads it (a structural view, so rules.ts can call it without a cycle). */
interface ScratchSpec {
  volumes: { name: string }[];
  sidecars: Helper[];
  ambassadors: Helper[];
  adapters: Helper[];
}
type Helper = { name: string; preset?: Partial<Record<string, unknown>> | undefined };

const SUFFIX = "-scratch";
const MESSAGE = "a volume may not be named <helper>-scratch after a helper whose preset writes to a scratch emptyDir";

const writing = (registry: readonly AnyPreset[]) => new Set(registry.filter((p) => p.scratch).map((p) => p.name));

export function scratchNameIssues(spec: ScratchSpec, registry: readonly AnyPreset[]): RuleIssue[] {
  const presets = writing(registry);
  const taken = new Set(
    HELPER_ROLES.flatMap((role) => spec[role])
      .filter((h) => Object.entries(h.preset ?? {}).some(([name, v]) => v !== undefined && presets.has(name)))
      .map((h) => `${h.name}${SUFFIX}`),
  );
  return spec.volumes.flatMap((v, i) =>
    taken.has(v.name) ? [{ path: ["volumes", i, "name"], message: `${MESSAGE}: "${v.name}"` }] : [],
  );
}

export function scratchNameRules(registry: readonly AnyPreset[]): CelRule[] {
  return HELPER_ROLES.flatMap((role) =>
    presetsOf(role, registry)
      .filter((p) => p.scratch)
      .map((p) => ({
        rule: `self.${role}.all(c, !(has(c.preset) && has(c.preset.${p.name})) || !self.volumes.exists(v, v.name == c.name + '${SUFFIX}'))`,
        message: MESSAGE,
        fieldPath: ".volumes",
      })),
  );
}
