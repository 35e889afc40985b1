// The package's entry point (`import { compositeApp } from "compositeapp"`): the CompositeApp API
// for programs that write apps (cdk8s, Pulumi, scripts, tests). It loads the schema and its rules
// only, never the operator (the Kubernetes client, the logger, metrics) or the CLI; a unit test
// (test/unit/package/entry.test.ts) holds it to that.
import type {
  CompositeApp as ParsedCompositeApp,
  CompositeAppSpec as ParsedCompositeAppSpec,
  CompositeAppStatus as ParsedCompositeAppStatus,
} from "./api/compositeapp.js";
import type { CompositeAppManifest } from "./api/manifest.js";

export { API_VERSION, GROUP, KIND, PLURAL, VERSION } from "./api/compositeapp.js";
export { compositeApp, InvalidCompositeAppError } from "./api/manifest.js";
export type { CompositeAppDefinition, CompositeAppManifest, CompositeAppMetadata } from "./api/manifest.js";
export { validateCompositeApp, type Validated } from "./api/parse.js";
export { PRESET_NAMES, type PresetName } from "./api/presets.js";

/**
 * The schemas themselves, for programs that validate with zod (`CompositeAppSchema.safeParse(x)`);
 * validateCompositeApp() does the same with messages that say where.
 */
export { CompositeApp as CompositeAppSchema, CompositeAppSpec as CompositeAppSpecSchema } from "./api/compositeapp.js";

// What a user writes: the input form of the schema, where defaulted fields may be left out.

/** A CompositeApp as written (`apiVersion`, `kind`, `metadata`, `spec`). */
export type CompositeApp = CompositeAppManifest;
export type CompositeAppSpec = CompositeAppManifest["spec"];
type ListItem<L> = NonNullable<L> extends readonly (infer I)[] ? I : never;
/** The main container: every core/v1 Container field but restartPolicy; `image` required. */
export type MainContainer = CompositeAppSpec["main"];
export type InitContainer = ListItem<CompositeAppSpec["initContainers"]>;
export type Sidecar = ListItem<CompositeAppSpec["sidecars"]>;
export type Ambassador = ListItem<CompositeAppSpec["ambassadors"]>;
export type Adapter = ListItem<CompositeAppSpec["adapters"]>;
/** A helper's `preset`: one of its role's built-in presets, with that preset's parameters. */
export type SidecarPreset = NonNullable<Sidecar["preset"]>;
export type AmbassadorPreset = NonNullable<Ambassador["preset"]>;
export type AdapterPreset = NonNullable<Adapter["preset"]>;
export type Placement = NonNullable<Sidecar["placement"]>;
export type Volume = ListItem<CompositeAppSpec["volumes"]>;
export type PodOptions = NonNullable<CompositeAppSpec["pod"]>;
export type UpdateStrategy = NonNullable<CompositeAppSpec["updateStrategy"]>;
export type DisruptionBudget = NonNullable<CompositeAppSpec["disruptionBudget"]>;
/** `spec.securityProfile`: "Restricted" makes the Pods meet Pod Security "restricted". */
export type SecurityProfile = NonNullable<CompositeAppSpec["securityProfile"]>;

// What validation returns and the operator reads: the output form, every default filled in.

/** A validated CompositeApp, as validateCompositeApp() returns it and the operator reads it. */
export type ValidatedCompositeApp = ParsedCompositeApp;
export type ValidatedCompositeAppSpec = ParsedCompositeAppSpec;
/** The status the operator writes (`kubectl get capp NAME -o json`). */
export type CompositeAppStatus = ParsedCompositeAppStatus;
