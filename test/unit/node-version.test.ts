// The Node.js check of bin/compositeapp.js, which runs before anything else loads.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { nodeEngines, unsupportedNode } from "../../bin/node-version.js";

describe("the Node.js version check", () => {
  it("reads the range package.json declares", () => {
    expect(nodeEngines(pathToFileURL(join(import.meta.dirname, "..", "..", "package.json")))).toBe(">=24.0.0");
  });

  it("accepts the declared Node and later ones", () => {
    for (const version of ["v24.0.0", "v24.21.0", "v25.1.0", "v30.0.0"]) {
      expect(unsupportedNode(version, ">=24.0.0")).toBeUndefined();
    }
    expect(unsupportedNode("v24.3.0", ">=24.2.1")).toBeUndefined();
  });

  it("refuses an older one with one line that says which Node and how to get it", () => {
    const message = unsupportedNode("v20.20.2", ">=24.0.0");
    expect(message).toBe(
      "compositeapp needs Node.js >=24.0.0, and this is Node.js v20.20.2. In a checkout, `npm ci` installs Node.js 24 with the project (by an install script: not with --ignore-scripts) and `npx compositeapp` runs on it; elsewhere, install Node.js 24 or later.",
    );
    expect(unsupportedNode("v24.2.0", ">=24.2.1")).toContain("v24.2.0");
    expect(unsupportedNode("v18.0.0", ">=24")).toContain(">=24");
  });

  it("rejects an engines range it cannot check", () => {
    expect(() => unsupportedNode("v24.0.0", "^24 || ^26")).toThrow(/engines.node must read/);
  });
});
