// What `render`, `validate`, `convert` and `crd` load before they run: the static module graph of the
// CLI's entry point. The API client, the logger and the metrics library cost most of a second to
// import and only `run` needs them, so `run` imports them itself, when it starts. The operator itself
// does not load client-node (70 MiB and most of a second): its kubeconfig loader imports it only for
// the credentials it leaves to it (exec plugins, auth providers, proxies).
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { dynamicImportsOf, packagesLoadedBy, ROOT } from "../support/module-graph.js";

describe("the CLI's entry point", () => {
  const { packages, files } = packagesLoadedBy("src/cli/main.ts");

  it("follows the whole graph of the commands (the walk itself works)", () => {
    for (const command of ["render", "validate", "convert", "crd", "run"]) {
      expect(files).toContain(resolve(ROOT, `src/cli/${command}.ts`));
    }
    expect(packages).toContain("commander");
    expect(packages).toContain("zod");
    expect(packages).toContain("js-yaml");
  });

  it("does not load the Kubernetes client, the logger or the metrics library: only `run` does, lazily", () => {
    expect(packages).not.toContain("@kubernetes/client-node");
    expect(packages).not.toContain("pino");
    expect(packages).not.toContain("prom-client");
    expect([...files].filter((f) => f.includes("/src/controller/kube/"))).toEqual([]);
  });

  it("the operator's own entry does load the metrics library, so the check above would see it", () => {
    const operator = packagesLoadedBy("src/controller/manager/manager.ts").packages;
    expect(operator).toContain("prom-client");
  });
});

describe("the operator's entry point", () => {
  const { packages, files } = packagesLoadedBy("src/controller/manager/manager.ts");
  const delegated = resolve(ROOT, "src/controller/kube/delegated-access.ts");

  it("does not load client-node: its kubeconfig loader is ours", () => {
    expect(files).toContain(resolve(ROOT, "src/controller/kube/kubeconfig.ts"));
    expect(packages).toContain("js-yaml");
    expect(packages).not.toContain("@kubernetes/client-node");
  });

  it("imports client-node only lazily, in the fallback for exec plugins, auth providers and proxies", () => {
    expect(files).toContain(delegated);
    const lazy = [...files].filter((f) => dynamicImportsOf(f).includes("@kubernetes/client-node"));
    expect(lazy).toEqual([delegated]);
  });
});
