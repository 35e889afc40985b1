// Requests on the wire: one answer with a deadline, or a stream of lines. Cancellation comes in
// through opts.signal, which node:http honours by destroying the request at once.
import type http from "node:http";
import type https from "node:https";
import { LineSplitter, ok, readError } from "./wire.js";

export type Transport = typeof http | typeof https;

export interface Answer {
  code: number;
  text: string;
  /** The Retry-After header, when the server sent one. */
  retryAfter?: string;
}

/** One request with a deadline; resolves with the code and body of any answer, rejects when none came. */
export function send(
  transport: Transport,
  opts: https.RequestOptions,
  body: string | undefined,
  timeoutMs: number,
): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    const req = transport.request(opts, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        clearTimeout(timer);
        const retryAfter = res.headers["retry-after"];
        resolve({
          code: res.statusCode ?? 0,
          text: Buffer.concat(chunks).toString("utf8"),
          ...(retryAfter !== undefined && { retryAfter }),
        });
      });
      res.on("error", fail);
      res.on("close", () => {
        if (!res.complete) fail(new Error(`${opts.method} ${opts.path}: connection closed mid-response`));
      });
    });
    const timer = setTimeout(() => {
      req.destroy(new Error(`${opts.method} ${opts.path}: no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    function fail(err: Error): void {
      clearTimeout(timer);
      reject(err);
    }
    req.on("error", fail);
    req.end(body);
  });
}

/** A streaming GET: each line of the body goes to onLine; settles when the stream ends. */
export function openStream(
  transport: Transport,
  opts: https.RequestOptions,
  pathAndQuery: string,
  observeOnce: (code: number) => void,
  onLine: (line: string) => void,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const req = transport.request(opts, (res) => {
      const code = res.statusCode ?? 0;
      observeOnce(code);
      if (!ok(code)) {
        readError(res, pathAndQuery, code, reject);
        return;
      }
      res.setEncoding("utf8");
      let failure: Error | undefined;
      const lines = new LineSplitter((line) => {
        if (failure) return;
        try {
          onLine(line);
        } catch (err) {
          failure = err instanceof Error ? err : new Error(String(err));
          reject(failure);
          req.destroy(failure);
        }
      });
      res.on("data", (chunk: string) => lines.push(chunk));
      res.on("end", () => {
        lines.flush();
        if (failure) reject(failure);
        else resolve();
      });
      res.on("error", reject);
      res.on("close", () => {
        if (!res.complete) reject(new Error(`watch ${pathAndQuery}: connection closed mid-stream`));
      });
    });
    req.on("error", reject);
    req.end();
  });
}
