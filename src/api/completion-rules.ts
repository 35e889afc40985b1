// An app whose Pods run to completion (pod.restartPolicy Never or OnFailure) cannot have helpers
// that run Classic: a classic helper is an ordinary container that runs forever, so the Pod would
// never finish. (Native helpers stop after the main container does.) A helper runs Classic when its
// placement.mode says so, or, without one, when spec.sidecarMode does. Both forms: zod and CEL.
import { HELPER_ROLES } from "./roles.js";
import type { RuleIssue } from "./rule-types.js";

export const CLASSIC_HELPERS_NEVER_COMPLETE =
  "helpers that run Classic cannot run to completion: a classic helper keeps the Pod running forever; run them Native (sidecarMode Native or Auto on Kubernetes 1.29+, or placement.mode Native) or use pod.restartPolicy Always";

interface HelperShape {
  placement?: { mode?: string };
}

interface SpecShape {
  sidecarMode?: string;
  pod?: { restartPolicy?: string };
  sidecars: HelperShape[];
  ambassadors: HelperShape[];
  adapters: HelperShape[];
}

export function completionIssues(spec: SpecShape): RuleIssue[] {
  const completes = spec.pod?.restartPolicy === "Never" || spec.pod?.restartPolicy === "OnFailure";
  if (!completes) return [];
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

export const CLASSIC_HELPERS_RULE = {
  rule:
    "!(has(self.pod) && has(self.pod.restartPolicy) && self.pod.restartPolicy != 'Always' && (" +
    HELPER_ROLES.map((r) => `(has(self.${r}) && self.${r}.exists(c, ${runsClassic("c")}))`).join(" || ") +
    "))",
  message: CLASSIC_HELPERS_NEVER_COMPLETE,
};
