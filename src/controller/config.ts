// Settings of `compositeapp run`, validated at the boundary like any other input.
import { z } from "zod";
import { PRESET_NAMES } from "../api/presets.js";
import { DEFAULT_PRESET_IMAGES } from "../core/index.js";

/**
 * The client-side limit, higher than kube-controller-manager's 20/30: a created app costs this operator
 * 3 requests (its Pod, one status write, one Event) and an app at rest none, so 100 per second lets
 * about 33 apps a second through, the pace the operator reaches unthrottled on a 2-core control plane,
 * while a burst of thousands of apps still reaches the server at no more than 100 requests a second.
 * kube-controller-manager's 20 would hold creation to about 7 apps a second, as slow as its ReplicaSets.
 */
export const DEFAULT_KUBE_API_QPS = 100;
export const DEFAULT_KUBE_API_BURST = 200;

const seconds = (def: number) => z.number().positive().max(3600).default(def);

export const OperatorConfig = z.strictObject({
  kubeconfig: z.string().optional(),
  /** Empty: every namespace. */
  namespaces: z.array(z.string().min(1).max(63)).default([]),
  concurrency: z.int().min(1).max(64).default(4),
  /** Client-side requests per second to the API server; 0 turns the limit off (APF alone applies). */
  kubeApiQps: z.number().min(0).max(10_000).default(DEFAULT_KUBE_API_QPS),
  /** Requests that may go at once above the qps. */
  kubeApiBurst: z.int().min(1).max(10_000).default(DEFAULT_KUBE_API_BURST),
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
