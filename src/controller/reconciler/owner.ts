// How an app's objects name it: the controller reference they carry, and its key in the caches.
import type { V1OwnerReference } from "@kubernetes/client-node";
import { API_VERSION, KIND } from "../../api/compositeapp.js";
import type { KubeObject } from "../kube/api.js";

/** The reference that makes the app the controller of a Pod or budget (deleted with it by the GC). */
export function ownerReference(app: KubeObject): V1OwnerReference {
  return {
    apiVersion: API_VERSION,
    kind: KIND,
    name: app.metadata?.name ?? "",
    uid: app.metadata?.uid ?? "",
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The app's `namespace/name`, its key in the work queue and the caches. */
export const appKey = (app: KubeObject): string => `${app.metadata?.namespace ?? ""}/${app.metadata?.name ?? ""}`;
