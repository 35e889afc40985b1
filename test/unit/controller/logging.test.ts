// The operator's log lines: zap-style JSON that log pipelines for Go controllers read unchanged, or text.
import { describe, expect, it } from "vitest";
import { parseOperatorConfig } from "../../../src/controller/config.js";
import { createLogger, toText, type LogFormat } from "../../../src/controller/logging.js";

const NOW = Date.UTC(2026, 10, 30, 20, 16, 45, 123);

function capture(format: LogFormat, level = "info") {
  const lines: string[] = [];
  const log = createLogger({ level, format, destination: { write: (l: string) => lines.push(l) }, now: () => NOW });
  return { log, lines };
}

describe("operator logs", () => {
  it("json: a string level, an RFC 3339 ts, logger and msg, then the fields; no pid or hostname", () => {
    const { log, lines } = capture("json", "debug");
    log.child({ informer: "pods" }).info({ compositeapp: "ns/shop", retries: 2 }, "reconcile failed");
    log.debug("caches synced");
    log.warn({ err: new Error("boom") }, "could not write Event");
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries[0]).toEqual({
      level: "info",
      ts: "2026-11-30T20:16:45.123Z",
      logger: "compositeapp",
      msg: "reconcile failed",
      informer: "pods",
      compositeapp: "ns/shop",
      retries: 2,
    });
    expect(Object.keys(entries[0]!).slice(0, 3)).toEqual(["level", "ts", "logger"]);
    expect(entries.map((e) => e.level)).toEqual(["info", "debug", "warn"]);
    expect(entries[2]!.err).toMatchObject({ type: "Error", message: "boom" });
    expect(lines.every((l) => l.endsWith("\n") && !l.slice(0, -1).includes("\n"))).toBe(true);
  });

  it("text: TS LEVEL LOGGER MSG {fields}, tab-separated as zap's console encoder; an error's stack below", () => {
    const { log, lines } = capture("text");
    log.info({ address: ":8080" }, "serving /healthz, /readyz and /metrics");
    log.info("caches synced");
    log.error({ err: new Error("lease lost") }, "leader election failed");
    expect(lines[0]).toBe(
      '2026-11-30T20:16:45.123Z\tINFO\tcompositeapp\tserving /healthz, /readyz and /metrics\t{"address":":8080"}\n',
    );
    expect(lines[1]).toBe("2026-11-30T20:16:45.123Z\tINFO\tcompositeapp\tcaches synced\n");
    const [first, ...stack] = lines[2]!.trimEnd().split("\n");
    expect(first).toBe('2026-11-30T20:16:45.123Z\tERROR\tcompositeapp\tleader election failed\t{"error":"lease lost"}');
    expect(stack[0]).toBe("Error: lease lost");
    expect(stack.length).toBeGreaterThan(1);
    expect(toText("not json\n")).toBe("not json\n");
  });

  it("--log-format takes json or text and says so otherwise", () => {
    expect(parseOperatorConfig({}).logFormat).toBe("json");
    expect(parseOperatorConfig({ logFormat: "text" }).logFormat).toBe("text");
    expect(() => parseOperatorConfig({ logFormat: "logfmt" as LogFormat })).toThrow(
      /logFormat: Invalid option: expected one of "json"\|"text"/,
    );
  });
});
