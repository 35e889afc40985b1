// Labels and annotations that make roles and ownership visible on every rendered Pod.
export const MANAGED_BY = "compositeapp";

export const LABELS = {
  /** Conventional; set by default, a user's value wins. */
  name: "app.kubernetes.io/name",
  /** Conventional; set by default, a user's value wins. */
  managedBy: "app.kubernetes.io/managed-by",
  /** The app a Pod belongs to: the operator's Pod informer selects on this label. */
  app: "compositeapp.io/name",
  revision: "compositeapp.io/revision",
  slot: "compositeapp.io/slot",
} as const;

export const ANNOTATIONS = {
  /** JSON object: container name -> role (main, init, sidecar, ambassador, adapter). */
  roles: "compositeapp.io/roles",
  sidecarMode: "compositeapp.io/sidecar-mode",
  /** Conventional; the main container by default, a user's value wins. */
  defaultContainer: "kubectl.kubernetes.io/default-container",
} as const;

/** The label selector of the Pods the operator watches: only its own label. */
export const POD_SELECTOR = LABELS.app;
