// The built-in presets: one module each, listed once in registry.ts. Pure (the same fence as
// src/core): src/api derives the preset fields and rules from them, src/core renders them.
export {
  PRESETS,
  PRESET_NAMES,
  DEFAULT_PRESET_IMAGES,
  chosenPreset,
  presetFootprint,
  presetContainer,
  type ChosenPreset,
  type Preset,
  type PresetName,
  type PresetParams,
  type PresetImages,
  type PresetFootprint,
} from "./registry.js";
export { DEFAULT_HELPER_IMAGE, definePreset, type AnyPreset, type PresetDefinition } from "./definition.js";
export { generatedReadme, presetTable, roleTable, replaceBlock } from "./readme.js";
