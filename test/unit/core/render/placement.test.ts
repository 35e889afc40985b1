// Per-helper placement: native or classic on its own, and anchored among the init containers or
// beside the main container; impossible orders rejected with messages that say where.
import { describe, expect, it } from "vitest";
import type { CompositeAppInput } from "../../../../src/api/compositeapp.js";
import { validateCompositeApp } from "../../../../src/api/parse.js";
import { DEFAULT_PRESET_IMAGES, placementProblems, renderTemplate } from "../../../../src/core/render/index.js";
import type { ResolvedSidecarMode } from "../../../../src/core/render/types.js";
import { baseApp, parsedApp } from "../../../support/fixtures.js";

type Spec = CompositeAppInput["spec"];
const img = { image: "busybox:1.35" };

const app = (change: (s: Spec) => void): CompositeAppInput => {
  const input = baseApp();
  input.spec.initContainers = [
    { name: "validation", ...img },
    { name: "setup", ...img },
  ];
  change(input.spec);
  return input;
};
const rendered = (input: CompositeAppInput, mode: ResolvedSidecarMode = "Native") =>
  renderTemplate(parsedApp(input), { sidecarMode: mode, images: DEFAULT_PRESET_IMAGES });
const initOrder = (input: CompositeAppInput, mode?: ResolvedSidecarMode) =>
  rendered(input, mode).spec.initContainers?.map((c) => `${c.name}${c.restartPolicy === "Always" ? "*" : ""}`);
const regularOrder = (input: CompositeAppInput, mode?: ResolvedSidecarMode) =>
  rendered(input, mode).spec.containers.map((c) => c.name);
const errorsOf = (input: CompositeAppInput): string[] => {
  const v = validateCompositeApp(input);
  return v.ok ? [] : v.errors;
};

describe("placement", () => {
  it("keeps the role defaults when no helper says otherwise", () => {
    const input = app((s) => {
      s.sidecars = [{ name: "proxy", ...img }];
      s.ambassadors = [{ name: "db", ...img }];
    });
    expect(initOrder(input)).toEqual(["db*", "validation", "setup", "proxy*"]);
    expect(regularOrder(input, "Classic")).toEqual(["main", "proxy", "db"]);
  });

  it("starts a native helper after a named init container, before the later ones (a mesh proxy)", () => {
    const input = app((s) => (s.sidecars = [{ name: "proxy", ...img, placement: { startAfter: "validation" } }]));
    expect(initOrder(input)).toEqual(["validation", "proxy*", "setup"]);
  });

  it("starts a native helper before a named init container", () => {
    const input = app((s) => (s.sidecars = [{ name: "proxy", ...img, placement: { startBefore: "validation" } }]));
    expect(initOrder(input)).toEqual(["proxy*", "validation", "setup"]);
  });

  it("chains helpers, and keeps the spec's order among helpers naming the same container", () => {
    const input = app((s) => {
      s.sidecars = [
        { name: "b", ...img, placement: { startAfter: "a" } },
        { name: "c", ...img, placement: { startAfter: "setup" } },
      ];
      s.adapters = [{ name: "d", ...img, placement: { startAfter: "setup" } }];
      s.ambassadors = [{ name: "a", ...img, placement: { startAfter: "validation" } }];
    });
    expect(initOrder(input)).toEqual(["validation", "a*", "b*", "setup", "c*", "d*"]);
  });

  it("mixes native and classic helpers in one Pod, and says so", () => {
    const input = app((s) => {
      s.sidecarMode = "Native";
      s.sidecars = [
        { name: "proxy", ...img, placement: { startAfter: "validation" } },
        { name: "debug", ...img, placement: { mode: "Classic" } },
      ];
    });
    const t = rendered(input);
    expect(initOrder(input)).toEqual(["validation", "proxy*", "setup"]);
    expect(t.spec.containers.map((c) => [c.name, c.restartPolicy])).toEqual([
      ["main", undefined],
      ["debug", undefined],
    ]);
    expect(t.sidecarMode).toBe("Mixed");
    expect(t.metadata.annotations?.["compositeapp.io/sidecar-mode"]).toBe("Mixed");
    expect(t.spec.containers.some((c) => "placement" in c)).toBe(false);
  });

  it("places a classic helper before the main container", () => {
    const input = app((s) => {
      s.sidecars = [{ name: "proxy", ...img, placement: { mode: "Classic", startBefore: "main" } }];
    });
    expect(regularOrder(input)).toEqual(["proxy", "main"]);
    expect(rendered(input).sidecarMode).toBe("Classic");
  });

  it.each<[string, (s: Spec) => void, string[]]>([
    [
      "an anchor that names no container",
      (s) => (s.sidecars = [{ name: "p", ...img, placement: { startAfter: "istio-validation" } }]),
      [
        'spec.sidecars[0].placement.startAfter: "istio-validation" is not a container of this app: name an init container, the main container or a helper',
      ],
    ],
    [
      "a classic helper among the init containers",
      (s) => (s.sidecars = [{ name: "p", ...img, placement: { mode: "Classic", startAfter: "validation" } }]),
      [
        'spec.sidecars[0].placement.startAfter: "validation" is an init container: only a native helper (placement.mode Native) starts among the init containers, and this helper runs Classic',
      ],
    ],
    [
      "a native helper beside the main container (app-wide Native)",
      (s) => {
        s.sidecarMode = "Native";
        s.adapters = [{ name: "p", ...img, placement: { startBefore: "main" } }];
      },
      [
        'spec.adapters[0].placement.startBefore: "main" is the main container: only a classic helper (placement.mode Classic) starts beside it, and this helper runs Native',
      ],
    ],
    [
      "helpers of different kinds anchored to each other",
      (s) =>
        (s.sidecars = [
          { name: "a", ...img, placement: { mode: "Native" } },
          { name: "b", ...img, placement: { mode: "Classic", startAfter: "a" } },
        ]),
      [
        'spec.sidecars[1].placement.startAfter: "a" runs Native and this helper Classic: a helper is placed relative to containers of its own kind',
      ],
    ],
    [
      "two helpers whose positions refer to each other",
      (s) =>
        (s.sidecars = [
          { name: "a", ...img, placement: { startAfter: "b" } },
          { name: "b", ...img, placement: { startBefore: "a" } },
        ]),
      [
        'spec.sidecars[0].placement.startAfter: impossible order: the placements of "a", "b" refer to each other in a cycle',
      ],
    ],
    [
      "a helper placed relative to itself",
      (s) => (s.sidecars = [{ name: "a", ...img, placement: { startAfter: "a" } }]),
      ["spec.sidecars[0].placement.startAfter: a helper cannot be placed relative to itself"],
    ],
    [
      "both anchors",
      (s) => (s.sidecars = [{ name: "a", ...img, placement: { startAfter: "setup", startBefore: "setup" } }]),
      ["spec.sidecars[0].placement.startBefore: set at most one of startAfter and startBefore"],
    ],
    [
      "an unknown mode",
      (s) => (s.sidecars = [{ name: "a", ...img, placement: { mode: "Sidecar" as "Native" } }]),
      ['spec.sidecars[0].placement.mode: Invalid option: expected one of "Native"|"Classic"'],
    ],
  ])("rejects %s", (_name, change, expected) => {
    expect(errorsOf(app(change))).toEqual(expected);
  });

  it("rejects, once Auto is resolved, an anchor among init containers on a server without native helpers", () => {
    const input = parsedApp(app((s) => (s.sidecars = [{ name: "p", ...img, placement: { startAfter: "setup" } }])));
    expect(placementProblems(input, { major: 1, minor: 33 })).toEqual([]);
    expect(placementProblems(input, { major: 1, minor: 28 })).toEqual([
      'spec.sidecars[0].placement.startAfter: "setup" is an init container: only a native helper (placement.mode Native) starts among the init containers, and this helper runs Classic',
    ]);
  });

  it("rejects native helpers on a server older than 1.29", () => {
    const explicit = parsedApp(app((s) => (s.sidecars = [{ name: "p", ...img, placement: { mode: "Native" } }])));
    expect(placementProblems(explicit, { major: 1, minor: 28 })).toEqual([
      "spec.sidecars[0].placement.mode: native helpers need Kubernetes 1.29 or later, and the server is older; use Classic",
    ]);
    const appWide = parsedApp(
      app((s) => {
        s.sidecarMode = "Native";
        s.sidecars = [{ name: "p", ...img }];
      }),
    );
    expect(placementProblems(appWide, { major: 1, minor: 28 })).toEqual([
      "spec.sidecarMode: native helpers need Kubernetes 1.29 or later, and the server is older; use Auto or Classic",
    ]);
    expect(placementProblems(appWide, { major: 1, minor: 29 })).toEqual([]);
  });
});
