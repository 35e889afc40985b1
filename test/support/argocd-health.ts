// Runs the Argo CD health check shipped in deploy/argocd on an object, the way Argo CD does: the
// object as the global `obj`, the script's return value as the health. Needs Lua 5.1 (Argo CD's
// Lua version), which `hack/lua/ensure.sh` installs.
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");
export const HEALTH_LUA = join(
  ROOT,
  "deploy",
  "argocd",
  "resource_customizations",
  "compositeapp.io",
  "CompositeApp",
  "health.lua",
);

export interface ArgoHealth {
  status: "Healthy" | "Progressing" | "Degraded" | "Suspended" | "Missing" | "Unknown";
  message: string;
}

/** A JSON value as a Lua table constructor (arrays 1-based, as Argo CD converts objects). */
export function luaLiteral(value: unknown): string {
  if (value === null || value === undefined) return "nil";
  if (typeof value === "string")
    // JSON's escapes are Lua's, except \uXXXX (only emitted for control characters): Lua 5.1 has \ddd.
    return JSON.stringify(value).replace(
      /\\u00([0-9a-f]{2})/gi,
      (_m, hex: string) => `\\${String(Number.parseInt(hex, 16)).padStart(3, "0")}`,
    );
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `{${value.map(luaLiteral).join(",")}}`;
  const fields = Object.entries(value as Record<string, unknown>).map(
    ([k, v]) => `[${JSON.stringify(k)}]=${luaLiteral(v)}`,
  );
  return `{${fields.join(",")}}`;
}

let lua: string | undefined;

function luaBinary(): string {
  lua ??= execFileSync("bash", [join(ROOT, "hack", "lua", "ensure.sh")], { encoding: "utf8" }).trim();
  return lua;
}

export function argoHealthOf(object: object): ArgoHealth {
  const script = [
    `obj = ${luaLiteral(object)}`,
    `local hs = (function() ${readFileSync(HEALTH_LUA, "utf8")} end)()`,
    `io.write(hs.status, "\\n", hs.message or "")`,
  ].join("\n");
  const r = spawnSync(luaBinary(), ["-"], { input: script, encoding: "utf8", timeout: 30_000 });
  if (r.status !== 0) throw new Error(`lua5.1 failed (exit ${r.status}): ${r.stderr.trim()}`);
  const [status, ...message] = r.stdout.split("\n");
  return { status: status as ArgoHealth["status"], message: message.join("\n") };
}
