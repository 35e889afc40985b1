// `-o name`: objects named as `kubectl get -o name` names them, one a line, for render, convert and crd.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CliIO } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/main.js";
import { resourceName } from "../../src/cli/output.js";
import { POD_FIXTURES } from "../support/round-trip.js";
import { EXAMPLES_DIR } from "../support/fixtures.js";

async function cli(args: string[], stdin = ""): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { stdout: "", stderr: "" };
  const io: CliIO = {
    stdout: { write: (t: string) => (out.stdout += t) },
    stderr: { write: (t: string) => (out.stderr += t) },
    readStdin: () => stdin,
    exit: (code) => {
      throw new Error(`unexpected exit(${code})`);
    },
  };
  return { code: await runCli(args, io), ...out };
}

describe("resourceName", () => {
  it("is KIND.GROUP/NAME with the kind lower-cased, and no group for the core API", () => {
    expect(
      resourceName({ apiVersion: "compositeapp.io/v1alpha1", kind: "CompositeApp", metadata: { name: "shop" } }),
    ).toBe("compositeapp.compositeapp.io/shop");
    expect(resourceName({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" } })).toBe(
      "deployment.apps/web",
    );
    expect(resourceName({ apiVersion: "v1", kind: "Pod", metadata: { name: "web-0" } })).toBe("pod/web-0");
  });
});

describe("-o name", () => {
  it("render names each Pod", async () => {
    const run = await cli(["render", "-f", join(EXAMPLES_DIR, "log-sidecar.yaml"), "-o", "name"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^pod\/log-sidecar-[0-9a-f]{10}-0\n$/);
  });

  it("render names the Pods of every app, in order", async () => {
    const yaml = await cli(["render", "-f", EXAMPLES_DIR, "-o", "json"]);
    const pods = (JSON.parse(yaml.stdout) as { items: { metadata: { name: string } }[] }).items;
    const names = await cli(["render", "-f", EXAMPLES_DIR, "-o", "name"]);
    expect(names.code).toBe(0);
    expect(names.stdout).toBe(pods.map((p) => `pod/${p.metadata.name}\n`).join(""));
  });

  it("convert names the CompositeApps it prints", async () => {
    const run = await cli(["convert", "-f", join(POD_FIXTURES, "03-website-deployment-sidecar.yaml"), "-o", "name"]);
    expect(run).toEqual({ code: 0, stdout: "compositeapp.compositeapp.io/myapp\n", stderr: "" });
  });

  it("crd names the CustomResourceDefinition", async () => {
    const run = await cli(["crd", "-o", "name"]);
    expect(run).toEqual({
      code: 0,
      stdout: "customresourcedefinition.apiextensions.k8s.io/compositeapps.compositeapp.io\n",
      stderr: "",
    });
  });

  it("is listed among the formats when another is asked for", async () => {
    const run = await cli(["crd", "-o", "wide"]);
    expect(run).toEqual({
      code: 1,
      stdout: "",
      stderr: 'error: unsupported output format "wide": use yaml, json, name\n',
    });
  });
});
