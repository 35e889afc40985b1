// spec.disruptionBudget: the PodDisruptionBudget the operator keeps for an app's Pods. The same
// rule in both forms: zod for the CLI and the operator, CEL for the API server.
import { z } from "zod";
import { intOrString } from "./core.js";

export const BUDGET_ONE_OF_MESSAGE = "set exactly one of minAvailable and maxUnavailable";

const countOrPercent = () =>
  intOrString().refine((v) => (typeof v === "number" ? v >= 0 : /^\d{1,3}%$/.test(v)), {
    error: "must be a non-negative count or a percentage such as 50%",
  });

export const DisruptionBudget = z
  .strictObject({
    minAvailable: countOrPercent()
      .optional()
      .describe("Pods that must stay available during voluntary disruptions (drains, evictions)."),
    maxUnavailable: countOrPercent()
      .optional()
      .describe("Pods that may be unavailable at once during voluntary disruptions."),
  })
  .refine((b) => (b.minAvailable === undefined) !== (b.maxUnavailable === undefined), {
    error: BUDGET_ONE_OF_MESSAGE,
  })
  .meta({
    "x-kubernetes-validations": [
      { rule: "has(self.minAvailable) != has(self.maxUnavailable)", message: BUDGET_ONE_OF_MESSAGE },
    ],
  });
export type DisruptionBudget = z.infer<typeof DisruptionBudget>;
