/**
 * The cluster's DNS, seen from inside a Pod as an app sees it: the nameserver is the kube-dns
 * Service, Service names resolve (fully qualified, by the search path, and back from a ClusterIP),
 * and a name outside the cluster gets an error answer rather than an address: the cluster's DNS
 * forwards nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apply, createNamespace, deleteNamespace, kubectl, requireCluster } from "../support/kubectl.js";
import { BUSYBOX } from "./support/apps.js";

let ns: string;
const POD = "dns-client";

const inPod = (...cmd: string[]) => kubectl(["exec", "-n", ns, POD, "--", ...cmd]);

/**
 * busybox nslookup: its output, and whether it found an answer (exit 0). A name is asked for its A
 * record only (busybox would also ask for AAAA along the whole search path, and fail on the
 * IPv4-only cluster); an IP address is looked up by its PTR record.
 */
async function lookup(name: string): Promise<{ ok: boolean; out: string }> {
  const type = /^[\d.]+$/.test(name) ? [] : ["-type=a"];
  try {
    return { ok: true, out: await inPod("nslookup", ...type, name) };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return { ok: false, out: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

const clusterIP = async (namespace: string, name: string) =>
  (await kubectl(["get", "service", name, "-n", namespace, "-o", "jsonpath={.spec.clusterIP}"])).trim();

beforeAll(async () => {
  await requireCluster();
  ns = await createNamespace("e2e-dns");
  await apply(
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "probe-target" },
      spec: { selector: { app: "nothing" }, ports: [{ port: 80 }] },
    },
    ns,
  );
  await apply(
    {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: POD },
      spec: {
        terminationGracePeriodSeconds: 1,
        containers: [
          {
            name: "client",
            image: BUSYBOX,
            imagePullPolicy: "IfNotPresent",
            command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"],
          },
        ],
      },
    },
    ns,
  );
  await kubectl(["wait", "--for=condition=Ready", `pod/${POD}`, "-n", ns, "--timeout=120s"]);
});

afterAll(async () => {
  if (ns) await deleteNamespace(ns);
});

describe("cluster DNS, from inside a Pod", () => {
  it("uses the kube-dns Service as the Pod's nameserver, with the cluster's search path", async () => {
    const dnsIP = await clusterIP("kube-system", "kube-dns");
    const resolvConf = await inPod("cat", "/etc/resolv.conf");
    expect(resolvConf).toMatch(new RegExp(`^nameserver ${dnsIP.replaceAll(".", "\\.")}$`, "m"));
    expect(resolvConf).toMatch(
      new RegExp(`^search ${ns}\\.svc\\.cluster\\.local svc\\.cluster\\.local cluster\\.local`, "m"),
    );
  });

  it("resolves Service names: fully qualified, by the search path, and back from the ClusterIP", async () => {
    const kubernetesIP = await clusterIP("default", "kubernetes");
    const full = await lookup("kubernetes.default.svc.cluster.local");
    expect(full.ok, full.out).toBe(true);
    expect(full.out).toContain(`Address: ${kubernetesIP}`);

    const targetIP = await clusterIP(ns, "probe-target");
    // busybox asks every search domain at once and exits 1 when any of them has no such name, so
    // the answer for the first one (the Pod's own namespace) is what counts here.
    const short = await lookup("probe-target");
    expect(short.out).toContain(`Name:\tprobe-target.${ns}.svc.cluster.local\nAddress: ${targetIP}\n`);

    const reverse = await lookup(kubernetesIP);
    expect(reverse.ok, reverse.out).toBe(true);
    expect(reverse.out).toContain("kubernetes.default.svc.cluster.local");
  });

  it("answers a name that does not exist in the cluster with NXDOMAIN", async () => {
    const missing = await lookup(`no-such-service.${ns}.svc.cluster.local`);
    expect(missing.ok).toBe(false);
    expect(missing.out).toMatch(/NXDOMAIN/);
  });

  it("does not resolve a name outside the cluster: an error answer, nothing forwarded", async () => {
    const outside = await lookup("example.com");
    expect(outside.ok, outside.out).toBe(false);
    // busybox prints the server as "Address:<tab>IP:53" and each answer as "Address: IP".
    expect(outside.out).not.toMatch(/^Address: /m);
    expect(outside.out).toMatch(/REFUSED|NXDOMAIN/);
  });
});
