// The operator's view of the Kubernetes API: the few verbs it uses, on resources named by path
// parts. Implemented over HTTPS in client.ts; tests can substitute a scripted server.
import type { V1ObjectMeta } from "@kubernetes/client-node";

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: V1ObjectMeta;
}

/** A resource type: group "" is the core API. */
export interface Resource {
  group: string;
  version: string;
  plural: string;
  namespaced: boolean;
}

export const PODS: Resource = { group: "", version: "v1", plural: "pods", namespaced: true };
export const EVENTS: Resource = { group: "", version: "v1", plural: "events", namespaced: true };
export const LEASES: Resource = { group: "coordination.k8s.io", version: "v1", plural: "leases", namespaced: true };

export interface ListOptions {
  /** Undefined or "" lists across all namespaces. */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
}

export interface ListResult<T> {
  items: T[];
  resourceVersion: string;
  continue?: string;
}

export interface WatchOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion: string;
  timeoutSeconds: number;
  allowWatchBookmarks: boolean;
}

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";

export interface WatchHandle {
  /** Settles when the stream ends: resolves on a clean end, rejects on a transport error. */
  done: Promise<void>;
  abort(): void;
}

export interface DeleteOptions {
  preconditions?: { uid?: string; resourceVersion?: string };
  gracePeriodSeconds?: number;
  propagationPolicy?: "Foreground" | "Background" | "Orphan";
}

/** A patch's call options, and the subresource it patches, if any. */
export interface PatchOptions extends CallOptions {
  subresource?: string;
}

/** Per-call options, as client-go's context: the signal aborts the request at once, and a call whose
 * signal has already aborted is never sent (it rejects with the signal's reason). */
export interface CallOptions {
  signal?: AbortSignal;
}

/** Every call rejects with ApiError for a non-2xx answer. */
export interface ApiClient {
  list<T extends KubeObject>(res: Resource, opts: ListOptions, call?: CallOptions): Promise<ListResult<T>>;
  /** Events of type ERROR carry a metav1.Status as the object. */
  watch<T extends KubeObject>(
    res: Resource,
    opts: WatchOptions,
    onEvent: (type: WatchEventType, obj: T) => void,
  ): WatchHandle;
  get<T extends KubeObject>(res: Resource, namespace: string, name: string, call?: CallOptions): Promise<T>;
  create<T extends KubeObject>(res: Resource, namespace: string, obj: T, call?: CallOptions): Promise<T>;
  /** PUT; with metadata.resourceVersion set it fails with 409 when the object changed meanwhile. */
  replace<T extends KubeObject>(res: Resource, namespace: string, name: string, obj: T, call?: CallOptions): Promise<T>;
  /** PUT on the status subresource, same conflict semantics as replace. */
  replaceStatus<T extends KubeObject>(
    res: Resource,
    namespace: string,
    name: string,
    obj: T,
    call?: CallOptions,
  ): Promise<T>;
  delete(res: Resource, namespace: string, name: string, opts?: DeleteOptions, call?: CallOptions): Promise<void>;
  /**
   * PATCH with a strategic merge patch (lists of containers merge by name), on the object or on a
   * subresource such as a Pod's `resize`. A `metadata.uid` in the patch makes it fail unless the
   * object still has that UID.
   */
  patch<T extends KubeObject>(
    res: Resource,
    namespace: string,
    name: string,
    patch: KubeObject & Record<string, unknown>,
    opts?: PatchOptions,
  ): Promise<T>;
  /** GET /version. */
  serverVersion(call?: CallOptions): Promise<{ major: string; minor: string; gitVersion: string }>;
}

/** A non-2xx answer of the API server, with its metav1.Status reason when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string | undefined,
    message: string,
    readonly verb: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const isNotFound = (e: unknown): boolean => e instanceof ApiError && e.code === 404;
export const isConflict = (e: unknown): boolean => e instanceof ApiError && e.code === 409;
export const isAlreadyExists = (e: unknown): boolean =>
  e instanceof ApiError && e.code === 409 && e.reason === "AlreadyExists";
export const isGone = (e: unknown): boolean => e instanceof ApiError && e.code === 410;

/** True for the rejection of a call cancelled through its signal (not for a timeout). */
export const isAborted = (e: unknown, signal?: AbortSignal): boolean =>
  signal?.aborted === true || (e instanceof Error && e.name === "AbortError");

/** Observes every request the client makes, for metrics and for tests that count writes. */
export type RequestObserver = (verb: string, resource: string, code: number, seconds: number) => void;
