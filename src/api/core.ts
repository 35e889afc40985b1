// The core/v1 parts of a CompositeApp, from the schema generated from the official Kubernetes
// OpenAPI document (src/api/generated/core-v1.ts), with what each role adds: main and init
// containers need an image, a volume may set no source (the API server makes it an emptyDir, so
// the Pod is rendered as written and stays faithful to its source), and spec.pod is the PodSpec without the lists the roles make.
import { z } from "zod";
import * as k8s from "./generated/core-v1.js";
import { quantity } from "./refinements.js";

export { dnsLabel, intOrString, quantity, INT_OR_STRING } from "./refinements.js";

export const ResourceList = z.record(z.string().max(253), quantity());
export type ResourceList = z.infer<typeof ResourceList>;
export type ResourceRequirements = k8s.ResourceRequirements;
export type ContainerPort = k8s.ContainerPort;
export type VolumeMount = k8s.VolumeMount;
export type Probe = k8s.Probe;

const description = (schema: z.ZodType): string => String(schema.meta()?.description ?? "");

/** Every core/v1 Container field; `image` is optional upstream, each role decides. */
export const containerFields = k8s.Container.shape;

/** An image reference, required for main and init containers. */
export const requiredImage = () =>
  z
    .string()
    .min(1)
    .max(1024)
    .meta({ description: description(k8s.Container.shape.image) });

export const Container = k8s.Container.extend({ image: requiredImage() });
export type Container = z.infer<typeof Container>;

/** The volume sources, from the upstream Volume: every field but the name. */
export const VOLUME_SOURCES = Object.keys(k8s.Volume.shape).filter((k) => k !== "name");
type UpstreamVolume = k8s.Volume;

const sourcesOf = (v: UpstreamVolume) => VOLUME_SOURCES.filter((s) => v[s as keyof UpstreamVolume] !== undefined);

export const Volume = k8s.Volume.superRefine((v, ctx) => {
  const set = sourcesOf(v);
  if (set.length > 1) {
    ctx.addIssue({
      code: "custom",
      message: `volume "${v.name}" must set at most one source; it sets ${set.join(", ")}`,
    });
  }
}).meta({
  "x-kubernetes-validations": [
    {
      rule: `[${VOLUME_SOURCES.map((s) => `has(self.${s})`).join(", ")}].filter(x, x).size() <= 1`,
      message: "a volume must set at most one source (none means emptyDir)",
    },
  ],
});
export type Volume = z.infer<typeof Volume>;

const stringMap = (what: string) =>
  z.record(z.string(), z.string()).meta({ description: `${what} of every Pod, beside the operator's own.` });

/** Every PodSpec field but the containers and volumes (the roles' business), plus Pod metadata. */
export const PodOptions = k8s.PodSpec.omit({ containers: true, initContainers: true, volumes: true }).extend({
  labels: stringMap("Labels").optional(),
  annotations: stringMap("Annotations").optional(),
});
export type PodOptions = z.infer<typeof PodOptions>;
