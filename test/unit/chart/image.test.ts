// The Dockerfile and hack/image/build.sh (the same image without Docker) state the same facts.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../support/helm.js";
import { OPERATOR_NODE_FLAGS } from "../../support/operator-process.js";

interface ImageConfig {
  Entrypoint: string[];
  User: string;
  Env: string[];
  WorkingDir: string;
}

const dockerfile = readFileSync(join(ROOT, "Dockerfile"), "utf8");
const buildScript = readFileSync(join(ROOT, "hack", "image", "build.sh"), "utf8");

/** Instructions of the Dockerfile (continuation lines joined, comments dropped). */
function instructions(): { op: string; args: string }[] {
  return dockerfile
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const [op = "", ...rest] = line.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(" ") };
    });
}

/** The config the final stage gives the image, in the OCI config's terms. */
function dockerfileConfig(): ImageConfig {
  const all = instructions();
  const final = all.slice(all.map((i) => i.op).lastIndexOf("FROM"));
  const last = (op: string) => final.filter((i) => i.op === op).at(-1)?.args;
  const env = final.filter((i) => i.op === "ENV").flatMap((i) => i.args.split(/\s+/));
  return {
    Entrypoint: JSON.parse(last("ENTRYPOINT") ?? "null") as string[],
    User: last("USER") ?? "",
    Env: env,
    WorkingDir: last("WORKDIR") ?? "/",
  };
}

const pruned = (text: string) => [...text.matchAll(/-name '([^']+)'/g)].map((m) => m[1]).sort();

describe("operator image: Dockerfile and hack/image/build.sh agree", () => {
  const script = JSON.parse(
    execFileSync("bash", [join(ROOT, "hack", "image", "build.sh"), "--print-config"], { encoding: "utf8" }),
  ) as ImageConfig;

  it("on entrypoint, user, environment and working directory", () => {
    expect(dockerfileConfig()).toEqual(script);
    expect(script).toEqual({
      Entrypoint: ["node", ...OPERATOR_NODE_FLAGS, "/app/bin/compositeapp.js", "run"],
      User: "65532:65532",
      Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "NODE_ENV=production"],
      WorkingDir: "/app",
    });
  });

  it("on the Node.js version: the node devDependency of package.json", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
      devDependencies: Record<string, string>;
    };
    const nodeImage = /^ARG NODE_IMAGE=\S+:(\d+\.\d+\.\d+)-/m.exec(dockerfile)?.[1];
    expect(nodeImage).toBe(pkg.devDependencies.node);
    expect(pkg.devDependencies.node).toMatch(/^24\./);
  });

  it("on the production dependencies: npm ci --omit=dev --ignore-scripts, same files pruned", () => {
    for (const text of [dockerfile, buildScript]) expect(text).toContain("npm ci --omit=dev --ignore-scripts");
    expect(pruned(dockerfile)).toEqual(pruned(buildScript));
    expect(pruned(dockerfile).length).toBeGreaterThan(0);
  });

  it(".dockerignore lets through everything the Dockerfile copies from the context", () => {
    const allowed = readFileSync(join(ROOT, ".dockerignore"), "utf8")
      .split("\n")
      .filter((l) => l.startsWith("!"))
      .map((l) => l.slice(1).replace(/\/$/, ""));
    const copied = instructions()
      .filter((i) => i.op === "COPY" && !i.args.startsWith("--from"))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1))
      .map((p) => p.replace(/\/$/, ""));
    expect(copied.length).toBeGreaterThan(0);
    for (const path of copied) expect(allowed, path).toContain(path);
  });
});
