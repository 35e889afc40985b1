import type { CompositeApp, SidecarMode } from "../../api/compositeapp.js";
import { formatPath } from "../../api/parse.js";
import { placementIssues } from "../../api/placement.js";
import type { ResolvedSidecarMode } from "./types.js";

/** Native sidecars (init containers with restartPolicy Always) are on by default from 1.29. */
export const NATIVE_SIDECARS_SINCE = { major: 1, minor: 29 } as const;

export interface ServerVersion {
  major: number;
  minor: number;
}

/** Parses the major/minor of a /version answer or a `v1.33.2`-style string; undefined when unreadable. */
export function parseServerVersion(
  v: { major?: string; minor?: string; gitVersion?: string } | string,
): ServerVersion | undefined {
  const text = typeof v === "string" ? v : (v.gitVersion ?? `${v.major ?? ""}.${v.minor ?? ""}`);
  const m = /^v?(\d+)\.(\d+)/.exec(text);
  if (m) return { major: Number(m[1]), minor: Number(m[2]) };
  if (typeof v !== "string") {
    // Some distributions report minor as "29+".
    const major = Number.parseInt(v.major ?? "", 10);
    const minor = Number.parseInt(v.minor ?? "", 10);
    if (Number.isFinite(major) && Number.isFinite(minor)) return { major, minor };
  }
  return undefined;
}

export function supportsNativeSidecars(v: ServerVersion): boolean {
  return (
    v.major > NATIVE_SIDECARS_SINCE.major ||
    (v.major === NATIVE_SIDECARS_SINCE.major && v.minor >= NATIVE_SIDECARS_SINCE.minor)
  );
}

export function resolveSidecarMode(mode: SidecarMode, server: ServerVersion | undefined): ResolvedSidecarMode {
  if (mode !== "Auto") return mode;
  return server && supportsNativeSidecars(server) ? "Native" : "Classic";
}

/**
 * What stops an already validated app from rendering on this server: placements that only fail
 * once Auto is resolved, and native helpers on a server older than 1.29. Messages name the field.
 * An unknown server version is taken to support native helpers (Auto still resolves to Classic).
 */
export function placementProblems(app: CompositeApp, server: ServerVersion | undefined): string[] {
  const defaultMode = resolveSidecarMode(app.spec.sidecarMode, server);
  const nativeSupported = server ? supportsNativeSidecars(server) : true;
  return placementIssues(app.spec, { defaultMode, nativeSupported }).map(
    (i) => `${formatPath(["spec", ...i.path])}: ${i.message}`,
  );
}
