// Rules the Pod's validation applies to each container that depend on which probe it is, or span a
// container's list items, in both forms: zod issues with exact paths, and CEL on `spec` for the API
// server. (What a role forbids, such as probes on an init container, is in roles.ts.)
import type { Container } from "./core.js";
import { HELPER_ROLES } from "./roles.js";
import type { CelRule, RuleIssue } from "./rule-types.js";
import { placedContainers, type Placed, type RuleSpec } from "./rules.js";
import { forEach, type RoleRef } from "./rules-cel.js";

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

const ROLES: RoleRef[] = ["main", "initContainers", ...HELPER_ROLES];

const probeRules = (c: string) =>
  [
    `(!has(${c}.readinessProbe) || !has(${c}.readinessProbe.terminationGracePeriodSeconds))`,
    `(!has(${c}.livenessProbe) || !has(${c}.livenessProbe.successThreshold) || ${c}.livenessProbe.successThreshold == 1)`,
    `(!has(${c}.startupProbe) || !has(${c}.startupProbe.successThreshold) || ${c}.startupProbe.successThreshold == 1)`,
  ].join(" && ");

const uniquePortNames = (c: string) =>
  `!has(${c}.ports) || ${c}.ports.all(p, !has(p.name) || ${c}.ports.exists_one(q, has(q.name) && q.name == p.name))`;

/** The CEL rules on `spec` for the same checks. */
export function containerValidations(): CelRule[] {
  return [
    ...ROLES.map((role) => ({
      rule: forEach(role, probeRules),
      message: `${READINESS_GRACE_MESSAGE}, and ${SUCCESS_THRESHOLD_MESSAGE}`,
      fieldPath: `.${role}`,
    })),
    ...ROLES.map((role) => ({
      rule: forEach(role, uniquePortNames),
      message: PORT_NAME_MESSAGE,
      fieldPath: `.${role}`,
    })),
  ];
}
