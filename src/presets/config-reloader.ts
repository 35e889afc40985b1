// Sidecar preset: watches a mounted ConfigMap (or Secret, or any volume) and, when its files
// change, asks the main container to reload with an HTTP POST to a reload URL on localhost. Why
// HTTP rather than a signal through shareProcessNamespace: docs/adr/0004-config-reloader.md.
//
// The kubelet updates a ConfigMap volume by swapping the `..data` link to a new directory, so
// the helper compares a checksum of the files (not the link's timestamps) every intervalSeconds.
// A failed POST is retried at the next check; the first check only records the files the main
// container started with.
import { z } from "zod";
import { HELPER_RESOURCES, helperSecurityContext, readOnlyMount } from "./common.js";
import { DEFAULT_HELPER_IMAGE, definePreset } from "./definition.js";
import { HOST_PATTERN, PORT_PATTERN, absolutePath } from "./params.js";
import { shq, supervised } from "./shell.js";

const RELOAD_URL = new RegExp(`^http://${HOST_PATTERN}(:${PORT_PATTERN})?(/[-A-Za-z0-9._~%/?=&]*)?$`);

export const ConfigReloaderParams = z.strictObject({
  volume: z
    .string()
    .min(1)
    .max(63)
    .describe("Name of the volume to watch (in spec.volumes), typically a configMap volume the main container mounts."),
  mountPath: absolutePath.default("/etc/config").describe("Where the volume is mounted in the helper."),
  url: z
    .string()
    .max(512)
    .regex(RELOAD_URL, { error: "must be http://host[:port][/path], for example http://localhost:8080/-/reload" })
    .describe(
      "The main container's reload endpoint, POSTed to after the files change, e.g. http://localhost:9090/-/reload.",
    ),
  intervalSeconds: z.int().min(1).max(3600).default(5).describe("How often the files are compared."),
});
export type ConfigReloaderParams = z.infer<typeof ConfigReloaderParams>;

export const configReloader = definePreset({
  name: "configReloader",
  role: "sidecars",
  description:
    "watches the files of a mounted volume (a ConfigMap) and, when they change, POSTs to the main container's reload url",
  params: ConfigReloaderParams,
  footprint: { mount: { volume: "volume", mountPath: "mountPath" } },
  defaultImage: DEFAULT_HELPER_IMAGE,
  build(p, image) {
    const stamp = "$(date -u +%Y-%m-%dT%H:%M:%SZ)";
    const script = [
      `dir=${shq(p.mountPath.replace(/(.)\/+$/, "$1"))} url=${shq(p.url)}`,
      // The atomic writer's `..data` and `..<timestamp>` entries are the same files again.
      `sum() { find -L "$dir" -path "$dir/..*" -prune -o -type f -print | sort | xargs -r md5sum | md5sum; }`,
      `last=$(sum)`,
      `echo "watching $dir; on change: POST $url"`,
      `while sleep ${p.intervalSeconds}; do`,
      `  now=$(sum)`,
      `  [ "$now" = "$last" ] && continue`,
      `  if timeout 10 wget -q -O /dev/null --post-data '' "$url"; then echo "${stamp} $dir changed: POST $url: reloaded"; last=$now`,
      `  else echo "${stamp} $dir changed: POST $url failed; retrying" >&2; fi`,
      `done`,
    ].join("\n");
    return {
      name: "",
      image,
      imagePullPolicy: "IfNotPresent",
      command: supervised(script),
      volumeMounts: [readOnlyMount(p.volume, p.mountPath)],
      resources: HELPER_RESOURCES,
      securityContext: helperSecurityContext(),
    };
  },
});
