import { describe, expect, it } from "vitest";
import { parseServerVersion, resolveSidecarMode } from "../../../../src/core/render/index.js";

describe("sidecarMode", () => {
  it.each([
    [
      { major: "1", minor: "33", gitVersion: "v1.33.13" },
      { major: 1, minor: 33 },
    ],
    [
      { major: "1", minor: "29+" },
      { major: 1, minor: 29 },
    ],
    ["v1.28.3-gke.1", { major: 1, minor: 28 }],
    ["1.30", { major: 1, minor: 30 }],
  ])("reads the server version %j", (input, expected) => expect(parseServerVersion(input)).toEqual(expected));

  it("reads nothing from garbage", () => expect(parseServerVersion("latest")).toBeUndefined());

  it.each([
    ["Auto", { major: 1, minor: 29 }, "Native"],
    ["Auto", { major: 1, minor: 28 }, "Classic"],
    ["Auto", { major: 2, minor: 0 }, "Native"],
    ["Auto", undefined, "Classic"],
    ["Native", { major: 1, minor: 28 }, "Native"],
    ["Classic", { major: 1, minor: 33 }, "Classic"],
  ] as const)("%s on %j is %s", (mode, server, expected) => expect(resolveSidecarMode(mode, server)).toBe(expected));
});
