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
