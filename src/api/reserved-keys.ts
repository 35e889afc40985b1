// The operator's own label and annotation keys (compositeapp.io/*) on the Pods: it selects and
// reads them, so a user may not set them in spec.pod. Rejected with a message, never replaced.
// Both forms, zod (CLI and operator) and CEL (API server), say the same.
import type { CelRule, RuleIssue } from "./rule-types.js";

export const RESERVED_KEY_PREFIX = "compositeapp.io/";

const message = (field: string) =>
  `keys with the prefix ${RESERVED_KEY_PREFIX} are set by the operator on every Pod (name, revision, slot, roles, sidecar mode) and cannot be set in spec.pod.${field}`;

export function reservedKeyIssues(
  pod: { labels?: Record<string, string>; annotations?: Record<string, string> } | undefined,
): RuleIssue[] {
  const issues: RuleIssue[] = [];
  for (const field of ["labels", "annotations"] as const) {
    for (const key of Object.keys(pod?.[field] ?? {})) {
      if (key.startsWith(RESERVED_KEY_PREFIX)) issues.push({ path: ["pod", field, key], message: message(field) });
    }
  }
  return issues;
}

export function reservedKeyRules(): CelRule[] {
  return (["labels", "annotations"] as const).map((field) => ({
    rule: `!has(self.pod) || !has(self.pod.${field}) || self.pod.${field}.all(k, !k.startsWith('${RESERVED_KEY_PREFIX}'))`,
    message: message(field),
    fieldPath: `.pod.${field}`,
  }));
}
