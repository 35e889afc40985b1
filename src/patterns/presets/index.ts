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
