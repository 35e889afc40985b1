import type { V1Pod } from "@kubernetes/client-node";
import type { PresetImages } from "../../presets/index.js";

/** What a container is in the rendered Pod (src/api/roles.ts). */
export type { PodRole as Role } from "../../api/roles.js";
export type ResolvedSidecarMode = "Native" | "Classic";
/** How an app's helpers run: all one way, or Mixed (each helper's placement.mode). */
export type SidecarModeInEffect = ResolvedSidecarMode | "Mixed";

export type { PresetImages };

export interface RenderOptions {
  /** Native or Classic; a spec's `Auto` must be resolved by the caller (from the server version). */
  sidecarMode: ResolvedSidecarMode;
  images: PresetImages;
}

export interface RenderedPod {
  pod: V1Pod;
  revision: string;
}
