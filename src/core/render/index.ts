export { render, renderPod, renderTemplate, podFromTemplate, podName, type PodTemplate } from "./render.js";
export { effectiveResources, type EffectiveResources } from "./resources.js";
export {
  resolveSidecarMode,
  parseServerVersion,
  supportsNativeSidecars,
  placementProblems,
  type ServerVersion,
} from "./sidecar-mode.js";
export { DEFAULT_PRESET_IMAGES, DEFAULT_HELPER_IMAGE, presetContainer } from "../../presets/index.js";
export { LABELS, ANNOTATIONS, MANAGED_BY, POD_SELECTOR } from "./labels.js";
export { arrange, type Arrangement, type HelperToPlace, type PodContainer } from "./arrange.js";
export { revisionOf, templateHashOf, canonicalJson } from "./revision.js";
export type {
  RenderOptions,
  RenderedPod,
  Role,
  ResolvedSidecarMode,
  SidecarModeInEffect,
  PresetImages,
} from "./types.js";
export { podSelector, podSelectorString } from "./selector.js";
export { scratchVolumeName } from "./scratch.js";
