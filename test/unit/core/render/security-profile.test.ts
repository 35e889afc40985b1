// spec.securityProfile Restricted at render time: the Pod Security "restricted" defaults filled in
// where the spec leaves a field unset, the spec's own values kept, and nothing added without it.
import { describe, expect, it } from "vitest";
import { DEFAULT_PRESET_IMAGES, renderTemplate } from "../../../../src/core/render/index.js";
import type { RenderOptions } from "../../../../src/core/render/types.js";
import type { CompositeAppInput } from "../../../../src/api/compositeapp.js";
import { baseApp, parsedApp } from "../../../support/fixtures.js";

const native: RenderOptions = { sidecarMode: "Native", images: DEFAULT_PRESET_IMAGES };

function app(change: (input: CompositeAppInput) => void = () => undefined) {
  const input = baseApp();
  input.spec.initContainers = [{ name: "setup", image: "busybox:1.35", command: ["true"] }];
  input.spec.sidecars = [{ name: "plain", image: "busybox:1.35", command: ["sleep", "1d"] }];
  input.spec.adapters = [{ name: "metrics", preset: { prometheusMetrics: { volume: "data", file: "status" } } }];
  change(input);
  return parsedApp(input);
}

const restricted = (change: (input: CompositeAppInput) => void = () => undefined) =>
  app((i) => {
    i.spec.securityProfile = "Restricted";
    change(i);
  });

const CONTAINER_DEFAULTS = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ["ALL"] },
};
const POD_DEFAULTS = {
  runAsNonRoot: true,
  runAsUser: 65534,
  runAsGroup: 65534,
  seccompProfile: { type: "RuntimeDefault" },
};

const containerNamed = (spec: ReturnType<typeof renderTemplate>["spec"], name: string) =>
  [...(spec.initContainers ?? []), ...spec.containers].find((c) => c.name === name)!;

describe("securityProfile Restricted", () => {
  it("fills in the container defaults on main, init containers and helpers, and the Pod's", () => {
    const { spec } = renderTemplate(restricted(), native);
    for (const name of ["main", "setup", "plain"]) {
      expect(containerNamed(spec, name).securityContext, name).toEqual(CONTAINER_DEFAULTS);
    }
    expect(spec.securityContext).toEqual(POD_DEFAULTS);
  });

  it("keeps what the spec sets, field by field, and fills in only the rest", () => {
    const { spec } = renderTemplate(
      restricted((i) => {
        i.spec.main.securityContext = { readOnlyRootFilesystem: false, capabilities: { add: ["NET_BIND_SERVICE"] } };
        i.spec.pod = { securityContext: { runAsUser: 1000, fsGroup: 2000 } };
      }),
      native,
    );
    expect(containerNamed(spec, "main").securityContext).toEqual({
      readOnlyRootFilesystem: false,
      allowPrivilegeEscalation: false,
      capabilities: { add: ["NET_BIND_SERVICE"], drop: ["ALL"] },
    });
    expect(spec.securityContext).toEqual({ ...POD_DEFAULTS, runAsUser: 1000, fsGroup: 2000 });
  });

  it("leaves a preset helper's own restricted context as it is", () => {
    const { spec } = renderTemplate(restricted(), native);
    const withProfile = containerNamed(spec, "metrics").securityContext;
    const without = containerNamed(renderTemplate(app(), native).spec, "metrics").securityContext;
    expect(withProfile).toEqual(without);
  });

  it("fills in a preset helper whose securityContext the user replaced (the helper's fields win, as for any field)", () => {
    const { spec } = renderTemplate(
      restricted((i) => {
        i.spec.adapters![0]!.securityContext = { runAsUser: 1234 };
      }),
      native,
    );
    expect(containerNamed(spec, "metrics").securityContext).toEqual({ runAsUser: 1234, ...CONTAINER_DEFAULTS });
  });

  it("adds nothing without the profile: the Pod is rendered as written", () => {
    const { spec } = renderTemplate(app(), native);
    expect(spec.securityContext).toBeUndefined();
    for (const name of ["main", "setup", "plain"]) expect(containerNamed(spec, name).securityContext).toBeUndefined();
  });

  it("changes the revision, so opting in replaces the Pods under updateStrategy", () => {
    expect(renderTemplate(restricted(), native).revision).not.toBe(renderTemplate(app(), native).revision);
  });
});
