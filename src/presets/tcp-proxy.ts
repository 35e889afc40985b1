// Ambassador preset: a TCP proxy on localhost that forwards every connection to a remote service.
import { z } from "zod";
import { HELPER_RESOURCES, helperSecurityContext } from "./common.js";
import { DEFAULT_HELPER_IMAGE, definePreset } from "./definition.js";
import { HOST_PATTERN, PORT_PATTERN, port } from "./params.js";
import { shq, supervised } from "./shell.js";

const HOST_PORT = new RegExp(`^${HOST_PATTERN}:(\\d{1,5})$`);
/** HOST_PORT with the port in 1-65535 (no leading zero): what the CRD's pattern enforces. */
const HOST_VALID_PORT = new RegExp(`^${HOST_PATTERN}:${PORT_PATTERN}$`);

export const TcpProxyParams = z.strictObject({
  listenPort: port().describe("Port the proxy listens on inside the Pod (reach it on localhost)."),
  upstream: z
    .string()
    .max(253 + 6)
    .superRefine((s, ctx) => {
      if (!HOST_PORT.test(s))
        ctx.addIssue({ code: "custom", message: "must be host:port, for example redis-primary.cache.svc:6379" });
      else if (!HOST_VALID_PORT.test(s)) {
        ctx.addIssue({
          code: "custom",
          message: "the port of upstream must be between 1 and 65535, without leading zeros",
        });
      }
    })
    .meta({ pattern: HOST_VALID_PORT.source })
    .describe("The remote service as host:port."),
});
export type TcpProxyParams = z.infer<typeof TcpProxyParams>;

export const tcpProxy = definePreset({
  name: "tcpProxy",
  role: "ambassadors",
  description:
    "accepts on localhost:listenPort and forwards every connection to upstream (host:port); a startup probe waits for the port",
  params: TcpProxyParams,
  footprint: { ports: ["listenPort"] },
  defaultImage: DEFAULT_HELPER_IMAGE,
  build(p, image) {
    const sep = p.upstream.lastIndexOf(":");
    const host = p.upstream.slice(0, sep);
    const upstreamPort = p.upstream.slice(sep + 1);
    return {
      name: "",
      image,
      imagePullPolicy: "IfNotPresent",
      command: supervised(`nc -ll -p ${p.listenPort} -e nc ${shq(host)} ${upstreamPort}`),
      ports: [{ name: "proxy", containerPort: p.listenPort, protocol: "TCP" }],
      startupProbe: { tcpSocket: { port: p.listenPort }, periodSeconds: 1, failureThreshold: 30 },
      resources: HELPER_RESOURCES,
      securityContext: helperSecurityContext(),
    };
  },
});
