import type { V1Container } from "@kubernetes/client-node";
import type { PrometheusMetricsParams } from "../../../api/presets.js";
import { HELPER_RESOURCES, helperSecurityContext, readOnlyMount } from "./common.js";
import { joinPath, shq, supervised } from "./shell.js";

// Accepts "name value", "name=value" and "name: value"; names are sanitised to the Prometheus
// charset and prefixed; lines without a numeric value are dropped.
const AWK = String.raw`{
  line = $0; sub(/#.*/, "", line); gsub(/[=:]/, " ", line)
  n = split(line, f, /[ \t]+/); name = ""; value = ""
  for (i = 1; i <= n; i++) if (f[i] != "") { if (name == "") name = f[i]; else if (value == "") value = f[i] }
  if (name == "" || value !~ /^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/) next
  gsub(/[^a-zA-Z0-9_]/, "_", name)
  printf "# TYPE %s%s gauge\n%s%s %s\n", prefix, name, prefix, name, value
}`;

/** Adapter: re-reads the main container's status file and serves it as Prometheus metrics. */
export function prometheusMetrics(p: PrometheusMetricsParams, image: string): V1Container {
  const file = shq(joinPath(p.mountPath, p.file));
  const loop = [
    "mkdir -p /tmp/metrics",
    `while true; do if [ -r ${file} ]; then awk -v prefix=${shq(p.prefix)} ${shq(AWK)} ${file} > /tmp/metrics/.next && mv /tmp/metrics/.next /tmp/metrics/metrics; fi; sleep ${p.intervalSeconds}; done &`,
    `httpd -f -p ${p.port} -h /tmp/metrics`,
  ].join("\n");
  return {
    name: "",
    image,
    imagePullPolicy: "IfNotPresent",
    command: supervised(loop),
    ports: [{ name: "metrics", containerPort: p.port, protocol: "TCP" }],
    startupProbe: { tcpSocket: { port: p.port }, periodSeconds: 1, failureThreshold: 30 },
    volumeMounts: [readOnlyMount(p.volume, p.mountPath)],
    resources: HELPER_RESOURCES,
    securityContext: helperSecurityContext(false),
  };
}
