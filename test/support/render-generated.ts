// Shared by the property tests: a generated app validated and rendered as the operator would on
// a server with native sidecars (Auto resolves to Native).
import type { V1Pod } from "@kubernetes/client-node";
import { validateCompositeApp } from "../../src/api/parse.js";
import { DEFAULT_PRESET_IMAGES, podFromTemplate, renderTemplate, type RenderOptions } from "../../src/core/index.js";

export const PROPERTY_SEED = Number(process.env.COMPOSITEAPP_FC_SEED ?? 20261130);

export function renderOptionsFor(mode: "Auto" | "Native" | "Classic"): RenderOptions {
  return { sidecarMode: mode === "Classic" ? "Classic" : "Native", images: DEFAULT_PRESET_IMAGES };
}

export interface Rendered {
  errors: string[];
  revision?: string;
  pod?: V1Pod;
}

/** validate, then the Pod of slot 0 and the revision; `errors` when validate rejects the input. */
export function validateAndRender(input: unknown): Rendered {
  const v = validateCompositeApp(input);
  if (!v.ok) return { errors: v.errors };
  // The template once, as the operator renders it per reconcile: rendering dominates the unit
  // property test's time.
  const template = renderTemplate(v.app, renderOptionsFor(v.app.spec.sidecarMode));
  return { errors: [], revision: template.revision, pod: podFromTemplate(v.app, template, 0).pod };
}
