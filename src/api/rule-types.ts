// The two forms every rule of the spec takes, and that must agree: a zod issue with the exact path
// (the CLI and the operator report it), and a CEL `x-kubernetes-validations` rule (the API server
// enforces it at `kubectl apply`).

/** A path below `spec`: field names and list indexes. */
export type Path = (string | number)[];

export interface RuleIssue {
  path: Path;
  message: string;
}

export interface CelRule {
  rule: string;
  message?: string;
  messageExpression?: string;
  fieldPath?: string;
  reason?: "FieldValueInvalid" | "FieldValueForbidden" | "FieldValueRequired" | "FieldValueDuplicate";
}
