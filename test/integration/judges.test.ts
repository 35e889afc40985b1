// The bad-input table through all three judges: the zod schema (CLI `validate`), the CRD's schema
// and CEL rules evaluated offline, and the real API server (`kubectl create --dry-run=server`,
// kubectl's default strict field validation). Any two that disagree about accept/reject fail the
// case; each must also say the expected text.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateCompositeApp } from "../../src/api/parse.js";
import { judgeWithCrd } from "../support/crd-judge.js";
import { CLI_ONLY_INVALID_APPS, INVALID_APPS, validApps } from "../support/invalid-apps.js";
import { KubectlError } from "../support/kubectl.js";
import { createNamespace, deleteNamespace, installCrd, kubectl, requireCluster } from "./support.js";

let ns = "";

/** The API server's answer to a create of `app`: "" when it accepts it, else its message. */
async function serverVerdict(app: object): Promise<string> {
  try {
    await kubectl(["create", "--dry-run=server", "-n", ns, "-f", "-"], { input: JSON.stringify(app) });
    return "";
  } catch (err) {
    if (err instanceof KubectlError) return err.stderr.trim() || err.stdout.trim();
    throw err;
  }
}

const cliErrors = (app: unknown): string => {
  const v = validateCompositeApp(app);
  return v.ok ? "" : v.errors.join("\n");
};

const verdicts = (cli: string, offline: string, server: string) => ({
  cli: cli ? "rejects" : "accepts",
  offline: offline ? "rejects" : "accepts",
  server: server ? "rejects" : "accepts",
});

describe("three judges of one table", () => {
  beforeAll(async () => {
    await requireCluster();
    await installCrd();
    ns = await createNamespace("judges");
  });
  afterAll(async () => {
    if (ns) await deleteNamespace(ns);
  });

  it.each(INVALID_APPS.map((c) => [c.name, c] as const))("%s: all three reject it", async (_name, c) => {
    const server = await serverVerdict(c.app);
    const offline = judgeWithCrd(c.app).join("\n");
    const cli = cliErrors(c.app);
    expect(verdicts(cli, offline, server)).toEqual({ cli: "rejects", offline: "rejects", server: "rejects" });
    expect(server).toContain(c.crd);
    expect(offline).toContain(c.crd);
    expect(cli).toContain(c.cli);
  });

  it.each(validApps().map((v) => [v.name, v.app] as const))("%s: all three accept it", async (_name, app) => {
    const server = await serverVerdict(app);
    expect({ server, offline: judgeWithCrd(app), cli: cliErrors(app) }).toEqual({ server: "", offline: [], cli: "" });
  });

  it.each(CLI_ONLY_INVALID_APPS.map((c) => [c.name, c] as const))(
    "%s: only validate rejects it (a documented gap of the CRD)",
    async (_name, c) => {
      expect(await serverVerdict(c.app)).toBe("");
      expect(judgeWithCrd(c.app)).toEqual([]);
      expect(cliErrors(c.app)).toContain(c.cli);
    },
  );
});
