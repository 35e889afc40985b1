// The project's few changes to the upstream core/v1 schema, applied by the generator. Keep this
// list short: anything else is upstream's, and the API server validates the rest when a Pod is
// created. Keys are `Definition.property` (`[]` for list items).
//
// - Names are RFC 1123 labels with their 63-character bound: the CLI reports a bad name at once,
//   and CEL rules compare names, whose cost the API server estimates from maxLength.
// - maxItems on ports and volumeMounts, maxLength on mount names and paths: the spec's CEL rules
//   iterate them across containers, and upstream lists and strings are unbounded, so without these
//   bounds the API server rejects the CRD for exceeding the CEL cost budget.
// - Port numbers, port names (IANA service names, at most 15 characters) have the bounds the
//   API server checks, and so has the Pod's grace period (not negative), so `compositeapp validate`
//   catches them before a Pod is refused.

export interface Overlay {
  /** A zod expression (from src/api/refinements.ts) in place of the generated one. */
  replace?: string;
  maxItems?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

const CORE = "io.k8s.api.core.v1";
export const MAX_PORTS = 16;
export const MAX_MOUNTS = 16;

export const OVERLAYS: Record<string, Overlay> = {
  [`${CORE}.Container.name`]: { replace: 'dnsLabel("container name")' },
  [`${CORE}.Container.ports`]: { maxItems: MAX_PORTS },
  [`${CORE}.Container.volumeMounts`]: { maxItems: MAX_MOUNTS },
  [`${CORE}.ContainerPort.name`]: { maxLength: 15 },
  [`${CORE}.ContainerPort.containerPort`]: { minimum: 1, maximum: 65535 },
  [`${CORE}.ContainerPort.hostPort`]: { minimum: 1, maximum: 65535 },
  [`${CORE}.VolumeMount.name`]: { maxLength: 63 },
  [`${CORE}.VolumeMount.mountPath`]: { maxLength: 256 },
  [`${CORE}.Volume.name`]: { replace: 'dnsLabel("volume name")' },
  [`${CORE}.PodSpec.terminationGracePeriodSeconds`]: { minimum: 0 },
};
