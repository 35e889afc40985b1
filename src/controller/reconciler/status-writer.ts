// Writing an app's status: only when it changed, coalesced with the changes that follow it (when
// asked), and noted in the expectations so the next reconcile waits for the cache to show it.
import { API_VERSION, KIND, type CompositeAppStatus } from "../../api/compositeapp.js";
import { runEnded, statusChanged } from "../../core/index.js";
import { COMPOSITEAPPS } from "../compositeapps.js";
import { isNotFound, type ApiClient, type KubeObject } from "../kube/api.js";
import type { Expectations } from "./expectations.js";
import { appKey } from "./owner.js";
import { statusWait, type StatusCoalescer } from "./status-coalescer.js";

/** reconciler.ts's RawCompositeApp and EventSink, by shape (it imports this module). */
interface RawCompositeApp extends KubeObject {
  spec?: unknown;
  status?: CompositeAppStatus;
}
type RecordEvent = (obj: KubeObject, reason: string, message: string) => void;

export interface StatusWriterDeps {
  api: ApiClient;
  events: { normal: RecordEvent; warning: RecordEvent };
  expectations?: Expectations;
  statusCoalescer?: StatusCoalescer;
}

/** The body of a status update: the app's name, namespace and resourceVersion, its spec, the new status. */
function statusUpdate(raw: RawCompositeApp, status: CompositeAppStatus) {
  const { name = "", namespace = "", resourceVersion } = raw.metadata ?? {};
  const body: RawCompositeApp = {
    apiVersion: API_VERSION,
    kind: KIND,
    metadata: { name, namespace, resourceVersion },
    spec: raw.spec,
    status,
  };
  return { body, name, namespace, resourceVersion };
}

/**
 * Writes the status subresource when it changed; resolves 0 once written (or when there was nothing to
 * write). With `coalesce`, a change may instead wait for those that follow it: resolves with how many
 * ms to wait, and nothing is sent. A conflict (409: the cached app is stale) rejects, so the app is
 * retried with back-off once the cache has caught up.
 */
export async function writeStatus(
  deps: StatusWriterDeps,
  raw: RawCompositeApp,
  status: CompositeAppStatus,
  opts: { signal?: AbortSignal; coalesce?: boolean },
): Promise<number> {
  const key = appKey(raw);
  const wait = statusWait(deps.statusCoalescer, key, statusChanged(raw.status, status), opts.coalesce === true);
  if (wait !== "now") return wait;
  const { body, name, namespace, resourceVersion } = statusUpdate(raw, status);
  try {
    await deps.api.replaceStatus(COMPOSITEAPPS, namespace, name, body, { signal: opts.signal });
  } catch (err) {
    if (isNotFound(err) && !opts.signal?.aborted) return 0; // deleted meanwhile: nothing left to report on
    throw err;
  }
  deps.expectations?.expectStatus(key, resourceVersion);
  deps.statusCoalescer?.settled(key);
  const ended = runEnded(raw.status, status); // a run that ends is announced once, as a Job's
  if (ended) deps.events[ended.warning ? "warning" : "normal"](raw, ended.reason, ended.message);
  return 0;
}
