// render(): CompositeApp in, Pods out. Pure and deterministic: no I/O, no clock, no randomness.
import type { V1Container, V1Pod, V1PodSpec, V1ObjectMeta, V1Volume } from "@kubernetes/client-node";
import type { CompositeApp, Helper } from "../../api/compositeapp.js";
import type { Container } from "../../api/core.js";
import { chosenPreset } from "../../api/presets.js";
import { presetContainer } from "../../presets/index.js";
import { presetScratch } from "./scratch.js";
import { revisionOf, templateHashOf } from "./revision.js";
import type { RenderOptions, RenderedPod, Role, SidecarModeInEffect } from "./types.js";
import { LABELS, ANNOTATIONS, MANAGED_BY } from "./labels.js";
import { arrange, type HelperToPlace, type PodContainer } from "./arrange.js";
import { withRestrictedDefaults } from "./security-profile.js";
import { withPresetPortsUnprivileged } from "./low-ports.js";

/** A helper's fields laid over its preset's container: scalars replace, lists append. */
function mergeHelper(helper: Helper, options: RenderOptions): V1Container {
  const { preset: presetSpec, placement: _placement, ...fields } = helper;
  const preset = chosenPreset(presetSpec);
  const own = toV1(fields as Container);
  if (!preset) return own;
  const base = presetContainer(preset, options.images);
  const scratch = presetScratch(preset, helper.name);
  if (scratch)
    base.volumeMounts = [...(base.volumeMounts ?? []), { name: scratch.volume.name, mountPath: scratch.mountPath }];
  const merged: V1Container = { ...base, ...own };
  merged.ports = concat(base.ports, own.ports);
  merged.volumeMounts = concat(base.volumeMounts, own.volumeMounts);
  merged.env = concat(base.env, own.env);
  return prune(merged);
}

const concat = <T>(a: T[] | undefined, b: T[] | undefined): T[] | undefined =>
  a || b ? [...(a ?? []), ...(b ?? [])] : undefined;

/** Drops undefined and empty-list fields so equal Pods serialise to equal bytes. */
function prune<T extends object>(o: T): T {
  return Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)),
  ) as T;
}

/**
 * Resource quantities become strings, as the API server returns them. Other quantities (an env
 * var's divisor, ...) are passed as written: the API server accepts an integer there too.
 */
function toV1(c: Container): V1Container {
  const resources = c.resources && {
    ...c.resources,
    ...(c.resources.requests && { requests: stringValues(c.resources.requests) }),
    ...(c.resources.limits && { limits: stringValues(c.resources.limits) }),
  };
  const { name, image, ...rest } = c;
  return prune({ name, image, ...rest, resources }) as V1Container;
}

const stringValues = (r: Record<string, string | number>): Record<string, string> =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)]));

function containersByRole(app: CompositeApp, options: RenderOptions) {
  const { spec } = app;
  const helpers = (role: Role, list: Helper[]): HelperToPlace[] =>
    list.map((h) => ({ role, container: mergeHelper(h, options), placement: h.placement }));
  return {
    main: { role: "main", container: toV1(spec.main) } as PodContainer,
    init: spec.initContainers.map((c): PodContainer => ({ role: "init", container: toV1(c) })),
    sidecars: helpers("sidecar", spec.sidecars),
    ambassadors: helpers("ambassador", spec.ambassadors),
    adapters: helpers("adapter", spec.adapters),
  };
}

/** The emptyDirs that helpers' presets write to, after the spec's own volumes. */
function scratchVolumes(app: CompositeApp): V1Volume[] {
  const { sidecars, ambassadors, adapters } = app.spec;
  return [...ambassadors, ...sidecars, ...adapters].flatMap((h) => {
    const preset = chosenPreset(h.preset);
    const scratch = preset && presetScratch(preset, h.name);
    return scratch ? [scratch.volume] : [];
  });
}

function podSpec(app: CompositeApp, init: PodContainer[], regular: PodContainer[]): V1PodSpec {
  const { labels: _labels, annotations: _annotations, ...podFields } = app.spec.pod ?? {};
  const spec = withPresetPortsUnprivileged(
    app,
    prune({
      initContainers: init.map((p) => p.container),
      containers: regular.map((p) => p.container),
      volumes: [...app.spec.volumes.map((v) => prune(v)), ...scratchVolumes(app)] as V1PodSpec["volumes"],
      ...(podFields as Partial<V1PodSpec>),
    }),
  );
  return app.spec.securityProfile === "Restricted" ? withRestrictedDefaults(spec) : spec;
}

export interface PodTemplate {
  metadata: V1ObjectMeta;
  spec: V1PodSpec;
  revision: string;
  /** How the helpers run: Native, Classic, or Mixed. */
  sidecarMode: SidecarModeInEffect;
}

/** The Pod template of an app: everything but the name, which depends on the slot. */
export function renderTemplate(app: CompositeApp, options: RenderOptions): PodTemplate {
  const { init, regular, sidecarMode } = arrange(containersByRole(app, options), options.sidecarMode);
  const roles = Object.fromEntries([...init, ...regular].map((p) => [p.container.name, p.role]));
  const name = app.metadata.name;
  const metadata: V1ObjectMeta = {
    // The user's labels and annotations win over the conventional ones set by default; the
    // operator's own compositeapp.io/* keys cannot be set by the user (see rules.ts).
    labels: {
      [LABELS.name]: name,
      [LABELS.managedBy]: MANAGED_BY,
      ...app.spec.pod?.labels,
      [LABELS.app]: name,
    },
    annotations: {
      [ANNOTATIONS.defaultContainer]: app.spec.main.name,
      ...app.spec.pod?.annotations,
      [ANNOTATIONS.roles]: JSON.stringify(roles),
      [ANNOTATIONS.sidecarMode]: sidecarMode,
    },
  };
  const spec = podSpec(app, init, regular);
  const revision = revisionOf({ metadata, spec });
  const template = templateHashOf({ metadata, spec });
  metadata.labels = { ...metadata.labels, [LABELS.revision]: revision, [LABELS.template]: template };
  return { metadata, spec, revision, sidecarMode };
}

/** The name of the Pod in a slot: stable per revision, so creating it twice cannot duplicate it. */
export const podName = (app: string, revision: string, slot: number): string => `${app}-${revision}-${slot}`;

/** The Pod of one slot (0 <= slot < replicas) from an already rendered template. */
export function podFromTemplate(app: CompositeApp, template: PodTemplate, slot: number): RenderedPod {
  const { metadata, spec, revision } = template;
  const pod: V1Pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: podName(app.metadata.name, revision, slot),
      ...(app.metadata.namespace !== undefined && { namespace: app.metadata.namespace }),
      labels: { ...metadata.labels, [LABELS.slot]: String(slot) },
      annotations: metadata.annotations,
    },
    spec,
  };
  return { pod, revision };
}

/** Renders the Pod for one slot (0 <= slot < replicas). */
export function renderPod(app: CompositeApp, options: RenderOptions, slot: number): RenderedPod {
  return podFromTemplate(app, renderTemplate(app, options), slot);
}

/** Every Pod an app asks for; the template is rendered (and hashed) once. */
export function render(
  app: CompositeApp,
  options: RenderOptions,
  template = renderTemplate(app, options),
): RenderedPod[] {
  return Array.from({ length: app.spec.replicas }, (_, slot) => podFromTemplate(app, template, slot));
}
