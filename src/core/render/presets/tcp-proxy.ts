import type { V1Container } from "@kubernetes/client-node";
import type { TcpProxyParams } from "../../../api/presets.js";
import { HELPER_RESOURCES, helperSecurityContext } from "./common.js";
import { shq, supervised } from "./shell.js";

/** Ambassador: accepts on localhost:listenPort and pipes each connection to the upstream service. */
export function tcpProxy(p: TcpProxyParams, image: string): V1Container {
  const sep = p.upstream.lastIndexOf(":");
  const host = p.upstream.slice(0, sep);
  const port = p.upstream.slice(sep + 1);
  return {
    name: "",
    image,
    imagePullPolicy: "IfNotPresent",
    command: supervised(`nc -ll -p ${p.listenPort} -e nc ${shq(host)} ${port}`),
    ports: [{ name: "proxy", containerPort: p.listenPort, protocol: "TCP" }],
    startupProbe: { tcpSocket: { port: p.listenPort }, periodSeconds: 1, failureThreshold: 30 },
    resources: HELPER_RESOURCES,
    securityContext: helperSecurityContext(true),
  };
}
