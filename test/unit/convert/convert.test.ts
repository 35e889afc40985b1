// convert: workloads in, CompositeApps out, and an exact account of what is not carried.
import { describe, expect, it } from "vitest";
import { convertDocuments, unusedNames, type ConvertOptions } from "../../../src/convert/index.js";
import { validateCompositeApp } from "../../../src/api/parse.js";

type Json = Record<string, unknown>;
const busy = (name: string, extra: Json = {}): Json => ({ name, image: "busybox:1.35", ...extra });
const noFlags: ConvertOptions = { main: [], roles: {} };

const pod = (spec: Json, metadata: Json = {}): Json => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "web", ...metadata },
  spec,
});
const workload = (kind: string, spec: Json, podSpec: Json = { containers: [busy("app")] }): Json => ({
  apiVersion: kind === "Job" || kind === "CronJob" ? "batch/v1" : "apps/v1",
  kind,
  metadata: { name: "w" },
  spec: { ...spec, template: { metadata: { labels: { app: "w" } }, spec: podSpec } },
});

function convertOne(doc: Json, opts: ConvertOptions = noFlags) {
  const r = convertDocuments([doc], opts);
  expect(r.errors).toEqual([]);
  expect(r.converted).toHaveLength(1);
  const c = r.converted[0]!;
  expect(c.invalid).toEqual([]);
  expect(validateCompositeApp(c.app).ok).toBe(true);
  return { ...c, spec: c.app.spec as Json, lostPaths: c.lost.map((l) => l.path) };
}

describe("convert: workloads", () => {
  it("carries a Deployment's replicas and update strategy; defaults are not reported", () => {
    const c = convertOne(
      workload("Deployment", {
        replicas: 3,
        revisionHistoryLimit: 10,
        minReadySeconds: 5,
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } },
        selector: { matchLabels: { app: "w" } },
      }),
    );
    expect(c.spec.replicas).toBe(3);
    expect(c.spec.updateStrategy).toEqual({
      type: "RollingUpdate",
      rollingUpdate: { maxUnavailable: 0, maxSurge: "25%" },
    });
    expect(c.lostPaths).toEqual(["spec.minReadySeconds"]);
    expect((c.spec.pod as Json).labels).toEqual({ app: "w" });
  });

  it("replaces a StatefulSet's Pods one at a time, and reports what only a StatefulSet has", () => {
    const c = convertOne(
      workload("StatefulSet", {
        serviceName: "db",
        updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 2 } },
        volumeClaimTemplates: [{ metadata: { name: "data" } }],
      }),
    );
    expect(c.spec.replicas).toBe(1);
    expect(c.spec.updateStrategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(c.lostPaths).toEqual([
      "spec.serviceName",
      "spec.volumeClaimTemplates",
      "spec.updateStrategy.rollingUpdate.partition",
    ]);
  });

  it("reports that a DaemonSet runs one Pod per node and that OnDelete has no equivalent", () => {
    const c = convertOne(workload("DaemonSet", { updateStrategy: { type: "OnDelete" } }));
    expect(c.spec.replicas).toBeUndefined();
    expect(c.lostPaths).toEqual(["kind", "spec.updateStrategy.type"]);
  });

  it("carries a Job's Pod and backoffLimit, and reports its completion settings; a CronJob's schedule", () => {
    const job = convertOne(
      workload("Job", { parallelism: 2, backoffLimit: 6 }, { containers: [busy("app")], restartPolicy: "Never" }),
    );
    expect((job.spec.pod as Json).restartPolicy).toBe("Never");
    expect(job.spec.backoffLimit).toBeUndefined();
    expect(job.lostPaths).toEqual(["spec.parallelism"]);
    const retried = convertOne(
      workload("Job", { backoffLimit: 2 }, { containers: [busy("app")], restartPolicy: "OnFailure" }),
    );
    expect(retried.spec.backoffLimit).toBe(2);
    expect(retried.lostPaths).toEqual([]);
    const cron = convertOne({
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name: "nightly" },
      spec: { schedule: "0 3 * * *", jobTemplate: { spec: { template: { spec: { containers: [busy("app")] } } } } },
    });
    expect(cron.lostPaths).toEqual(["spec.schedule"]);
  });

  it("converts every item of a List and passes over other kinds", () => {
    const r = convertDocuments(
      [
        {
          apiVersion: "v1",
          kind: "List",
          items: [
            pod({ containers: [busy("a")] }),
            { apiVersion: "v1", kind: "Service", metadata: { name: "web" } },
            workload("ReplicaSet", { replicas: 2 }),
          ],
        },
      ],
      noFlags,
    );
    expect(r.converted.map((c) => c.source)).toEqual(['Pod "web"', 'ReplicaSet "w"']);
    expect(r.skipped).toEqual(['v1 Service "web"']);
  });

  it("drops what the API server fills in, and reports ownership", () => {
    const c = convertOne(
      pod(
        { containers: [busy("a")] },
        {
          uid: "u",
          resourceVersion: "7",
          creationTimestamp: "2026-01-01T00:00:00Z",
          ownerReferences: [{ kind: "ReplicaSet", name: "web-5d4f", apiVersion: "apps/v1", uid: "x" }],
          labels: { app: "web", "compositeapp.io/revision": "abc" },
        },
      ),
    );
    expect(c.lostPaths).toEqual(["metadata.ownerReferences"]);
    expect((c.spec.pod as Json).labels).toEqual({ app: "web" });
    expect(c.notes).toContain("the operator's own compositeapp.io/* labels are left out: it sets them itself");
  });

  it("reports a field the schema cannot carry by where it was in the input, with its value", () => {
    const c = convertOne(
      workload("Deployment", {}, { containers: [busy("app"), busy("log", { futureField: { a: 1 } })] }),
    );
    expect(c.lost).toEqual([{ path: "spec.template.spec.containers[1].futureField", value: { a: 1 } }]);
  });
});

describe("convert: containers and placement", () => {
  it("picks main from --main, else the default-container annotation, else the first container", () => {
    const spec = { containers: [busy("proxy"), busy("app")] };
    const annotated = { annotations: { "kubectl.kubernetes.io/default-container": "app" } };
    expect((convertOne(pod(spec)).spec.main as Json).name).toBe("proxy");
    expect((convertOne(pod(spec, annotated)).spec.main as Json).name).toBe("app");
    expect((convertOne(pod(spec), { main: ["app"], roles: {} }).spec.main as Json).name).toBe("app");
  });

  it("keeps the order of regular containers when main is not the first: a classic helper before main", () => {
    const c = convertOne(pod({ containers: [busy("proxy"), busy("app")] }), { main: ["app"], roles: {} });
    expect(c.spec.sidecars).toEqual([{ ...busy("proxy"), placement: { startBefore: "app" } }]);
    expect(c.spec.sidecarMode).toBe("Classic");
  });

  it("keeps a native proxy between init containers, and a regular helper beside native ones", () => {
    const c = convertOne(
      pod({
        initContainers: [busy("validation"), busy("proxy", { restartPolicy: "Always" }), busy("migrate")],
        containers: [busy("app"), busy("debug")],
      }),
      { main: [], roles: { proxy: "ambassador" } },
    );
    expect(c.spec.sidecarMode).toBe("Native");
    expect(c.spec.initContainers).toEqual([busy("validation"), busy("migrate")]);
    expect(c.spec.ambassadors).toEqual([{ ...busy("proxy"), placement: { startAfter: "validation" } }]);
    expect(c.spec.sidecars).toEqual([{ ...busy("debug"), placement: { mode: "Classic" } }]);
  });

  it("adds no anchor where the role defaults already give the Pod's order", () => {
    const c = convertOne(
      pod({ initContainers: [busy("init"), busy("proxy", { restartPolicy: "Always" })], containers: [busy("app")] }),
    );
    expect(c.spec.sidecars).toEqual([busy("proxy")]);
  });

  it("starts a native sidecar that precedes every init container before the first", () => {
    const c = convertOne(
      pod({ initContainers: [busy("proxy", { restartPolicy: "Always" }), busy("init")], containers: [busy("app")] }),
    );
    expect(c.spec.sidecars).toEqual([{ ...busy("proxy"), placement: { startBefore: "init" } }]);
  });

  it("rejects roles for the main container or a run-to-completion init container, and unknown names", () => {
    const doc = pod({ initContainers: [busy("init")], containers: [busy("app")] });
    const r = convertDocuments([doc], { main: [], roles: { app: "sidecar", init: "adapter" } });
    expect(r.errors).toEqual([
      'Pod "web": --role app: "app" is the main container; roles are for helpers; --role init: "init" is an init container that runs to completion, not a helper',
    ]);
    expect(unusedNames([doc], { main: ["nope"], roles: { ghost: "sidecar", init: "sidecar" } })).toEqual([
      "--main nope",
      "--role ghost",
    ]);
  });

  it("fails on a Pod without containers", () => {
    expect(convertDocuments([pod({})], noFlags).errors).toEqual([
      'Pod "web": spec.containers: the Pod has no containers',
    ]);
  });
});
