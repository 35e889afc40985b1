// Ambassador preset: an HTTP reverse proxy on localhost that sends each request to the upstream of
// the longest route path that prefixes it, with a readiness probe on a path the proxy answers.
//
// The preset images hold no HTTP proxy (the busybox httpd of the default image is built without
// its proxy feature), so the proxy is a small shell handler run by busybox `nc` for each
// connection: it reads the request line and headers, picks the route, rewrites the path and the
// Host header, and pipes the request (and a Content-Length body) to the upstream with `nc`,
// whose answer goes back unchanged. One request per connection (`Connection: close`); plain HTTP
// upstreams; no chunked request bodies (answered 411).
import { z } from "zod";
import { HELPER_RESOURCES, helperSecurityContext } from "./common.js";
import { DEFAULT_HELPER_IMAGE, definePreset } from "./definition.js";
import { HOST_PATTERN, PORT_PATTERN, port } from "./params.js";
import { httpProxyHandler, type Upstream } from "./http-proxy-handler.js";
import { shq, supervised } from "./shell.js";

const URL_PATH = "(/[A-Za-z0-9._~%-]+)+";
const ROUTE_PATH = new RegExp(`^(/|${URL_PATH})$`);
const UPSTREAM = new RegExp(`^http://(${HOST_PATTERN})(:${PORT_PATTERN})?(/|${URL_PATH}/?)?$`);

const urlPath = (what: string) =>
  z
    .string()
    .max(256)
    .regex(ROUTE_PATH, {
      error: `${what} must be / or an absolute path of segments of letters, digits and ._~%- without a trailing /`,
    });

export const HttpRoute = z.strictObject({
  path: urlPath("path").describe(
    "Path prefix this route serves: /api serves /api and /api/..., / serves everything else. The longest matching path wins.",
  ),
  upstream: z
    .string()
    .max(512)
    .regex(UPSTREAM, { error: "must be http://host[:port][/path], for example http://orders.shop.svc:8080" })
    .describe(
      "The upstream as http://host[:port][/path]. Without a path the request path is forwarded as is; with one, the route's path is replaced by it (/api/x to http://svc/v1 asks for /v1/x).",
    ),
});

export const HttpProxyParams = z.strictObject({
  listenPort: port().describe("Port the proxy listens on inside the Pod (reach it on localhost)."),
  routes: z
    .array(HttpRoute)
    .min(1)
    .max(16)
    .superRefine((routes, ctx) => {
      routes.forEach((r, i) => {
        if (routes.findIndex((o) => o.path === r.path) !== i)
          ctx.addIssue({ code: "custom", path: [i, "path"], message: `path ${r.path} has more than one route` });
      });
    })
    .meta({ "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["path"] })
    .describe("Where requests go, by path prefix."),
  readinessPath: urlPath("readinessPath")
    .default("/-/ready")
    .describe("Path the proxy answers itself with 200 once it serves; the helper's readiness probe asks it."),
});
export type HttpProxyParams = z.infer<typeof HttpProxyParams>;

/** `http://svc:8080/v1` (already validated) as what the handler needs. */
function upstreamOf(path: string, url: string): Upstream {
  const rest = url.slice("http://".length);
  const slash = rest.indexOf("/");
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  const [host = authority, upstreamPort = "80"] = authority.split(":");
  return { path, host, port: upstreamPort, authority, base: slash < 0 ? undefined : rest.slice(slash) };
}

export const httpProxy = definePreset({
  name: "httpProxy",
  role: "ambassadors",
  description:
    "an HTTP proxy on localhost:listenPort that sends each request to the upstream of the longest matching route path; a readiness probe on readinessPath",
  params: HttpProxyParams,
  footprint: { ports: ["listenPort"] },
  defaultImage: DEFAULT_HELPER_IMAGE,
  build(p, image) {
    const handler = httpProxyHandler(
      p.routes.map((r) => upstreamOf(r.path, r.upstream)),
      p.readinessPath,
    );
    return {
      name: "",
      image,
      imagePullPolicy: "IfNotPresent",
      command: supervised(`nc -ll -p ${p.listenPort} -e sh -c ${shq(handler)}`),
      ports: [{ name: "http-proxy", containerPort: p.listenPort, protocol: "TCP" }],
      startupProbe: { tcpSocket: { port: p.listenPort }, periodSeconds: 1, failureThreshold: 30 },
      readinessProbe: { httpGet: { path: p.readinessPath, port: p.listenPort }, periodSeconds: 5, failureThreshold: 2 },
      resources: HELPER_RESOURCES,
      securityContext: helperSecurityContext(),
    };
  },
});
