// Rules the Pod's validation applies to each container that depend on which probe it is, or span a
// container's list items, in both forms: zod issues with exact paths, and CEL on each container for
// the API server. (What a role forbids, such as probes on an init container, is in roles.ts.)
import type { Container } from "./core.js";
import type { CelRule, RuleIssue } from "./rule-types.js";
import { placedContainers, type Placed, type RuleSpec } from "./rules.js";

const READINESS_GRACE_MESSAGE = "readinessProbe.terminationGracePeriodSeconds may not be set";
const SUCCESS_THRESHOLD_MESSAGE = "livenessProbe and startupProbe must have successThreshold 1";
const PORT_NAME_MESSAGE = "port names must be unique within a container";

function issuesOf(p: Placed): RuleIssue[] {
  const c = p.container as Container;
  const issues: RuleIssue[] = [];
  if (c.readinessProbe?.terminationGracePeriodSeconds !== undefined) {
    issues.push({
      path: [...p.path, "readinessProbe", "terminationGracePeriodSeconds"],
      message: READINESS_GRACE_MESSAGE,
    });
  }
  for (const probe of ["livenessProbe", "startupProbe"] as const) {
    const threshold = c[probe]?.successThreshold;
    if (threshold !== undefined && threshold !== 1) {
      issues.push({ path: [...p.path, probe, "successThreshold"], message: SUCCESS_THRESHOLD_MESSAGE });
    }
  }
  const names = new Set<string>();
  (c.ports ?? []).forEach((port, j) => {
    if (port.name === undefined) return;
    if (names.has(port.name)) {
      issues.push({
        path: [...p.path, "ports", j, "name"],
        message: `${PORT_NAME_MESSAGE}: "${port.name}" is used twice`,
      });
    }
    names.add(port.name);
  });
  return issues;
}

export function containerIssues(spec: RuleSpec): RuleIssue[] {
  return placedContainers(spec).flatMap(issuesOf);
}

/**
 * The same checks in CEL, on each container (`self`): a rule sits on the container it reads, so the
 * API server evaluates it once per container present rather than on every write of the whole spec.
 */
export const CONTAINER_RULES: CelRule[] = [
  {
    rule: "!has(self.readinessProbe) || !has(self.readinessProbe.terminationGracePeriodSeconds)",
    message: READINESS_GRACE_MESSAGE,
    fieldPath: ".readinessProbe.terminationGracePeriodSeconds",
  },
  ...(["livenessProbe", "startupProbe"] as const).map((probe) => ({
    rule: `!has(self.${probe}) || !has(self.${probe}.successThreshold) || self.${probe}.successThreshold == 1`,
    message: SUCCESS_THRESHOLD_MESSAGE,
    fieldPath: `.${probe}.successThreshold`,
  })),
  {
    rule: "!has(self.ports) || self.ports.all(p, !has(p.name) || self.ports.exists_one(q, has(q.name) && q.name == p.name))",
    message: PORT_NAME_MESSAGE,
    fieldPath: ".ports",
  },
];
