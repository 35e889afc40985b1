// What the API server accepts but warns about, reported the same way by the CLI (as `warning: ...`),
// so that a Pod that runs today converts without being refused, and the user still hears of it.
import type { CompositeAppSpec } from "./compositeapp.js";
import type { RuleIssue } from "./rule-types.js";
import { placedContainers, portClashes } from "./rules.js";

/**
 * Two containers declaring the same port/protocol: the API server warns ("duplicate port definition")
 * because `ports` is informational; only one of them can listen on it. A port a preset binds is an
 * error instead (rules.ts), since the preset certainly listens.
 */
export function specWarnings(spec: CompositeAppSpec): RuleIssue[] {
  return portClashes(placedContainers(spec), false).map(({ claim, first }) => ({
    path: ["spec", ...claim.path],
    message: `port ${claim.key} is also declared by container "${first.owner}"; only one container of a Pod can listen on it`,
  }));
}
