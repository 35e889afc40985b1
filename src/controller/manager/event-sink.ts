import type { Logger } from "pino";
import type { ApiClient } from "../kube/api.js";
import type { EventSink } from "../reconciler/reconciler.js";
import { EventRecorder } from "../runtime/events.js";

/** core/v1 Events about CompositeApps, de-duplicated by the recorder. */
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
  return {
    normal: (obj, reason, message) => recorder.event(obj, "Normal", reason, message),
    warning: (obj, reason, message) => recorder.event(obj, "Warning", reason, message),
    flush: () => recorder.flush(),
    pending: () => recorder.pending(),
  };
}
