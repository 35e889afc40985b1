// Failed actions of one reconcile: collected rather than stopping at the first, reported in the
// status, and raised together so the controller retries the app with back-off.

export const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** One planned action that the API server refused or did not answer. */
export interface ActionFailure {
  reason: "FailedCreate" | "FailedDelete" | "FailedUpdate" | "FailedDisruptionBudget";
  /** The Pod (or PodDisruptionBudget) acted on. */
  pod: string;
  message: string;
  cause: unknown;
}

/** A reconcile that wrote its status but could not carry out every planned action. */
export class ReconcileError extends AggregateError {
  constructor(
    readonly key: string,
    readonly failures: readonly ActionFailure[],
  ) {
    super(
      failures.map((f) => f.cause),
      `${key}: ${failures.length} action(s) failed: ${failures.map((f) => `${f.reason} ${f.pod}: ${f.message}`).join("; ")}`,
    );
    this.name = "ReconcileError";
  }
}

/**
 * The Degraded reason and message for the status: the first failure's, with a count of the others
 * (so the message stays the same while the same actions keep failing, and the status is not rewritten).
 */
export function summarize(failures: readonly ActionFailure[]): { reason: string; message: string } | undefined {
  const [first, ...rest] = failures;
  if (!first) return undefined;
  const more = rest.length > 0 ? ` (and ${rest.length} more ${rest.length === 1 ? "failure" : "failures"})` : "";
  return { reason: first.reason, message: `${first.message}${more}` };
}
