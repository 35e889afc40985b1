// The roles of an app's containers, and the container fields that contradict a role.
//
// Roles are named two ways: by the spec's lists (main, initContainers, sidecars, ambassadors,
// adapters) and by what each container is in the rendered Pod (main, init, sidecar, ambassador,
// adapter: the roles annotation and status.pods[].containers[].role).
//
// Fields that contradict a role are rejected with a message rather than dropped. What the API
// server (1.33) allows decides it:
// - `restartPolicy` is allowed only on init containers, where `Always` makes a native sidecar. The
//   main container is a regular container, so it may not set it; on a plain init container it would
//   turn the init step into a sidecar (declare that as a helper); on a helper the operator sets it
//   from the sidecar mode (Always when native, unset when classic).
// - A plain init container runs to completion: the API server rejects probes and lifecycle hooks
//   on it.
import { z } from "zod";

/** The spec's lists of helpers. */
export const HELPER_ROLES = ["sidecars", "ambassadors", "adapters"] as const;
export type HelperRole = (typeof HELPER_ROLES)[number];

/** What a container is in the rendered Pod. */
export const POD_ROLES = ["main", "init", "sidecar", "ambassador", "adapter"] as const;
export type PodRole = (typeof POD_ROLES)[number];

/** The Pod role of the containers of each helper list. */
export const HELPER_POD_ROLE = {
  sidecars: "sidecar",
  ambassadors: "ambassador",
  adapters: "adapter",
} as const satisfies Record<HelperRole, PodRole>;
export type HelperPodRole = (typeof HELPER_POD_ROLE)[HelperRole];

/** The roles whose fields are checked: the main container, a plain init container, a helper. */
export type ContainerRole = "main" | "initContainers" | "helper";

interface Forbidden {
  field: string;
  message: string;
}

const INIT_RUNS_TO_COMPLETION = "an init container runs to completion, so the API server does not allow";

const FORBIDDEN: Record<ContainerRole, Forbidden[]> = {
  main: [
    {
      field: "restartPolicy",
      message:
        "restartPolicy is not allowed on the main container: it is a regular container, and Kubernetes allows restartPolicy only on init containers",
    },
  ],
  initContainers: [
    {
      field: "restartPolicy",
      message:
        "restartPolicy is not allowed on an init container: restartPolicy Always would make it a native sidecar; declare it in spec.sidecars, spec.ambassadors or spec.adapters",
    },
    ...["livenessProbe", "readinessProbe", "startupProbe", "lifecycle"].map((field) => ({
      field,
      message: `${field} is not allowed on an init container: ${INIT_RUNS_TO_COMPLETION} it`,
    })),
  ],
  helper: [
    {
      field: "restartPolicy",
      message:
        "restartPolicy is not allowed on a helper: the operator sets it from the sidecar mode (Always for native sidecars)",
    },
  ],
};

/** The role's CEL rules, for the container's `x-kubernetes-validations`. */
export const roleValidations = (role: ContainerRole) =>
  FORBIDDEN[role].map((f) => ({
    rule: `!has(self.${f.field})`,
    message: f.message,
    fieldPath: `.${f.field}`,
    reason: "FieldValueForbidden" as const,
  }));

/** The same rules for zod: a superRefine on the role's container schema. */
export const roleCheck =
  (role: ContainerRole) =>
  (container: Record<string, unknown>, ctx: z.RefinementCtx): void => {
    for (const f of FORBIDDEN[role]) {
      if (container[f.field] !== undefined) ctx.addIssue({ code: "custom", path: [f.field], message: f.message });
    }
  };
