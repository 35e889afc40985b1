/**
 * Fault injection on the project's own cluster (hack/cluster): one component killed, stopped or
 * restarted, loopback packets to the API server dropped, etcd compacted. Only for that cluster (the
 * scripts run as root against its pid files and ports); the caller holds the cluster lock.
 */
import { execFile, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import https from "node:https";
import { join } from "node:path";
import { kubectl, kubectlJson } from "./kubectl.js";

const HACK = join(import.meta.dirname, "..", "..", "hack", "cluster");

export type ControlPlaneComponent = "etcd" | "kube-apiserver" | "kube-controller-manager";
const CONTROL_PLANE: ControlPlaneComponent[] = ["etcd", "kube-apiserver", "kube-controller-manager"];

function script(name: string, args: string[], timeoutMs = 180_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("bash", [join(HACK, name), ...args], { timeout: timeoutMs, encoding: "utf8" }, (err, stdout, stderr) => {
      if (err) reject(new Error(`hack/cluster/${name} ${args.join(" ")} failed: ${stderr.trim() || err.message}`));
      else resolve(stdout);
    });
  });
}

/** hack/cluster/component.sh ACTION NAME: start and restart wait for the component's readiness check. */
export function component(action: "kill" | "stop" | "start" | "restart", name: ControlPlaneComponent): Promise<string> {
  return script("component.sh", [action, name]);
}

export async function isRunning(name: ControlPlaneComponent): Promise<boolean> {
  return (await script("component.sh", ["status", name])).startsWith("running");
}

/** Drops loopback packets to and from the API server (all, or only the given client ports') until cleared. */
export function blockLoopback(clientPorts: number[] = []): Promise<string> {
  return script("netfault.sh", ["block", ...clientPorts.flatMap((p) => ["--client-port", String(p)])]);
}

export interface TimedPartition {
  /** Resolves once the rules are in place. */
  cut: Promise<void>;
  /** Resolves once the script has removed them again. */
  healed: Promise<void>;
}

/**
 * A loopback partition for `seconds`: netfault.sh removes its own rules at the end, also when it is
 * interrupted (trap), so they go even if this process dies first.
 */
export function blockLoopbackFor(seconds: number): TimedPartition {
  const child = spawn("bash", [join(HACK, "netfault.sh"), "block", "--for", String(seconds)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const cut = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("are dropped")) resolve();
    });
    child.once("exit", () => reject(new Error(`netfault.sh ended before the partition began: ${output}`)));
  });
  const healed = new Promise<void>((resolve, reject) => {
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`netfault.sh block --for ${seconds} failed: ${output}`)),
    );
  });
  cut.catch(() => undefined); // reported through healed
  return { cut, healed };
}

export function clearNetworkFaults(): Promise<string> {
  return script("netfault.sh", ["clear"]);
}

/** Compacts etcd at its current revision; resolves with that revision. */
export async function compactEtcd(): Promise<number> {
  return Number((await script("etcd-compact.sh", [])).trim());
}

/**
 * Undoes whatever a fault left behind: removes the network fault rules, starts every control-plane
 * component that is down (in dependency order) and waits until the API server answers again.
 */
export async function restoreCluster(): Promise<void> {
  await clearNetworkFaults();
  for (const name of CONTROL_PLANE) {
    if (!(await isRunning(name))) await component("start", name);
  }
  await kubectl(["get", "--raw", "/readyz"], { timeoutMs: 60_000 });
}

interface Endpoints {
  subsets?: Array<{ addresses?: Array<{ ip: string }>; ports?: Array<{ port: number }> }>;
}

/** The API server's advertise address and port, from endpoints/kubernetes. */
async function advertisedServer(): Promise<string> {
  const [subset] = (await kubectlJson<Endpoints>(["get", "endpoints", "kubernetes", "-n", "default"])).subsets ?? [];
  const ip = subset?.addresses?.[0]?.ip;
  const port = subset?.ports?.[0]?.port;
  if (!ip || !port) throw new Error("endpoints/kubernetes names no API server address");
  if (ip.startsWith("127.")) throw new Error(`the API server advertises a loopback address (${ip})`);
  return `https://${ip}:${port}`;
}

/**
 * A kubeconfig like KUBECONFIG's that reaches the API server at its advertise address (the node
 * address) instead of 127.0.0.1, so a client using it is not cut off by a loopback partition.
 */
export async function kubeconfigViaAdvertiseAddress(dir: string): Promise<string> {
  const server = await advertisedServer();
  const config = await kubectlJson<{ clusters: Array<{ cluster: { server: string } }> }>([
    "config",
    "view",
    "--raw",
    "--minify",
  ]);
  for (const c of config.clusters) c.cluster.server = server;
  const path = join(dir, "advertise-address.kubeconfig");
  writeFileSync(path, JSON.stringify(config), { mode: 0o600 });
  return path;
}

/** Whether the API server answers /readyz at `server` (any HTTP answer counts) within `timeoutMs`. */
export function answers(server: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = https.get(new URL("/readyz", server), { rejectUnauthorized: false, timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve(false));
  });
}

/** Local ports of the established TCP connections from process `pid` to `server` (host:port). */
export function connectionPorts(pid: number, server: string): Promise<number[]> {
  const { hostname, port } = new URL(server);
  return new Promise((resolve, reject) => {
    execFile(
      "ss",
      ["-Htnp", "state", "established", `( dst ${hostname} and dport = :${port} )`],
      { encoding: "utf8" },
      (err, stdout) => {
        if (err) return reject(new Error(`ss failed: ${err.message}`));
        const ports = stdout
          .split("\n")
          .filter((line) => line.includes(`pid=${pid},`))
          .map((line) => Number(/^\S+\s+\S+\s+\S+:(\d+)\s/.exec(line.trim())?.[1]))
          .filter((p) => Number.isInteger(p) && p > 0);
        resolve(ports);
      },
    );
  });
}
