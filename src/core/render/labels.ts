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
  /** The hash of the template without images and CPU/memory: what no in-place update can change. */
  template: "compositeapp.io/template-hash",
} as const;

export const ANNOTATIONS = {
  /** JSON object: container name -> role (main, init, sidecar, ambassador, adapter). */
  roles: "compositeapp.io/roles",
  sidecarMode: "compositeapp.io/sidecar-mode",
  /** Set on a Pod updated in place: JSON object, patched container -> the container ID it had before. */
  inPlaceFrom: "compositeapp.io/in-place-from",
  /** Conventional; the main container by default, a user's value wins. */
  defaultContainer: "kubectl.kubernetes.io/default-container",
} as const;

/** The label selector of the Pods the operator watches: only its own label. */
export const POD_SELECTOR = LABELS.app;
