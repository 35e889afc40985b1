// spec.securityProfile Restricted: the Pod Security "restricted" defaults filled in where the spec
// leaves a field unset. Pure. What the spec sets itself is kept, and what still violates the
// profile was rejected before rendering (src/api/security-profile.ts): filling in only ever adds
// compliant values, so the rendered Pod passes "restricted" exactly when validation did.
import type { V1Container, V1PodSecurityContext, V1PodSpec, V1SecurityContext } from "@kubernetes/client-node";
import { RESTRICTED_CONTAINER_DEFAULTS, RESTRICTED_POD_DEFAULTS } from "../../api/security-defaults.js";

/** `own` with each default field added where `own` has none. */
function filled<T extends object>(own: T | undefined, defaults: Partial<T>): T {
  const out = { ...own } as Record<string, unknown>;
  for (const [key, value] of Object.entries(defaults)) if (out[key] === undefined) out[key] = value;
  return out as T;
}

function restrictedContainer(c: V1Container): V1Container {
  const own: V1SecurityContext = c.securityContext ?? {};
  const { capabilities: capDefaults, ...rest } = RESTRICTED_CONTAINER_DEFAULTS;
  // Capabilities field by field too: added ones are kept, drop defaults to ALL.
  const capabilities = filled(own.capabilities, { drop: [...capDefaults.drop] });
  return { ...c, securityContext: { ...filled(own, rest), capabilities } };
}

/** The Pod spec with the profile's defaults where it leaves them unset. */
export function withRestrictedDefaults(spec: V1PodSpec): V1PodSpec {
  const securityContext: V1PodSecurityContext = filled(spec.securityContext, {
    ...RESTRICTED_POD_DEFAULTS,
    seccompProfile: { ...RESTRICTED_POD_DEFAULTS.seccompProfile },
  });
  return {
    ...spec,
    ...(spec.initContainers && { initContainers: spec.initContainers.map(restrictedContainer) }),
    containers: spec.containers.map(restrictedContainer),
    securityContext,
  };
}
