// What each kind of credential in a kubeconfig adds to a request (TLS options and headers), the
// re-reading of token files as they rotate (on an injected clock), and the credentials left to
// client-node, imported only when asked: an exec plugin really runs.
import { chmodSync } from "node:fs";
import type https from "node:https";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DelegatedAccess } from "../../../src/controller/kube/delegated-access.js";
import { loadKubeConfig, type KubeConfigLike } from "../../../src/controller/kube/kubeconfig.js";
import { FILE_REREAD_MS, NativeAccess } from "../../../src/controller/kube/native-access.js";
import { ManualClock } from "../../support/manual-clock.js";
import { TempFiles } from "./kubeconfig-files.js";

async function applied(kc: KubeConfigLike): Promise<https.RequestOptions> {
  const opts: https.RequestOptions = { headers: { Accept: "application/json" } };
  await kc.applyToHTTPSOptions(opts);
  return opts;
}

const b64 = (s: string): string => Buffer.from(s).toString("base64");
/** The TLS material set, as text. */
const tls = (o: https.RequestOptions) => [o.ca, o.cert, o.key].map((b) => (b as Buffer | undefined)?.toString());

describe("credentials we serve ourselves", () => {
  let files: TempFiles;
  beforeEach(() => (files = new TempFiles()));
  afterEach(() => files.remove());

  const load = (cluster: Record<string, unknown>, user: Record<string, unknown> = {}): KubeConfigLike => {
    const kc = loadKubeConfig(files.simple(`config-${Math.random()}`, cluster, user));
    expect(kc).toBeInstanceOf(NativeAccess);
    return kc;
  };

  it("CA and client certificate from data, with no Authorization header", async () => {
    const opts = await applied(
      load(
        { server: "https://k:6443", "certificate-authority-data": b64("CA") },
        { "client-certificate-data": b64("CERT"), "client-key-data": b64("KEY") },
      ),
    );
    expect(tls(opts)).toEqual(["CA", "CERT", "KEY"]);
    expect(opts.headers).toEqual({ Accept: "application/json" });
    expect(opts.rejectUnauthorized).toBeUndefined();
    expect(opts.agent).toBeUndefined();
  });

  it("CA and client certificate from files", async () => {
    const [ca, cert, key] = [files.write("ca", "CA"), files.write("crt", "CERT"), files.write("key", "KEY")];
    const opts = await applied(
      load({ server: "https://k", "certificate-authority": ca }, { "client-certificate": cert, "client-key": key }),
    );
    expect(tls(opts)).toEqual(["CA", "CERT", "KEY"]);
  });

  it("a bearer token, basic auth, impersonation", async () => {
    const token = await applied(load({ server: "https://k" }, { token: "abc" }));
    expect(token.headers).toEqual({ Accept: "application/json", Authorization: "Bearer abc" });
    const basic = await applied(load({ server: "https://k" }, { username: "ann", password: "s3cret" }));
    expect(basic.headers).toMatchObject({ Authorization: `Basic ${b64("ann:s3cret")}` });
    const as = await applied(load({ server: "https://k" }, { token: "abc", as: "bob", "as-groups": ["g1", "g2"] }));
    expect(as.headers).toMatchObject({ "Impersonate-User": "bob", "Impersonate-Group": ["g1", "g2"] });
  });

  it("insecure-skip-tls-verify, tls-server-name, and plain http without TLS options", async () => {
    const insecure = await applied(load({ server: "https://k", "insecure-skip-tls-verify": true }));
    expect(insecure.rejectUnauthorized).toBe(false);
    expect(insecure.ca).toBeUndefined();
    const named = await applied(load({ server: "https://10.0.0.1", "tls-server-name": "api.example" }));
    expect(named.servername).toBe("api.example");
    const plain = await applied(load({ server: "http://[::1]:8080", "certificate-authority-data": b64("CA") }));
    expect(plain.ca).toBeUndefined();
  });

  it("refuses what kubectl refuses: a token with basic auth, a CA with insecure, a server that is not http(s)", () => {
    expect(() => load({ server: "https://k" }, { token: "t", username: "u", password: "p" })).toThrow(/not both/);
    expect(() =>
      load({ server: "https://k", "insecure-skip-tls-verify": true, "certificate-authority-data": "QQ==" }),
    ).toThrow(/insecure-skip-tls-verify: choose one/);
    expect(() => load({ server: "k:6443" })).toThrow(/server "k:6443" is not an http\(s\) URL/);
  });

  it("reads a token file again once it is FILE_REREAD_MS old, and keeps the last token if it vanishes", async () => {
    const clock = new ManualClock();
    const token = files.write("token", "first\n");
    const kc = loadKubeConfig(files.simple("config", { server: "https://k" }, { tokenFile: token, token: "inline" }), {
      clock,
    });
    const bearer = async () => (await applied(kc)).headers as Record<string, string>;
    expect((await bearer()).Authorization).toBe("Bearer first"); // the file wins over the inline token
    files.write("token", "second\n");
    clock.advance(FILE_REREAD_MS - 1);
    expect((await bearer()).Authorization).toBe("Bearer first");
    clock.advance(1);
    expect((await bearer()).Authorization).toBe("Bearer second");
    files.remove();
    clock.advance(FILE_REREAD_MS);
    expect((await bearer()).Authorization).toBe("Bearer second");
  });
});

describe("credentials left to client-node", () => {
  let files: TempFiles;
  beforeEach(() => (files = new TempFiles()));
  afterEach(() => files.remove());

  it("an exec plugin: client-node runs it and its token is sent", async () => {
    const credential = {
      apiVersion: "client.authentication.k8s.io/v1",
      kind: "ExecCredential",
      status: { token: "from-exec" },
    };
    const script = files.write(
      "bin/plugin.mjs",
      `process.stdout.write(${JSON.stringify(JSON.stringify(credential))});`,
    );
    const exec = { apiVersion: "client.authentication.k8s.io/v1", command: process.execPath, args: [script] };
    const kc = loadKubeConfig(
      files.simple("config", { server: "https://k", "certificate-authority-data": b64("CA") }, { exec }),
    );
    expect(kc).toBeInstanceOf(DelegatedAccess);
    const opts = await applied(kc);
    expect(opts.headers).toMatchObject({ Authorization: "Bearer from-exec" });
    expect(opts.ca?.toString()).toBe("CA");
  });

  it("a relative exec command with a separator is resolved against the kubeconfig's directory", async () => {
    const credential = {
      apiVersion: "client.authentication.k8s.io/v1",
      kind: "ExecCredential",
      status: { token: "rel" },
    };
    const body = `#!${process.execPath}\nprocess.stdout.write(${JSON.stringify(JSON.stringify(credential))});\n`;
    chmodSync(files.write("conf/bin/plugin", body), 0o755);
    const exec = { apiVersion: "client.authentication.k8s.io/v1", command: "./bin/plugin" };
    const kc = loadKubeConfig(files.simple("conf/config", { server: "https://k" }, { exec }));
    expect((await applied(kc)).headers).toMatchObject({ Authorization: "Bearer rel" });
  });

  it("a proxy-url: the endpoint names the proxy and client-node sets its proxy agent", async () => {
    const kc = loadKubeConfig(
      files.simple("config", { server: "https://k", "proxy-url": "http://127.0.0.1:3128" }, { token: "t" }),
    );
    expect(kc).toBeInstanceOf(DelegatedAccess);
    expect(kc.getCurrentCluster()).toEqual({ server: "https://k", proxyUrl: "http://127.0.0.1:3128" });
    const opts = await applied(kc);
    expect(opts.agent?.constructor.name).toBe("HttpsProxyAgent");
    expect(opts.headers).toMatchObject({ Authorization: "Bearer t" });
  });
});
