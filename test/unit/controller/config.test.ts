// The settings of `compositeapp run`: the client-side API limits and how wrong values are reported.
import { describe, expect, it } from "vitest";
import { runCli } from "../../../src/cli/main.js";
import { DEFAULT_KUBE_API_BURST, DEFAULT_KUBE_API_QPS, parseOperatorConfig } from "../../../src/controller/config.js";

describe("operator settings", () => {
  it("limit requests to the API server client-side by default, and take 0 qps as no limit", () => {
    const config = parseOperatorConfig({});
    expect([config.kubeApiQps, config.kubeApiBurst]).toEqual([DEFAULT_KUBE_API_QPS, DEFAULT_KUBE_API_BURST]);
    expect(parseOperatorConfig({ kubeApiQps: 0, kubeApiBurst: 1 }).kubeApiQps).toBe(0);
  });

  it("name the field of a limit that cannot work", () => {
    expect(() => parseOperatorConfig({ kubeApiBurst: 0 })).toThrow(/kubeApiBurst: .*>=1/);
    expect(() => parseOperatorConfig({ kubeApiQps: -1 })).toThrow(/kubeApiQps: .*>=0/);
  });

  it("are flags of `run`, documented with their defaults", async () => {
    let out = "";
    const io = { stdout: { write: (t: string) => (out += t) }, stderr: { write: () => true }, readStdin: () => "" };
    const code = await runCli(["run", "--help"], { ...io, exit: () => undefined });
    expect(code).toBe(0);
    expect(out).toMatch(new RegExp(`--kube-api-qps <qps>[\\s\\S]*default: ${DEFAULT_KUBE_API_QPS}`));
    expect(out).toMatch(new RegExp(`--kube-api-burst <n>[\\s\\S]*default: ${DEFAULT_KUBE_API_BURST}`));
  });
});
