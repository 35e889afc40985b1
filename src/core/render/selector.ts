// The selector of an app's Pods: the operator's own label, which the renderer sets on every Pod and
// users cannot override. One definition for the scale subresource (status.selector, read by a
// HorizontalPodAutoscaler), the PodDisruptionBudget and anyone listing an app's Pods.
import { LABELS } from "./labels.js";

export const podSelector = (app: string): Record<string, string> => ({ [LABELS.app]: app });

/** The label-selector string form (`compositeapp.io/name=shop`), as `kubectl get -l` takes it. */
export const podSelectorString = (app: string): string =>
  Object.entries(podSelector(app))
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
