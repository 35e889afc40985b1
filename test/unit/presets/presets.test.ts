// The httpProxy and configReloader presets: the containers they build, and the proxy's handler run
// by a POSIX shell with a stand-in `nc` that answers with what it was asked (no network).
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { configReloader } from "../../../src/presets/config-reloader.js";
import { httpProxy } from "../../../src/presets/http-proxy.js";

const proxy = httpProxy.build(
  httpProxy.params.parse({
    listenPort: 8081,
    routes: [
      { path: "/", upstream: "http://web.shop.svc" },
      { path: "/api", upstream: "http://orders.shop.svc:8080/v2" },
      { path: "/api/admin", upstream: "http://10.0.0.7:9000" },
      { path: "/static", upstream: "http://cdn:80/" },
    ],
  }),
  "busybox",
);

/** The handler script: what `nc -ll -p PORT -e sh -c HANDLER` runs per connection. */
const handler = (() => {
  const m = /-e sh -c '((?:[^']|'\\'')*)'/.exec(proxy.command![2]!);
  return m![1]!.replaceAll(`'\\''`, "'");
})();

// A stand-in for busybox nc: answers with its arguments and the request it read.
const dir = mkdtempSync(join(tmpdir(), "http-proxy-"));
writeFileSync(join(dir, "nc"), `#!/bin/sh\nprintf 'HTTP/1.0 200 OK\\r\\n\\r\\nnc %s\\n' "$*"\ncat\n`);
chmodSync(join(dir, "nc"), 0o755);
// One that cannot connect, as busybox nc exits when the upstream refuses.
const refusing = mkdtempSync(join(tmpdir(), "http-proxy-refused-"));
writeFileSync(join(refusing, "nc"), "#!/bin/sh\ncat >/dev/null\nexit 1\n");
chmodSync(join(refusing, "nc"), 0o755);
afterAll(() => [dir, refusing].forEach((d) => rmSync(d, { recursive: true, force: true })));

function request(text: string): { out: string; log: string } {
  const run = spawnSync("sh", ["-c", handler], {
    input: text.replaceAll("\n", "\r\n"),
    env: { PATH: `${dir}:${process.env.PATH}` },
    encoding: "utf8",
  });
  return { out: run.stdout.replaceAll("\r\n", "\n"), log: run.stderr };
}

describe("httpProxy", () => {
  it("listens on listenPort, probes readiness on the path it answers itself, and runs as a restricted helper", () => {
    expect(proxy.command?.slice(0, 2)).toEqual(["sh", "-c"]);
    expect(proxy.command?.[2]).toContain("nc -ll -p 8081 -e sh -c ");
    expect(proxy.ports).toEqual([{ name: "http-proxy", containerPort: 8081, protocol: "TCP" }]);
    expect(proxy.readinessProbe).toEqual({
      httpGet: { path: "/-/ready", port: 8081 },
      periodSeconds: 5,
      failureThreshold: 2,
    });
    expect(proxy.startupProbe?.tcpSocket?.port).toBe(8081);
    expect(proxy.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true });
  });

  it("answers its readiness path itself", () => {
    expect(request("GET /-/ready HTTP/1.1\nHost: x\n\n").out).toBe(
      "HTTP/1.1 200 OK\nContent-Type: text/plain\nContent-Length: 3\nConnection: close\n\nok\n",
    );
  });

  it.each([
    ["/x/y?q=1", "nc -w 5 web.shop.svc 80", "GET /x/y?q=1 HTTP/1.1", "Host: web.shop.svc"],
    ["/api", "nc -w 5 orders.shop.svc 8080", "GET /v2 HTTP/1.1", "Host: orders.shop.svc:8080"],
    [
      "/api/orders/7?full",
      "nc -w 5 orders.shop.svc 8080",
      "GET /v2/orders/7?full HTTP/1.1",
      "Host: orders.shop.svc:8080",
    ],
    ["/apix", "nc -w 5 web.shop.svc 80", "GET /apix HTTP/1.1", "Host: web.shop.svc"],
    ["/api/admin/users", "nc -w 5 10.0.0.7 9000", "GET /api/admin/users HTTP/1.1", "Host: 10.0.0.7:9000"],
    ["/static/app.js", "nc -w 5 cdn 80", "GET /app.js HTTP/1.1", "Host: cdn:80"],
    ["/static", "nc -w 5 cdn 80", "GET / HTTP/1.1", "Host: cdn:80"],
  ])("sends %s to the longest matching route: %s, %s", (target, nc, line, host) => {
    const { out, log } = request(`GET ${target} HTTP/1.1\nHost: proxy\nAccept: */*\nConnection: keep-alive\n\n`);
    expect(out).toBe(`HTTP/1.0 200 OK\n\n${nc}\n${line}\n${host}\nAccept: */*\nConnection: close\n\n`);
    expect(log).toContain(`GET ${target.split("?")[0]} -> http://`);
  });

  it("forwards a request body of Content-Length bytes", () => {
    const { out } = request("POST /api/orders HTTP/1.1\nHost: p\nContent-Length: 7\n\na=1&b=2");
    expect(out).toContain(
      "POST /v2/orders HTTP/1.1\nHost: orders.shop.svc:8080\nContent-Length: 7\nConnection: close\n\na=1&b=2",
    );
  });

  it("refuses chunked request bodies with 411", () => {
    expect(request("POST /api HTTP/1.1\nTransfer-Encoding: chunked\n\n").out).toMatch(
      /^HTTP\/1.1 411 Length Required\n/,
    );
  });

  it("answers 404 when no route matches and 502 when the upstream does not answer", () => {
    const only = httpProxy.build(
      httpProxy.params.parse({ listenPort: 8081, routes: [{ path: "/api", upstream: "http://127.0.0.1:9" }] }),
      "busybox",
    );
    const script = /-e sh -c '((?:[^']|'\\'')*)'/.exec(only.command![2]!)![1]!.replaceAll(`'\\''`, "'");
    const run = (env: NodeJS.ProcessEnv) =>
      spawnSync("sh", ["-c", script], { input: "GET /api/x HTTP/1.1\r\n\r\n", env, encoding: "utf8" }).stdout;
    expect(spawnSync("sh", ["-c", script], { input: "GET /other HTTP/1.1\r\n\r\n", encoding: "utf8" }).stdout).toMatch(
      /^HTTP\/1.1 404 Not Found\r\n[^]*no route for \/other\n$/,
    );
    expect(run({ PATH: `${refusing}:${process.env.PATH}` })).toMatch(
      /^HTTP\/1.1 502 Bad Gateway\r\n[^]*upstream 127.0.0.1:9 did not answer\n$/,
    );
  });

  it("rejects routes that are not http URLs, paths with a trailing slash, and two routes for one path", () => {
    const errors = (routes: unknown) =>
      httpProxy.params
        .safeParse({ listenPort: 1, routes })
        .error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(errors([{ path: "/a", upstream: "https://x" }])).toEqual([
      "routes.0.upstream: must be http://host[:port][/path], for example http://orders.shop.svc:8080",
    ]);
    expect(errors([{ path: "/a/", upstream: "http://x" }])?.[0]).toMatch(/^routes.0.path: path must be \//);
    expect(
      errors([
        { path: "/a", upstream: "http://x" },
        { path: "/a", upstream: "http://y" },
      ]),
    ).toEqual(["routes.1.path: path /a has more than one route"]);
  });
});

describe("configReloader", () => {
  const reloader = configReloader.build(
    configReloader.params.parse({ volume: "config", url: "http://localhost:8080/-/reload", intervalSeconds: 2 }),
    "busybox",
  );

  it("mounts the watched volume read-only and POSTs to the reload URL when a checksum of its files changes", () => {
    expect(reloader.volumeMounts).toEqual([{ name: "config", mountPath: "/etc/config", readOnly: true }]);
    const script = reloader.command![2]!;
    expect(script).toContain("dir='/etc/config' url='http://localhost:8080/-/reload'");
    expect(script).toContain(
      `find -L "$dir" -path "$dir/..*" -prune -o -type f -print | sort | xargs -r md5sum | md5sum`,
    );
    expect(script).toContain("while sleep 2; do");
    expect(script).toContain(`if timeout 10 wget -q -O /dev/null --post-data '' "$url"; then`);
    expect(reloader.ports).toBeUndefined();
    expect(reloader.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true });
  });
});
