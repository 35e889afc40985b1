import type { Logger } from "pino";
import type { ApiClient } from "../kube/api.js";
import type { EventSink } from "../reconciler/reconciler.js";
import { EventRecorder } from "../runtime/events.js";

/**
 * The `action` of an events.k8s.io/v1 Event (what was done or failed), by its reason: the reasons of
 * the ReplicaSet controller act on Pods. Any other reason is about the reconcile as a whole.
 */
export const ACTION_OF_REASON: Readonly<Record<string, string>> = {
  SuccessfulCreate: "Create",
  FailedCreate: "Create",
  SuccessfulDelete: "Delete",
  FailedDelete: "Delete",
  InvalidSpec: "Validate",
  DisruptionBudget: "Sync",
  FailedDisruptionBudget: "Sync",
};

/** events.k8s.io/v1 Events about CompositeApps, de-duplicated by the recorder. */
export function createEventSink(
  client: ApiClient,
  identity: string,
  log: Logger,
  signal?: AbortSignal,
): EventSink & { flush(): Promise<void>; pending(): number } {
  const recorder = new EventRecorder({
    client,
    signal,
    logger: log.child({ recorder: "events" }),
    reportingInstance: identity,
  });
  const action = (reason: string) => ACTION_OF_REASON[reason] ?? "Reconcile";
  return {
    normal: (obj, reason, message) => recorder.event(obj, "Normal", reason, message, action(reason)),
    warning: (obj, reason, message) => recorder.event(obj, "Warning", reason, message, action(reason)),
    flush: () => recorder.flush(),
    pending: () => recorder.pending(),
  };
}
