// The CompositeApp resource (compositeapp.io/v1alpha1): the zod schema is the one source of truth,
// from which the CRD's OpenAPI schema is generated (src/api/crd.ts).
import { z } from "zod";
import { Container, PodOptions, Volume, containerFields, intOrString, ResourceList } from "./core.js";
import { POD_ROLES, roleCheck, roleValidations, type ContainerRole, type HelperRole } from "./roles.js";
import { COMPLETION_RULES, completionIssues } from "./completion-rules.js";
import { DisruptionBudget } from "./disruption-budget.js";
import { PRESETS, rolePresetSchema, type AnyPreset } from "./presets.js";
import { NOT_SELF, Placement } from "./placement.js";
import { crossFieldIssues } from "./rules.js";
import { specValidations, presetOneOf, presetMountOnce, HELPER_NEEDS_IMAGE } from "./rules-cel.js";
import { CONTAINER_RULES, containerIssues } from "./container-rules.js";
import { SecurityProfileField, securityProfileIssues, securityProfileRules } from "./security-profile.js";

export const GROUP = "compositeapp.io";
export const VERSION = "v1alpha1";
export const API_VERSION = `${GROUP}/${VERSION}`;
export const KIND = "CompositeApp";
export const PLURAL = "compositeapps";

export const MAX_INIT_CONTAINERS = 16;
export const MAX_HELPERS_PER_ROLE = 8;
export const MAX_VOLUMES = 32;
const MAX_INT32 = 2_147_483_647;

/** Lists keyed by name: the API server rejects duplicates and server-side apply merges per item. */
const BY_NAME = { "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"] } as const;

/** A helper container: core/v1 fields, with the image optional when a preset provides it. */
const helper = <P extends z.ZodObject>(preset: P, role: HelperRole, registry: readonly AnyPreset[]) =>
  z
    .strictObject({
      ...containerFields,
      image: z.string().min(1).max(1024).optional(),
      preset: preset.optional(),
      placement: Placement.optional().describe(
        "How this helper runs and where it starts. Default: the role's place in spec.sidecarMode (native: ambassadors before the init containers, sidecars and adapters after them; classic: after the main container).",
      ),
    })
    .superRefine(roleCheck("helper"))
    .meta({
      "x-kubernetes-validations": [
        HELPER_NEEDS_IMAGE,
        presetOneOf(role, registry),
        ...presetMountOnce(role, registry),
        NOT_SELF,
        ...roleValidations("helper"),
        ...CONTAINER_RULES,
      ],
    });

/** A main or init container, with the fields its role forbids rejected. */
const inRole = (role: ContainerRole) =>
  Container.superRefine(roleCheck(role)).meta({
    "x-kubernetes-validations": [...roleValidations(role), ...CONTAINER_RULES],
  });
export const MainContainer = inRole("main");
export const InitContainer = inRole("initContainers");

/** The helper schemas of each role, with the presets of a registry. */
const helpersOf = <R extends readonly AnyPreset[]>(registry: R) => ({
  sidecars: helper(rolePresetSchema(registry, "sidecars"), "sidecars", registry),
  ambassadors: helper(rolePresetSchema(registry, "ambassadors"), "ambassadors", registry),
  adapters: helper(rolePresetSchema(registry, "adapters"), "adapters", registry),
});
const BUILT_IN = helpersOf(PRESETS);
export const Sidecar = BUILT_IN.sidecars;
export const Ambassador = BUILT_IN.ambassadors;
export const Adapter = BUILT_IN.adapters;
export type Sidecar = z.infer<typeof Sidecar>;
export type Ambassador = z.infer<typeof Ambassador>;
export type Adapter = z.infer<typeof Adapter>;
export type Helper = Sidecar | Ambassador | Adapter;

const PERCENT = /^\d{1,3}%$/;
const COUNT_OR_PERCENT_MESSAGE = "must be a non-negative count or a percentage such as 25%";
/** The string form is checked by `pattern`, the int form by CEL (the API server applies each to its type). */
const percentOrCount = () =>
  intOrString()
    .refine((v) => (typeof v === "number" ? v >= 0 : PERCENT.test(v)), { error: COUNT_OR_PERCENT_MESSAGE })
    .meta({
      pattern: PERCENT.source,
      "x-kubernetes-validations": [{ rule: "type(self) == string || self >= 0", message: COUNT_OR_PERCENT_MESSAGE }],
    });

export const IN_PLACE_POLICIES = ["Helpers", "All", "Never"] as const;
export type InPlacePolicy = (typeof IN_PLACE_POLICIES)[number];

export const UpdateStrategy = z.strictObject({
  type: z.enum(["RollingUpdate", "Recreate"]).default("RollingUpdate"),
  inPlace: z
    .enum(IN_PLACE_POLICIES)
    .optional()
    .describe(
      "Which changes are made on the live Pods instead of replacing them. Helpers (the default): a new image of a sidecar, ambassador or adapter restarts only that container, and CPU/memory changes are resized in place (pods/resize, Kubernetes 1.33+). All: the main container's image too. Never: every change replaces the Pods.",
    ),
  rollingUpdate: z
    .strictObject({
      maxUnavailable: percentOrCount().default(0),
      maxSurge: percentOrCount().default(1),
    })
    .optional(),
});
export type UpdateStrategy = z.infer<typeof UpdateStrategy>;

export const SIDECAR_MODES = ["Auto", "Native", "Classic"] as const;
export type SidecarMode = (typeof SIDECAR_MODES)[number];

/**
 * The spec's schema with the presets of a registry: the built-in one for CompositeAppSpec; tests
 * pass a registry with an extra preset to show everything follows from the registry.
 */
export function compositeAppSpecSchema<R extends readonly AnyPreset[]>(registry: R) {
  const helpers = helpersOf(registry);
  return z
    .strictObject({
      replicas: z.int().min(0).max(1000).default(1).describe("Number of identical Pods."),
      sidecarMode: z
        .enum(SIDECAR_MODES)
        .default("Auto")
        .describe(
          "Native: helpers become init containers with restartPolicy Always (Kubernetes 1.29+). Classic: extra containers. Auto: Native when the server supports it.",
        ),
      // prefault: the CRD must carry the default (the CEL rules need spec.volumes to exist), which zod
      // leaves out of the JSON Schema for some item schemas.
      volumes: z.array(Volume).max(MAX_VOLUMES).prefault([]).describe("Volumes shared at Pod level.").meta(BY_NAME),
      initContainers: z
        .array(InitContainer)
        .max(MAX_INIT_CONTAINERS)
        .default([])
        .describe("Run in order, each to completion, before the main container starts.")
        .meta(BY_NAME),
      main: MainContainer.describe("The application container."),
      sidecars: z
        .array(helpers.sidecars)
        .max(MAX_HELPERS_PER_ROLE)
        .default([])
        .describe("Helpers of the main container.")
        .meta(BY_NAME),
      ambassadors: z
        .array(helpers.ambassadors)
        .max(MAX_HELPERS_PER_ROLE)
        .default([])
        .describe("Local proxies the main container reaches on localhost; started before init containers.")
        .meta(BY_NAME),
      adapters: z
        .array(helpers.adapters)
        .max(MAX_HELPERS_PER_ROLE)
        .default([])
        .describe("Normalise what the main container emits (logs, metrics).")
        .meta(BY_NAME),
      securityProfile: SecurityProfileField,
      pod: PodOptions.optional().describe(
        "Every PodSpec field but the containers and volumes, plus labels and annotations: passed through to every Pod.",
      ),
      updateStrategy: UpdateStrategy.optional().describe("How Pods are replaced when the spec changes."),
      disruptionBudget: DisruptionBudget.optional().describe(
        "A policy/v1 PodDisruptionBudget the operator keeps for the app's Pods, deleted with the app or when this field is removed.",
      ),
      progressDeadlineSeconds: z
        .int()
        .min(1)
        .max(86400)
        .optional()
        .describe(
          "Seconds a Pod may stay stuck (image pull or crash-loop back-off, refused by the API server) before the app reports Stalled=True. Default 600, as a Deployment's.",
        ),
      backoffLimit: z
        .int()
        .min(0)
        .max(MAX_INT32)
        .optional()
        .describe(
          "For an app that runs to completion (pod.restartPolicy Never or OnFailure): how many failed Pods are replaced, after a back-off of 10s doubling per failure up to 6 minutes, before the app is Failed. With OnFailure, container restarts count too. Default 6, as a Job's.",
        ),
    })
    .superRefine((spec, ctx) => {
      const issues = [...crossFieldIssues(spec, registry), ...completionIssues(spec), ...containerIssues(spec)];
      for (const issue of [...issues, ...securityProfileIssues(spec)]) ctx.addIssue({ code: "custom", ...issue });
    })
    .meta({
      "x-kubernetes-validations": [...specValidations(registry), ...COMPLETION_RULES, ...securityProfileRules()],
    });
}
export const CompositeAppSpec = compositeAppSpecSchema(PRESETS);
export type CompositeAppSpec = z.infer<typeof CompositeAppSpec>;
export type CompositeAppSpecInput = z.input<typeof CompositeAppSpec>;

export const Condition = z.strictObject({
  type: z.string().min(1).max(316),
  status: z.enum(["True", "False", "Unknown"]),
  observedGeneration: z.int().min(0).optional(),
  lastTransitionTime: z.string().meta({ format: "date-time" }),
  reason: z.string().min(1).max(1024),
  message: z.string().max(32768).default(""),
});
export type Condition = z.infer<typeof Condition>;

export const ContainerStatus = z.strictObject({
  name: z.string(),
  role: z.enum(POD_ROLES),
  ready: z.boolean(),
  restartCount: z.int().min(0),
  state: z.string().describe("waiting, running or terminated, with the reason when there is one."),
  lastTerminationReason: z.string().optional(),
});

export const PodStatusSummary = z.strictObject({
  name: z.string(),
  phase: z.string(),
  ready: z.boolean(),
  revision: z.string(),
  containers: z.array(ContainerStatus).default([]),
  resize: z
    .strictObject({
      condition: z.enum(["PodResizePending", "PodResizeInProgress"]),
      reason: z.string().optional(),
      message: z.string().optional(),
    })
    .optional()
    .describe("A resize in place the kubelet has not finished, from the Pod's condition of that type."),
});

export const CompositeAppStatus = z.strictObject({
  observedGeneration: z.int().min(0).optional(),
  replicas: z.int().min(0).optional(),
  selector: z
    .string()
    .optional()
    .describe("The label selector of the app's Pods, as a string: read through the scale subresource."),
  readyReplicas: z.int().min(0).optional(),
  succeeded: z
    .int()
    .min(0)
    .optional()
    .describe("An app that runs to completion: slots whose Pod succeeded in the current run (revision)."),
  failed: z
    .int()
    .min(0)
    .optional()
    .describe("An app that runs to completion: Pods of the current run (revision) that failed."),
  updatedReplicas: z.int().min(0).optional(),
  revision: z.string().optional(),
  sidecarMode: z
    .enum(["Native", "Classic", "Mixed"])
    .optional()
    .describe(
      "How the helpers run, after resolving Auto: Native, Classic, or Mixed when some run each way (placement.mode).",
    ),
  effectiveResources: z
    .strictObject({ requests: ResourceList.optional(), limits: ResourceList.optional() })
    .optional()
    .describe("What the scheduler must fit on one node for each Pod."),
  pods: z.array(PodStatusSummary).optional(),
  conditions: z
    .array(Condition)
    .optional()
    .meta({ "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["type"] }),
});
export type CompositeAppStatus = z.infer<typeof CompositeAppStatus>;

export const ObjectMeta = z.looseObject({
  name: dnsSubdomain().max(63),
  namespace: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
  uid: z.string().optional(),
  generation: z.int().optional(),
  resourceVersion: z.string().optional(),
});

function dnsSubdomain() {
  return z
    .string()
    .min(1)
    .max(253)
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, {
      error: "metadata.name must be a lowercase RFC 1123 subdomain",
    });
}

export const CompositeApp = z.looseObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal(KIND),
  metadata: ObjectMeta,
  spec: CompositeAppSpec,
  status: CompositeAppStatus.optional(),
});
export type CompositeApp = z.infer<typeof CompositeApp>;
export type CompositeAppInput = z.input<typeof CompositeApp>;
