// How an HttpApiClient is set up: deadlines, flow control, and what it tells its observer.
import type { RequestObserver } from "./api.js";
import type { Clock } from "../runtime/clock.js";
import type { Query } from "./wire.js";

export const FIELD_MANAGER = "compositeapp";
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface HttpApiClientOptions {
  /** Deadline for every call but watch (whole request, headers and body). Default 30 s. */
  requestTimeoutMs?: number;
  /** Called once per request with its verb, resource, HTTP code (0 when no answer came) and duration. */
  observer?: RequestObserver;
  /** `fieldManager` query parameter sent on create and update. Default "compositeapp". */
  fieldManager?: string;
  userAgent?: string;
  /**
   * Client-side limit on requests per second (watches included), as client-go's QPS; with `burst`.
   * Undefined or 0: no client-side limit (API Priority and Fairness on the server still applies).
   */
  qps?: number;
  /** Requests that may go at once before the qps limit applies. Default: qps, at least 1. */
  burst?: number;
  /** Answers with Retry-After (429, 5xx) are retried up to this many times. Default 10, as client-go. */
  maxRetries?: number;
  /** For tests: the time source of the token bucket and of Retry-After waits. */
  clock?: Clock;
}

/** One request as the client sends it. */
export interface Call {
  verb: string;
  resource: string;
  method: "GET" | "POST" | "PUT" | "DELETE" | "PATCH";
  path: string;
  query?: Query;
  body?: unknown;
  /** Of the body; JSON unless said otherwise. */
  contentType?: string;
  signal?: AbortSignal;
}
