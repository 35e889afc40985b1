// Pod Security "restricted" as the API server enforces it (Pod Security admission needs no
// kubelet): in a namespace labelled pod-security.kubernetes.io/enforce=restricted, every example's
// CompositeApps and the Pods they render are created with dryRun=All, and so is an app that uses
// every preset without the profile. A Pod rendered as written, without the profile, is refused
// there, so the namespace does enforce the level.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ApiException, CoreV1Api, CustomObjectsApi, type V1Pod } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GROUP, PLURAL, VERSION } from "../../src/api/compositeapp.js";
import { parseDocuments } from "../../src/api/parse.js";
import { clientNodeKubeConfig } from "../support/client-node-kubeconfig.js";
import { EXAMPLES_DIR, exampleFiles } from "../support/fixtures.js";
import { validateAndRender } from "../support/render-generated.js";
import { createNamespace, deleteNamespace, installCrd, kubectl, requireCluster } from "./support.js";

type Obj = Record<string, unknown> & { kind?: string; metadata?: Record<string, unknown> };

let ns = "";
let core: CoreV1Api;
let custom: CustomObjectsApi;

const messageOf = (err: unknown): string =>
  err instanceof ApiException ? `${err.code}: ${String(err.body)}` : String((err as Error).message);

/** The app and the Pod it renders, each created with dryRun=All; the server's refusals, if any. */
async function refusals(input: Obj): Promise<string[]> {
  const app = { ...input, metadata: { ...input.metadata, namespace: ns } };
  const rendered = validateAndRender(app);
  if (rendered.errors.length > 0) return rendered.errors.map((e) => `validate: ${e}`);
  const out: string[] = [];
  const attempt = async (what: string, create: () => Promise<unknown>) => {
    try {
      await create();
    } catch (err) {
      out.push(`${what}: ${messageOf(err)}`);
    }
  };
  await attempt("CompositeApp", () =>
    custom.createNamespacedCustomObject({
      group: GROUP,
      version: VERSION,
      namespace: ns,
      plural: PLURAL,
      body: app,
      dryRun: "All",
      fieldValidation: "Strict",
    }),
  );
  await attempt("Pod", () =>
    core.createNamespacedPod({ namespace: ns, body: rendered.pod as V1Pod, dryRun: "All", fieldValidation: "Strict" }),
  );
  return out;
}

const BUSYBOX = "docker.io/library/busybox:1.35";

/** Main restricted by hand (no profile), with a helper of every preset: the presets are restricted by themselves. */
const everyPreset = (): Obj => ({
  apiVersion: "compositeapp.io/v1alpha1",
  kind: "CompositeApp",
  metadata: { name: "every-preset" },
  spec: {
    volumes: [{ name: "data", emptyDir: {} }],
    main: {
      name: "app",
      image: BUSYBOX,
      volumeMounts: [{ name: "data", mountPath: "/data" }],
      securityContext: {
        runAsNonRoot: true,
        runAsUser: 1000,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ["ALL"] },
        seccompProfile: { type: "RuntimeDefault" },
      },
    },
    sidecars: [
      { name: "ship", preset: { logShipper: { volume: "data", files: ["a.log"] } } },
      { name: "reload", preset: { configReloader: { volume: "data", url: "http://localhost:8080/-/reload" } } },
    ],
    ambassadors: [
      { name: "db", preset: { tcpProxy: { listenPort: 80, upstream: "db.example:5432" } } },
      { name: "web", preset: { httpProxy: { listenPort: 8081, routes: [{ path: "/", upstream: "http://svc" }] } } },
    ],
    adapters: [
      { name: "json", preset: { logToJson: { volume: "data", file: "a.log" } } },
      { name: "metrics", preset: { prometheusMetrics: { volume: "data", file: "status" } } },
    ],
  },
});

describe("Pod Security restricted, enforced by the API server", () => {
  beforeAll(async () => {
    await requireCluster();
    await installCrd();
    ns = await createNamespace("restricted");
    await kubectl(["label", "namespace", ns, "pod-security.kubernetes.io/enforce=restricted"]);
    const kc = clientNodeKubeConfig();
    core = kc.makeApiClient(CoreV1Api);
    custom = kc.makeApiClient(CustomObjectsApi);
  });
  afterAll(async () => {
    if (ns) await deleteNamespace(ns);
  });

  const examples = exampleFiles().flatMap((file) =>
    parseDocuments(readFileSync(join(EXAMPLES_DIR, file), "utf8"))
      .filter((d): d is Obj => (d as Obj).kind === "CompositeApp")
      .map((app) => [`${file}: ${String(app.metadata?.name)}`, app] as const),
  );

  it("covers every example", () => {
    expect(examples.length).toBeGreaterThanOrEqual(exampleFiles().length);
  });

  it.each(examples)("example %s: the app and its Pod are admitted", async (_name, app) => {
    expect(await refusals(app)).toEqual([]);
  });

  it("an app without the profile, with a helper of every preset (one on port 80), is admitted", async () => {
    expect(await refusals(everyPreset())).toEqual([]);
  });

  it("the namespace enforces the level: the same app with main as written is refused, naming main", async () => {
    const app = everyPreset();
    delete ((app.spec as Obj).main as Obj).securityContext;
    const refused = await refusals(app);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatch(/^Pod: 403: .*violates PodSecurity \\?"restricted:latest\\?"/);
    expect(refused[0]).toContain('container \\"app\\"');
    expect(refused[0]).not.toMatch(/containers? [^;]*\\"(ship|reload|db|web|json|metrics)\\"/);
  });
});
