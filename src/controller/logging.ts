// The operator's logger: JSON lines shaped as zap's and klog's JSON (a string `level`, an RFC 3339 `ts`,
// `logger`, `msg`, then the fields), which log pipelines built for Go controllers read without remapping;
// or, for a terminal, text lines as zap's development console prints them.
import { pino, type DestinationStream, type Logger } from "pino";
import type { LOG_FORMATS } from "./config.js";

export type LogFormat = (typeof LOG_FORMATS)[number];

/** The `logger` of every line: the operator's name, as zap names a logger. */
export const LOGGER_NAME = "compositeapp";

export interface LoggerOptions {
  level: string;
  format: LogFormat;
  /** Where lines go. Default: standard output, written synchronously (no line is lost at exit). */
  destination?: DestinationStream;
  /** The time of a line, in ms since the epoch. Default Date.now. */
  now?: () => number;
}

export function createLogger({ level, format, destination, now = Date.now }: LoggerOptions): Logger {
  const out = destination ?? pino.destination({ dest: 1, sync: true });
  return pino(
    {
      level,
      base: { logger: LOGGER_NAME },
      messageKey: "msg",
      timestamp: () => `,"ts":"${new Date(now()).toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
    },
    format === "text" ? textLines(out) : out,
  );
}

/** A destination that turns each JSON line into a text line before writing it to `out`. */
function textLines(out: DestinationStream): DestinationStream {
  return { write: (line: string) => out.write(toText(line)) };
}

interface SerializedError {
  message?: unknown;
  stack?: unknown;
}

/**
 * One JSON line as text: `TS LEVEL LOGGER MSG {fields}`, tab-separated as zap's console encoder writes
 * it; an error's stack follows on its own lines.
 */
export function toText(jsonLine: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(jsonLine) as Record<string, unknown>;
  } catch {
    return jsonLine; // not ours to reformat
  }
  const { ts, level, logger, msg, err, ...fields } = entry;
  const error = err as SerializedError | undefined;
  if (error?.message !== undefined) fields.error = error.message;
  const text = (v: unknown) => (typeof v === "string" ? v : v === undefined ? "" : JSON.stringify(v));
  const columns = [text(ts), text(level).toUpperCase(), text(logger), text(msg)];
  if (Object.keys(fields).length > 0) columns.push(JSON.stringify(fields));
  const stack = typeof error?.stack === "string" ? `\n${error.stack}` : "";
  return `${columns.join("\t")}${stack}\n`;
}
