// Step 5 of the offline judge (crd-judge.ts): the CRD's CEL rules (`x-kubernetes-validations`),
// with the Kubernetes `quantity()` library functions the rules use, and the API server's messages.
import { Environment } from "@marcbachmann/cel-js";
import { parseQuantity } from "../../src/api/quantity.js";
import { children, fmt, isObject, typeOf, type CelRuleSpec, type Json, type SchemaNode } from "./crd-schema.js";

/** CEL values: integers are int (bigint), as the API server types integer fields. */
function toCel(v: Json): unknown {
  if (typeof v === "number") return Number.isInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return v.map(toCel);
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toCel(x)]));
  return v;
}

class CelQuantity {
  constructor(readonly nanos: bigint) {}
}

function celEnvironment(): Environment {
  const quantity = (s: string): CelQuantity => {
    const q = parseQuantity(s);
    if (!q) throw new Error(`invalid quantity ${s}`);
    return new CelQuantity(q.nanos);
  };
  const cmp = (a: CelQuantity, b: CelQuantity) => BigInt(a.nanos > b.nanos) - BigInt(a.nanos < b.nanos);
  return new Environment({ unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false })
    .registerType("kubernetes.Quantity", CelQuantity)
    .registerFunction("isQuantity(string): bool", (s: string) => parseQuantity(s) !== undefined)
    .registerFunction("quantity(string): kubernetes.Quantity", quantity)
    .registerFunction("kubernetes.Quantity.compareTo(kubernetes.Quantity): int", cmp)
    .registerFunction(
      "kubernetes.Quantity.isLessThan(kubernetes.Quantity): bool",
      (a: CelQuantity, b: CelQuantity) => cmp(a, b) < 0n,
    )
    .registerFunction(
      "kubernetes.Quantity.isGreaterThan(kubernetes.Quantity): bool",
      (a: CelQuantity, b: CelQuantity) => cmp(a, b) > 0n,
    )
    .registerFunction(
      "kubernetes.Quantity.sign(): int",
      (a: CelQuantity) => BigInt(a.nanos > 0n) - BigInt(a.nanos < 0n),
    );
}

const ENV = celEnvironment();

function celRuleError(rule: CelRuleSpec, v: Json, path: string): string | undefined {
  const at = rule.fieldPath ? `${path}${rule.fieldPath}` : path;
  let ok: unknown;
  try {
    ok = ENV.evaluate(rule.rule, { self: toCel(v) });
  } catch (err) {
    return `${at}: Invalid value: "object": ${(err as Error).message}`;
  }
  if (ok === true) return undefined;
  const message = rule.message ?? `failed rule: ${rule.rule}`;
  return rule.reason === "FieldValueRequired"
    ? `${at}: Required value: ${message}`
    : `${at}: Invalid value: "${typeOf(v)}": ${message}`;
}

export function celErrors(node: SchemaNode, v: Json, path: string, out: string[]): void {
  for (const rule of node["x-kubernetes-validations"] ?? []) {
    const error = celRuleError(rule, v, path);
    if (error !== undefined) out.push(error);
  }
  for (const [k, item, child] of children(node, v)) celErrors(child, item, fmt(path, k), out);
}
