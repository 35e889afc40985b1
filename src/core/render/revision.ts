import { createHash } from "node:crypto";

/** JSON with object keys sorted, so equal values always serialise to equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

/** A short, stable hash of a Pod template: the same template always yields the same revision. */
export function revisionOf(template: unknown): string {
  return createHash("sha256").update(canonicalJson(template)).digest("hex").slice(0, 10);
}

interface ContainerLike {
  image?: string;
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
}

/** A container without what may change on a live Pod: its image, and its CPU and memory. */
function withoutMutable<T extends ContainerLike>(c: T): T {
  const { image: _image, resources, ...rest } = c;
  // Emptied maps are left out, so adding a CPU request where there was none changes no hash.
  const drop = (m: Record<string, unknown> | undefined) => {
    const left = Object.entries(m ?? {}).filter(([k]) => k !== "cpu" && k !== "memory");
    return left.length > 0 ? Object.fromEntries(left) : undefined;
  };
  const kept = { ...resources, requests: drop(resources?.requests), limits: drop(resources?.limits) };
  const empty = Object.values(kept).every((v) => v === undefined);
  return { ...rest, ...(!empty && { resources: kept }) } as T;
}

/**
 * The hash of what no in-place update can change: the template with every image and every CPU and
 * memory amount left out. Two Pods with the same template hash differ at most in those, which the
 * classification (update-kind.ts) then weighs container by container.
 */
export function templateHashOf(template: {
  metadata: unknown;
  spec: { initContainers?: ContainerLike[]; containers?: ContainerLike[] };
}): string {
  const { spec } = template;
  return revisionOf({
    metadata: template.metadata,
    spec: {
      ...spec,
      initContainers: spec.initContainers?.map(withoutMutable),
      containers: spec.containers?.map(withoutMutable),
    },
  });
}
