// The rules of an app whose Pods run to completion (pod.restartPolicy Never or OnFailure), in both
// forms (zod and CEL):
// - no helper runs Classic: a classic helper is an ordinary container that runs forever, so the Pod
//   would never finish (native helpers stop after the main container does). A helper runs Classic
//   when its placement.mode says so, or, without one, when spec.sidecarMode does;
// - spec.backoffLimit only there: an app whose Pods run forever has no failures to count;
// - no rolling update: a changed Pod template starts a new run, the old run's Pods deleted first
//   (as Recreate does), since two versions of one run side by side would both do the work.
import { HELPER_ROLES } from "./roles.js";
import type { CelRule, RuleIssue } from "./rule-types.js";

export const CLASSIC_HELPERS_NEVER_COMPLETE =
  "helpers that run Classic cannot run to completion: a classic helper keeps the Pod running forever; run them Native (sidecarMode Native or Auto on Kubernetes 1.29+, or placement.mode Native) or use pod.restartPolicy Always";

interface HelperShape {
  placement?: { mode?: string };
}

export const BACKOFF_LIMIT_NEEDS_COMPLETION =
  "backoffLimit applies only to an app that runs to completion (pod.restartPolicy Never or OnFailure)";
export const NO_ROLLING_RUN =
  "an app that runs to completion starts a new run when its Pod template changes, replacing its Pods as Recreate does: set updateStrategy.type Recreate or remove updateStrategy";

interface SpecShape {
  sidecarMode?: string;
  backoffLimit?: number | undefined;
  updateStrategy?: { type?: string } | undefined;
  pod?: { restartPolicy?: string };
  sidecars: HelperShape[];
  ambassadors: HelperShape[];
  adapters: HelperShape[];
}

/** True when the Pods are meant to finish: pod.restartPolicy Never or OnFailure. */
export const runsToCompletion = (restartPolicy: string | undefined): boolean =>
  restartPolicy === "Never" || restartPolicy === "OnFailure";

export function completionIssues(spec: SpecShape): RuleIssue[] {
  if (!runsToCompletion(spec.pod?.restartPolicy)) {
    return spec.backoffLimit === undefined ? [] : [{ path: ["backoffLimit"], message: BACKOFF_LIMIT_NEEDS_COMPLETION }];
  }
  const rolling =
    spec.updateStrategy !== undefined && (spec.updateStrategy.type ?? "RollingUpdate") !== "Recreate"
      ? [{ path: ["updateStrategy", "type"], message: NO_ROLLING_RUN }]
      : [];
  return [...rolling, ...classicHelperIssues(spec)];
}

function classicHelperIssues(spec: SpecShape): RuleIssue[] {
  const classic = (h: HelperShape) => (h.placement?.mode ?? spec.sidecarMode) === "Classic";
  return HELPER_ROLES.flatMap((role) =>
    spec[role].flatMap((h, i) =>
      classic(h)
        ? [
            {
              path: [role, i, ...(h.placement?.mode ? ["placement", "mode"] : [])],
              message: CLASSIC_HELPERS_NEVER_COMPLETE,
            },
          ]
        : [],
    ),
  );
}

const runsClassic = (c: string) =>
  `(has(${c}.placement) && has(${c}.placement.mode) ? ${c}.placement.mode == 'Classic' : (has(self.sidecarMode) && self.sidecarMode == 'Classic'))`;

const COMPLETES = "(has(self.pod) && has(self.pod.restartPolicy) && self.pod.restartPolicy != 'Always')";

const CLASSIC_HELPERS_RULE: CelRule = {
  rule:
    `!(${COMPLETES} && (` +
    HELPER_ROLES.map((r) => `(has(self.${r}) && self.${r}.exists(c, ${runsClassic("c")}))`).join(" || ") +
    "))",
  message: CLASSIC_HELPERS_NEVER_COMPLETE,
};

export const COMPLETION_RULES: CelRule[] = [
  CLASSIC_HELPERS_RULE,
  {
    rule: `!has(self.backoffLimit) || ${COMPLETES}`,
    message: BACKOFF_LIMIT_NEEDS_COMPLETION,
    fieldPath: ".backoffLimit",
  },
  {
    rule: `!(${COMPLETES} && has(self.updateStrategy) && (!has(self.updateStrategy.type) || self.updateStrategy.type != 'Recreate'))`,
    message: NO_ROLLING_RUN,
    fieldPath: ".updateStrategy",
  },
];
