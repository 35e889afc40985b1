// The bad-input table through two of its three judges: the zod schema (CLI `validate`) and the
// CRD's OpenAPI schema + CEL rules evaluated offline. They must agree on every case; the API
// server is the third judge (test/integration/judges.test.ts).
import { describe, expect, it } from "vitest";
import { validateCompositeApp } from "../../../src/api/parse.js";
import { judgeWithCrd } from "../../support/crd-judge.js";
import { CLI_ONLY_INVALID_APPS, INVALID_APPS, validApps } from "../../support/invalid-apps.js";

const cliErrors = (app: unknown): string[] => {
  const v = validateCompositeApp(app);
  return v.ok ? [] : v.errors;
};

describe("the bad-input table", () => {
  it("has at least 60 cases, each with a distinct name", () => {
    expect(INVALID_APPS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(INVALID_APPS.map((c) => c.name)).size).toBe(INVALID_APPS.length);
  });

  describe.each(INVALID_APPS)("$name", ({ app, cli, crd }) => {
    it("is rejected by the zod schema with the expected message", () => {
      const errors = cliErrors(app);
      expect(errors.length, "zod accepted it").toBeGreaterThan(0);
      expect(errors.join("\n")).toContain(cli);
    });

    it("is rejected by the CRD's schema and CEL rules with the expected message", () => {
      const errors = judgeWithCrd(app);
      expect(errors.length, "the CRD accepted it").toBeGreaterThan(0);
      expect(errors.join("\n")).toContain(crd);
    });
  });
});

describe("valid apps", () => {
  it.each(validApps().map((v) => [v.name, v.app] as const))("%s is accepted by both", (_name, app) => {
    expect(cliErrors(app)).toEqual([]);
    expect(judgeWithCrd(app)).toEqual([]);
  });
});

describe("rules only validate enforces (too costly as CEL for the API server)", () => {
  it.each(CLI_ONLY_INVALID_APPS.map((c) => [c.name, c] as const))("%s: zod rejects, the CRD accepts", (_name, c) => {
    expect(cliErrors(c.app).join("\n")).toContain(c.cli);
    expect(judgeWithCrd(c.app)).toEqual([]);
  });
});
