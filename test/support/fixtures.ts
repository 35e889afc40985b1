import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parseDocuments, validateCompositeApp } from "../../src/api/parse.js";
import type { CompositeApp, CompositeAppInput } from "../../src/api/compositeapp.js";

export const EXAMPLES_DIR = join(import.meta.dirname, "..", "..", "examples");

export const exampleFiles = (): string[] =>
  readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith(".yaml"))
    .sort();

/** The CompositeApps of one example file, validated. */
export function exampleApps(file: string): CompositeApp[] {
  return parseDocuments(readFileSync(join(EXAMPLES_DIR, file), "utf8"))
    .filter((d) => (d as { kind?: string }).kind === "CompositeApp")
    .map((d) => {
      const v = validateCompositeApp(d);
      if (!v.ok) throw new Error(`${file}: ${v.errors.join("; ")}`);
      return v.app;
    });
}

/** A small valid app to mutate in tests. */
export function baseApp(): CompositeAppInput {
  return {
    apiVersion: "compositeapp.io/v1alpha1",
    kind: "CompositeApp",
    metadata: { name: "web", namespace: "default" },
    spec: {
      volumes: [{ name: "data", emptyDir: {} }],
      main: {
        name: "main",
        image: "busybox:1.35",
        ports: [{ containerPort: 8080 }],
        volumeMounts: [{ name: "data", mountPath: "/data" }],
      },
    },
  };
}

export function parsedApp(input: CompositeAppInput = baseApp()): CompositeApp {
  const v = validateCompositeApp(input);
  if (!v.ok) throw new Error(v.errors.join("; "));
  return v.app;
}
