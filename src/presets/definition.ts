// What a built-in preset declares, in one module per preset: everything else (the zod and CEL
// rules, the CRD's descriptions, the renderer's dispatch, the README's table) is derived from the
// registry of these definitions (registry.ts). This module and the presets depend only on zod,
// the core/v1 types and the role vocabulary, so the API layer can derive its schema from them.
import type { V1Container } from "@kubernetes/client-node";
import type { z } from "zod";
import type { HelperRole } from "../api/roles.js";

/** The parameters a preset's footprint names: fields of its own parameter object. */
type Field<S extends z.ZodObject> = keyof z.output<S> & string;

/**
 * What a preset adds to its container that the spec's rules must see, by parameter name: the TCP
 * ports it binds (integer parameters) and the shared volume it mounts (a volume name and a mount
 * path). Cross-field rules read these from the spec, so the API server checks them too.
 */
export interface Footprint<S extends z.ZodObject> {
  ports?: readonly Field<S>[];
  mount?: { volume: Field<S>; mountPath: Field<S> };
}

export interface PresetDefinition<N extends string, R extends HelperRole, S extends z.ZodObject> {
  /** The key under a helper's `preset`, e.g. `tcpProxy`. */
  name: N;
  role: R;
  /** What it runs, one sentence: the CRD's description of the preset and the README's table. */
  description: string;
  /** The parameters, with a description on each field (`kubectl explain` shows them). */
  params: S;
  footprint: Footprint<S>;
  /**
   * A directory the helper writes to, as its root filesystem is read-only: the renderer mounts an
   * emptyDir of its own there (named after the helper, see scratchVolumeName).
   */
  scratch?: string;
  /** The image it runs unless `--preset-image` or the operator's settings say otherwise. */
  defaultImage: string;
  /** The container it produces, before the helper's own fields are laid over it (name set later). */
  build(params: z.output<S>, image: string): V1Container;
}

/** Any preset, whatever its parameters: what the derivations take. */
export type AnyPreset = PresetDefinition<string, HelperRole, z.ZodObject>;

/** Declares a preset, keeping its name and role as literal types. */
export const definePreset = <const N extends string, const R extends HelperRole, S extends z.ZodObject>(
  definition: PresetDefinition<N, R, S>,
): PresetDefinition<N, R, S> => definition;

/** The image every built-in preset defaults to: a busybox with sh, tail, awk, nc, wget and httpd. */
export const DEFAULT_HELPER_IMAGE = "docker.io/library/busybox:1.35";
