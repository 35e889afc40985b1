// CompositeApps written as TypeScript: the types of what a user writes (the schema's input form,
// so defaults may be left out) and compositeApp(), which fills in apiVersion and kind and checks
// the app as `compositeapp validate` and the API server do. Derived from the zod schema: a field
// added there is typed here without an edit.
import type { z } from "zod";
import { API_VERSION, KIND, type CompositeAppSpecInput, type ObjectMeta } from "./compositeapp.js";
import { validateCompositeApp } from "./parse.js";

/** The metadata a user writes: name, and optionally namespace, labels and annotations. */
export type CompositeAppMetadata = Pick<z.input<typeof ObjectMeta>, "name" | "namespace" | "labels" | "annotations">;

/** A CompositeApp manifest as it is written (and applied): defaults may be left out. */
export interface CompositeAppManifest {
  apiVersion: typeof API_VERSION;
  kind: typeof KIND;
  metadata: CompositeAppMetadata;
  spec: CompositeAppSpecInput;
}

/** What compositeApp() takes: a manifest without apiVersion and kind, which it fills in. */
export type CompositeAppDefinition = Omit<CompositeAppManifest, "apiVersion" | "kind">;

/** An app the schema or the cross-field rules refuse, with every problem as `path: message`. */
export class InvalidCompositeAppError extends Error {
  override readonly name = "InvalidCompositeAppError";
  constructor(
    readonly app: string,
    readonly errors: readonly string[],
  ) {
    super(`CompositeApp "${app}" is invalid:\n${errors.map((e) => `  ${e}`).join("\n")}`);
  }
}

/**
 * A CompositeApp manifest from its metadata and spec, checked by the same rules as `compositeapp
 * validate` (schema, cross-field rules such as port clashes and dangling mounts). Returns the app
 * as written, with apiVersion and kind, ready for `kubectl apply`, cdk8s or Pulumi; throws
 * InvalidCompositeAppError naming every problem.
 */
export function compositeApp(definition: CompositeAppDefinition): CompositeAppManifest {
  // A copy, so that what was checked is what is returned even if the caller's objects change later.
  const manifest: CompositeAppManifest = structuredClone({ apiVersion: API_VERSION, kind: KIND, ...definition });
  const result = validateCompositeApp(manifest);
  if (!result.ok) throw new InvalidCompositeAppError(String(definition.metadata?.name), result.errors);
  return manifest;
}
