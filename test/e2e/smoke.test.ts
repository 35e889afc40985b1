/**
 * Smoke test of the cluster the e2e tests run against (KUBECONFIG): a multi-container Pod with a
 * native sidecar runs, its containers share the sandbox's network, IPC and UTS namespaces but not
 * mount and PID, talk over localhost and through a shared volume, and logs/exec work.
 * No cluster means failure, never a skip.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  apply,
  createNamespace,
  deleteNamespace,
  kubectl,
  kubectlJson,
  requireCluster,
  waitFor,
} from "../support/kubectl.js";

const IMAGE = "docker.io/library/busybox:1.35";
const POD = "smoke";
const PROBE_POD = "smoke-nsprobe";
const PORT = 8080;
const NAMESPACES = ["net", "ipc", "uts", "mnt", "pid"] as const;

interface ContainerStatus {
  name: string;
  containerID?: string;
  ready: boolean;
  started?: boolean;
  state: { running?: { startedAt: string } };
}
interface PodJson {
  metadata: { uid: string };
  spec: { nodeName?: string };
  status: {
    phase: string;
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
  };
}

const container = (name: string, script: string, extra: Record<string, unknown> = {}) => ({
  name,
  image: IMAGE,
  imagePullPolicy: "IfNotPresent",
  command: ["sh", "-c", script],
  volumeMounts: [{ name: "shared", mountPath: "/shared" }],
  ...extra,
});

// web serves /shared/www; writer rewrites /shared/www/tick.txt every second; the native sidecar
// (an init container with restartPolicy Always) only counts as started once its marker exists,
// so the kubelet must not start web/writer before that - web records whether it saw the marker.
const smokePod = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: POD, labels: { app: POD } },
  spec: {
    terminationGracePeriodSeconds: 1,
    volumes: [{ name: "shared", emptyDir: {} }],
    initContainers: [
      container("sidecar", "echo 'sidecar: started'; touch /shared/sidecar-ready; exec sleep 3600", {
        restartPolicy: "Always",
        startupProbe: { exec: { command: ["test", "-f", "/shared/sidecar-ready"] }, periodSeconds: 1 },
      }),
    ],
    containers: [
      container(
        "web",
        "mkdir -p /shared/www; if [ -f /shared/sidecar-ready ]; then echo yes > /shared/web-saw-sidecar; fi; " +
          `echo 'web: serving /shared/www on :${PORT}'; exec httpd -f -v -p ${PORT} -h /shared/www`,
      ),
      container(
        "writer",
        "mkdir -p /shared/www; i=0; while true; do i=$((i+1)); " +
          'echo "tick $i" > /shared/www/tick.tmp && mv /shared/www/tick.tmp /shared/www/tick.txt; ' +
          'echo "writer: wrote tick $i"; sleep 1; done',
      ),
    ],
  },
};

// A hostPID pod on the same node sees every process of the node.
const probePod = (nodeName?: string) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: PROBE_POD },
  spec: {
    nodeName,
    hostPID: true,
    terminationGracePeriodSeconds: 1,
    containers: [
      {
        name: "probe",
        image: IMAGE,
        imagePullPolicy: "IfNotPresent",
        command: ["sleep", "3600"],
        // reading another user's /proc/<pid>/ns/* (pause runs as 65535) needs CAP_SYS_PTRACE
        securityContext: { capabilities: { add: ["SYS_PTRACE"] } },
      },
    ],
  },
});

/**
 * Shell script for the probe pod: prints "<who> <namespace> <link>" for the pod's sandbox process
 * and for one process of each container. The sandbox process is the /pause process in the pod's
 * cgroup (the pod UID is in the path: "pod<uid>" with the cgroupfs driver, "pod<uid with _>" with
 * systemd); a container's processes are in a cgroup named after its container ID.
 */
function nodeSideScript(pod: PodJson): string {
  const uid = pod.metadata.uid;
  const statuses = [...(pod.status.containerStatuses ?? []), ...(pod.status.initContainerStatuses ?? [])];
  const ids = statuses.map((c) => `${c.name}=${(c.containerID ?? "").replace(/^[a-z]+:\/\//, "")}`).join(" ");
  return `
    nsl() { for n in ${NAMESPACES.join(" ")}; do echo "$1 $n $(readlink /proc/$2/ns/$n)"; done; }
    for p in $(ls /proc | grep -E '^[0-9]+$' | sort -n); do
      cg=$(cat /proc/$p/cgroup 2>/dev/null) || continue
      case "$cg" in *pod${uid}*|*pod${uid.replaceAll("-", "_")}*) ;; *) continue ;; esac
      if [ "$(tr '\\0' ' ' < /proc/$p/cmdline)" = "/pause " ]; then nsl pause $p; fi
      for c in ${ids}; do
        case "$cg" in *\${c#*=}*) [ -e /tmp/seen-\${c%%=*} ] || { touch /tmp/seen-\${c%%=*}; nsl \${c%%=*} $p; } ;; esac
      done
    done
    rm -f /tmp/seen-*`;
}

function parseLinks(out: string): Record<string, Record<string, string>> {
  const links: Record<string, Record<string, string>> = {};
  for (const [who, n, link] of out
    .trim()
    .split("\n")
    .map((l) => l.split(" "))) {
    if (who && n && link) (links[who] ??= {})[n] = link;
  }
  return links;
}

let ns = "";
const k = (...args: string[]) => kubectl(["--namespace", ns, ...args]);
const execIn = (containerName: string, script: string) => k("exec", POD, "-c", containerName, "--", "sh", "-c", script);
const tickOf = (body: string) => Number(/^tick (\d+)$/m.exec(body)?.[1] ?? NaN);

describe("smoke: multi-container Pod with a native sidecar", () => {
  // A failed setup (no KUBECONFIG, cluster unreachable, Pod not Ready) fails every test with
  // the setup error instead of letting them be reported as skipped.
  let setupError: Error | undefined;
  beforeAll(async () => {
    try {
      await requireCluster();
      ns = await createNamespace("smoke");
      await apply(smokePod, ns);
      await k("wait", "--for=condition=Ready", `pod/${POD}`, "--timeout=120s");
    } catch (e) {
      setupError = e instanceof Error ? e : new Error(String(e));
      // best effort: what the Pod was doing, for the failure message
      const described = ns ? await k("describe", "pod", POD).catch(() => "") : "";
      if (described) setupError.message += `\n--- kubectl describe pod ${POD} ---\n${described}`;
    }
  });
  beforeEach(() => {
    if (setupError) throw setupError;
  });

  afterAll(async () => {
    if (ns) await deleteNamespace(ns);
  });

  it("runs every container and the sidecar", async () => {
    const pod = await kubectlJson<PodJson>(["--namespace", ns, "get", "pod", POD]);
    expect(pod.status.phase).toBe("Running");
    const main = pod.status.containerStatuses ?? [];
    expect(main.map((c) => c.name).sort()).toEqual(["web", "writer"]);
    for (const c of main) expect(c.ready && c.state.running, c.name).toBeTruthy();
    const [sidecar] = pod.status.initContainerStatuses ?? [];
    expect(sidecar?.name).toBe("sidecar");
    expect(sidecar?.started && sidecar.state.running).toBeTruthy();
  });

  it("started the native sidecar before the main containers", async () => {
    expect((await execIn("web", "cat /shared/web-saw-sidecar")).trim()).toBe("yes");
    const pod = await kubectlJson<PodJson>(["--namespace", ns, "get", "pod", POD]);
    const startedAt = (c?: ContainerStatus) => Date.parse(c?.state.running?.startedAt ?? "");
    const sidecarStart = startedAt(pod.status.initContainerStatuses?.[0]);
    for (const c of pod.status.containerStatuses ?? []) expect(startedAt(c)).toBeGreaterThanOrEqual(sidecarStart);
  });

  it("lets one container reach the other on localhost and serves the shared file", async () => {
    const fetchTick = async () => tickOf(await execIn("writer", `wget -qO- http://127.0.0.1:${PORT}/tick.txt`));
    const first = await fetchTick();
    expect(first).toBeGreaterThanOrEqual(1);
    // the writer keeps writing: the served content changes
    const later = await waitFor(
      "a newer tick",
      async () => {
        const t = await fetchTick();
        return t > first ? t : undefined;
      },
      10_000,
    );
    expect(later).toBeGreaterThan(first);
    // and the sidecar (a third container) reaches web on localhost as well
    expect(tickOf(await execIn("sidecar", `wget -qO- http://localhost:${PORT}/tick.txt`))).toBeGreaterThanOrEqual(1);
  });

  it("shares net, ipc and uts between the containers but not mnt and pid", async () => {
    const nsOf = async (c: string) =>
      Object.fromEntries(
        (await execIn(c, `for n in ${NAMESPACES.join(" ")}; do echo "$n $(readlink /proc/1/ns/$n)"; done`))
          .trim()
          .split("\n")
          .map((l) => l.split(" ") as [string, string]),
      );
    const [web, writer, sidecar] = await Promise.all([nsOf("web"), nsOf("writer"), nsOf("sidecar")]);
    for (const n of ["net", "ipc", "uts"]) {
      expect(web[n], n).toMatch(/^\w+:\[\d+\]$/);
      expect(writer[n], n).toBe(web[n]);
      expect(sidecar[n], n).toBe(web[n]);
    }
    for (const n of ["mnt", "pid"]) {
      expect(new Set([web[n], writer[n], sidecar[n]]).size, n).toBe(3);
    }
  });

  it("shares net, ipc and uts with the pod's pause (sandbox) process, seen from the node", async () => {
    const pod = await kubectlJson<PodJson>(["--namespace", ns, "get", "pod", POD]);
    await apply(probePod(pod.spec.nodeName), ns);
    await k("wait", "--for=condition=Ready", `pod/${PROBE_POD}`, "--timeout=60s");
    const out = await k("exec", PROBE_POD, "--", "sh", "-c", nodeSideScript(pod));
    const links = parseLinks(out);
    expect(Object.keys(links).sort(), out).toEqual(["pause", "sidecar", "web", "writer"]);
    for (const c of ["web", "writer", "sidecar"]) {
      for (const n of ["net", "ipc", "uts"]) expect(links[c]![n], `${c} ${n}`).toBe(links.pause![n]);
      for (const n of ["mnt", "pid"]) expect(links[c]![n], `${c} ${n}`).not.toBe(links.pause![n]);
    }
    await k("delete", "pod", PROBE_POD, "--wait=false");
  });

  it("serves kubectl logs", async () => {
    expect(await k("logs", POD, "-c", "sidecar")).toContain("sidecar: started");
    expect(await k("logs", POD, "-c", "web")).toContain(`web: serving /shared/www on :${PORT}`);
    expect(await k("logs", POD, "-c", "writer", "--tail=5")).toMatch(/writer: wrote tick \d+/);
  });

  it("serves kubectl exec, with stdin and exit codes", async () => {
    expect((await execIn("web", "echo $((6 * 7))")).trim()).toBe("42");
    const echoed = await kubectl(["--namespace", ns, "exec", "-i", POD, "-c", "writer", "--", "cat"], {
      input: "ping over stdin\n",
    });
    expect(echoed).toBe("ping over stdin\n");
    await expect(execIn("web", "exit 3")).rejects.toMatchObject({ exitCode: 3 });
  });
});
