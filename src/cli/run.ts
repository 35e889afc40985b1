// `compositeapp run`: the operator itself.
import { readFileSync } from "node:fs";
import { Command, Option } from "commander";
import {
  LOG_FORMATS,
  LOG_LEVELS,
  OPERATOR_DEFAULTS,
  parseOperatorConfig,
  type OperatorConfigInput,
} from "../controller/config.js";
import { presetImageOption, repeatableList } from "./flags.js";
import type { CliIO } from "./io.js";
import { presetImages } from "./render-options.js";

const IN_CLUSTER_NAMESPACE = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

/** The namespace of the operator's own Pod, where the lease lives by default. */
function ownNamespace(): string {
  if (process.env.POD_NAMESPACE) return process.env.POD_NAMESPACE;
  try {
    return readFileSync(IN_CLUSTER_NAMESPACE, "utf8").trim();
  } catch {
    return OPERATOR_DEFAULTS.leaderElectionNamespace;
  }
}

/** kubectl's boolean flags: `--flag` and `--flag=true` turn it on, `--flag=false` off. */
const boolean = (flag: string) => (value: string) => {
  if (value === "true") return true;
  if (value === "false") return false;
  throw new Error(`${flag} must be true or false, got "${value}"`);
};

const number = (flag: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`${flag} must be a number, got "${value}"`);
  return n;
};

interface RunFlags {
  kubeconfig?: string;
  namespace?: string[];
  concurrency: number;
  kubeApiQps: number;
  kubeApiBurst: number;
  metricsBindAddress: string;
  healthProbeBindAddress: string;
  metricsSecure: boolean;
  metricsCertDir?: string;
  leaderElect: boolean;
  leaderElectionNamespace?: string;
  leaderElectionId: string;
  leaseDuration: number;
  renewDeadline: number;
  retryPeriod: number;
  presetImage: string[];
  resyncPeriod: number;
  logLevel: string;
  logFormat: string;
}

function toConfig(flags: RunFlags): OperatorConfigInput {
  const images = presetImages(flags.presetImage);
  return {
    ...(flags.kubeconfig !== undefined && { kubeconfig: flags.kubeconfig }),
    namespaces: flags.namespace ?? [],
    concurrency: flags.concurrency,
    kubeApiQps: flags.kubeApiQps,
    kubeApiBurst: flags.kubeApiBurst,
    metricsBindAddress: flags.metricsBindAddress,
    healthProbeBindAddress: flags.healthProbeBindAddress,
    metricsSecure: flags.metricsSecure,
    ...(flags.metricsCertDir !== undefined && { metricsCertDir: flags.metricsCertDir }),
    leaderElect: flags.leaderElect,
    leaderElection: {
      namespace: flags.leaderElectionNamespace ?? ownNamespace(),
      name: flags.leaderElectionId,
      leaseDurationSeconds: flags.leaseDuration,
      renewDeadlineSeconds: flags.renewDeadline,
      retryPeriodSeconds: flags.retryPeriod,
    },
    presetImages: images,
    resyncPeriodSeconds: flags.resyncPeriod,
    logLevel: flags.logLevel as OperatorConfigInput["logLevel"],
    logFormat: flags.logFormat as OperatorConfigInput["logFormat"],
  };
}

/**
 * Runs the operator until it stops, then ends the process: a failed start may leave a server
 * or a connection open, so this command exits explicitly, whatever happens.
 */
async function runOperator(flags: RunFlags, io: CliIO): Promise<void> {
  let code: number;
  try {
    const config = parseOperatorConfig(toConfig(flags));
    // Loaded here, not at the top: the API client, logger and metrics cost most of a second to import,
    // and render, validate, convert and crd never need them.
    const [{ createLogger }, { startOperator }] = await Promise.all([
      import("../controller/logging.js"),
      import("../controller/manager/manager.js"),
    ]);
    const log = createLogger({ level: config.logLevel, format: config.logFormat });
    const operator = await startOperator(config, log);
    const shutdown = (signal: string) => {
      log.info({ signal }, "shutting down");
      void operator.stop();
    };
    process.once("SIGTERM", () => shutdown("SIGTERM"));
    process.once("SIGINT", () => shutdown("SIGINT"));
    code = await operator.finished;
  } catch (err) {
    io.stderr.write(`error: ${(err as Error).message}\n`);
    code = 1;
  }
  io.exit(code);
}

const metricsBindAddressOption = () =>
  new Option(
    "--metrics-bind-address <addr>",
    "address of /metrics: :8443 for HTTPS, :8080 for HTTP, 0 to serve no metrics",
  ).default(OPERATOR_DEFAULTS.metricsBindAddress);

const metricsSecureOption = () => {
  const option = new Option(
    "--metrics-secure [bool]",
    "serve /metrics over HTTPS, each scrape's bearer token checked with a TokenReview and its user " +
      "authorised with a SubjectAccessReview (get on the non-resource URL /metrics); false: plain HTTP",
  )
    .default(OPERATOR_DEFAULTS.metricsSecure)
    .argParser(boolean("--metrics-secure"));
  // Listed for help and shell completion; the parser above checks them (choices() would replace it).
  option.argChoices = ["true", "false"];
  return option;
};

const logLevelOption = () =>
  new Option("--log-level <level>", "the least severe entries logged")
    .choices(LOG_LEVELS)
    .default(OPERATOR_DEFAULTS.logLevel);

export function runCommand(io: CliIO): Command {
  return new Command("run")
    .description("Run the operator: watch CompositeApps and keep their Pods in the rendered shape.")
    .option(
      "--kubeconfig <file>",
      "kubeconfig to use; default: $KUBECONFIG, ~/.kube/config, or the in-cluster service account",
    )
    .option(
      "-n, --namespace <ns>",
      "namespace to watch; repeatable or comma-separated; default: all namespaces",
      repeatableList,
    )
    .addOption(
      new Option("--concurrency <n>", "CompositeApps reconciled in parallel")
        .default(OPERATOR_DEFAULTS.concurrency)
        .argParser(number("--concurrency")),
    )
    .addOption(
      new Option("--kube-api-qps <qps>", "requests per second to the API server, client-side; 0: no client-side limit")
        .default(OPERATOR_DEFAULTS.kubeApiQps)
        .argParser(number("--kube-api-qps")),
    )
    .addOption(
      new Option("--kube-api-burst <n>", "requests to the API server that may go at once above --kube-api-qps")
        .default(OPERATOR_DEFAULTS.kubeApiBurst)
        .argParser(number("--kube-api-burst")),
    )
    .addOption(metricsBindAddressOption())
    .addOption(metricsSecureOption())
    .option(
      "--metrics-cert-dir <dir>",
      "directory of tls.crt and tls.key for the metrics server, read again when they change; default: a self-signed certificate made at start",
    )
    .option(
      "--health-probe-bind-address <addr>",
      "address of /healthz and /readyz (plain HTTP); 0 to serve no probes",
      OPERATOR_DEFAULTS.healthProbeBindAddress,
    )
    .option(
      "--leader-elect",
      "elect a leader on a coordination.k8s.io Lease, so several replicas can run and one acts",
      false,
    )
    .option("--leader-election-namespace <ns>", "namespace of the Lease; default: the operator's own namespace")
    .option("--leader-election-id <name>", "name of the Lease", OPERATOR_DEFAULTS.leaderElectionId)
    .addOption(
      new Option("--lease-duration <seconds>", "lease duration")
        .default(OPERATOR_DEFAULTS.leaseDurationSeconds)
        .argParser(number("--lease-duration")),
    )
    .addOption(
      new Option("--renew-deadline <seconds>", "renew deadline")
        .default(OPERATOR_DEFAULTS.renewDeadlineSeconds)
        .argParser(number("--renew-deadline")),
    )
    .addOption(
      new Option("--retry-period <seconds>", "retry period")
        .default(OPERATOR_DEFAULTS.retryPeriodSeconds)
        .argParser(number("--retry-period")),
    )
    .addOption(presetImageOption())
    .addOption(
      new Option("--resync-period <seconds>", "reconcile every app at least this often (0: never)")
        .default(OPERATOR_DEFAULTS.resyncPeriodSeconds)
        .argParser(number("--resync-period")),
    )
    .addOption(logLevelOption())
    .addOption(
      new Option(
        "--log-format <format>",
        "json: a line per entry with a string level, an RFC 3339 ts, logger, msg and the fields, as zap writes; text: for a terminal",
      )
        .choices(LOG_FORMATS)
        .default(OPERATOR_DEFAULTS.logFormat),
    )
    .action((flags: RunFlags) => runOperator(flags, io));
}
