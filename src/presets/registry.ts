// The registry of built-in presets: adding a preset is one module in this folder and one line in
// PRESETS. The API's schema and rules, the CRD, the renderer and the README's table derive from it.
import type { V1Container } from "@kubernetes/client-node";
import type { z } from "zod";
import type { AnyPreset } from "./definition.js";
import { configReloader } from "./config-reloader.js";
import { httpProxy } from "./http-proxy.js";
import { logShipper } from "./log-shipper.js";
import { logToJson } from "./log-to-json.js";
import { prometheusMetrics } from "./prometheus-metrics.js";
import { tcpProxy } from "./tcp-proxy.js";

export const PRESETS = [logShipper, configReloader, tcpProxy, httpProxy, logToJson, prometheusMetrics] as const;

export type Preset = (typeof PRESETS)[number];
export type PresetName = Preset["name"];
/** Every preset by name with the type of its parameters. */
export type PresetParams = { [P in Preset as P["name"]]: z.output<P["params"]> };
export const PRESET_NAMES: readonly PresetName[] = PRESETS.map((p) => p.name);

/** Images of the presets by name; configurable so no vendor image is hard-wired. */
export type PresetImages = Record<PresetName, string>;
export const DEFAULT_PRESET_IMAGES = Object.fromEntries(PRESETS.map((p) => [p.name, p.defaultImage])) as PresetImages;

/** The preset a helper uses, with its (validated) parameters. */
export interface ChosenPreset {
  preset: AnyPreset;
  params: Record<string, unknown>;
}

/** The preset a helper's `preset` object sets, if any (the schema allows exactly one). */
export function chosenPreset(
  preset: Partial<Record<string, unknown>> | undefined,
  registry: readonly AnyPreset[] = PRESETS,
): ChosenPreset | undefined {
  if (!preset) return undefined;
  for (const p of registry) {
    const params = preset[p.name];
    if (params !== undefined) return { preset: p, params: params as Record<string, unknown> };
  }
  return undefined;
}

/** What a chosen preset adds to its container that other rules must see, with the fields saying so. */
export interface PresetFootprint {
  ports: { containerPort: number; protocol: "TCP"; field: string }[];
  mount?: { volume: string; mountPath: string; field: string };
}

export function presetFootprint({ preset, params }: ChosenPreset): PresetFootprint {
  const { ports = [], mount } = preset.footprint;
  return {
    ports: ports.map((field) => ({ containerPort: params[field] as number, protocol: "TCP", field })),
    ...(mount && {
      mount: {
        volume: params[mount.volume] as string,
        mountPath: params[mount.mountPath] as string,
        field: mount.volume,
      },
    }),
  };
}

/** The container a preset produces, before the helper's own fields are laid over it. */
export function presetContainer(
  { preset, params }: ChosenPreset,
  images: Partial<Record<string, string>>,
): V1Container {
  return preset.build(params, images[preset.name] ?? preset.defaultImage);
}
