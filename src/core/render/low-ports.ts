// A preset helper that listens on a port below 1024 runs as a non-root user with every capability
// dropped; NET_BIND_SERVICE would not help, as the runtime gives a non-root process no ambient
// capabilities. So the Pod's net.ipv4.ip_unprivileged_port_start (a sysctl of the Pod's own network
// namespace, in Pod Security's safe set) is lowered to the lowest such port. Pure.
import type { V1PodSpec } from "@kubernetes/client-node";
import type { CompositeApp } from "../../api/compositeapp.js";
import { chosenPreset } from "../../api/presets.js";
import { FIRST_UNPRIVILEGED_PORT, UNPRIVILEGED_PORT_SYSCTL } from "../../api/security-defaults.js";
import { presetFootprint } from "../../presets/index.js";

/** The lowest port below 1024 a helper's preset binds, if any. */
function lowestPrivilegedPresetPort(app: CompositeApp): number | undefined {
  const { sidecars, ambassadors, adapters } = app.spec;
  const ports = [...ambassadors, ...sidecars, ...adapters].flatMap((h) => {
    const preset = chosenPreset(h.preset);
    return preset ? presetFootprint(preset).ports.map((p) => p.containerPort) : [];
  });
  const low = ports.filter((p) => p < FIRST_UNPRIVILEGED_PORT);
  return low.length > 0 ? Math.min(...low) : undefined;
}

/**
 * The Pod spec with the sysctl added when a preset binds a port below 1024. A value the spec sets
 * itself is kept, and a Pod on the host's network gets none (the host's sysctls are not the Pod's).
 */
export function withPresetPortsUnprivileged(app: CompositeApp, spec: V1PodSpec): V1PodSpec {
  const port = lowestPrivilegedPresetPort(app);
  const sysctls = spec.securityContext?.sysctls ?? [];
  if (port === undefined || spec.hostNetwork === true || sysctls.some((s) => s.name === UNPRIVILEGED_PORT_SYSCTL)) {
    return spec;
  }
  return {
    ...spec,
    securityContext: {
      ...spec.securityContext,
      sysctls: [...sysctls, { name: UNPRIVILEGED_PORT_SYSCTL, value: String(port) }],
    },
  };
}
