import type { V1Container } from "@kubernetes/client-node";
import type { LogToJsonParams } from "../../../api/presets.js";
import { HELPER_RESOURCES, helperSecurityContext, readOnlyMount } from "./common.js";
import { joinPath, shq, supervised } from "./shell.js";

// One JSON object per line: time (UTC, when the adapter read the line), level when the line names
// one, the source file and the message, with JSON string escaping.
const AWK = String.raw`{
  level = ""
  if (match($0, /(^|[^A-Za-z])(FATAL|ERROR|WARN|WARNING|INFO|DEBUG|TRACE)([^A-Za-z]|$)/)) {
    level = tolower(substr($0, RSTART, RLENGTH)); gsub(/[^a-z]/, "", level)
    if (level == "warning") level = "warn"
  }
  line = $0
  gsub(/\\/, "\\\\", line); gsub(/"/, "\\\"", line); gsub(/\t/, "\\t", line); gsub(/\r/, "", line)
  printf "{\"time\":\"%s\",\"level\":\"%s\",\"source\":\"%s\",\"message\":\"%s\"}\n", strftime("%Y-%m-%dT%H:%M:%SZ", systime(), 1), level, src, line
  fflush()
}`;

/** Adapter: rewrites the main container's plain log lines as JSON lines on stdout. */
export function logToJson(p: LogToJsonParams, image: string): V1Container {
  const file = joinPath(p.mountPath, p.file);
  return {
    name: "",
    image,
    imagePullPolicy: "IfNotPresent",
    command: supervised(`tail -n +1 -F ${shq(file)} | awk -v src=${shq(file)} ${shq(AWK)}`),
    volumeMounts: [readOnlyMount(p.volume, p.mountPath)],
    resources: HELPER_RESOURCES,
    securityContext: helperSecurityContext(true),
  };
}
