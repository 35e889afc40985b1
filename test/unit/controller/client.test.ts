import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError, EVENTS, LEASES, PODS, type KubeObject, type Resource } from "../../../src/controller/kube/api.js";
import { HttpApiClient, LineSplitter, queryString, resourcePath } from "../../../src/controller/kube/client.js";
import {
  FakeApiServer,
  WatchStream,
  eventually,
  fixture,
  listOf,
  pod,
  sendJson,
  sendStatus,
} from "./fake-apiserver.js";

const NODES: Resource = { group: "", version: "v1", plural: "nodes", namespaced: false };
const APPS: Resource = { group: "compositeapp.io", version: "v1alpha1", plural: "compositeapps", namespaced: true };

describe("resourcePath and queryString", () => {
  it("builds core and group paths, namespaced or across namespaces", () => {
    expect(resourcePath(PODS, "ns1")).toBe("/api/v1/namespaces/ns1/pods");
    expect(resourcePath(PODS, "")).toBe("/api/v1/pods");
    expect(resourcePath(PODS, undefined)).toBe("/api/v1/pods");
    expect(resourcePath(PODS, "ns1", "web-0")).toBe("/api/v1/namespaces/ns1/pods/web-0");
    expect(resourcePath(APPS, "ns1", "a", "status")).toBe(
      "/apis/compositeapp.io/v1alpha1/namespaces/ns1/compositeapps/a/status",
    );
    expect(resourcePath(LEASES, "kube-system", "x")).toBe(
      "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/x",
    );
    expect(resourcePath(NODES, "ignored", "n1")).toBe("/api/v1/nodes/n1");
  });

  it("refuses a namespaced object without a namespace", () => {
    expect(() => resourcePath(PODS, "", "x")).toThrow(/needs a namespace/);
  });

  it("leaves out undefined and empty values and escapes the rest", () => {
    expect(queryString({})).toBe("");
    expect(queryString({ a: undefined, b: "" })).toBe("");
    expect(queryString({ labelSelector: "a=b,c in (d)", limit: 500, watch: 1 })).toBe(
      "?labelSelector=a%3Db%2Cc+in+%28d%29&limit=500&watch=1",
    );
  });

  it("splits lines across chunks", () => {
    const lines: string[] = [];
    const s = new LineSplitter((l) => lines.push(l));
    s.push('{"a":');
    s.push('1}\n\n{"b"');
    s.push(":2}\n{");
    s.flush();
    expect(lines).toEqual(['{"a":1}', '{"b":2}', "{"]);
  });
});

describe("HttpApiClient", () => {
  let server: FakeApiServer;
  let client: HttpApiClient;
  const observed: Array<[string, string, number]> = [];
  /** rest_client_requests_total's method and host of each request. */
  const targets: string[] = [];

  beforeEach(async () => {
    server = await FakeApiServer.start();
    observed.length = 0;
    targets.length = 0;
    client = new HttpApiClient(server.kubeConfig(), {
      requestTimeoutMs: 300,
      observer: (verb, resource, code, seconds, target) => {
        expect(seconds).toBeGreaterThanOrEqual(0);
        observed.push([verb, resource, code]);
        targets.push(`${target?.method} ${target?.host}`);
      },
    });
  });

  afterEach(async () => {
    client.close();
    await server.close();
  });

  it("lists with every query parameter and returns items, resourceVersion and continue", async () => {
    server.handle((_req, res) => sendJson(res, 200, listOf([pod("a", "5")], "10", "next-page")));
    const page = await client.list(PODS, {
      namespace: "ns1",
      labelSelector: "app=x",
      fieldSelector: "status.phase=Running",
      limit: 500,
      continue: "tok",
      resourceVersion: "0",
    });
    expect(page).toEqual({ items: [pod("a", "5")], resourceVersion: "10", continue: "next-page" });
    const [req] = server.requests;
    expect(req!.path).toBe("/api/v1/namespaces/ns1/pods");
    expect(Object.fromEntries(req!.query)).toEqual({
      labelSelector: "app=x",
      fieldSelector: "status.phase=Running",
      limit: "500",
      continue: "tok",
      resourceVersion: "0",
    });
    expect(req!.headers.authorization).toBe("Bearer test-token");
    expect(req!.headers.accept).toBe("application/json");
    expect(observed).toEqual([["list", "pods", 200]]);
  });

  it("writes JSON with fieldManager, on the status subresource too, and deletes with options", async () => {
    server.handle((req, res) => {
      if (req.method === "DELETE") return sendJson(res, 200, { kind: "Status", status: "Success" });
      sendJson(res, req.method === "POST" ? 201 : 200, req.body);
    });
    const obj: KubeObject = { apiVersion: "compositeapp.io/v1alpha1", kind: "CompositeApp", metadata: { name: "a" } };
    expect(await client.create(APPS, "ns1", obj)).toEqual(obj);
    expect(await client.replace(APPS, "ns1", "a", obj)).toEqual(obj);
    expect(await client.replaceStatus(APPS, "ns1", "a", obj)).toEqual(obj);
    await client.delete(PODS, "ns1", "p", { preconditions: { uid: "u1" }, propagationPolicy: "Background" });
    await client.delete(PODS, "ns1", "q");
    const calls = server.requests.map((r) => [
      r.method,
      r.path,
      r.query.get("fieldManager"),
      r.headers["content-type"],
    ]);
    expect(calls).toEqual([
      ["POST", "/apis/compositeapp.io/v1alpha1/namespaces/ns1/compositeapps", "compositeapp", "application/json"],
      ["PUT", "/apis/compositeapp.io/v1alpha1/namespaces/ns1/compositeapps/a", "compositeapp", "application/json"],
      [
        "PUT",
        "/apis/compositeapp.io/v1alpha1/namespaces/ns1/compositeapps/a/status",
        "compositeapp",
        "application/json",
      ],
      ["DELETE", "/api/v1/namespaces/ns1/pods/p", null, "application/json"],
      ["DELETE", "/api/v1/namespaces/ns1/pods/q", null, undefined],
    ]);
    expect(server.requests[0]!.body).toEqual(obj);
    expect(server.requests[3]!.body).toEqual({
      apiVersion: "v1",
      kind: "DeleteOptions",
      preconditions: { uid: "u1" },
      propagationPolicy: "Background",
    });
    expect(observed.map(([verb, resource]) => `${verb} ${resource}`)).toEqual([
      "create compositeapps",
      "update compositeapps",
      "update compositeapps/status",
      "delete pods",
      "delete pods",
    ]);
    const host = new URL(server.url).host;
    expect(targets).toEqual(["POST", "PUT", "PUT", "DELETE", "DELETE"].map((method) => `${method} ${host}`));
  });

  it("sends a dry run as a create with dryRun=All, observed apart from the writes", async () => {
    server.handle((req, res) => sendJson(res, 201, req.body));
    await client.create(PODS, "ns1", pod("a", ""), { dryRun: true });
    await client.create(PODS, "ns1", pod("b", ""), { dryRun: false });
    expect(server.requests.map((r) => [r.method, r.path, Object.fromEntries(r.query)])).toEqual([
      ["POST", "/api/v1/namespaces/ns1/pods", { fieldManager: "compositeapp", dryRun: "All" }],
      ["POST", "/api/v1/namespaces/ns1/pods", { fieldManager: "compositeapp" }],
    ]);
    expect(observed).toEqual([
      ["create-dryrun", "pods", 201],
      ["create", "pods", 201],
    ]);
  });

  it("gets one object and the server version", async () => {
    server.handle((req, res) =>
      req.path === "/version"
        ? sendJson(res, 200, { major: "1", minor: "34", gitVersion: "v1.34.1" })
        : sendJson(res, 200, pod("a", "3", "ns1")),
    );
    expect(await client.get(PODS, "ns1", "a")).toEqual(pod("a", "3", "ns1"));
    expect(await client.serverVersion()).toEqual({ major: "1", minor: "34", gitVersion: "v1.34.1" });
    expect(server.requests.map((r) => r.path)).toEqual(["/api/v1/namespaces/ns1/pods/a", "/version"]);
    expect(observed).toEqual([
      ["get", "pods", 200],
      ["get", "version", 200],
    ]);
  });

  it("rejects with ApiError carrying code, reason, message and verb from a metav1.Status", async () => {
    server.handle((req, res) =>
      req.method === "PUT"
        ? sendStatus(res, 409, "Conflict", 'Operation cannot be fulfilled on pods "a": the object has been modified')
        : sendStatus(res, 404, "NotFound", 'pods "a" not found'),
    );
    const notFound = await client.get(PODS, "ns1", "a").catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(ApiError);
    expect(notFound).toMatchObject({ code: 404, reason: "NotFound", message: 'pods "a" not found', verb: "get" });
    const conflict = await client.replace(PODS, "ns1", "a", pod("a", "1")).catch((e: unknown) => e);
    expect(conflict).toMatchObject({ code: 409, reason: "Conflict", verb: "update" });
    expect(observed).toEqual([
      ["get", "pods", 404],
      ["update", "pods", 409],
    ]);
  });

  it("makes an ApiError from a body that is not a Status", async () => {
    server.handle((_req, res) => {
      res.writeHead(503, { "Content-Type": "text/plain" });
      res.end("upstream unavailable");
    });
    const err = await client.list(PODS, {}).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 503, reason: undefined, verb: "list" });
    expect((err as Error).message).toMatch(/HTTP 503: upstream unavailable/);
  });

  it("times out a call that gets no answer, and reports code 0", async () => {
    server.handle(() => undefined);
    const codes: number[] = [];
    const impatient = new HttpApiClient(server.kubeConfig(), {
      requestTimeoutMs: 50,
      observer: (_verb, _resource, code) => codes.push(code),
    });
    await expect(impatient.get(PODS, "ns1", "slow")).rejects.toThrow(/no answer within 50 ms/);
    expect(codes).toEqual([0]);
    impatient.close();
  });

  it("a call whose signal has aborted is never sent", async () => {
    server.handle((_req, res) => sendJson(res, 201, {}));
    const abort = new AbortController();
    abort.abort();
    const call = { signal: abort.signal };
    await expect(client.create(PODS, "ns1", pod("a", "1"), call)).rejects.toMatchObject({ name: "AbortError" });
    await expect(client.replaceStatus(PODS, "ns1", "a", pod("a", "1"), call)).rejects.toThrow();
    await expect(client.delete(PODS, "ns1", "a", undefined, call)).rejects.toThrow();
    await expect(client.list(PODS, {}, call)).rejects.toThrow();
    expect(server.requests).toHaveLength(0);
    expect(observed.map(([, , code]) => code)).toEqual([0, 0, 0, 0]);
  });

  it("aborting the signal cuts a call in flight at once", async () => {
    let closed = false;
    server.handle((_req, res) => void res.on("close", () => (closed = true)));
    const patient = new HttpApiClient(server.kubeConfig()); // the 30 s deadline never plays a part
    const abort = new AbortController();
    const creating = patient.create(PODS, "ns1", pod("a", "1"), { signal: abort.signal });
    await eventually(() => expect(server.requests).toHaveLength(1));
    abort.abort();
    await expect(creating).rejects.toMatchObject({ name: "AbortError" });
    await eventually(() => expect(closed).toBe(true));
    patient.close();
  });

  it("rejects when the connection drops mid-response", async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": 1000 });
      res.write('{"items":');
      setTimeout(() => res.socket?.destroy(), 10);
    });
    await expect(client.list(PODS, {})).rejects.toThrow();
  });

  it("reuses connections (keep-alive)", async () => {
    const ports = new Set<number>();
    server.handle((_req, res) => {
      ports.add(res.socket!.remotePort!);
      sendJson(res, 200, pod("a", "1"));
    });
    for (let i = 0; i < 5; i++) await client.get(PODS, "ns1", "a");
    expect(ports.size).toBe(1);
  });

  describe("watch", () => {
    it("sends watch parameters and parses newline-delimited events split across chunks", async () => {
      let stream: WatchStream | undefined;
      server.handle((_req, res) => {
        stream = new WatchStream(res);
      });
      const events: Array<[string, string | undefined]> = [];
      const handle = client.watch(
        PODS,
        {
          namespace: "ns1",
          labelSelector: "app=x",
          resourceVersion: "7",
          timeoutSeconds: 321,
          allowWatchBookmarks: true,
        },
        (type, obj) => events.push([type, obj.metadata?.resourceVersion]),
      );
      await vi.waitFor(() => expect(stream).toBeDefined());
      stream!.send("ADDED", pod("a", "8"));
      const line = JSON.stringify({ type: "MODIFIED", object: pod("a", "9") });
      stream!.raw(line.slice(0, 10));
      await new Promise((r) => setTimeout(r, 10));
      stream!.raw(`${line.slice(10)}\n`);
      stream!.send("BOOKMARK", { kind: "Pod", apiVersion: "v1", metadata: { resourceVersion: "12" } });
      stream!.send("ERROR", { kind: "Status", code: 410, reason: "Expired", message: "too old" });
      stream!.end();
      await handle.done;
      expect(events).toEqual([
        ["ADDED", "8"],
        ["MODIFIED", "9"],
        ["BOOKMARK", "12"],
        ["ERROR", undefined],
      ]);
      const [req] = server.requests;
      expect(req!.path).toBe("/api/v1/namespaces/ns1/pods");
      expect(Object.fromEntries(req!.query)).toEqual({
        watch: "1",
        labelSelector: "app=x",
        resourceVersion: "7",
        timeoutSeconds: "321",
        allowWatchBookmarks: "true",
      });
      expect(observed).toEqual([["watch", "pods", 200]]);
    });

    it("abort() ends the stream and done resolves", async () => {
      let stream: WatchStream | undefined;
      server.handle((_req, res) => {
        stream = new WatchStream(res);
      });
      const handle = client.watch(
        PODS,
        { resourceVersion: "1", timeoutSeconds: 60, allowWatchBookmarks: true },
        () => {},
      );
      await vi.waitFor(() => expect(stream).toBeDefined());
      handle.abort();
      await expect(handle.done).resolves.toBeUndefined();
      await stream!.closed;
    });

    it("abort() before the request is sent resolves done without a request", async () => {
      const handle = client.watch(
        PODS,
        { resourceVersion: "1", timeoutSeconds: 60, allowWatchBookmarks: true },
        () => {},
      );
      handle.abort();
      await expect(handle.done).resolves.toBeUndefined();
      expect(server.requests).toHaveLength(0);
    });

    it("done rejects when the connection drops mid-stream", async () => {
      server.handle((_req, res) => {
        const stream = new WatchStream(res);
        stream.send("ADDED", pod("a", "2"));
        setTimeout(() => stream.drop(), 10);
      });
      const seen: string[] = [];
      const handle = client.watch(PODS, { resourceVersion: "1", timeoutSeconds: 60, allowWatchBookmarks: true }, (t) =>
        seen.push(t),
      );
      await expect(handle.done).rejects.toThrow();
      expect(seen).toEqual(["ADDED"]);
    });

    it("done rejects with ApiError 410 when the watch is refused as Gone", async () => {
      server.handle((_req, res) => sendStatus(res, 410, "Expired", "too old resource version: 1 (50)"));
      const handle = client.watch(
        PODS,
        { resourceVersion: "1", timeoutSeconds: 60, allowWatchBookmarks: true },
        () => {},
      );
      const err = await handle.done.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect(err).toMatchObject({ code: 410, reason: "Expired", verb: "watch" });
      expect(observed).toEqual([["watch", "pods", 410]]);
    });

    it("done rejects on a malformed line, and when the event callback throws", async () => {
      server.handle((_req, res) => {
        const stream = new WatchStream(res);
        stream.raw("not json\n");
      });
      const bad = client.watch(PODS, { resourceVersion: "1", timeoutSeconds: 60, allowWatchBookmarks: true }, () => {});
      await expect(bad.done).rejects.toThrow(SyntaxError);

      server.handle((_req, res) => new WatchStream(res).send("ADDED", pod("a", "1")));
      const throwing = client.watch(
        PODS,
        { resourceVersion: "1", timeoutSeconds: 60, allowWatchBookmarks: true },
        () => {
          throw new Error("handler failed");
        },
      );
      await expect(throwing.done).rejects.toThrow("handler failed");
    });
  });
});

describe("HttpApiClient over TLS", () => {
  it("verifies the server with the kubeconfig CA and presents the client certificate", async () => {
    const server = await FakeApiServer.start({
      key: fixture("server.key"),
      cert: fixture("server.crt"),
      ca: fixture("ca.crt"),
      requestCert: true,
      rejectUnauthorized: true,
    });
    server.handle((_req, res) => sendJson(res, 200, listOf([], "1")));
    const user = {
      "client-certificate-data": fixture("client.crt").toString("base64"),
      "client-key-data": fixture("client.key").toString("base64"),
    };
    const client = new HttpApiClient(server.kubeConfig(user));
    try {
      await expect(client.list(EVENTS, { namespace: "ns1" })).resolves.toEqual({ items: [], resourceVersion: "1" });
      expect(server.requests[0]!.clientCN).toBe("compositeapp-test");
      expect(server.requests[0]!.headers.authorization).toBeUndefined();
    } finally {
      client.close();
      await server.close();
    }
  });

  it("refuses a server whose certificate the CA did not sign", async () => {
    const server = await FakeApiServer.start({ key: fixture("client.key"), cert: fixture("client.crt") });
    server.handle((_req, res) => sendJson(res, 200, listOf([], "1")));
    const client = new HttpApiClient(server.kubeConfig());
    try {
      await expect(client.list(PODS, {})).rejects.toThrow();
      expect(server.requests).toHaveLength(0);
    } finally {
      client.close();
      await server.close();
    }
  });
});
