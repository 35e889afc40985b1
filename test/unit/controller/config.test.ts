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

  it("serve metrics over HTTPS on :8443 and probes on :8081 by default, as kubebuilder's scaffold does", () => {
    const config = parseOperatorConfig({});
    expect([config.metricsBindAddress, config.metricsSecure, config.healthProbeBindAddress]).toEqual([
      ":8443",
      true,
      ":8081",
    ]);
    expect(config.metricsCertDir).toBeUndefined();
  });

  it("take 0 to turn a server off, and name an address that is not [HOST]:PORT", () => {
    expect(parseOperatorConfig({ metricsBindAddress: "0", healthProbeBindAddress: "0" }).metricsBindAddress).toBe("0");
    expect(parseOperatorConfig({ metricsBindAddress: "[::1]:9443" }).metricsBindAddress).toBe("[::1]:9443");
    expect(() => parseOperatorConfig({ metricsBindAddress: "8443" })).toThrow(
      'metricsBindAddress: invalid address "8443": expected [HOST]:PORT, or 0 to turn it off',
    );
    expect(() => parseOperatorConfig({ healthProbeBindAddress: ":http" })).toThrow(/healthProbeBindAddress: invalid/);
  });

  it("refuse metrics and probes on one address", () => {
    expect(() => parseOperatorConfig({ metricsBindAddress: ":8081", healthProbeBindAddress: ":8081" })).toThrow(
      "healthProbeBindAddress: metricsBindAddress and healthProbeBindAddress must differ",
    );
  });

  it("take --metrics-secure=false and refuse a value that is not a boolean", async () => {
    let err = "";
    const io = { stdout: { write: () => true }, stderr: { write: (t: string) => (err += t) }, readStdin: () => "" };
    const code = await runCli(["run", "--metrics-secure=maybe"], { ...io, exit: () => undefined });
    expect(code).not.toBe(0);
    expect(err).toContain('--metrics-secure must be true or false, got "maybe"');
  });
});
