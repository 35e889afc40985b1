import type { V1Container } from "@kubernetes/client-node";
import type { ChosenPreset, PresetName } from "../../../api/presets.js";
import type { PresetImages } from "../types.js";
import { logShipper } from "./log-shipper.js";
import { logToJson } from "./log-to-json.js";
import { prometheusMetrics } from "./prometheus-metrics.js";
import { tcpProxy } from "./tcp-proxy.js";

/** The image every built-in preset defaults to: a busybox with sh, tail, awk, nc and httpd. */
export const DEFAULT_HELPER_IMAGE = "docker.io/library/busybox:1.35";

export const DEFAULT_PRESET_IMAGES: PresetImages = {
  logShipper: DEFAULT_HELPER_IMAGE,
  tcpProxy: DEFAULT_HELPER_IMAGE,
  logToJson: DEFAULT_HELPER_IMAGE,
  prometheusMetrics: DEFAULT_HELPER_IMAGE,
};

/** The container a preset produces, before the helper's own fields are laid over it. */
export function presetContainer(preset: ChosenPreset, images: PresetImages): V1Container {
  const image = images[preset.name];
  switch (preset.name) {
    case "logShipper":
      return logShipper(preset.params, image);
    case "tcpProxy":
      return tcpProxy(preset.params, image);
    case "logToJson":
      return logToJson(preset.params, image);
    case "prometheusMetrics":
      return prometheusMetrics(preset.params, image);
  }
}

export type { PresetName };
