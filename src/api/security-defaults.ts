// The settings Pod Security "restricted" asks of a Pod, as defaults: what every preset helper runs
// with, and what `spec.securityProfile: Restricted` fills in where the spec leaves a field unset
// (src/core/render/security-profile.ts). One source for both; the rules that explain what still
// violates the profile are in security-profile.ts.
import type { V1PodSecurityContext, V1SecurityContext } from "@kubernetes/client-node";

/**
 * The user and group a helper (and, under the profile, a Pod that names none) runs as: `nobody`.
 * Numeric, so the kubelet can verify runAsNonRoot on an image whose USER is root or a name, as
 * busybox's is.
 */
export const NON_ROOT_ID = 65534;

/** The one capability "restricted" lets a container add. */
export const NET_BIND_SERVICE = "NET_BIND_SERVICE";

/**
 * Ports below this one need privilege to bind. A helper that listens on one is not given
 * NET_BIND_SERVICE, which a process of a non-root user does not get (the runtime sets no ambient
 * capabilities): the renderer lowers the Pod's net.ipv4.ip_unprivileged_port_start instead.
 */
export const FIRST_UNPRIVILEGED_PORT = 1024;
export const UNPRIVILEGED_PORT_SYSCTL = "net.ipv4.ip_unprivileged_port_start";

/** Filled in on each container of a Pod under the profile, field by field where unset. */
export const RESTRICTED_CONTAINER_DEFAULTS = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ["ALL"] },
} as const satisfies V1SecurityContext;

/** Filled in on the Pod's securityContext under the profile, field by field where unset. */
export const RESTRICTED_POD_DEFAULTS = {
  runAsNonRoot: true,
  runAsUser: NON_ROOT_ID,
  runAsGroup: NON_ROOT_ID,
  seccompProfile: { type: "RuntimeDefault" },
} as const satisfies V1PodSecurityContext;

/** A preset helper's own: restricted in any Pod, with or without the profile. */
export function helperSecurityContext(): V1SecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: NON_ROOT_ID,
    runAsGroup: NON_ROOT_ID,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
  };
}
