// Reads the documents named by -f flags: files, or "-" for standard input.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describeDocument, parseDocuments, validateCompositeApp } from "../api/parse.js";
import { GROUP, type CompositeApp } from "../api/compositeapp.js";

export interface LoadResult {
  apps: { source: string; app: CompositeApp }[];
  /** Documents of other kinds (a Service next to an app, say): not ours to check. */
  skipped: string[];
  errors: string[];
}

/** A Kubernetes object of another API group, which the tools pass over. */
function isForeignObject(doc: unknown): doc is { apiVersion: string; kind: string; metadata?: { name?: string } } {
  const d = doc as { apiVersion?: unknown; kind?: unknown } | null;
  return typeof d?.apiVersion === "string" && typeof d.kind === "string" && d.apiVersion.split("/")[0] !== GROUP;
}

function readSource(file: string): string {
  return file === "-" ? readFileSync(0, "utf8") : readFileSync(file, "utf8");
}

const MANIFEST = /\.(ya?ml|json)$/;

/** A directory stands for its YAML and JSON files (not recursive), as with kubectl -f DIR. */
function expand(files: string[]): string[] {
  return files.flatMap((f) => {
    if (f === "-" || !isDirectory(f)) return [f];
    return readdirSync(f)
      .filter((name) => MANIFEST.test(name))
      .sort()
      .map((name) => join(f, name));
  });
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Loads and validates every document of every file; errors name the file and the document. */
export function loadCompositeApps(files: string[]): LoadResult {
  const result: LoadResult = { apps: [], skipped: [], errors: [] };
  for (const file of expand(files)) {
    const source = file === "-" ? "<stdin>" : file;
    let docs: unknown[];
    try {
      docs = parseDocuments(readSource(file));
    } catch (err) {
      result.errors.push(`${source}: ${(err as Error).message.split("\n")[0]}`);
      continue;
    }
    if (docs.length === 0) result.errors.push(`${source}: no documents found`);
    docs.forEach((doc, i) => {
      if (isForeignObject(doc)) {
        result.skipped.push(`${source}: ${doc.apiVersion} ${doc.kind} "${doc.metadata?.name ?? ""}"`);
        return;
      }
      const v = validateCompositeApp(doc);
      const what = `${source}: ${describeDocument(doc, i)}`;
      if (v.ok) result.apps.push({ source: what, app: v.app });
      else result.errors.push(...v.errors.map((e) => `${what}: ${e}`));
    });
  }
  return result;
}
