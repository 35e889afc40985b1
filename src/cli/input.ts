// Reads the documents named by -f flags: files, directories, or "-" for standard input.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describeDocument, formatPath, parseDocuments, validateCompositeApp } from "../api/parse.js";
import { specWarnings } from "../api/warnings.js";
import { GROUP, type CompositeApp } from "../api/compositeapp.js";

export interface LoadResult {
  apps: { source: string; app: CompositeApp }[];
  /** Documents of other kinds (a Service next to an app, say): not ours to check. */
  skipped: string[];
  errors: string[];
  /** What the API server would accept with a warning, as `SOURCE: PATH: message`. */
  warnings: string[];
}

/** A Kubernetes object of another API group, which the tools pass over. */
function isForeignObject(doc: unknown): doc is { apiVersion: string; kind: string; metadata?: { name?: unknown } } {
  const d = doc as { apiVersion?: unknown; kind?: unknown } | null;
  return typeof d?.apiVersion === "string" && typeof d.kind === "string" && d.apiVersion.split("/")[0] !== GROUP;
}

interface ListDocument {
  apiVersion?: unknown;
  kind: string;
  items: unknown[];
}

/** `kind: List` (what `kubectl get -o yaml` prints) or a typed list such as CompositeAppList. */
function isList(doc: unknown): doc is ListDocument {
  const d = doc as { kind?: unknown; items?: unknown } | null;
  return typeof d?.kind === "string" && d.kind.endsWith("List") && Array.isArray(d.items);
}

/**
 * A list stands for its items, as kubectl reads it. Items of a typed list may leave out their
 * apiVersion and kind (the API server's own lists do): they are the list's, less "List".
 */
function flattenLists(docs: unknown[]): unknown[] {
  return docs.flatMap((doc) => {
    if (!isList(doc)) return [doc];
    if (doc.kind === "List") return flattenLists(doc.items);
    const kind = doc.kind.slice(0, -"List".length);
    return flattenLists(
      doc.items.map((item) =>
        item !== null && typeof item === "object" ? { apiVersion: doc.apiVersion, kind, ...item } : item,
      ),
    );
  });
}

const sourceName = (file: string): string => (file === "-" ? "<stdin>" : file);

const MANIFEST = /\.(ya?ml|json)$/;

/** A directory stands for its YAML and JSON files (not recursive), as with kubectl -f DIR. */
function expand(file: string): (string | { error: string })[] {
  if (file === "-" || !isDirectory(file)) return [file];
  const manifests = readdirSync(file)
    .filter((name) => MANIFEST.test(name))
    .sort()
    .map((name) => join(file, name));
  return manifests.length > 0
    ? manifests
    : [{ error: `${file}: no manifests in the directory (*.yaml, *.yml, *.json)` }];
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Loads and validates every document of every file; errors name the file and the document.
 * Input that holds no CompositeApp at all is an error too: a command that silently does nothing
 * hides a wrong path or a wrong file.
 */
export function loadCompositeApps(files: string[], readStdin: () => string): LoadResult {
  const result: LoadResult = { apps: [], skipped: [], errors: [], warnings: [] };
  for (const file of files.flatMap((f) => expand(f))) {
    if (typeof file !== "string") {
      result.errors.push(file.error);
      continue;
    }
    loadFile(file, file === "-" ? readStdin : () => readFileSync(file, "utf8"), result);
  }
  if (result.apps.length === 0 && result.errors.length === 0) {
    const skipped = result.skipped.length > 0 ? `; skipped other kinds: ${result.skipped.join("; ")}` : "";
    result.errors.push(`no CompositeApp found in ${files.map(sourceName).join(", ")}${skipped}`);
  }
  return result;
}

function loadFile(file: string, read: () => string, result: LoadResult): void {
  const source = sourceName(file);
  let docs: unknown[];
  try {
    docs = parseDocuments(read());
  } catch (err) {
    result.errors.push(`${source}: ${(err as Error).message.split("\n")[0]}`);
    return;
  }
  if (docs.length === 0) result.errors.push(`${source}: no documents found`);
  flattenLists(docs).forEach((doc, i) => {
    if (isForeignObject(doc)) {
      const name = typeof doc.metadata?.name === "string" ? doc.metadata.name : "";
      result.skipped.push(`${source}: ${doc.apiVersion} ${doc.kind} "${name}"`);
      return;
    }
    const v = validateCompositeApp(doc);
    const what = `${source}: ${describeDocument(doc, i)}`;
    if (v.ok) {
      result.apps.push({ source: what, app: v.app });
      result.warnings.push(...specWarnings(v.app.spec).map((w) => `${what}: ${formatPath(w.path)}: ${w.message}`));
    } else result.errors.push(...v.errors.map((e) => `${what}: ${e}`));
  });
}
