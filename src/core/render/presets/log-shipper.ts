import type { V1Container } from "@kubernetes/client-node";
import type { LogShipperParams } from "../../../api/presets.js";
import { HELPER_RESOURCES, helperSecurityContext, readOnlyMount } from "./common.js";
import { joinPath, shq, supervised } from "./shell.js";

/** Sidecar: follows files on the shared volume (by name, across rotation) and writes them to stdout. */
export function logShipper(p: LogShipperParams, image: string): V1Container {
  const files = p.files.map((f) => shq(joinPath(p.mountPath, f))).join(" ");
  return {
    name: "",
    image,
    imagePullPolicy: "IfNotPresent",
    command: supervised(`tail -n +1 -F ${files}`),
    volumeMounts: [readOnlyMount(p.volume, p.mountPath)],
    resources: HELPER_RESOURCES,
    securityContext: helperSecurityContext(true),
  };
}
