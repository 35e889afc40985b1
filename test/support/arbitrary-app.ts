// fast-check arbitraries of valid CompositeApps, valid by construction: unique container names
// and ports, mounts of declared volumes, presets, probes, resources with requests <= limits,
// labels, env, securityContext. Used by the unit property test (render, determinism, revision)
// and by the integration test that sends the rendered Pods to the API server.
import fc from "fast-check";
import type { CompositeAppInput } from "../../src/api/compositeapp.js";

type Obj = Record<string, unknown>;

const LOWER = "abcdefghijklmnopqrstuvwxyz";
const DIGITS = "0123456789";
const UPPER = LOWER.toUpperCase();
/** A word: a first character, up to `maxMiddle` middle ones and an end character (when longer than 1). */
const word = (first: string, middle: string, last: string, maxMiddle: number) =>
  fc
    .tuple(
      fc.constantFrom(...first),
      fc.array(fc.constantFrom(...middle), { maxLength: maxMiddle }),
      fc.option(fc.constantFrom(...last), { nil: undefined }),
    )
    .map(([f, m, l]) => (l === undefined ? f : f + m.join("") + l));

const dnsLabel = word(LOWER, `${LOWER}${DIGITS}-`, LOWER + DIGITS, 8);
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });
/** Drops undefined fields, so generated objects look like what a user writes. */
const defined = (o: Obj): Obj => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

const images = fc.constantFrom(
  "docker.io/library/busybox:1.35",
  "registry.example/shop:1.4",
  "nginx",
  "ghcr.io/acme/tool@sha256:" + "a".repeat(64),
);

// ---- resources: requests <= limits, in every quantity notation -----------------------------

const cpu = (milli: number): fc.Arbitrary<string | number> =>
  milli % 1000 === 0
    ? fc.constantFrom<string | number>(`${milli}m`, milli / 1000, String(milli / 1000))
    : fc.constantFrom<string | number>(`${milli}m`, (milli / 1000).toString());
const memory = (mi: number): fc.Arbitrary<string | number> =>
  fc.constantFrom<string | number>(`${mi}Mi`, `${mi * 1024}Ki`, mi * 1024 * 1024, `${mi * 1048576}`);

const bounded = (max: number, render: (n: number) => fc.Arbitrary<string | number>) =>
  fc
    .tuple(fc.integer({ min: 0, max }), fc.integer({ min: 0, max }), fc.constantFrom("both", "request", "limit"))
    .chain(([request, extra, which]) =>
      fc.tuple(render(request), render(request + extra)).map(([r, l]) => ({
        request: which === "limit" ? undefined : r,
        limit: which === "request" ? undefined : l,
      })),
    );

const resources = fc
  .record({
    cpu: optional(bounded(4000, cpu)),
    memory: optional(bounded(4096, (n) => memory(n + 1))),
    "ephemeral-storage": optional(bounded(10, (n) => fc.constant(`${n + 1}Gi`))),
  })
  .map((byName) => {
    const requests: Obj = {};
    const limits: Obj = {};
    for (const [name, pair] of Object.entries(byName)) {
      if (pair?.request !== undefined) requests[name] = pair.request;
      if (pair?.limit !== undefined) limits[name] = pair.limit;
    }
    return defined({
      requests: Object.keys(requests).length > 0 ? requests : undefined,
      limits: Object.keys(limits).length > 0 ? limits : undefined,
    });
  });

// ---- small pieces ----------------------------------------------------------------------------

const envName = word(`${UPPER}${LOWER}_.-`, `${UPPER}${LOWER}${DIGITS}_.-`, `${UPPER}${DIGITS}_`, 14);
// env is a list keyed by name (upstream's list-map), so names are unique within a container.
const env = fc.uniqueArray(
  fc.oneof(
    fc.record({ name: envName, value: fc.string({ maxLength: 20 }) }),
    fc.record({ name: envName, valueFrom: fc.constant({ fieldRef: { fieldPath: "metadata.name" } }) }),
  ),
  { maxLength: 4, selector: (e) => e.name },
);
const ALNUM = `${LOWER}${UPPER}${DIGITS}`;
const labelValue = fc.oneof(fc.constant(""), word(ALNUM, `${ALNUM}-_.`, ALNUM, 10));
const qualifiedKey = fc
  .tuple(fc.constantFrom("", "example.com/", "team.acme.io/"), word(ALNUM, `${ALNUM}-_.`, ALNUM, 12))
  .map(([prefix, name]) => prefix + name);
const labels = fc.dictionary(qualifiedKey, labelValue, { maxKeys: 4 });
const annotations = fc.dictionary(qualifiedKey, fc.string({ maxLength: 30 }), { maxKeys: 3 });

const securityContext = fc
  .record(
    {
      runAsNonRoot: fc.boolean(),
      runAsUser: fc.integer({ min: 1, max: 65535 }),
      allowPrivilegeEscalation: fc.boolean(),
      readOnlyRootFilesystem: fc.boolean(),
      capabilities: fc.constant({ drop: ["ALL"] }),
    },
    { requiredKeys: [] },
  )
  .map((sc) => (sc.allowPrivilegeEscalation === true ? { ...sc, capabilities: undefined } : sc))
  .map(defined);

/** A probe with exactly one handler; `portName` is a port of the container, when it has one. */
const probe = (port: number | undefined, portName: string | undefined, kind: "liveness" | "readiness" | "startup") => {
  const handlers: fc.Arbitrary<Obj>[] = [fc.constant({ exec: { command: ["cat", "/tmp/healthy"] } })];
  if (port !== undefined) {
    const ref = portName ? fc.constantFrom<number | string>(port, portName) : fc.constant(port);
    handlers.push(
      ref.map((p) => ({ tcpSocket: { port: p } })),
      fc
        .tuple(ref, fc.constantFrom("HTTP", "HTTPS"), fc.constantFrom("/", "/healthz"))
        .map(([p, scheme, path]) => ({ httpGet: { port: p, scheme, path } })),
      fc.constant({ grpc: { port } }),
    );
  }
  return fc
    .tuple(
      fc.oneof(...handlers),
      fc.record(
        {
          initialDelaySeconds: fc.integer({ min: 0, max: 30 }),
          periodSeconds: fc.integer({ min: 1, max: 30 }),
          timeoutSeconds: fc.integer({ min: 1, max: 10 }),
          failureThreshold: fc.integer({ min: 1, max: 10 }),
          successThreshold: kind === "readiness" ? fc.integer({ min: 1, max: 3 }) : fc.constant(1),
          terminationGracePeriodSeconds:
            kind === "readiness" ? fc.constant(undefined) : fc.integer({ min: 1, max: 60 }),
        },
        { requiredKeys: [] },
      ),
    )
    .map(([handler, timing]) => defined({ ...handler, ...timing }));
};

// ---- containers ------------------------------------------------------------------------------

interface Slot {
  name: string;
  ports: number[];
  volumes: string[];
  runsToCompletion: boolean;
}

const containerPorts = (ports: number[]) =>
  fc
    .tuple(
      fc.array(fc.constantFrom("TCP", "UDP", "SCTP"), { minLength: ports.length, maxLength: ports.length }),
      fc.array(optional(word(LOWER, LOWER + DIGITS, LOWER + DIGITS, 4)), {
        minLength: ports.length,
        maxLength: ports.length,
      }),
    )
    .map(([protocols, names]) =>
      ports.map((containerPort, j) =>
        defined({ containerPort, protocol: protocols[j], name: names[j] && `${names[j]}-${j}` }),
      ),
    );

/** The fields of one container at a slot (everything but image and preset). */
function containerBody(slot: Slot): fc.Arbitrary<Obj> {
  return containerPorts(slot.ports).chain((ports) => {
    const tcp = ports.find((p) => p.protocol === "TCP") as { containerPort: number; name?: string } | undefined;
    const probes = slot.runsToCompletion
      ? {}
      : {
          livenessProbe: optional(probe(tcp?.containerPort, tcp?.name, "liveness")),
          readinessProbe: optional(probe(tcp?.containerPort, tcp?.name, "readiness")),
          startupProbe: optional(probe(tcp?.containerPort, tcp?.name, "startup")),
        };
    return fc
      .record({
        imagePullPolicy: optional(fc.constantFrom("Always", "IfNotPresent", "Never")),
        command: optional(fc.constantFrom(["sleep", "3600"], ["sh", "-c", "exec httpd -f"])),
        args: optional(fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 })),
        workingDir: optional(fc.constantFrom("/", "/app", "/tmp")),
        env: optional(env),
        resources: optional(resources),
        securityContext: optional(securityContext),
        volumeMounts: optional(
          fc
            .subarray(slot.volumes)
            .chain((vs) =>
              fc
                .array(fc.boolean(), { minLength: vs.length, maxLength: vs.length })
                .map((ro) =>
                  vs.map((name, i) => defined({ name, mountPath: `/mnt/${name}`, readOnly: ro[i] || undefined })),
                ),
            ),
        ),
        terminationMessagePolicy: optional(fc.constantFrom("File", "FallbackToLogsOnError")),
        ...probes,
      })
      .map((body) => defined({ name: slot.name, ...body, ports: ports.length > 0 ? ports : undefined }));
  });
}

const container = (slot: Slot) => fc.tuple(containerBody(slot), images).map(([body, image]) => ({ ...body, image }));

const upstream = fc
  .tuple(
    fc.constantFrom("db", "redis-primary.cache.svc", "10.0.0.7", "postgres.db.svc.cluster.local"),
    fc.integer({ min: 1, max: 65535 }),
  )
  .map(([host, port]) => `${host}:${port}`);

/** A helper: its preset (from the role's presets) or a plain image, and its own fields. */
function helper(slot: Slot, role: "sidecars" | "ambassadors" | "adapters", presetPort: number): fc.Arbitrary<Obj> {
  const volume = slot.volumes[0];
  const shared = { volume, mountPath: "/preset" };
  const presets: fc.Arbitrary<Obj>[] = [];
  if (role === "ambassadors")
    presets.push(
      upstream.map((u) => ({ tcpProxy: { listenPort: presetPort, upstream: u } })),
      fc
        .uniqueArray(fc.constantFrom("/", "/api", "/api/v1", "/static"), { minLength: 1, maxLength: 3 })
        .chain((paths) => fc.tuple(...paths.map((path) => upstream.map((u) => ({ path, upstream: `http://${u}/v1` })))))
        .map((routes) => ({ httpProxy: { listenPort: presetPort, routes } })),
    );
  if (volume !== undefined && role === "sidecars") {
    presets.push(
      fc.constant({ logShipper: { ...shared, files: ["access.log", "error.log"] } }),
      fc.integer({ min: 1, max: 60 }).map((intervalSeconds) => ({
        configReloader: { ...shared, url: "http://localhost:8080/-/reload", intervalSeconds },
      })),
    );
  }
  if (volume !== undefined && role === "adapters") {
    presets.push(
      fc.constant({ logToJson: { ...shared, file: "app.log" } }),
      fc
        .tuple(fc.integer({ min: 1, max: 60 }), fc.constantFrom("app_", "", "shop"))
        .map(([intervalSeconds, prefix]) => ({
          prometheusMetrics: { ...shared, file: "status", port: presetPort, intervalSeconds, prefix },
        })),
    );
  }
  const plain = container(slot);
  if (presets.length === 0) return plain;
  return fc.oneof(
    plain,
    fc.tuple(containerBody(slot), fc.oneof(...presets)).map(([body, preset]) => ({ ...body, preset })),
  );
}

// ---- volumes -----------------------------------------------------------------------------------

const volumeSource = fc.oneof(
  fc
    .record({
      medium: optional(fc.constantFrom("", "Memory")),
      sizeLimit: optional(fc.constantFrom("64Mi", "1Gi", 100000)),
    })
    .map((e) => ({ emptyDir: defined(e) })),
  fc
    .tuple(fc.constantFrom("/var/data", "/tmp"), optional(fc.constantFrom("", "DirectoryOrCreate", "Directory")))
    .map(([path, type]) => ({ hostPath: defined({ path, type }) })),
  dnsLabel.map((name) => ({ configMap: { name, optional: true } })),
  dnsLabel.map((secretName) => ({ secret: { secretName, optional: true } })),
  dnsLabel.map((claimName) => ({ persistentVolumeClaim: { claimName } })),
  fc.constant({ downwardAPI: { items: [{ path: "labels", fieldRef: { fieldPath: "metadata.labels" } }] } }),
);

// ---- the app ------------------------------------------------------------------------------------

const COUNTS = fc.record({
  init: fc.integer({ min: 0, max: 3 }),
  sidecars: fc.integer({ min: 0, max: 3 }),
  ambassadors: fc.integer({ min: 0, max: 2 }),
  adapters: fc.integer({ min: 0, max: 2 }),
});

/** Valid CompositeApps (as a user writes them: defaults left out). */
export const arbitraryApp: fc.Arbitrary<CompositeAppInput> = fc
  .tuple(COUNTS, fc.uniqueArray(dnsLabel, { minLength: 0, maxLength: 4 }))
  .chain(([counts, volumeNames]) => {
    const total = 1 + counts.init + counts.sidecars + counts.ambassadors + counts.adapters;
    return fc
      .tuple(
        fc.uniqueArray(dnsLabel, { minLength: total, maxLength: total }),
        fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { minLength: total * 3, maxLength: total * 3 }),
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: total, maxLength: total }),
      )
      .chain(([names, portPool, portCounts]) => {
        const slot = (i: number, runsToCompletion = false): Slot => ({
          name: names[i]!,
          ports: portPool.slice(i * 3, i * 3 + portCounts[i]!),
          volumes: volumeNames,
          runsToCompletion,
        });
        const presetPort = (i: number) => portPool[i * 3 + 2]!;
        const range = (from: number, n: number) => Array.from({ length: n }, (_, k) => from + k);
        const firstHelper = 1 + counts.init;
        const helpers = (role: "sidecars" | "ambassadors" | "adapters", from: number, n: number) =>
          fc.tuple(...range(from, n).map((i) => helper(slot(i), role, presetPort(i))));
        return fc.record({
          apiVersion: fc.constant("compositeapp.io/v1alpha1" as const),
          kind: fc.constant("CompositeApp" as const),
          metadata: fc.record({ name: dnsLabel, namespace: fc.constant("default") }),
          spec: fc
            .record({
              replicas: optional(fc.integer({ min: 0, max: 5 })),
              sidecarMode: optional(fc.constantFrom("Auto", "Native", "Classic")),
              volumes: fc.tuple(...volumeNames.map((name) => volumeSource.map((src) => ({ name, ...src })))),
              initContainers: fc.tuple(...range(1, counts.init).map((i) => container(slot(i, true)))),
              main: container(slot(0)),
              sidecars: helpers("sidecars", firstHelper, counts.sidecars),
              ambassadors: helpers("ambassadors", firstHelper + counts.sidecars, counts.ambassadors),
              adapters: helpers("adapters", firstHelper + counts.sidecars + counts.ambassadors, counts.adapters),
              pod: optional(
                fc
                  .record(
                    {
                      labels,
                      annotations,
                      nodeSelector: labels,
                      terminationGracePeriodSeconds: fc.integer({ min: 0, max: 60 }),
                      restartPolicy: fc.constantFrom("Always", "OnFailure", "Never"),
                      shareProcessNamespace: fc.boolean(),
                      tolerations: fc.constant([{ key: "dedicated", operator: "Exists", effect: "NoSchedule" }]),
                      securityContext: fc.constant({ fsGroup: 2000, runAsNonRoot: true }),
                    },
                    { requiredKeys: [] },
                  )
                  .map(defined),
              ),
              updateStrategy: optional(
                fc.oneof(
                  fc.constant({ type: "Recreate" }),
                  fc
                    .tuple(
                      fc.constantFrom<number | string>(0, 1, 2, "25%"),
                      fc.constantFrom<number | string>(1, "50%", "100%"),
                    )
                    .map(([maxUnavailable, maxSurge]) => ({
                      type: "RollingUpdate",
                      rollingUpdate: { maxUnavailable, maxSurge },
                    })),
                ),
              ),
            })
            .map(defined)
            .map(completableHelpers),
        }) as fc.Arbitrary<CompositeAppInput>;
      });
  });

/**
 * Classic helpers never stop, so a Pod that runs to completion gets Native ones; and a new run
 * replaces the old one as Recreate does, so it gets no rolling update.
 */
function completableHelpers<S extends Obj>(spec: S): S {
  const completes = ["Never", "OnFailure"].includes(String((spec.pod as Obj | undefined)?.restartPolicy));
  if (!completes) return spec;
  const helpers = ["sidecars", "ambassadors", "adapters"].some((r) => (spec[r] as unknown[]).length > 0);
  const native = spec.sidecarMode === "Classic" && helpers ? { sidecarMode: "Native" } : {};
  const recreate = spec.updateStrategy !== undefined ? { updateStrategy: { type: "Recreate" } } : {};
  return { ...spec, ...native, ...recreate };
}

/** The same value with every object's keys in a shuffled order (arrays keep their order). */
export function reorderKeys(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.map((v) => reorderKeys(v, random));
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value as Obj);
  for (let i = entries.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [entries[i], entries[j]] = [entries[j]!, entries[i]!];
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, reorderKeys(v, random)]));
}
