// Sidecar preset: follows files on a shared volume and writes every line to stdout.
import { z } from "zod";
import { HELPER_RESOURCES, helperSecurityContext, readOnlyMount } from "./common.js";
import { DEFAULT_HELPER_IMAGE, definePreset } from "./definition.js";
import { relativeFile, sharedVolume } from "./params.js";
import { joinPath, shq, supervised } from "./shell.js";

export const LogShipperParams = z.strictObject({
  ...sharedVolume,
  files: z
    .array(relativeFile())
    .min(1)
    .max(16)
    .describe("Files to follow, relative to mountPath; each line is written to the helper's stdout."),
});
export type LogShipperParams = z.infer<typeof LogShipperParams>;

export const logShipper = definePreset({
  name: "logShipper",
  role: "sidecars",
  description: "follows log files on a shared volume by name (across rotation) and writes every line to stdout",
  params: LogShipperParams,
  footprint: { mount: { volume: "volume", mountPath: "mountPath" } },
  defaultImage: DEFAULT_HELPER_IMAGE,
  build(p, image) {
    const files = p.files.map((f) => shq(joinPath(p.mountPath, f))).join(" ");
    return {
      name: "",
      image,
      imagePullPolicy: "IfNotPresent",
      command: supervised(`tail -n +1 -F ${files}`),
      volumeMounts: [readOnlyMount(p.volume, p.mountPath)],
      resources: HELPER_RESOURCES,
      securityContext: helperSecurityContext(),
    };
  },
});
