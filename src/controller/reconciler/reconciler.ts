// One reconcile of one CompositeApp: read from the caches, plan, act, then write the status only
// when it changed. A reconcile that finds nothing to change makes no API write.
import type { V1OwnerReference, V1Pod, V1PodDisruptionBudget } from "@kubernetes/client-node";
import type { Logger } from "pino";
import { API_VERSION, KIND, type CompositeApp, type CompositeAppStatus } from "../../api/compositeapp.js";
import { validateCompositeApp } from "../../api/parse.js";
import {
  effectiveResources,
  podSelectorString,
  render,
  renderTemplate,
  resolveSidecarMode,
  type ServerVersion,
} from "../../patterns/index.js";
import type { PresetImages } from "../../patterns/types.js";
import { PODS, isAlreadyExists, isConflict, isNotFound, type ApiClient, type KubeObject } from "../kube/api.js";
import { COMPOSITEAPPS } from "../resources.js";
import { desiredBudget, planBudget, syncBudget } from "./disruption-budget.js";
import { observePod, type ObservedPod } from "./observed.js";
import { plan, type Plan } from "./plan.js";
import { computeStatusAndRecheck, invalidSpecStatus, statusChanged } from "./status.js";

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
  /** The cached PodDisruptionBudget whose controller is the app with this UID. */
  budgetOf(uid: string): V1PodDisruptionBudget | undefined;
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

/** The earlier of two optional requeue delays. */
function soonest(a: number | undefined, b: number | undefined): Result {
  const ms = [a, b].filter((x): x is number => x !== undefined);
  return ms.length > 0 ? { requeueAfterMs: Math.min(...ms) } : {};
}

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
    const sidecarMode = resolveSidecarMode(app.spec.sidecarMode, this.deps.serverVersion);
    const options = { sidecarMode, images: this.deps.images };
    const template = renderTemplate(app, options);
    const { revision, spec: podSpec } = template;
    const observed = this.deps.podsOf(raw.metadata?.uid ?? "").map(observePod);
    const step = plan({
      replicas: app.spec.replicas,
      revision,
      strategy: app.spec.updateStrategy,
      desired: render(app, options, template).map((r) => this.owned(r.pod, raw)),
      observed,
    });
    const podFailure = await this.act(raw, step, revision, log);
    const failure = (await this.keepBudget(raw, app, log)) ?? podFailure;
    const acted = step.create.length + step.delete.length > 0;
    const { status, recheckAfterMs } = computeStatusAndRecheck({
      generation: raw.metadata?.generation,
      replicas: app.spec.replicas,
      revision,
      sidecarMode,
      effectiveResources: effectiveResources(podSpec),
      observed,
      progressing: step.waiting || acted,
      ...(failure && { failure }),
      previous: raw.status,
      selector: podSelectorString(app.metadata.name),
      ...(app.spec.progressDeadlineSeconds !== undefined && {
        progressDeadlineSeconds: app.spec.progressDeadlineSeconds,
      }),
      now: timestamp(this.now()),
    });
    await this.writeStatus(raw, status, log);
    return soonest(step.waiting && !acted ? WAITING_REQUEUE_MS : undefined, recheckAfterMs);
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

  /** Brings the app's PodDisruptionBudget in step with spec.disruptionBudget; writes only on a difference. */
  private async keepBudget(raw: RawCompositeApp, app: CompositeApp, log: Logger) {
    const namespace = raw.metadata?.namespace ?? "";
    const desired = desiredBudget({
      app: app.metadata.name,
      namespace,
      budget: app.spec.disruptionBudget,
      owner: ownerReference(raw),
    });
    const action = planBudget(desired, this.deps.budgetOf(raw.metadata?.uid ?? ""));
    if (!action) return undefined;
    const failure = await syncBudget(this.deps.api, namespace, action);
    if (failure) {
      log.warn({ verb: action.verb, failure }, "could not keep the PodDisruptionBudget");
      this.deps.events.warning(raw, failure.reason, failure.message);
    } else {
      log.info({ verb: action.verb }, "kept the PodDisruptionBudget in step");
      this.deps.events.normal(raw, "DisruptionBudget", `PodDisruptionBudget ${app.metadata.name}: ${action.verb}`);
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
