// Building blocks of preset parameter schemas, with the messages users see.
import { z } from "zod";

export const absolutePath = z.string().min(1).max(1024).regex(/^\//, { error: "must be an absolute path" });

export const port = () => z.int().min(1).max(65535);

/** A port in 1-65535 without leading zeros, as a regular expression (for patterns the CRD enforces). */
export const PORT_PATTERN = "(6553[0-5]|655[0-2]\\d|65[0-4]\\d{2}|6[0-4]\\d{3}|[1-5]\\d{4}|[1-9]\\d{0,3})";

/** A DNS name or IPv4 address. */
export const HOST_PATTERN = "[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?";

/** Where a helper reads what the main container writes: a shared volume and a mount point. */
export const sharedVolume = {
  volume: z.string().min(1).max(63).describe("Name of the shared volume (in spec.volumes) to read from."),
  mountPath: absolutePath.default("/var/log/app").describe("Where the volume is mounted in the helper."),
};

/** A file on the shared volume. */
export const relativeFile = () => z.string().min(1).max(512);
