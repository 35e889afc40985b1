// The core/v1 subset a CompositeApp carries: containers, volumes and the Pod-level pass-through
// fields. Fields the operator reasons about (names, ports, mounts, resources) are typed precisely;
// deep structures it only copies (securityContext, affinity, ...) are kept as opaque objects that
// the API server validates when the Pod is created.
import { z } from "zod";
import { parseQuantity } from "./quantity.js";
import { annotationMap, envVarName, ianaSvcName, labelMap, probePort, resourceList } from "./pod-fields.js";

/** Marks a zod node as an object whose unknown fields the API server must keep. */
export const OPAQUE = { "x-kubernetes-preserve-unknown-fields": true } as const;
/** Marks a zod node as Kubernetes int-or-string (IntOrString). */
export const INT_OR_STRING = { "x-kubernetes-int-or-string": true } as const;

export const opaqueObject = () => z.record(z.string(), z.unknown()).meta(OPAQUE);

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const dnsLabel = (what: string) =>
  z
    .string()
    .min(1)
    .max(63)
    .regex(DNS_LABEL, {
      error: `${what} must be a lowercase RFC 1123 label: letters, digits and '-', starting and ending with a letter or digit`,
    });

export const quantity = () =>
  z
    .union([z.int(), z.string()])
    .refine((q) => parseQuantity(String(q)) !== undefined, {
      error: "must be a Kubernetes quantity such as 100m, 0.5, 64Mi or 1Gi",
    })
    .meta({ ...INT_OR_STRING, "compositeapp.io/quantity": true });

export const intOrString = () => z.union([z.int(), z.string()]).meta(INT_OR_STRING);

export const ResourceList = resourceList(quantity());
export type ResourceList = z.infer<typeof ResourceList>;

export const ResourceRequirements = z
  .strictObject({
    requests: ResourceList.optional(),
    limits: ResourceList.optional(),
  })
  .superRefine((r, ctx) => {
    for (const [name, request] of Object.entries(r.requests ?? {})) {
      const limit = r.limits?.[name];
      const [req, lim] = [
        parseQuantity(String(request)),
        limit === undefined ? undefined : parseQuantity(String(limit)),
      ];
      if (req && lim && req.nanos > lim.nanos) {
        ctx.addIssue({
          code: "custom",
          path: ["requests", name],
          message: `request ${request} is greater than the limit ${limit}; a request must be less than or equal to its limit`,
        });
      }
    }
  });
export type ResourceRequirements = z.infer<typeof ResourceRequirements>;

export const ContainerPort = z.strictObject({
  name: ianaSvcName().optional(),
  containerPort: z.int().min(1).max(65535),
  protocol: z.enum(["TCP", "UDP", "SCTP"]).default("TCP").meta({ maxLength: 4 }),
  hostPort: z.int().min(1).max(65535).optional(),
  hostIP: z.string().optional(),
});
export type ContainerPort = z.infer<typeof ContainerPort>;

export const VolumeMount = z.strictObject({
  name: z.string().min(1).max(63),
  mountPath: z.string().min(1).max(256),
  readOnly: z.boolean().optional(),
  subPath: z.string().optional(),
  subPathExpr: z.string().optional(),
  mountPropagation: z.enum(["None", "HostToContainer", "Bidirectional"]).optional(),
});
export type VolumeMount = z.infer<typeof VolumeMount>;

export const EnvVar = z
  .strictObject({
    name: envVarName(),
    value: z.string().optional(),
    valueFrom: opaqueObject().optional(),
  })
  .refine((e) => !(e.value && e.valueFrom), { error: "value and valueFrom cannot both be set", path: ["valueFrom"] })
  .meta({
    "x-kubernetes-validations": [
      {
        rule: "!has(self.valueFrom) || !has(self.value) || self.value == ''",
        message: "value and valueFrom cannot both be set",
      },
    ],
  });

const portRef = () => probePort();
const PROBE_HANDLERS = ["exec", "httpGet", "tcpSocket", "grpc"] as const;
export const Probe = z
  .strictObject({
    exec: z.strictObject({ command: z.array(z.string()).optional() }).optional(),
    httpGet: z
      .strictObject({
        path: z.string().optional(),
        port: portRef(),
        host: z.string().optional(),
        scheme: z.enum(["HTTP", "HTTPS"]).optional(),
        httpHeaders: z.array(z.strictObject({ name: z.string(), value: z.string() })).optional(),
      })
      .optional(),
    tcpSocket: z.strictObject({ port: portRef(), host: z.string().optional() }).optional(),
    grpc: z.strictObject({ port: z.int().min(1).max(65535), service: z.string().optional() }).optional(),
    initialDelaySeconds: z.int().min(0).optional(),
    periodSeconds: z.int().min(1).optional(),
    timeoutSeconds: z.int().min(1).optional(),
    successThreshold: z.int().min(1).optional(),
    failureThreshold: z.int().min(1).optional(),
    terminationGracePeriodSeconds: z.int().min(1).optional(),
  })
  .refine((p) => PROBE_HANDLERS.filter((h) => p[h] !== undefined).length === 1, {
    error: `a probe must set exactly one handler: ${PROBE_HANDLERS.join(", ")}`,
  })
  .meta({
    "x-kubernetes-validations": [
      {
        rule: `[${PROBE_HANDLERS.map((h) => `has(self.${h})`).join(", ")}].filter(x, x).size() == 1`,
        message: `a probe must set exactly one handler: ${PROBE_HANDLERS.join(", ")}`,
      },
    ],
  });
export type Probe = z.infer<typeof Probe>;

const MAX_PORTS = 16;
const MAX_MOUNTS = 16;

/** The fields every container has, whatever its role; `image` is added per role. */
export const containerFields = {
  name: dnsLabel("container name"),
  imagePullPolicy: z.enum(["Always", "IfNotPresent", "Never"]).optional(),
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  workingDir: z.string().optional(),
  ports: z
    .array(ContainerPort)
    .max(MAX_PORTS)
    .optional()
    .meta({ "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["containerPort", "protocol"] }),
  env: z.array(EnvVar).optional(),
  envFrom: z.array(opaqueObject()).optional(),
  resources: ResourceRequirements.optional(),
  volumeMounts: z
    .array(VolumeMount)
    .max(MAX_MOUNTS)
    .optional()
    .meta({
      "x-kubernetes-validations": [
        {
          rule: "self.all(m, self.exists_one(n, n.mountPath == m.mountPath))",
          message: "each mountPath may appear only once in a container",
        },
      ],
    }),
  livenessProbe: Probe.optional(),
  readinessProbe: Probe.optional(),
  startupProbe: Probe.optional(),
  lifecycle: opaqueObject().optional(),
  securityContext: opaqueObject().optional(),
  stdin: z.boolean().optional(),
  stdinOnce: z.boolean().optional(),
  tty: z.boolean().optional(),
  terminationMessagePath: z.string().optional(),
  terminationMessagePolicy: z.enum(["File", "FallbackToLogsOnError"]).optional(),
};

export const Container = z.strictObject({
  ...containerFields,
  image: z.string().min(1).max(1024),
});
export type Container = z.infer<typeof Container>;

const VOLUME_SOURCES = [
  "emptyDir",
  "hostPath",
  "configMap",
  "secret",
  "persistentVolumeClaim",
  "projected",
  "downwardAPI",
  "csi",
  "ephemeral",
  "nfs",
] as const;

const exactlyOneOf = (fields: readonly string[]) =>
  `[${fields.map((f) => `has(self.${f})`).join(", ")}].filter(x, x).size() == 1`;

export const Volume = z
  .strictObject({
    name: dnsLabel("volume name"),
    emptyDir: z
      .strictObject({ medium: z.enum(["", "Memory"]).optional(), sizeLimit: quantity().optional() })
      .optional(),
    hostPath: z
      .strictObject({
        path: z.string().min(1),
        type: z
          .enum(["", "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice"])
          .optional(),
      })
      .optional(),
    configMap: opaqueObject().optional(),
    secret: opaqueObject().optional(),
    persistentVolumeClaim: z
      .strictObject({ claimName: z.string().min(1), readOnly: z.boolean().optional() })
      .optional(),
    projected: opaqueObject().optional(),
    downwardAPI: opaqueObject().optional(),
    csi: opaqueObject().optional(),
    ephemeral: opaqueObject().optional(),
    nfs: opaqueObject().optional(),
  })
  .superRefine((v, ctx) => {
    const set = VOLUME_SOURCES.filter((s) => v[s] !== undefined);
    if (set.length !== 1) {
      ctx.addIssue({
        code: "custom",
        message: `volume "${v.name}" must set exactly one source (${VOLUME_SOURCES.join(", ")}); it sets ${set.length === 0 ? "none" : set.join(", ")}`,
      });
    }
  })
  .meta({
    "x-kubernetes-validations": [
      {
        rule: exactlyOneOf(VOLUME_SOURCES),
        message: `a volume must set exactly one source: one of ${VOLUME_SOURCES.join(", ")}`,
      },
    ],
  });
export type Volume = z.infer<typeof Volume>;

export const PodOptions = z.strictObject({
  labels: labelMap().optional(),
  annotations: annotationMap().optional(),
  shareProcessNamespace: z.boolean().optional(),
  restartPolicy: z.enum(["Always", "OnFailure", "Never"]).optional(),
  serviceAccountName: z.string().optional(),
  nodeSelector: labelMap().optional(),
  tolerations: z.array(opaqueObject()).optional(),
  affinity: opaqueObject().optional(),
  securityContext: opaqueObject().optional(),
  terminationGracePeriodSeconds: z.int().min(0).optional(),
  imagePullSecrets: z.array(z.strictObject({ name: z.string() })).optional(),
  priorityClassName: z.string().optional(),
});
export type PodOptions = z.infer<typeof PodOptions>;
