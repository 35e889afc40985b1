// The emptyDir a preset helper writes to (PresetDefinition.scratch): its root filesystem is
// read-only. One volume per such helper, named after it. Pure.
import { createHash } from "node:crypto";
import type { V1Volume } from "@kubernetes/client-node";
import type { ChosenPreset } from "../../presets/index.js";

const MAX_VOLUME_NAME = 63;
const SCRATCH_SUFFIX = "-scratch";

/**
 * The name of a helper's scratch volume: `<helper>-scratch`, or, when that is longer than a volume
 * name may be, the helper's name cut short with a hash of it, so two long names stay apart.
 */
export function scratchVolumeName(helper: string): string {
  const plain = `${helper}${SCRATCH_SUFFIX}`;
  if (plain.length <= MAX_VOLUME_NAME) return plain;
  const hash = createHash("sha256").update(helper).digest("hex").slice(0, 10);
  const keep = MAX_VOLUME_NAME - SCRATCH_SUFFIX.length - hash.length - 1;
  return `${helper.slice(0, keep).replace(/-+$/, "")}-${hash}${SCRATCH_SUFFIX}`;
}

/** The emptyDir a preset writes to, if it has one, for a helper of that name. */
export function presetScratch(
  { preset }: ChosenPreset,
  helper: string,
): { volume: V1Volume; mountPath: string } | undefined {
  if (preset.scratch === undefined) return undefined;
  return { volume: { name: scratchVolumeName(helper), emptyDir: {} }, mountPath: preset.scratch };
}
