// An app whose Pods run to completion (pod.restartPolicy Never or OnFailure) cannot have helpers in
// Classic mode: a classic helper is an ordinary container that runs forever, so the Pod would never
// finish. (Native helpers stop after the main container does.) Both forms: zod and CEL.
import type { RuleIssue } from "./rules.js";

export const CLASSIC_HELPERS_NEVER_COMPLETE =
  "sidecarMode Classic with helpers cannot run to completion: classic helpers keep the Pod running forever; use sidecarMode Native (or Auto on Kubernetes 1.29+) or pod.restartPolicy Always";

interface SpecShape {
  sidecarMode?: string;
  pod?: { restartPolicy?: string };
  sidecars: unknown[];
  ambassadors: unknown[];
  adapters: unknown[];
}

export function completionIssues(spec: SpecShape): RuleIssue[] {
  const completes = spec.pod?.restartPolicy === "Never" || spec.pod?.restartPolicy === "OnFailure";
  const helpers = spec.sidecars.length + spec.ambassadors.length + spec.adapters.length;
  return spec.sidecarMode === "Classic" && completes && helpers > 0
    ? [{ path: ["sidecarMode"], message: CLASSIC_HELPERS_NEVER_COMPLETE }]
    : [];
}

export const CLASSIC_HELPERS_RULE = {
  rule:
    "!(has(self.sidecarMode) && self.sidecarMode == 'Classic' && has(self.pod) && has(self.pod.restartPolicy) && self.pod.restartPolicy != 'Always'" +
    " && ((has(self.sidecars) && size(self.sidecars) > 0) || (has(self.ambassadors) && size(self.ambassadors) > 0) || (has(self.adapters) && size(self.adapters) > 0)))",
  message: CLASSIC_HELPERS_NEVER_COMPLETE,
};
