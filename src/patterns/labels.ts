// Labels and annotations that make roles and ownership visible on every rendered Pod.
export const MANAGED_BY = "compositeapp";

export const LABELS = {
  name: "app.kubernetes.io/name",
  managedBy: "app.kubernetes.io/managed-by",
  app: "compositeapp.io/name",
  revision: "compositeapp.io/revision",
  slot: "compositeapp.io/slot",
} as const;

export const ANNOTATIONS = {
  /** JSON object: container name -> role (main, init, sidecar, ambassador, adapter). */
  roles: "compositeapp.io/roles",
  sidecarMode: "compositeapp.io/sidecar-mode",
  defaultContainer: "kubectl.kubernetes.io/default-container",
} as const;
