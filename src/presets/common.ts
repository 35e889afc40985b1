import type { V1ResourceRequirements, V1VolumeMount } from "@kubernetes/client-node";

export { helperSecurityContext } from "../api/security-defaults.js";

/** Modest defaults so a helper counts in the Pod's requests; a helper's own `resources` replaces them. */
export const HELPER_RESOURCES: V1ResourceRequirements = {
  requests: { cpu: "10m", memory: "16Mi" },
  limits: { memory: "64Mi" },
};

export const readOnlyMount = (volume: string, mountPath: string): V1VolumeMount => ({
  name: volume,
  mountPath,
  readOnly: true,
});
