import { Option } from "commander";

// Argument parsers shared by the commands' flags.

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

const ROLES = ["sidecar", "ambassador", "adapter"] as const;

/** `--role NAME=ROLE`, repeatable: the role of a helper container in `convert`. */
export const roleOption = (): Option =>
  new Option("--role <name=role>", `role of a helper container: ${ROLES.join(", ")} (default: sidecar); repeatable`)
    .argParser((value: string, previous: Record<string, (typeof ROLES)[number]> | undefined) => {
      const eq = value.indexOf("=");
      const role = value.slice(eq + 1) as (typeof ROLES)[number];
      if (eq <= 0 || !ROLES.includes(role)) {
        throw new Error(`--role must be NAME=ROLE with ROLE one of ${ROLES.join(", ")}; got "${value}"`);
      }
      return { ...previous, [value.slice(0, eq)]: role };
    })
    .default({});
