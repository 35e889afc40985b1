// Parameters of the built-in helper presets. Each role accepts its own presets, written as a
// one-of object (`preset: {tcpProxy: {...}}`), the convention core/v1 uses for volume sources, so
// the API server validates a preset's parameters at `kubectl apply` like any other field.
import { z } from "zod";

const absolutePath = z.string().min(1).max(1024).regex(/^\//, { error: "must be an absolute path" });
const port = () => z.int().min(1).max(65535);
const HOST_PORT = /^[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?:(\d{1,5})$/;
/** HOST_PORT with the port in 1-65535 (no leading zero): what the CRD's pattern enforces. */
const HOST_VALID_PORT =
  /^[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?:(6553[0-5]|655[0-2]\d|65[0-4]\d{2}|6[0-4]\d{3}|[1-5]\d{4}|[1-9]\d{0,3})$/;

/** Where a helper reads the main container's output: a shared volume and a mount point. */
const sharedVolume = {
  volume: z.string().min(1).max(63).describe("Name of the shared volume (in spec.volumes) to read from."),
  mountPath: absolutePath.default("/var/log/app").describe("Where the volume is mounted in the helper."),
};

export const LogShipperParams = z
  .strictObject({
    ...sharedVolume,
    files: z
      .array(z.string().min(1).max(512))
      .min(1)
      .max(16)
      .describe("Files to follow, relative to mountPath; each line is written to the helper's stdout."),
  })
  .describe("Sidecar: follows log files on a shared volume and ships their lines to stdout.");

export const TcpProxyParams = z
  .strictObject({
    listenPort: port().describe("Port the proxy listens on inside the Pod (reach it on localhost)."),
    upstream: z
      .string()
      .max(253 + 6)
      .superRefine((s, ctx) => {
        const m = HOST_PORT.exec(s);
        if (!m)
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
  })
  .describe("Ambassador: a TCP proxy on localhost:listenPort that forwards every connection to upstream.");

export const LogToJsonParams = z
  .strictObject({
    ...sharedVolume,
    file: z.string().min(1).max(512).describe("Log file to convert, relative to mountPath."),
  })
  .describe('Adapter: turns each plain log line into a JSON object {"source","message"} on stdout.');

export const PrometheusMetricsParams = z
  .strictObject({
    ...sharedVolume,
    file: z.string().min(1).max(512).describe("File of 'name value' or 'name=value' lines, relative to mountPath."),
    port: port().default(9102).describe("Port that serves /metrics in Prometheus text format."),
    prefix: z
      .string()
      .max(64)
      .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$|^$/, { error: "must be a Prometheus metric name prefix" })
      .default("app_")
      .describe("Prefix added to every metric name."),
    intervalSeconds: z.int().min(1).max(3600).default(5).describe("How often the file is re-read."),
  })
  .describe("Adapter: serves the main container's key/value status file as Prometheus metrics.");

export const SidecarPreset = z.strictObject({ logShipper: LogShipperParams.optional() });
export const AmbassadorPreset = z.strictObject({ tcpProxy: TcpProxyParams.optional() });
export const AdapterPreset = z.strictObject({
  logToJson: LogToJsonParams.optional(),
  prometheusMetrics: PrometheusMetricsParams.optional(),
});

export type LogShipperParams = z.infer<typeof LogShipperParams>;
export type TcpProxyParams = z.infer<typeof TcpProxyParams>;
export type LogToJsonParams = z.infer<typeof LogToJsonParams>;
export type PrometheusMetricsParams = z.infer<typeof PrometheusMetricsParams>;

/** Every preset by name with the type of its parameters. */
export interface PresetParams {
  logShipper: LogShipperParams;
  tcpProxy: TcpProxyParams;
  logToJson: LogToJsonParams;
  prometheusMetrics: PrometheusMetricsParams;
}
export type PresetName = keyof PresetParams;
export const PRESET_NAMES: readonly PresetName[] = ["logShipper", "tcpProxy", "logToJson", "prometheusMetrics"];

/** The preset a helper uses, if any, with its parameters. */
export type ChosenPreset = { [N in PresetName]: { name: N; params: PresetParams[N] } }[PresetName];

export function chosenPreset(preset: Partial<PresetParams> | undefined): ChosenPreset | undefined {
  if (!preset) return undefined;
  for (const name of PRESET_NAMES) {
    const params = preset[name];
    if (params !== undefined) return { name, params } as ChosenPreset;
  }
  return undefined;
}

/** What a preset adds to its container that other rules must see: the ports it binds, the volume it mounts. */
export interface PresetFootprint {
  ports: { containerPort: number; protocol: "TCP"; field: string }[];
  mount?: { volume: string; mountPath: string };
}

export function presetFootprint(p: ChosenPreset): PresetFootprint {
  switch (p.name) {
    case "tcpProxy":
      return { ports: [{ containerPort: p.params.listenPort, protocol: "TCP", field: "listenPort" }] };
    case "prometheusMetrics":
      return {
        ports: [{ containerPort: p.params.port, protocol: "TCP", field: "port" }],
        mount: { volume: p.params.volume, mountPath: p.params.mountPath },
      };
    case "logShipper":
    case "logToJson":
      return { ports: [], mount: { volume: p.params.volume, mountPath: p.params.mountPath } };
  }
}
