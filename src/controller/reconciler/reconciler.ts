// One reconcile of one CompositeApp: read from the caches, plan, act, then write the status only
// when it changed. A reconcile that finds nothing to change makes no API write.
import type { V1OwnerReference, V1Pod } from "@kubernetes/client-node";
import type { Logger } from "pino";
import { API_VERSION, KIND, type CompositeApp, type CompositeAppStatus } from "../../api/compositeapp.js";
import { validateCompositeApp } from "../../api/parse.js";
import {
  effectiveResources,
  placementProblems,
  render,
  renderTemplate,
  resolveSidecarMode,
  type ServerVersion,
} from "../../patterns/index.js";
import type { PresetImages } from "../../patterns/types.js";
import { PODS, isAlreadyExists, isConflict, isNotFound, type ApiClient, type KubeObject } from "../kube/api.js";
import { COMPOSITEAPPS } from "../resources.js";
import { observePod, type ObservedPod } from "./observed.js";
import { plan, type Plan } from "./plan.js";
import { computeStatus, invalidSpecStatus, statusChanged } from "./status.js";

export interface RawCompositeApp extends KubeObject {
  spec?: unknown;
  status?: CompositeAppStatus;
}

export interface EventSink {
  normal(obj: KubeObject, reason: string, message: string): void;
  warning(obj: KubeObject, reason: string, message: string): void;
}

export interface ReconcilerDeps {
  api: ApiClient;
  /** The cached app by `namespace/name`. */
  getApp(key: string): RawCompositeApp | undefined;
  /** The cached Pods whose controller is the app with this UID. */
  podsOf(uid: string): V1Pod[];
  events: EventSink;
  images: PresetImages;
  serverVersion: ServerVersion | undefined;
  log: Logger;
  now?: () => Date;
}

export interface Result {
  /** Reconcile again after this many milliseconds, even if nothing changes. */
  requeueAfterMs?: number;
}

/** Retry soon while a step waits on something no watch event will announce. */
const WAITING_REQUEUE_MS = 5_000;

const timestamp = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

function ownerReference(app: RawCompositeApp): V1OwnerReference {
  return {
    apiVersion: API_VERSION,
    kind: KIND,
    name: app.metadata?.name ?? "",
    uid: app.metadata?.uid ?? "",
    controller: true,
    blockOwnerDeletion: true,
  };
}

export class Reconciler {
  private readonly now: () => Date;

  constructor(private readonly deps: ReconcilerDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async reconcile(key: string): Promise<Result> {
    const raw = this.deps.getApp(key);
    if (!raw || raw.metadata?.deletionTimestamp) return {}; // the garbage collector removes its Pods
    const log = this.deps.log.child({ compositeapp: key });
    const validated = validateCompositeApp(raw);
    if (!validated.ok) {
      await this.reportInvalid(raw, validated.errors, log);
      return {};
    }
    return this.reconcileValid(raw, validated.app, log);
  }

  private async reconcileValid(raw: RawCompositeApp, app: CompositeApp, log: Logger): Promise<Result> {
    const problems = placementProblems(app, this.deps.serverVersion);
    if (problems.length > 0) {
      await this.reportInvalid(raw, problems, log);
      return {};
    }
    const options = {
      sidecarMode: resolveSidecarMode(app.spec.sidecarMode, this.deps.serverVersion),
      images: this.deps.images,
    };
    const template = renderTemplate(app, options);
    const { revision, spec: podSpec, sidecarMode } = template;
    const observed = this.deps.podsOf(raw.metadata?.uid ?? "").map(observePod);
    const step = plan({
      replicas: app.spec.replicas,
      revision,
      strategy: app.spec.updateStrategy,
      desired: render(app, options, template).map((r) => this.owned(r.pod, raw)),
      observed,
    });
    const failure = await this.act(raw, step, revision, log);
    const acted = step.create.length + step.delete.length > 0;
    const status = computeStatus({
      generation: raw.metadata?.generation,
      replicas: app.spec.replicas,
      revision,
      sidecarMode,
      effectiveResources: effectiveResources(podSpec),
      observed,
      progressing: step.waiting || acted,
      ...(failure && { failure }),
      previous: raw.status,
      now: timestamp(this.now()),
    });
    await this.writeStatus(raw, status, log);
    return step.waiting && !acted ? { requeueAfterMs: WAITING_REQUEUE_MS } : {};
  }

  private owned(pod: V1Pod, app: RawCompositeApp): V1Pod {
    return {
      ...pod,
      metadata: { ...pod.metadata, namespace: app.metadata?.namespace, ownerReferences: [ownerReference(app)] },
    };
  }

  /** Carries out a plan; returns the first failure, after trying every action. */
  private async act(app: RawCompositeApp, step: Plan, revision: string, log: Logger) {
    let failure: { reason: string; message: string } | undefined;
    const ns = app.metadata?.namespace ?? "";
    for (const d of step.delete) {
      failure ??= await this.deletePod(app, ns, d.pod, d.reason, log);
    }
    for (const pod of step.create) {
      failure ??= await this.createPod(app, ns, pod, revision, log);
    }
    return failure;
  }

  private async deletePod(app: RawCompositeApp, ns: string, pod: ObservedPod, reason: string, log: Logger) {
    try {
      await this.deps.api.delete(PODS, ns, pod.name, { preconditions: { uid: pod.uid } });
      log.info({ pod: pod.name, reason }, "deleted Pod");
      this.deps.events.normal(app, "DeletedPod", `Deleted Pod ${pod.name} (${reason})`);
      return undefined;
    } catch (err) {
      if (isNotFound(err) || isConflict(err)) return undefined; // already gone, or replaced by someone else
      log.warn({ pod: pod.name, err }, "could not delete Pod");
      this.deps.events.warning(app, "FailedDelete", `Deleting Pod ${pod.name}: ${(err as Error).message}`);
      return { reason: "FailedDelete", message: (err as Error).message };
    }
  }

  private async createPod(app: RawCompositeApp, ns: string, pod: V1Pod, revision: string, log: Logger) {
    const name = pod.metadata?.name ?? "";
    try {
      await this.deps.api.create(PODS, ns, pod);
      log.info({ pod: name, revision }, "created Pod");
      this.deps.events.normal(app, "CreatedPod", `Created Pod ${name} at revision ${revision}`);
      return undefined;
    } catch (err) {
      if (isAlreadyExists(err)) return undefined; // created before; the cache has not caught up yet
      log.warn({ pod: name, err }, "could not create Pod");
      this.deps.events.warning(app, "FailedCreate", `Creating Pod ${name}: ${(err as Error).message}`);
      return { reason: "FailedCreate", message: (err as Error).message };
    }
  }

  private async reportInvalid(raw: RawCompositeApp, errors: string[], log: Logger) {
    log.warn({ errors }, "invalid spec; Pods left as they are");
    this.deps.events.warning(raw, "InvalidSpec", errors.join("; "));
    const status = invalidSpecStatus(raw.metadata?.generation, errors, raw.status, timestamp(this.now()));
    await this.writeStatus(raw, status, log);
  }

  /** Writes the status subresource when it changed; a conflict means a newer version is on its way. */
  private async writeStatus(raw: RawCompositeApp, status: CompositeAppStatus, log: Logger) {
    if (!statusChanged(raw.status, status)) return;
    const { metadata } = raw;
    try {
      await this.deps.api.replaceStatus(COMPOSITEAPPS, metadata?.namespace ?? "", metadata?.name ?? "", {
        apiVersion: API_VERSION,
        kind: KIND,
        metadata: { name: metadata?.name, namespace: metadata?.namespace, resourceVersion: metadata?.resourceVersion },
        spec: raw.spec,
        status,
      } as KubeObject);
    } catch (err) {
      if (isNotFound(err)) return;
      if (isConflict(err)) log.debug("status conflict; the newer object will be reconciled");
      throw err;
    }
  }
}
