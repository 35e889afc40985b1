import { Option } from "commander";
import { HELPER_POD_ROLE, type HelperPodRole } from "../api/roles.js";
import { OUTPUT_FORMATS, parseOutputFormat } from "./output.js";

// Flags and argument parsers shared by the commands.

/** A repeatable flag: each use adds its value. */
export const repeatable = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** A repeatable flag that also takes comma-separated lists (`-n a,b -n c`). */
export const repeatableList = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  ...value.split(",").filter(Boolean),
];

/** `--preset-image PRESET=IMAGE`, for `render` and `run` alike. */
export const presetImageOption = (): Option =>
  new Option("--preset-image <preset=image>", "image for a built-in preset, e.g. logShipper=busybox:1.36; repeatable")
    .argParser(repeatable)
    .default([]);

/** `-f FILE|DIR|-`, repeatable and required, as with kubectl. */
export const filenameOption = (): Option =>
  new Option(
    "-f, --filename <file>",
    "file or directory of CompositeApp documents (YAML or JSON); '-' reads standard input; repeatable",
  )
    .argParser(repeatable)
    .makeOptionMandatory();

/** `-o yaml|json|name`; its values are listed for help and shell completion, checked with its own message. */
export const outputOption = (): Option => {
  const option = new Option("-o, --output <format>", "output format").default("yaml").argParser(parseOutputFormat);
  option.argChoices = [...OUTPUT_FORMATS];
  return option;
};

const ROLES: readonly HelperPodRole[] = Object.values(HELPER_POD_ROLE);

/** `--role NAME=ROLE`, repeatable: the role of a helper container in `convert`. */
export const roleOption = (): Option =>
  new Option("--role <name=role>", `role of a helper container: ${ROLES.join(", ")} (default: sidecar); repeatable`)
    .argParser((value: string, previous: Record<string, HelperPodRole> | undefined) => {
      const eq = value.indexOf("=");
      const role = value.slice(eq + 1) as HelperPodRole;
      if (eq <= 0 || !ROLES.includes(role)) {
        throw new Error(`--role must be NAME=ROLE with ROLE one of ${ROLES.join(", ")}; got "${value}"`);
      }
      return { ...previous, [value.slice(0, eq)]: role };
    })
    .default({});
