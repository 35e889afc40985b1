// Which kubeconfig the operator loads and what it makes of it: an explicit file, the $KUBECONFIG list
// merged as kubectl merges it, ~/.kube/config, the in-cluster service account; relative paths; and
// errors that name the file and what is wrong.
import type https from "node:https";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadKubeConfig, type KubeConfigLike } from "../../../src/controller/kube/kubeconfig.js";
import { TempFiles } from "./kubeconfig-files.js";

async function applied(kc: KubeConfigLike): Promise<https.RequestOptions> {
  const opts: https.RequestOptions = { headers: {} };
  await kc.applyToHTTPSOptions(opts);
  return opts;
}

describe("loadKubeConfig", () => {
  let files: TempFiles;
  beforeEach(() => (files = new TempFiles()));
  afterEach(() => files.remove());

  it("reads an explicit file first", () => {
    const env = { KUBECONFIG: files.simple("env", { server: "https://127.0.0.1:1111" }) };
    const kc = loadKubeConfig(files.simple("explicit", { server: "https://127.0.0.1:2222" }), { env });
    expect(kc.getCurrentCluster()?.server).toBe("https://127.0.0.1:2222");
  });

  it("reads KUBECONFIG without an explicit file, then ~/.kube/config", () => {
    files.simple(".kube/config", { server: "https://127.0.0.1:3333" });
    const env = { KUBECONFIG: files.simple("env", { server: "https://127.0.0.1:1111" }), HOME: files.dir };
    expect(loadKubeConfig(undefined, { env }).getCurrentCluster()?.server).toBe("https://127.0.0.1:1111");
    const homeOnly = loadKubeConfig(undefined, { env: { HOME: files.dir, KUBERNETES_SERVICE_HOST: "10.0.0.1" } });
    expect(homeOnly.getCurrentCluster()?.server).toBe("https://127.0.0.1:3333");
  });

  it("merges the KUBECONFIG list as kubectl does: first definition and first current-context win", async () => {
    const first = files.config("first", {
      clusters: { shared: { server: "https://127.0.0.1:1111", "insecure-skip-tls-verify": true } },
      contexts: { mine: { cluster: "shared", user: "me" } },
      current: "mine",
    });
    const second = files.config("second", {
      clusters: { shared: { server: "https://127.0.0.1:2222" } },
      users: { me: { token: "from-second" } },
      contexts: { theirs: { cluster: "shared", user: "me" } },
      current: "theirs",
    });
    const missing = join(files.dir, "absent");
    const kc = loadKubeConfig(undefined, { env: { KUBECONFIG: [first, missing, second].join(":") } });
    expect(kc.getCurrentCluster()?.server).toBe("https://127.0.0.1:1111");
    const opts = await applied(kc);
    expect(opts.rejectUnauthorized).toBe(false);
    expect(opts.headers).toMatchObject({ Authorization: "Bearer from-second" });
  });

  it("resolves relative paths against the directory of the file that names them", async () => {
    files.write("conf/certs/ca.crt", "the CA");
    files.write("conf/token", "relative-token\n");
    const file = files.simple(
      "conf/kubeconfig",
      { server: "https://k:6443", "certificate-authority": "certs/ca.crt" },
      {
        tokenFile: "token",
      },
    );
    const opts = await applied(loadKubeConfig(file));
    expect(opts.ca?.toString()).toBe("the CA");
    expect(opts.headers).toMatchObject({ Authorization: "Bearer relative-token" });
  });

  it("falls back to the in-cluster service account: address, CA and token", async () => {
    files.write("sa/ca.crt", "cluster CA");
    files.write("sa/token", "sa-token");
    const serviceAccountDir = join(files.dir, "sa");
    const env = { HOME: files.dir, KUBERNETES_SERVICE_HOST: "10.96.0.1", KUBERNETES_SERVICE_PORT: "443" };
    const kc = loadKubeConfig(undefined, { env, serviceAccountDir });
    expect(kc.getCurrentCluster()?.server).toBe("https://10.96.0.1:443");
    const opts = await applied(kc);
    expect(opts.ca?.toString()).toBe("cluster CA");
    expect(opts.headers).toMatchObject({ Authorization: "Bearer sa-token" });
    const v6 = loadKubeConfig(undefined, { env: { ...env, KUBERNETES_SERVICE_HOST: "fd00::1" }, serviceAccountDir });
    expect(v6.getCurrentCluster()?.server).toBe("https://[fd00::1]:443");
  });

  it("in a cluster without its token says which file is missing", () => {
    const env = { HOME: files.dir, KUBERNETES_SERVICE_HOST: "10.96.0.1", KUBERNETES_SERVICE_PORT: "443" };
    expect(() => loadKubeConfig(undefined, { env, serviceAccountDir: join(files.dir, "none") })).toThrow(
      `in-cluster config: certificate-authority: cannot read ${join(files.dir, "none", "ca.crt")}`,
    );
  });

  it("throws when there is nothing to load", () => {
    expect(() => loadKubeConfig(undefined, { env: { HOME: files.dir } })).toThrow(/no kubeconfig/);
    const env = { KUBECONFIG: join(files.dir, "a") + ":" + join(files.dir, "b") };
    expect(() => loadKubeConfig(undefined, { env })).toThrow(/none of the files in KUBECONFIG exists/);
  });
});

describe("loadKubeConfig errors name the file and what is wrong", () => {
  let files: TempFiles;
  beforeEach(() => (files = new TempFiles()));
  afterEach(() => files.remove());

  it("a missing file", () => {
    const file = join(files.dir, "nope");
    expect(() => loadKubeConfig(file)).toThrow(`kubeconfig ${file}: cannot read it: ENOENT`);
  });

  it("a file that is not YAML", () => {
    const file = files.write("bad", "clusters: [\n  - name: c\n   cluster: {");
    expect(() => loadKubeConfig(file)).toThrow(`kubeconfig ${file}: not valid YAML`);
  });

  it("a field of the wrong type, with its path", () => {
    const file = files.simple("typed", { server: "https://k" }, { token: 42 });
    expect(() => loadKubeConfig(file)).toThrow(new RegExp(`kubeconfig ${file}: users\\[0\\]\\.user\\.token: .*string`));
  });

  it("a context naming a cluster that is not defined", () => {
    const file = files.config("dangling", { contexts: { x: { cluster: "gone" } }, current: "x" });
    expect(() => loadKubeConfig(file)).toThrow(
      `kubeconfig ${file}: no current cluster with a server (context "x" names cluster "gone", which is not defined)`,
    );
  });

  it("no current context, an unknown one, a cluster without a server, a user not defined", () => {
    const none = files.config("none", { clusters: { c: { server: "https://k" } }, contexts: { x: { cluster: "c" } } });
    expect(() => loadKubeConfig(none)).toThrow(/no current cluster with a server \(current-context is not set\)/);
    const unknown = files.config("unknown", { contexts: { x: { cluster: "c" } }, current: "y" });
    expect(() => loadKubeConfig(unknown)).toThrow(/current-context "y" is not among the contexts/);
    const serverless = files.simple("serverless", { "insecure-skip-tls-verify": true });
    expect(() => loadKubeConfig(serverless)).toThrow(/no current cluster with a server \(cluster "c" has no server\)/);
    const userless = files.config("userless", {
      clusters: { c: { server: "https://k" } },
      contexts: { x: { cluster: "c", user: "ghost" } },
      current: "x",
    });
    expect(() => loadKubeConfig(userless)).toThrow(/context "x" names user "ghost", which is not defined/);
  });

  it("duplicate names in one file, and a certificate without its key", () => {
    const file = files.write(
      "dup",
      "clusters:\n- {name: c, cluster: {server: 'https://a'}}\n- {name: c, cluster: {server: 'https://b'}}\n",
    );
    expect(() => loadKubeConfig(file)).toThrow(`kubeconfig ${file}: clusters: duplicate name "c"`);
    const half = files.simple("half", { server: "https://k" }, { "client-certificate-data": "Y2VydA==" });
    expect(() => loadKubeConfig(half)).toThrow(/a client certificate needs its key/);
  });
});
