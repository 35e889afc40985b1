// `npm start` as a newcomer runs it, on this machine's own cluster: it builds what is missing,
// starts a cluster, installs the operator (its image and the Helm chart), applies examples/ and
// ends with every example Ready; run again it keeps the cluster and upgrades; an example that
// cannot become Ready fails the run with that app's status. Needs root and the cluster build,
// like hack/cluster/up.sh, which this restarts: `npm run test:all` runs it, then the in-cluster
// e2e tiers on the cluster it leaves (with the operator, without the examples).
import { spawn, execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadAll } from "js-yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kubectl, kubectlJson } from "../support/kubectl.js";
import { RELEASE_NAMESPACE } from "../support/operator-release.js";
import { waitFor } from "../support/wait.js";

const ROOT = join(import.meta.dirname, "..", "..");
const STEPS = 9;

interface Run {
  code: number | null;
  output: string;
}

/** `npm start [-- ARGS]`, its output shown as it comes (a cold run takes minutes) and kept. */
function npmStart(args: string[] = []): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["start", ...(args.length ? ["--", ...args] : [])], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const keep = (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

/** The CompositeApps examples/ declares. */
const exampleApps: string[] = readdirSync(join(ROOT, "examples"))
  .filter((f) => f.endsWith(".yaml"))
  .flatMap(
    (f) =>
      loadAll(readFileSync(join(ROOT, "examples", f), "utf8")) as { kind?: string; metadata?: { name?: string } }[],
  )
  .filter((o) => o?.kind === "CompositeApp")
  .map((o) => o.metadata?.name ?? "")
  .sort();

interface App {
  metadata: { name: string; generation: number };
  status?: { observedGeneration?: number; conditions?: { type: string; status: string }[] };
}
const isReady = (a: App) =>
  a.status?.observedGeneration === a.metadata.generation &&
  (a.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");

async function readyApps(): Promise<string[]> {
  const list = await kubectlJson<{ items: App[] }>(["get", "compositeapps", "-n", "default"]);
  return list.items
    .filter(isReady)
    .map((a) => a.metadata.name)
    .sort();
}

/** KUBECONFIG and PATH of the local cluster, as `source hack/cluster/env.sh` sets them. */
function useLocalCluster(): void {
  const lines = execFileSync("bash", [join(ROOT, "hack", "cluster", "env.sh")], { encoding: "utf8" });
  for (const [, name, value] of lines.matchAll(/^export (PATH|KUBECONFIG)=(.*)$/gm)) {
    process.env[name!] = value!.replace("$PATH", process.env.PATH ?? "");
  }
}

const nodeUids = async () => (await kubectl(["get", "nodes", "-o", "jsonpath={.items[*].metadata.uid}"])).trim();

let first: Run;

beforeAll(async () => {
  first = await npmStart();
  useLocalCluster();
});

afterAll(async () => {
  // The later tiers get the cluster and the operator, without the examples' Pods on the node.
  await kubectl(["delete", "-f", join(ROOT, "examples"), "--ignore-not-found", "--wait=true", "--timeout=120s"]);
  await waitFor(
    "the examples' Pods to be gone",
    async () => (await kubectl(["get", "pods", "-n", "default", "-l", "compositeapp.io/name", "-o", "name"])) === "",
    120_000,
    1000,
  );
});

describe("npm start", () => {
  it("goes from nothing to the operator with every example Ready, step by step with times", async () => {
    expect(first.code, first.output).toBe(0);
    expect(first.output.match(/^<== .+: done in \d+(m\d\d)?s$/gm)).toHaveLength(STEPS);
    expect(await readyApps()).toEqual(exampleApps);
    // The operator came with the chart, in its own namespace, running the image npm start built.
    const { items } = await kubectlJson<{
      items: {
        status?: { availableReplicas?: number };
        spec: { template: { spec: { containers: { image: string }[] } } };
      }[];
    }>(["get", "deployments", "-n", RELEASE_NAMESPACE, "-l", "app.kubernetes.io/name=compositeapp"]);
    expect(items).toHaveLength(1);
    const deployment = items[0]!;
    expect(deployment.status?.availableReplicas).toBe(1);
    const image = execFileSync("bash", [join(ROOT, "hack", "image", "build.sh"), "--print-name"], {
      encoding: "utf8",
    }).trim();
    expect(deployment.spec.template.spec.containers[0]?.image).toBe(image);
    // It ends with `kubectl get capp -A` and how to go on.
    const table = first.output.slice(first.output.lastIndexOf("NAMESPACE   NAME"));
    for (const app of exampleApps) expect(table).toMatch(new RegExp(`^default +${app} .*AllPodsReady`, "m"));
    expect(first.output).toContain("source hack/cluster/env.sh");
  });

  it("run again, keeps the cluster, upgrades the release and re-applies the examples", async () => {
    const before = await nodeUids();
    const again = await npmStart();
    expect(again.code, again.output).toBe(0);
    expect(again.output).toContain("kept");
    expect(again.output).toMatch(/^ +REVISION: 2$/m);
    expect(await nodeUids()).toBe(before);
    expect(await readyApps()).toEqual(exampleApps);
  });

  it("fails at the waiting step when an example cannot become Ready, saying which and why", async () => {
    // A node selector no node has: the app's new Pod stays Pending, so it is not Ready.
    await kubectl([
      "patch",
      "compositeapp",
      "javaweb",
      "-n",
      "default",
      "--type",
      "merge",
      "-p",
      JSON.stringify({ spec: { pod: { nodeSelector: { "example.com/no-such-node": "true" } } } }),
    ]);
    const failed = await npmStart(["--timeout", "20"]);
    expect(failed.code, failed.output).toBe(1);
    expect(failed.output).toContain(`npm start failed at step ${STEPS}/${STEPS} (examples Ready)`);
    expect(failed.output).toMatch(/^ +default\/javaweb: Ready=False \(\w+\): .+$/m);
    // with its Pods' side: the scheduler's message
    expect(failed.output).toMatch(/^ +pod javaweb-\w+-0: Pending; PodScheduled=False \(Unschedulable\): .*node/m);
    expect(failed.output).not.toMatch(/^ +default\/(adapter|log-sidecar):/m);
    await kubectl([
      "patch",
      "compositeapp",
      "javaweb",
      "-n",
      "default",
      "--type",
      "merge",
      "-p",
      JSON.stringify({ spec: { pod: { nodeSelector: null } } }),
    ]);
  });
});
