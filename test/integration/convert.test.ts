// On the real API server: the CRD enforces placement and reserved keys, every converted fixture is
// a CompositeApp the server accepts, and every Pod it renders is accepted with dryRun=All.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KubectlError } from "../support/kubectl.js";
import { carriedFixtures, convertFixture, renderConverted } from "../support/round-trip.js";
import { app, createNamespace, deleteNamespace, installCrd, kubectl, requireCluster } from "./support.js";

let ns = "";

/** Server-side dry run of creating one object: "" when accepted, else the server's message. */
async function serverVerdict(obj: object): Promise<string> {
  try {
    await kubectl(["create", "--dry-run=server", "-n", ns, "-f", "-"], { input: JSON.stringify(obj) });
    return "";
  } catch (err) {
    if (err instanceof KubectlError) return err.stderr;
    throw err;
  }
}

const busy = { image: "docker.io/library/busybox:1.35" };
const inits = { initContainers: [{ name: "validation", ...busy }] };

describe("convert and placement on the API server", () => {
  beforeAll(async () => {
    await requireCluster();
    await installCrd();
    ns = await createNamespace("convert");
  });
  afterAll(async () => {
    if (ns) await deleteNamespace(ns);
  });

  it.each([
    [
      "an anchor naming no container",
      { ...inits, sidecars: [{ name: "p", ...busy, placement: { startAfter: "nope" } }] },
      "must name an init container, the main container or a helper",
    ],
    [
      "a classic helper among the init containers",
      { ...inits, sidecars: [{ name: "p", ...busy, placement: { mode: "Classic", startAfter: "validation" } }] },
      "placed among the init containers must run Native",
    ],
    [
      "a native helper beside the main container",
      { sidecarMode: "Native", ambassadors: [{ name: "p", ...busy, placement: { startBefore: "main" } }] },
      "placed beside the main container must run Classic",
    ],
    [
      "both anchors",
      { ...inits, sidecars: [{ name: "p", ...busy, placement: { startAfter: "validation", startBefore: "main" } }] },
      "set at most one of startAfter and startBefore",
    ],
    [
      "a helper placed relative to itself",
      { sidecars: [{ name: "p", ...busy, placement: { startAfter: "p" } }] },
      "a helper cannot be placed relative to itself",
    ],
    [
      "the operator's own label in spec.pod",
      { pod: { labels: { "compositeapp.io/slot": "1" } } },
      "keys with the prefix compositeapp.io/ are set by the operator",
    ],
  ])("the CRD rejects %s", async (_name, spec, message) => {
    expect(await serverVerdict(app("bad", spec))).toContain(message);
  });

  it("the CRD accepts a mesh proxy after its validation step and a classic helper beside native ones", async () => {
    const spec = {
      ...inits,
      sidecarMode: "Native",
      sidecars: [
        { name: "proxy", ...busy, placement: { startAfter: "validation" } },
        { name: "debug", ...busy, placement: { mode: "Classic", startBefore: "main" } },
      ],
    };
    expect(await serverVerdict(app("good", spec))).toBe("");
  });

  const valid = carriedFixtures();

  it.each(valid)("%s: the converted CompositeApp is accepted", async (file) => {
    const c = convertFixture(file);
    const obj = { ...c.app, metadata: { ...(c.app.metadata as object), namespace: ns } };
    expect(await serverVerdict(obj)).toBe("");
  });

  it.each(valid)("%s: the rendered Pod is accepted with dryRun=All", async (file) => {
    const pod = renderConverted(convertFixture(file));
    expect(await serverVerdict({ ...pod, metadata: { ...pod.metadata, namespace: ns } })).toBe("");
  });
});
