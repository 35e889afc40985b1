// The wire format of the Kubernetes API as the HTTP client needs it: URL paths and queries, errors
// decoded from metav1.Status bodies, and newline-delimited JSON streams split into lines.
import type http from "node:http";
import { ApiError, type Resource } from "./api.js";

type QueryValue = string | number | boolean | undefined;
export type Query = Record<string, QueryValue>;

/** The URL path of a collection, or of one object (and subresource) when name is given. */
export function resourcePath(res: Resource, namespace?: string, name?: string, subresource?: string): string {
  const root = res.group === "" ? `/api/${res.version}` : `/apis/${res.group}/${res.version}`;
  if (res.namespaced && name !== undefined && !namespace) {
    throw new Error(`${res.plural} "${name}": a namespaced resource needs a namespace`);
  }
  const ns = res.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : "";
  const one = name !== undefined ? `/${encodeURIComponent(name)}` : "";
  const sub = subresource ? `/${subresource}` : "";
  return `${root}${ns}/${res.plural}${one}${sub}`;
}

/** "?a=1&b=x", leaving out undefined and empty values; "" when nothing is left. */
export function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== "") params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** Builds the ApiError for a non-2xx answer, reading reason and message from a metav1.Status body. */
export function apiErrorFrom(verb: string, path: string, code: number, text: string): ApiError {
  let status: { kind?: unknown; reason?: unknown; message?: unknown } | undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed !== null && typeof parsed === "object") status = parsed;
  } catch {
    status = undefined;
  }
  const reason = typeof status?.reason === "string" && status.reason ? status.reason : undefined;
  const message =
    typeof status?.message === "string" && status.message
      ? status.message
      : `${verb} ${path}: HTTP ${code}${text ? `: ${text.slice(0, 200)}` : ""}`;
  return new ApiError(code, reason, message, verb);
}

export const ok = (code: number): boolean => code >= 200 && code < 300;

export function readError(res: http.IncomingMessage, path: string, code: number, reject: (e: Error) => void): void {
  const chunks: Buffer[] = [];
  res.on("data", (chunk: Buffer) => chunks.push(chunk));
  res.on("end", () => reject(apiErrorFrom("watch", path, code, Buffer.concat(chunks).toString("utf8"))));
  res.on("error", reject);
}

/** Splits a text stream into non-empty lines, across chunk boundaries. */
export class LineSplitter {
  private buffer = "";

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: string): void {
    this.buffer += chunk;
    let newline = this.buffer.indexOf("\n");
    while (newline >= 0) {
      const line = this.buffer.slice(0, newline).trim();
      this.buffer = this.buffer.slice(newline + 1);
      if (line) this.onLine(line);
      newline = this.buffer.indexOf("\n");
    }
  }

  flush(): void {
    const rest = this.buffer.trim();
    this.buffer = "";
    if (rest) this.onLine(rest);
  }
}
