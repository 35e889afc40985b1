// Adapter preset: serves the main container's key/value status file as Prometheus metrics.
import { z } from "zod";
import { HELPER_RESOURCES, helperSecurityContext, readOnlyMount } from "./common.js";
import { DEFAULT_HELPER_IMAGE, definePreset } from "./definition.js";
import { port, relativeFile, sharedVolume } from "./params.js";
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

/** Where the helper writes the page it serves: an emptyDir (its root filesystem is read-only). */
const METRICS_DIR = "/tmp/metrics";

export const PrometheusMetricsParams = z.strictObject({
  ...sharedVolume,
  file: relativeFile().describe("File of 'name value' or 'name=value' lines, relative to mountPath."),
  port: port().default(9102).describe("Port that serves /metrics in Prometheus text format."),
  prefix: z
    .string()
    .max(64)
    .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$|^$/, { error: "must be a Prometheus metric name prefix" })
    .default("app_")
    .describe("Prefix added to every metric name."),
  intervalSeconds: z.int().min(1).max(3600).default(5).describe("How often the file is re-read."),
});
export type PrometheusMetricsParams = z.infer<typeof PrometheusMetricsParams>;

export const prometheusMetrics = definePreset({
  name: "prometheusMetrics",
  role: "adapters",
  description:
    "re-reads a file of 'name value' or 'name=value' lines on a shared volume and serves it as Prometheus metrics on :port/metrics",
  params: PrometheusMetricsParams,
  footprint: { ports: ["port"], mount: { volume: "volume", mountPath: "mountPath" } },
  scratch: METRICS_DIR,
  defaultImage: DEFAULT_HELPER_IMAGE,
  build(p, image) {
    const file = shq(joinPath(p.mountPath, p.file));
    const loop = [
      `while true; do if [ -r ${file} ]; then awk -v prefix=${shq(p.prefix)} ${shq(AWK)} ${file} > ${METRICS_DIR}/.next && mv ${METRICS_DIR}/.next ${METRICS_DIR}/metrics; fi; sleep ${p.intervalSeconds}; done &`,
      `httpd -f -p ${p.port} -h ${METRICS_DIR}`,
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
      securityContext: helperSecurityContext(),
    };
  },
});
