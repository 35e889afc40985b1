// Settings of `compositeapp run`, validated at the boundary like any other input.
import { z } from "zod";
import { PRESET_NAMES } from "../api/presets.js";
import { DEFAULT_PRESET_IMAGES } from "../core/index.js";

const seconds = (def: number) => z.number().positive().max(3600).default(def);

export const OperatorConfig = z.strictObject({
  kubeconfig: z.string().optional(),
  /** Empty: every namespace. */
  namespaces: z.array(z.string().min(1).max(63)).default([]),
  concurrency: z.int().min(1).max(64).default(4),
  metricsBindAddress: z.string().default(":8080"),
  leaderElect: z.boolean().default(false),
  leaderElection: z
    .strictObject({
      namespace: z.string().min(1).default("default"),
      name: z.string().min(1).default("compositeapp-operator"),
      leaseDurationSeconds: seconds(15),
      renewDeadlineSeconds: seconds(10),
      retryPeriodSeconds: seconds(2),
    })
    .default({
      namespace: "default",
      name: "compositeapp-operator",
      leaseDurationSeconds: 15,
      renewDeadlineSeconds: 10,
      retryPeriodSeconds: 2,
    })
    .refine((l) => l.renewDeadlineSeconds < l.leaseDurationSeconds && l.retryPeriodSeconds < l.renewDeadlineSeconds, {
      error: "leader election needs retry period < renew deadline < lease duration",
    }),
  presetImages: z
    .record(z.enum(PRESET_NAMES as [string, ...string[]]), z.string().min(1))
    .default({})
    .transform((images) => ({ ...DEFAULT_PRESET_IMAGES, ...images })),
  resyncPeriodSeconds: z.number().min(0).max(86400).default(600),
  logLevel: z.enum(["trace", "debug", "info", "warn", "error"]).default("info"),
});
export type OperatorConfig = z.output<typeof OperatorConfig>;
export type OperatorConfigInput = z.input<typeof OperatorConfig>;

/** Parses settings, with messages that name the flag's field. */
export function parseOperatorConfig(input: OperatorConfigInput): OperatorConfig {
  const result = OperatorConfig.safeParse(input);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `${i.path.join(".") || "settings"}: ${i.message}`);
  throw new Error(`invalid settings:\n  ${lines.join("\n  ")}`);
}
