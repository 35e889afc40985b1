// What the parts of a reconcile share: where Events go, and what one reconcile carries along.
import type { Logger } from "pino";
import type { KubeObject } from "../kube/api.js";

export interface EventSink {
  normal(obj: KubeObject, reason: string, message: string): void;
  warning(obj: KubeObject, reason: string, message: string): void;
}

/** What one reconcile carries along: its logger and its cancellation. */
export interface Context {
  log: Logger;
  signal: AbortSignal | undefined;
}
