// Adapter preset: rewrites the main container's plain log lines as JSON lines on stdout.
import { z } from "zod";
import { HELPER_RESOURCES, helperSecurityContext, readOnlyMount } from "./common.js";
import { DEFAULT_HELPER_IMAGE, definePreset } from "./definition.js";
import { relativeFile, sharedVolume } from "./params.js";
import { joinPath, shq, supervised } from "./shell.js";

/** The fields of each JSON line with the awk expression of each: the description names these. */
const FIELDS = {
  time: `strftime("%Y-%m-%dT%H:%M:%SZ", systime(), 1)`,
  level: "level",
  source: "src",
  message: "line",
};
const NAMES = Object.keys(FIELDS);

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
  printf "{${NAMES.map((n) => String.raw`\"${n}\":\"%s\"`).join(",")}}\n", ${Object.values(FIELDS).join(", ")}
  fflush()
}`;

export const LogToJsonParams = z.strictObject({
  ...sharedVolume,
  file: relativeFile().describe("Log file to convert, relative to mountPath."),
});
export type LogToJsonParams = z.infer<typeof LogToJsonParams>;

export const logToJson = definePreset({
  name: "logToJson",
  role: "adapters",
  description: `writes each line of a log file on a shared volume as a JSON object {${NAMES.map((n) => `"${n}"`).join(",")}} on stdout`,
  params: LogToJsonParams,
  footprint: { mount: { volume: "volume", mountPath: "mountPath" } },
  defaultImage: DEFAULT_HELPER_IMAGE,
  build(p, image) {
    const file = joinPath(p.mountPath, p.file);
    return {
      name: "",
      image,
      imagePullPolicy: "IfNotPresent",
      command: supervised(`tail -n +1 -F ${shq(file)} | awk -v src=${shq(file)} ${shq(AWK)}`),
      volumeMounts: [readOnlyMount(p.volume, p.mountPath)],
      resources: HELPER_RESOURCES,
      securityContext: helperSecurityContext(),
    };
  },
});
