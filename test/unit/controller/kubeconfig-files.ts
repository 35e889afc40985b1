// Kubeconfig files for the loader's tests, in a temporary directory: written from a compact
// description in kubectl's format.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export interface ConfigDescription {
  clusters?: Record<string, Record<string, unknown>>;
  users?: Record<string, Record<string, unknown>>;
  contexts?: Record<string, { cluster: string; user?: string }>;
  current?: string;
}

export class TempFiles {
  readonly dir = mkdtempSync(join(tmpdir(), "kubeconfig-test-"));

  /** Writes a file under the directory (creating its parents) and returns its path. */
  write(relative: string, content: string | Buffer): string {
    const file = join(this.dir, relative);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    return file;
  }

  /** A kubeconfig in kubectl's format (lists of named entries), as YAML-compatible JSON. */
  config(relative: string, d: ConfigDescription): string {
    const list = (key: string, entries: Record<string, unknown> = {}) =>
      Object.entries(entries).map(([name, value]) => ({ name, [key]: value }));
    const doc = {
      apiVersion: "v1",
      kind: "Config",
      clusters: list("cluster", d.clusters),
      users: list("user", d.users),
      contexts: list("context", d.contexts),
      ...(d.current ? { "current-context": d.current } : {}),
    };
    return this.write(relative, JSON.stringify(doc, null, 2));
  }

  /** One cluster, one user, one context, current. */
  simple(relative: string, cluster: Record<string, unknown>, user: Record<string, unknown> = {}): string {
    return this.config(relative, {
      clusters: { c: cluster },
      users: { u: user },
      contexts: { x: { cluster: "c", user: "u" } },
      current: "x",
    });
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
