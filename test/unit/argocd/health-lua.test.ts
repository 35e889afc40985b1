// The Argo CD health check (deploy/argocd/.../health.lua) run by Lua 5.1 on CompositeApps recorded
// from the e2e run (test/e2e/health.test.ts and completion.test.ts write test/unit/argocd/fixtures).
// The e2e run checks at each recorded moment that kstatus (sigs.k8s.io/cli-utils) and this check
// agree; the unit tier needs no Go, so it checks the Lua side against the kstatus verdict recorded
// beside each moment.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HEALTH_LUA, argoHealthOf } from "../../support/argocd-health.js";

type Recorded = Record<string, unknown> & { metadata: Record<string, unknown> };
const fixture = (name: string): Recorded =>
  JSON.parse(readFileSync(join(import.meta.dirname, "fixtures", `${name}.json`), "utf8")) as Recorded;

// What each recorded moment looked like to kstatus on the cluster, and must look like to Argo CD.
const LIFECYCLE = [
  ["starting", "InProgress", "Progressing"],
  ["ready", "Current", "Healthy"],
  ["rolling-out", "InProgress", "Progressing"],
  ["image-pull-stalled", "Failed", "Degraded"],
  // An app that runs to completion (test/e2e/completion.test.ts): waiting out a back-off, done, failed.
  ["run-backoff", "InProgress", "Progressing"],
  ["run-complete", "Current", "Healthy"],
  ["run-failed", "Failed", "Degraded"],
] as const;

describe("Argo CD health.lua against statuses recorded on the cluster", () => {
  it.each(LIFECYCLE)("%s: kstatus %s, Argo CD %s", (name, _kstatus, argo) => {
    expect(argoHealthOf(fixture(name)).status).toBe(argo);
  });

  it("says why an app is Degraded, from the Stalled condition", () => {
    expect(argoHealthOf(fixture("image-pull-stalled")).message).toMatch(
      /^(ErrImagePull|ImagePullBackOff): .*past the progress deadline of 10s\)$/,
    );
  });

  it("says why a run failed, and that a complete one is done, as Argo CD's own Job check would", () => {
    expect(argoHealthOf(fixture("run-failed")).message).toMatch(
      /^BackoffLimitExceeded: the run reached backoffLimit 1: 2 failed Pods; .*exited with code 1/,
    );
    expect(argoHealthOf(fixture("run-complete")).message).toMatch(/^1\/1 Pods succeeded at revision /);
  });

  it("waits for the operator to observe a new generation, as kstatus does", () => {
    const ready = fixture("ready");
    const newer = { ...ready, metadata: { ...ready.metadata, generation: Number(ready.metadata.generation) + 1 } };
    expect(argoHealthOf(newer)).toEqual({
      status: "Progressing",
      message: `Waiting for the operator to observe generation ${String(newer.metadata.generation)}`,
    });
  });

  it("is Progressing before the operator has written any status", () => {
    const { status: _status, ...fresh } = fixture("ready");
    expect(argoHealthOf(fresh).status).toBe("Progressing");
  });
});

describe("the argocd-cm snippet in the README", () => {
  it("is the shipped health.lua, word for word", () => {
    const readme = readFileSync(join(import.meta.dirname, "..", "..", "..", "README.md"), "utf8");
    const key = "  resource.customizations.health.compositeapp.io_CompositeApp: |\n";
    const start = readme.indexOf(key);
    expect(start).toBeGreaterThan(0);
    const block = readme.slice(start + key.length, readme.indexOf("```", start));
    const unindented = block
      .split("\n")
      .map((l) => l.replace(/^ {4}/, ""))
      .join("\n");
    expect(unindented).toBe(readFileSync(HEALTH_LUA, "utf8"));
  });
});
