// Settings of `compositeapp run`, validated at the boundary like any other input.
import { z } from "zod";
import { PRESET_NAMES } from "../api/presets.js";
import { DEFAULT_PRESET_IMAGES } from "../core/index.js";
import { LEADER_ELECTION_DEFAULTS } from "./runtime/lease.js";
import { DISABLED_ADDRESS, splitAddress } from "./serving/address.js";

/** --log-level: the least severe entries logged. */
export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error"] as const;

/** --log-format: json (zap-style lines, for log pipelines) or text (for a terminal). */
export const LOG_FORMATS = ["json", "text"] as const;

/**
 * The client-side limit, higher than kube-controller-manager's 20/30: a created app costs this operator
 * 3 requests (its Pod, one status write, one Event) and an app at rest none, so 100 per second lets
 * about 33 apps a second through, the pace the operator reaches unthrottled on a 2-core control plane,
 * while a burst of thousands of apps still reaches the server at no more than 100 requests a second.
 * kube-controller-manager's 20 would hold creation to about 7 apps a second, as slow as its ReplicaSets.
 */
export const DEFAULT_KUBE_API_QPS = 100;
export const DEFAULT_KUBE_API_BURST = 200;

/** The defaults of the settings, which the flags of `compositeapp run` show as theirs. */
export const OPERATOR_DEFAULTS = {
  concurrency: 4,
  kubeApiQps: DEFAULT_KUBE_API_QPS,
  kubeApiBurst: DEFAULT_KUBE_API_BURST,
  // kubebuilder's scaffold: HTTPS metrics on :8443, probes on :8081.
  metricsBindAddress: ":8443",
  healthProbeBindAddress: ":8081",
  metricsSecure: true,
  leaderElectionNamespace: "default",
  leaderElectionId: "compositeapp-operator",
  leaseDurationSeconds: LEADER_ELECTION_DEFAULTS.leaseDurationMs / 1000,
  renewDeadlineSeconds: LEADER_ELECTION_DEFAULTS.renewDeadlineMs / 1000,
  retryPeriodSeconds: LEADER_ELECTION_DEFAULTS.retryPeriodMs / 1000,
  resyncPeriodSeconds: 600,
  logLevel: "info",
  logFormat: "json",
} as const;

/** "[HOST]:PORT", or "0" for no server. */
const bindAddress = (def: string) =>
  z
    .string()
    .default(def)
    .refine(
      (a) => {
        if (a === DISABLED_ADDRESS) return true;
        try {
          splitAddress(a);
          return true;
        } catch {
          return false;
        }
      },
      { error: (issue) => `invalid address "${String(issue.input)}": expected [HOST]:PORT, or 0 to turn it off` },
    );

const seconds = (def: number) => z.number().positive().max(3600).default(def);

export const OperatorConfig = z
  .strictObject({
    kubeconfig: z.string().optional(),
    /** Empty: every namespace. */
    namespaces: z.array(z.string().min(1).max(63)).default([]),
    concurrency: z.int().min(1).max(64).default(OPERATOR_DEFAULTS.concurrency),
    /** Client-side requests per second to the API server; 0 turns the limit off (APF alone applies). */
    kubeApiQps: z.number().min(0).max(10_000).default(OPERATOR_DEFAULTS.kubeApiQps),
    /** Requests that may go at once above the qps. */
    kubeApiBurst: z.int().min(1).max(10_000).default(OPERATOR_DEFAULTS.kubeApiBurst),
    metricsBindAddress: bindAddress(OPERATOR_DEFAULTS.metricsBindAddress),
    healthProbeBindAddress: bindAddress(OPERATOR_DEFAULTS.healthProbeBindAddress),
    /** HTTPS, and each scrape authenticated (TokenReview) and authorised (SubjectAccessReview). */
    metricsSecure: z.boolean().default(OPERATOR_DEFAULTS.metricsSecure),
    /** Directory of tls.crt and tls.key; absent: a self-signed certificate made at start. */
    metricsCertDir: z.string().min(1).optional(),
    leaderElect: z.boolean().default(false),
    leaderElection: z
      .strictObject({
        namespace: z.string().min(1).default(OPERATOR_DEFAULTS.leaderElectionNamespace),
        name: z.string().min(1).default(OPERATOR_DEFAULTS.leaderElectionId),
        leaseDurationSeconds: seconds(OPERATOR_DEFAULTS.leaseDurationSeconds),
        renewDeadlineSeconds: seconds(OPERATOR_DEFAULTS.renewDeadlineSeconds),
        retryPeriodSeconds: seconds(OPERATOR_DEFAULTS.retryPeriodSeconds),
      })
      // Absent: every field's own default.
      .prefault({})
      .refine((l) => l.renewDeadlineSeconds < l.leaseDurationSeconds && l.retryPeriodSeconds < l.renewDeadlineSeconds, {
        error: "leader election needs retry period < renew deadline < lease duration",
      }),
    presetImages: z
      .record(z.enum(PRESET_NAMES as [string, ...string[]]), z.string().min(1))
      .default({})
      .transform((images) => ({ ...DEFAULT_PRESET_IMAGES, ...images })),
    resyncPeriodSeconds: z.number().min(0).max(86400).default(OPERATOR_DEFAULTS.resyncPeriodSeconds),
    logLevel: z.enum(LOG_LEVELS).default(OPERATOR_DEFAULTS.logLevel),
    logFormat: z.enum(LOG_FORMATS).default(OPERATOR_DEFAULTS.logFormat),
  })
  // Port 0 picks a free port for each.
  .refine((c) => c.metricsBindAddress !== c.healthProbeBindAddress || /(^|:)0$/.test(c.metricsBindAddress), {
    error: "metricsBindAddress and healthProbeBindAddress must differ: metrics and probes have a port each",
    path: ["healthProbeBindAddress"],
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
