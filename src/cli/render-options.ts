import type { PresetName } from "../api/presets.js";
import { PRESET_NAMES } from "../api/presets.js";
import {
  DEFAULT_PRESET_IMAGES,
  parseServerVersion,
  resolveSidecarMode,
  type PresetImages,
  type RenderOptions,
} from "../core/index.js";
import type { CompositeApp } from "../api/compositeapp.js";

/** `--preset-image logShipper=registry.example/busybox:1.36` pairs laid over the defaults. */
export function presetImages(pairs: string[]): PresetImages {
  const images: PresetImages = { ...DEFAULT_PRESET_IMAGES };
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    const name = pair.slice(0, eq) as PresetName;
    if (eq <= 0 || !PRESET_NAMES.includes(name) || eq === pair.length - 1) {
      throw new Error(
        `--preset-image must be PRESET=IMAGE with PRESET one of ${PRESET_NAMES.join(", ")}; got "${pair}"`,
      );
    }
    images[name] = pair.slice(eq + 1);
  }
  return images;
}

/** Render options for an app given the CLI flags; Auto resolves against --kube-version. */
export function renderOptionsFor(app: CompositeApp, kubeVersion: string, images: PresetImages): RenderOptions {
  const server = parseServerVersion(kubeVersion);
  if (!server) throw new Error(`--kube-version "${kubeVersion}" is not a version such as 1.33`);
  return { sidecarMode: resolveSidecarMode(app.spec.sidecarMode, server), images };
}
