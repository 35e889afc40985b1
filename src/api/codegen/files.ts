// Where the generated core/v1 files live, and the Kubernetes version they come from.
export const CORE_JSON = "src/api/generated/core-v1.openapi.json";
export const CORE_MODULE = "src/api/generated/core-v1.ts";

/** K8S_VERSION from hack/cluster/lib.sh: the version the cluster is built from and the schema taken from. */
export function k8sVersion(libSh: string): string {
  const m = /^K8S_VERSION=\$\{K8S_VERSION:-(v[0-9.]+)\}$/m.exec(libSh);
  if (!m) throw new Error("K8S_VERSION not found in hack/cluster/lib.sh");
  return m[1]!;
}
