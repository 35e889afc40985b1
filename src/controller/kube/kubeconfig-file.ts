// The kubeconfig file as kubectl reads it: the fields the operator uses (the rest kept as written),
// parse errors that name the file and the field, relative paths resolved against the file's
// directory, and several files merged as kubectl merges the $KUBECONFIG list.
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import { load } from "js-yaml";
import { z } from "zod";
import { KUBECTL_YAML_SCHEMA } from "../../api/kubectl-yaml.js";

const text = z.string().optional();

export const KubeCluster = z.looseObject({
  server: text,
  "certificate-authority": text,
  "certificate-authority-data": text,
  "insecure-skip-tls-verify": z.boolean().optional(),
  "tls-server-name": text,
  "proxy-url": text,
});
export type KubeCluster = z.output<typeof KubeCluster>;

export const KubeUser = z.looseObject({
  "client-certificate": text,
  "client-certificate-data": text,
  "client-key": text,
  "client-key-data": text,
  token: text,
  tokenFile: text,
  username: text,
  password: text,
  as: text,
  "as-uid": text,
  "as-groups": z.array(z.string()).nullish(),
  exec: z.looseObject({ command: z.string().min(1) }).nullish(),
  "auth-provider": z.looseObject({ name: z.string().min(1) }).nullish(),
});
export type KubeUser = z.output<typeof KubeUser>;

export const KubeContext = z.looseObject({ cluster: z.string().min(1), user: text, namespace: text });
export type KubeContext = z.output<typeof KubeContext>;

const name = z.string().min(1);
const KubeConfigDocument = z.looseObject({
  clusters: z.array(z.looseObject({ name, cluster: KubeCluster })).nullish(),
  users: z.array(z.looseObject({ name, user: KubeUser.nullish() })).nullish(),
  contexts: z.array(z.looseObject({ name, context: KubeContext })).nullish(),
  "current-context": text,
});

/** A kubeconfig with its lists turned into maps by name (as client-go holds it), paths absolute. */
export interface KubeConfigFile {
  clusters: Map<string, KubeCluster>;
  users: Map<string, KubeUser>;
  contexts: Map<string, KubeContext>;
  currentContext?: string;
}

/** `users[0].user.token` from a zod path. */
const formatPath = (path: readonly PropertyKey[]): string =>
  path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("");

function byName<E extends { name: string }, T>(file: string, list: string, entries: E[], pick: (e: E) => T) {
  const out = new Map<string, T>();
  for (const entry of entries) {
    if (out.has(entry.name)) throw new Error(`kubeconfig ${file}: ${list}: duplicate name "${entry.name}"`);
    out.set(entry.name, pick(entry));
  }
  return out;
}

/** A relative path as kubectl resolves it: against the directory of the file that holds it. */
const absolute = (dir: string, path: string | undefined): string | undefined =>
  path && !isAbsolute(path) ? join(dir, path) : path;

function resolvePaths(dir: string, cluster: KubeCluster, user: KubeUser | undefined): void {
  cluster["certificate-authority"] = absolute(dir, cluster["certificate-authority"]);
  if (!user) return;
  user["client-certificate"] = absolute(dir, user["client-certificate"]);
  user["client-key"] = absolute(dir, user["client-key"]);
  user.tokenFile = absolute(dir, user.tokenFile);
  // An exec command with a separator is a path (./bin/auth); a bare name is looked up in PATH.
  if (user.exec?.command.includes("/")) user.exec.command = absolute(dir, user.exec.command)!;
}

/** Parses one kubeconfig's text; `file` names it in errors and anchors its relative paths. */
export function parseKubeConfig(file: string, source: string): KubeConfigFile {
  let raw: unknown;
  try {
    raw = load(source, { schema: KUBECTL_YAML_SCHEMA, filename: file });
  } catch (err) {
    throw new Error(`kubeconfig ${file}: not valid YAML: ${(err as Error).message}`, { cause: err });
  }
  const result = KubeConfigDocument.safeParse(raw ?? {});
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${formatPath(i.path) || "(document)"}: ${i.message}`);
    throw new Error(`kubeconfig ${file}: ${lines.join("; ")}`);
  }
  const doc = result.data;
  const dir = dirname(file);
  const clusters = byName(file, "clusters", doc.clusters ?? [], (e) => {
    const cluster = { ...e.cluster };
    resolvePaths(dir, cluster, undefined);
    return cluster;
  });
  const users = byName(file, "users", doc.users ?? [], (e) => {
    const user: KubeUser = { ...e.user, ...(e.user?.exec ? { exec: { ...e.user.exec } } : {}) };
    resolvePaths(dir, {}, user);
    return user;
  });
  const contexts = byName(file, "contexts", doc.contexts ?? [], (e) => e.context);
  const currentContext = doc["current-context"] || undefined;
  return { clusters, users, contexts, ...(currentContext ? { currentContext } : {}) };
}

/** Reads and parses one kubeconfig file. */
export function readKubeConfigFile(file: string): KubeConfigFile {
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(`kubeconfig ${file}: cannot read it: ${(err as Error).message}`, { cause: err });
  }
  return parseKubeConfig(file, source);
}

/**
 * Several files merged as kubectl merges $KUBECONFIG: the first file that defines a cluster, user or
 * context by a name wins, and so does the first file that sets current-context.
 */
export function mergeKubeConfigs(files: KubeConfigFile[]): KubeConfigFile {
  const merged: KubeConfigFile = { clusters: new Map(), users: new Map(), contexts: new Map() };
  for (const file of files) {
    for (const key of ["clusters", "users", "contexts"] as const) {
      const into = merged[key] as Map<string, unknown>;
      for (const [name, value] of file[key]) if (!into.has(name)) into.set(name, value);
    }
    merged.currentContext ??= file.currentContext;
  }
  return merged;
}
