// Hand-written pieces of the core/v1 schema that the generated module (src/api/generated/core-v1.ts)
// uses: Kubernetes' own value types (quantity, int-or-string), names as DNS labels, and the
// uniqueness of keyed lists that the API server enforces for `x-kubernetes-list-type: map`.
import { z } from "zod";
import { parseQuantity } from "./quantity.js";

/** Marks a zod node as Kubernetes int-or-string (IntOrString). */
export const INT_OR_STRING = { "x-kubernetes-int-or-string": true } as const;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const dnsLabel = (what: string) =>
  z
    .string()
    .min(1)
    .max(63)
    .regex(DNS_LABEL, {
      error: `${what} must be a lowercase RFC 1123 label: letters, digits and '-', starting and ending with a letter or digit`,
    });

/** resource.Quantity; numbers are integers only, as a structural CRD cannot carry floats there. */
export const quantity = () =>
  z
    .union([z.int(), z.string()])
    .refine((v) => parseQuantity(String(v)) !== undefined, {
      error: "must be a Kubernetes quantity such as 100m, 0.5, 64Mi or 1Gi",
    })
    .meta({ ...INT_OR_STRING, "compositeapp.io/quantity": true });

export const intOrString = () => z.union([z.int(), z.string()]).meta(INT_OR_STRING);

/** A check for a list keyed by `keys`: no two items share all key values. */
export function uniqueKeys(keys: readonly string[]) {
  return (items: readonly object[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const values = keys.map((k) => (item as Record<string, unknown>)[k]);
      const key = JSON.stringify(values);
      if (seen.has(key)) {
        ctx.addIssue({
          code: "custom",
          path: [i],
          message: `duplicate entry: ${keys.map((k, j) => `${k} ${String(values[j])}`).join(", ")} appears more than once`,
        });
      }
      seen.add(key);
    });
  };
}
