// Every preset helper is Pod Security "restricted" on its own: non-root with a numeric user, a
// read-only root filesystem (prometheusMetrics writes to an emptyDir of its own), no privilege
// escalation, every capability dropped and the RuntimeDefault seccomp profile; a port below 1024
// is made bindable by the Pod's ip_unprivileged_port_start sysctl. And a helper's own
// securityContext still wins.
import { describe, expect, it } from "vitest";
import { DEFAULT_PRESET_IMAGES, renderTemplate, scratchVolumeName } from "../../../src/core/render/index.js";
import { PRESETS } from "../../../src/presets/index.js";
import type { CompositeAppInput } from "../../../src/api/compositeapp.js";
import { baseApp, parsedApp } from "../../support/fixtures.js";

/** Parameters for each preset, with the port given (a preset binding one). */
const paramsOf = (port: number): Record<string, Record<string, unknown>> => ({
  logShipper: { volume: "data", files: ["a.log"] },
  configReloader: { volume: "data", url: "http://localhost:8080/-/reload" },
  tcpProxy: { listenPort: port, upstream: "db.example:5432" },
  httpProxy: { listenPort: port, routes: [{ path: "/", upstream: "http://svc" }] },
  logToJson: { volume: "data", file: "a.log" },
  prometheusMetrics: { volume: "data", file: "status", port },
});

function renderWith(name: string, port: number, own: Record<string, unknown> = {}) {
  const preset = PRESETS.find((p) => p.name === name)!;
  const input: CompositeAppInput = baseApp();
  input.spec[preset.role] = [{ name: "helper", preset: { [name]: paramsOf(port)[name] }, ...own }] as never;
  const { spec } = renderTemplate(parsedApp(input), { sidecarMode: "Classic", images: DEFAULT_PRESET_IMAGES });
  return { spec, helper: spec.containers.find((c) => c.name === "helper")! };
}

const RESTRICTED = {
  runAsNonRoot: true,
  runAsUser: 65534,
  runAsGroup: 65534,
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ["ALL"] },
  seccompProfile: { type: "RuntimeDefault" },
};

describe.each(PRESETS.map((p) => p.name))("preset %s", (name) => {
  it("runs with a restricted securityContext", () => {
    expect(renderWith(name, 9100).helper.securityContext).toEqual(RESTRICTED);
  });

  it("binds a port below 1024 with the Pod's ip_unprivileged_port_start lowered to it, and no added capability", () => {
    const { footprint } = PRESETS.find((p) => p.name === name)!;
    const binds = (footprint as { ports?: readonly string[] }).ports !== undefined;
    const { spec, helper } = renderWith(name, 80);
    expect(helper.securityContext).toEqual(RESTRICTED);
    expect(spec.securityContext).toEqual(
      binds ? { sysctls: [{ name: "net.ipv4.ip_unprivileged_port_start", value: "80" }] } : undefined,
    );
  });

  it("lets the helper's own securityContext replace its own, as any field of a helper does", () => {
    const own = { runAsUser: 1000, runAsNonRoot: true };
    expect(renderWith(name, 9100, { securityContext: own }).helper.securityContext).toEqual(own);
  });
});

describe("prometheusMetrics writes to an emptyDir of its own", () => {
  it("mounts it where it writes, and the Pod has it after the spec's volumes", () => {
    const { spec, helper } = renderWith("prometheusMetrics", 9102);
    expect(helper.volumeMounts).toContainEqual({ name: "helper-scratch", mountPath: "/tmp/metrics" });
    expect(helper.command?.[2]).toContain("httpd -f -p 9102 -h /tmp/metrics");
    expect(spec.volumes).toEqual([
      { name: "data", emptyDir: {} },
      { name: "helper-scratch", emptyDir: {} },
    ]);
  });

  it("names it after the helper, cut to a valid volume name with a hash when the name is long", () => {
    expect(scratchVolumeName("metrics")).toBe("metrics-scratch");
    const long = `m${"x".repeat(62)}`;
    const other = `m${"x".repeat(61)}y`;
    expect(scratchVolumeName(long)).toMatch(/^mx*-[0-9a-f]{10}-scratch$/);
    expect(scratchVolumeName(long).length).toBeLessThanOrEqual(63);
    expect(scratchVolumeName(long)).not.toBe(scratchVolumeName(other));
  });
});

describe("a preset port below 1024", () => {
  const twoLow = (pod: CompositeAppInput["spec"]["pod"]) => {
    const input: CompositeAppInput = baseApp();
    input.spec.ambassadors = [
      { name: "web", preset: { tcpProxy: { listenPort: 443, upstream: "web.example:443" } } },
      { name: "dns", preset: { tcpProxy: { listenPort: 53, upstream: "dns.example:53" } } },
    ];
    input.spec.pod = pod;
    return renderTemplate(parsedApp(input), { sidecarMode: "Native", images: DEFAULT_PRESET_IMAGES }).spec;
  };

  it("lowers the sysctl to the lowest such port, beside the Pod's own securityContext", () => {
    expect(twoLow({ securityContext: { fsGroup: 2000 } }).securityContext).toEqual({
      fsGroup: 2000,
      sysctls: [{ name: "net.ipv4.ip_unprivileged_port_start", value: "53" }],
    });
  });

  it("keeps the Pod's own value of the sysctl, and sets none on the host's network", () => {
    const own = { sysctls: [{ name: "net.ipv4.ip_unprivileged_port_start", value: "0" }] };
    expect(twoLow({ securityContext: own }).securityContext).toEqual(own);
    expect(twoLow({ hostNetwork: true }).securityContext).toBeUndefined();
  });
});
