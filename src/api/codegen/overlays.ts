// The project's few changes to the upstream core/v1 schema, applied by the generator. Keep this
// list short: anything else is upstream's, and the API server validates the rest when a Pod is
// created. Keys are `Definition.property` (`[]` for list items).
//
// - Names are RFC 1123 labels with their 63-character bound: the CLI reports a bad name at once,
//   and CEL rules compare names, whose cost the API server estimates from maxLength.
// - maxItems on ports and volumeMounts, maxLength on mount names and paths: the spec's CEL rules
//   iterate them across containers, and upstream lists and strings are unbounded, so without these
//   bounds the API server rejects the CRD for exceeding the CEL cost budget.
// - maxItems and maxLength on capabilities and the Pod's sysctls: the securityProfile rules
//   (src/api/security-profile.ts) read them in every container; Linux has about 40 capabilities.
// - Port numbers, port names (IANA service names, at most 15 characters) have the bounds the
//   API server checks, and so has the Pod's grace period (not negative), so `compositeapp validate`
//   catches them before a Pod is refused.
// - The Pod's own field validation (pkg/apis/core/validation) where upstream's schema leaves it to
//   Go code: port names are IANA_SVC_NAMEs, environment variable names, probe ports, resource
//   names and non-negative quantities, node selector keys and values, non-negative probe timings,
//   a non-empty mountPath, exactly one probe handler,
//   value and valueFrom exclusive, requests at most their limits. Each from src/api/pod-fields.ts,
//   in both forms (zod and pattern/CEL), so an app the CRD accepts renders to a Pod the API server
//   accepts.

export interface Overlay {
  /** A zod expression (from src/api/refinements.ts or pod-fields.ts) in place of the generated one. */
  replace?: string;
  /** A function from src/api/pod-fields.ts applied to the generated schema (definitions only). */
  wrap?: string;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

const CORE = "io.k8s.api.core.v1";
export const MAX_PORTS = 16;
export const MAX_MOUNTS = 16;
export const MAX_CAPABILITIES = 64;
export const MAX_SYSCTLS = 64;

export const OVERLAYS: Record<string, Overlay> = {
  [`${CORE}.Container.name`]: { replace: 'dnsLabel("container name")' },
  [`${CORE}.Container.ports`]: { maxItems: MAX_PORTS },
  [`${CORE}.Container.volumeMounts`]: { maxItems: MAX_MOUNTS },
  [`${CORE}.ContainerPort.name`]: { replace: "ianaSvcName()" },
  [`${CORE}.ContainerPort.containerPort`]: { minimum: 1, maximum: 65535 },
  [`${CORE}.ContainerPort.hostPort`]: { minimum: 1, maximum: 65535 },
  [`${CORE}.VolumeMount.name`]: { maxLength: 63 },
  [`${CORE}.VolumeMount.mountPath`]: { minLength: 1, maxLength: 256 },
  [`${CORE}.Volume.name`]: { replace: 'dnsLabel("volume name")' },
  [`${CORE}.Capabilities.add`]: { maxItems: MAX_CAPABILITIES },
  [`${CORE}.Capabilities.add[]`]: { maxLength: 64 },
  [`${CORE}.Capabilities.drop`]: { maxItems: MAX_CAPABILITIES },
  [`${CORE}.Capabilities.drop[]`]: { maxLength: 64 },
  [`${CORE}.PodSecurityContext.sysctls`]: { maxItems: MAX_SYSCTLS },
  [`${CORE}.Sysctl.name`]: { maxLength: 253 },
  [`${CORE}.PodSpec.terminationGracePeriodSeconds`]: { minimum: 0 },
  [`${CORE}.PodSpec.nodeSelector`]: { replace: "labelMap()" },
  [`${CORE}.EnvVar`]: { wrap: "valueOrValueFrom" },
  [`${CORE}.EnvVar.name`]: { replace: "envVarName()" },
  [`${CORE}.Probe`]: { wrap: "oneProbeHandler" },
  [`${CORE}.HTTPGetAction.port`]: { replace: "probePort()" },
  [`${CORE}.TCPSocketAction.port`]: { replace: "probePort()" },
  ...Object.fromEntries(
    ["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"].map((f) => [
      `${CORE}.Probe.${f}`,
      { minimum: 0 },
    ]),
  ),
  [`${CORE}.Probe.terminationGracePeriodSeconds`]: { minimum: 1 },
  [`${CORE}.GRPCAction.port`]: { minimum: 1, maximum: 65535 },
  [`${CORE}.ResourceRequirements`]: { wrap: "requestsWithinLimits" },
  [`${CORE}.ResourceRequirements.requests`]: { replace: "resourceList(quantity())" },
  [`${CORE}.ResourceRequirements.limits`]: { replace: "resourceList(quantity())" },
};
