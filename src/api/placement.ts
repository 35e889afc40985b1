// Where each helper runs: `placement.mode` (Native: an init container with restartPolicy Always;
// Classic: a regular container), and optionally `startAfter` / `startBefore` another container of
// the same kind. Both forms of the rules live here: placementIssues() for zod (the CLI and the
// operator, with exact paths) and placementRules() as CEL for the API server. CEL checks what it
// can within its cost budget (anchors that exist, modes that fit the anchor's kind when they are
// explicit); cycles and modes that depend on resolving Auto are checked by placementIssues().
import { z } from "zod";
import { HELPER_ROLES, type HelperRole } from "./roles.js";
import type { CelRule, Path, RuleIssue } from "./rule-types.js";

export const HELPER_MODES = ["Native", "Classic"] as const;
export type HelperMode = (typeof HELPER_MODES)[number];

const containerName = () =>
  z
    .string()
    .min(1)
    .max(63)
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, { error: "must name a container of this app" });

export const Placement = z
  .strictObject({
    mode: z
      .enum(HELPER_MODES)
      .optional()
      .describe(
        "Native: an init container with restartPolicy Always, started before the main container and stopped after it (Kubernetes 1.29+). Classic: a regular container beside the main one. Default: spec.sidecarMode, with Auto resolved from the server version.",
      ),
    startAfter: containerName()
      .optional()
      .describe(
        "Start right after this container. A native helper names an init container or another native helper (a mesh proxy after the mesh's validation step, before the app's own init steps); a classic helper names the main container or another classic helper. Default: the role's place.",
      ),
    startBefore: containerName()
      .optional()
      .describe("Start right before this container; the same containers as startAfter may be named."),
  })
  .meta({
    "x-kubernetes-validations": [
      {
        rule: "!has(self.startAfter) || !has(self.startBefore)",
        message: "set at most one of startAfter and startBefore",
      },
    ],
  });
export type Placement = z.infer<typeof Placement>;

/** The spec fields placement reads; a structural subset of CompositeAppSpec. */
export interface PlacementSpec {
  sidecarMode: "Auto" | HelperMode;
  initContainers: { name: string }[];
  main: { name: string };
  sidecars: { name: string; placement?: Placement | undefined }[];
  ambassadors: { name: string; placement?: Placement | undefined }[];
  adapters: { name: string; placement?: Placement | undefined }[];
}

interface HelperRef {
  name: string;
  path: Path;
  placement: Placement | undefined;
  mode: HelperMode | undefined;
}

/** The anchor of a helper: which container, on which side. */
export function anchorOf(p: Placement | undefined): { name: string; side: "after" | "before" } | undefined {
  if (p?.startAfter !== undefined) return { name: p.startAfter, side: "after" };
  if (p?.startBefore !== undefined) return { name: p.startBefore, side: "before" };
  return undefined;
}

/**
 * The mode of each helper. `defaultMode` is spec.sidecarMode with Auto resolved; undefined when it
 * is not known (validating without a server), which leaves Auto helpers' mode unknown.
 */
function helperRefs(spec: PlacementSpec, defaultMode: HelperMode | undefined): HelperRef[] {
  const appDefault = spec.sidecarMode === "Auto" ? defaultMode : spec.sidecarMode;
  return HELPER_ROLES.flatMap((role) =>
    spec[role].map((h, i) => ({
      name: h.name,
      path: [role, i],
      placement: h.placement,
      mode: h.placement?.mode ?? appDefault,
    })),
  );
}

const issue = (h: HelperRef, field: string, message: string): RuleIssue => ({
  path: [...h.path, "placement", field],
  message,
});

/** What is wrong with a helper's anchor, if anything. */
function anchorProblem(
  h: HelperRef,
  anchor: string,
  ctx: { spec: PlacementSpec; inits: Set<string>; byName: Map<string, HelperRef> },
): string | undefined {
  if (anchor === h.name) return "a helper cannot be placed relative to itself";
  if (ctx.inits.has(anchor)) {
    return h.mode === "Classic"
      ? `"${anchor}" is an init container: only a native helper (placement.mode Native) starts among the init containers, and this helper runs Classic`
      : undefined;
  }
  if (anchor === ctx.spec.main.name) {
    return h.mode === "Native"
      ? `"${anchor}" is the main container: only a classic helper (placement.mode Classic) starts beside it, and this helper runs Native`
      : undefined;
  }
  const other = ctx.byName.get(anchor);
  if (!other)
    return `"${anchor}" is not a container of this app: name an init container, the main container or a helper`;
  if (h.mode && other.mode && h.mode !== other.mode)
    return `"${anchor}" runs ${other.mode} and this helper ${h.mode}: a helper is placed relative to containers of its own kind`;
  return undefined;
}

function anchorIssues(spec: PlacementSpec, helpers: HelperRef[]): RuleIssue[] {
  const ctx = {
    spec,
    inits: new Set(spec.initContainers.map((c) => c.name)),
    byName: new Map(helpers.map((h) => [h.name, h])),
  };
  return helpers.flatMap((h) => {
    const a = anchorOf(h.placement);
    if (h.placement?.startAfter !== undefined && h.placement.startBefore !== undefined)
      return [issue(h, "startBefore", "set at most one of startAfter and startBefore")];
    const problem = a && anchorProblem(h, a.name, ctx);
    return a && problem ? [issue(h, a.side === "before" ? "startBefore" : "startAfter", problem)] : [];
  });
}

/** Helpers whose anchors lead back to themselves: no order satisfies them. */
function cycleIssues(helpers: HelperRef[]): RuleIssue[] {
  const byName = new Map(helpers.map((h) => [h.name, h]));
  const reported = new Set<string>();
  const issues: RuleIssue[] = [];
  for (const h of helpers) {
    const chain = [h.name];
    let next = anchorOf(h.placement)?.name;
    while (next !== undefined && byName.has(next) && !chain.includes(next)) {
      chain.push(next);
      next = anchorOf(byName.get(next)!.placement)?.name;
    }
    if (next !== h.name || chain.length < 2 || chain.some((n) => reported.has(n))) continue;
    chain.forEach((n) => reported.add(n));
    const a = anchorOf(h.placement)!;
    issues.push(
      issue(
        h,
        a.side === "after" ? "startAfter" : "startBefore",
        `impossible order: the placements of ${chain.map((n) => `"${n}"`).join(", ")} refer to each other in a cycle`,
      ),
    );
  }
  return issues;
}

/** Native helpers need Kubernetes 1.29 or later. */
function serverIssues(spec: PlacementSpec, helpers: HelperRef[], nativeSupported: boolean): RuleIssue[] {
  if (nativeSupported) return [];
  const explicit = helpers.filter((h) => h.placement?.mode === "Native");
  const issues = explicit.map((h) =>
    issue(h, "mode", "native helpers need Kubernetes 1.29 or later, and the server is older; use Classic"),
  );
  if (spec.sidecarMode === "Native" && helpers.some((h) => h.placement?.mode === undefined)) {
    issues.push({
      path: ["sidecarMode"],
      message: "native helpers need Kubernetes 1.29 or later, and the server is older; use Auto or Classic",
    });
  }
  return issues;
}

/**
 * What is wrong with the helpers' placement. Without `resolved`, only what holds whatever the
 * server (Auto left open); with it, Auto resolved and the server's support for native helpers known.
 */
export function placementIssues(
  spec: PlacementSpec,
  resolved?: { defaultMode: HelperMode; nativeSupported: boolean },
): RuleIssue[] {
  const helpers = helperRefs(spec, resolved?.defaultMode);
  return [
    ...anchorIssues(spec, helpers),
    ...cycleIssues(helpers),
    ...(resolved ? serverIssues(spec, helpers, resolved.nativeSupported) : []),
  ];
}

// ---- CEL ------------------------------------------------------------------------------------

/** CEL: `n` names an init container, the main container or a helper. */
const known = (n: string) =>
  [
    `${n} == self.main.name`,
    `self.initContainers.exists(i, i.name == ${n})`,
    ...HELPER_ROLES.map((r) => `self.${r}.exists(x, x.name == ${n})`),
  ].join(" || ");

/** CEL: the helper `c`'s explicit or app-wide mode is `mode`. */
const modeIs = (c: string, mode: HelperMode) =>
  `(has(${c}.placement.mode) ? ${c}.placement.mode == '${mode}' : self.sidecarMode == '${mode}')`;

function roleRules(role: HelperRole): CelRule[] {
  const anchors = ["startAfter", "startBefore"];
  const each = (cond: (a: string) => string) =>
    `self.${role}.all(c, !has(c.placement) || ${anchors.map((f) => `(!has(c.placement.${f}) || ${cond(`c.placement.${f}`)})`).join(" && ")})`;
  return [
    {
      rule: each(known),
      message: `placement.startAfter and startBefore in spec.${role} must name an init container, the main container or a helper of this app`,
      fieldPath: `.${role}`,
    },
    {
      rule: each((a) => `!self.initContainers.exists(i, i.name == ${a}) || !${modeIs("c", "Classic")}`),
      message: `a helper in spec.${role} placed among the init containers must run Native, not Classic`,
      fieldPath: `.${role}`,
    },
    {
      rule: each((a) => `${a} != self.main.name || !${modeIs("c", "Native")}`),
      message: `a helper in spec.${role} placed beside the main container must run Classic, not Native`,
      fieldPath: `.${role}`,
    },
  ];
}

export function placementRules(): CelRule[] {
  return HELPER_ROLES.flatMap(roleRules);
}

/** On the helper itself: it cannot be placed relative to itself. */
export const NOT_SELF: CelRule = {
  rule: "!has(self.placement) || ((!has(self.placement.startAfter) || self.placement.startAfter != self.name) && (!has(self.placement.startBefore) || self.placement.startBefore != self.name))",
  message: "a helper cannot be placed relative to itself",
};
