// The metrics server on loopback: HTTPS with the scrape filter in front of /metrics (a scripted
// reviewer), the self-signed certificate made at start, a certificate directory read again when it
// changes, and plain HTTP when not secure.
import { X509Certificate } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import https from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TLSSocket } from "node:tls";
import { Registry, Counter } from "prom-client";
import { afterEach, describe, expect, it } from "vitest";
import { startMetricsServer, type MetricsServer } from "../../../../src/controller/serving/metrics-server.js";
import { ScrapeAuthorizer, type Reviewer } from "../../../../src/controller/serving/scrape-auth.js";
import { selfSignedCertificate } from "../../../../src/controller/serving/self-signed.js";
import { CERT_POLL_MS } from "../../../../src/controller/serving/serving-cert.js";
import { ManualClock } from "../../../support/manual-clock.js";

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function registry(): Registry {
  const r = new Registry();
  new Counter({ name: "scrapes_seen_total", help: "test", registers: [r] }).inc(3);
  return r;
}

const reviewer: Reviewer = {
  tokenReview: (token) =>
    Promise.resolve(
      token === "reader" || token === "other"
        ? { authenticated: true, user: { username: token } }
        : { authenticated: false },
    ),
  subjectAccessReview: (user, { path, verb }) =>
    Promise.resolve({ allowed: user.username === "reader" && path === "/metrics" && verb === "get" }),
};

interface Answer {
  code: number;
  body: string;
  cert: X509Certificate;
}

/** One HTTPS request on a new connection; `ca` verifies the server, else verification is skipped. */
function get(port: number, path: string, token?: string, ca?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = https.get(
      {
        host: "127.0.0.1",
        port,
        path,
        agent: false,
        servername: "localhost",
        ...(ca ? { ca } : { rejectUnauthorized: false }),
        headers: token ? { authorization: `Bearer ${token}` } : {},
      },
      (res) => {
        const cert = new X509Certificate((res.socket as TLSSocket).getPeerCertificate().raw);
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => resolve({ code: res.statusCode ?? 0, body, cert }));
      },
    );
    req.on("error", reject);
  });
}

let server: MetricsServer | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe("the metrics server, secure", () => {
  const start = (clock = new ManualClock(), certDir?: string) =>
    startMetricsServer({
      address: "127.0.0.1:0",
      registry: registry(),
      log: silent,
      secure: { authorizer: new ScrapeAuthorizer(reviewer, clock), clock, ...(certDir && { certDir }) },
    });

  it("answers 401 without a token, 403 to a user not allowed, and the metrics to one allowed", async () => {
    server = await start();
    expect(server.secure).toBe(true);
    const none = await get(server.port, "/metrics");
    expect([none.code, none.body]).toEqual([401, "Unauthorized\n"]);
    const other = await get(server.port, "/metrics", "other");
    expect([other.code, other.body]).toEqual([403, "Authorization denied for user other\n"]);
    const reader = await get(server.port, "/metrics", "reader");
    expect(reader.code).toBe(200);
    expect(reader.body).toMatch(/^scrapes_seen_total 3$/m);
    expect((await get(server.port, "/healthz", "reader")).code).toBe(404);
  });

  it("serves a self-signed certificate made at start, valid now, for localhost", async () => {
    server = await start();
    const { cert } = await get(server.port, "/metrics");
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.ca).toBe(false);
    expect(cert.checkHost("localhost")).toBe("localhost");
    expect(cert.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(new Date(cert.validFrom).getTime()).toBeLessThan(Date.now());
    expect(new Date(cert.validTo).getTime()).toBeGreaterThan(Date.now() + 300 * 86_400_000);
  });

  it("serves tls.crt and tls.key of the certificate directory, and a renewed pair once it is read again", async () => {
    dir = mkdtempSync(join(tmpdir(), "metrics-cert-"));
    const write = (c: { cert: string; key: string }) => {
      writeFileSync(join(dir!, "tls.crt"), c.cert);
      writeFileSync(join(dir!, "tls.key"), c.key);
    };
    const make = (commonName: string) =>
      selfSignedCertificate({ commonName, hosts: ["localhost"], now: new Date(), validityDays: 1 });
    const first = make("first");
    write(first);
    const clock = new ManualClock();
    server = await start(clock, dir);
    // Verified against the directory's certificate itself.
    const one = await get(server.port, "/metrics", "reader", first.cert);
    expect([one.code, one.cert.subject]).toEqual([200, "CN=first"]);

    const second = make("second");
    write(second);
    expect((await get(server.port, "/metrics", "reader")).cert.subject).toBe("CN=first");
    clock.advance(CERT_POLL_MS);
    const two = await get(server.port, "/metrics", "reader", second.cert);
    expect([two.code, two.cert.subject]).toEqual([200, "CN=second"]);
  });

  it("refuses to start when the certificate directory lacks a file, naming it", async () => {
    dir = mkdtempSync(join(tmpdir(), "metrics-cert-"));
    await expect(start(new ManualClock(), dir)).rejects.toThrow(/--metrics-cert-dir .*: cannot read tls\.crt/);
  });
});

describe("the metrics server, not secure", () => {
  it("serves the metrics over plain HTTP without asking for credentials", async () => {
    server = await startMetricsServer({ address: "127.0.0.1:0", registry: registry(), log: silent });
    expect(server.secure).toBe(false);
    const res = await fetch(`http://127.0.0.1:${server.port}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^scrapes_seen_total 3$/m);
  });
});
