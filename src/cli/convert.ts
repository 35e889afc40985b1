// `compositeapp convert`: reads workloads, prints CompositeApps; what cannot be carried goes to
// stderr, one line per field, and the exit code is 2 (1 when the input cannot be converted).
import { readFileSync } from "node:fs";
import { Command, Option } from "commander";
import { parseDocuments } from "../api/parse.js";
import { convertDocuments, unusedNames, type Converted, type HelperRoleName } from "../convert/index.js";
import { formatObjects, type OutputFormat } from "./output.js";
import { outputOption, repeatable, roleOption } from "./flags.js";
import { CliError, type CliIO } from "./io.js";

const short = (v: unknown): string => {
  const t = JSON.stringify(v) ?? "undefined";
  return t.length > 120 ? `${t.slice(0, 117)}...` : t;
};

function report(file: string, c: Converted, write: (line: string) => void): void {
  for (const n of c.notes) write(`note: ${file}: ${c.source}: ${n}`);
  for (const l of c.lost)
    write(`not carried: ${file}: ${c.source}: ${l.path} = ${short(l.value)}${l.why ? ` (${l.why})` : ""}`);
  for (const e of c.invalid) write(`error: ${file}: ${c.source}: the CompositeApp is invalid: ${e}`);
}

interface Options {
  filename: string[];
  output: OutputFormat;
  main: string[];
  role: Record<string, HelperRoleName>;
}

export function convertCommand(io: CliIO): Command {
  return new Command("convert")
    .description(
      "Convert Pods and workloads (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, List) to CompositeApps. Prints what cannot be carried on stderr and exits 2.",
    )
    .addOption(
      new Option(
        "-f, --filename <file>",
        "file of Kubernetes objects (YAML or JSON); '-' reads standard input; repeatable",
      )
        .argParser(repeatable)
        .makeOptionMandatory(),
    )
    .addOption(outputOption())
    .addOption(
      new Option(
        "--main <name>",
        "the main container (default: the kubectl.kubernetes.io/default-container annotation, else the first container); repeatable, the first that a workload has wins",
      )
        .argParser(repeatable)
        .default([]),
    )
    .addOption(roleOption())
    .addHelpText(
      "after",
      "\nExamples:\n  kubectl get deploy web -o yaml | compositeapp convert -f -\n  compositeapp convert -f pod.yaml --main app --role envoy=ambassador --role fluent-bit=adapter\n",
    )
    .action((opts: Options) => {
      // Every message is printed as it is found; only the status is left to the program.
      const code = runConvert(opts, io);
      if (code !== 0) throw new CliError([], code);
    });
}

/** Parsed documents of each file, or an error line. */
function readDocuments(file: string, io: CliIO): unknown[] | string {
  const source = file === "-" ? "<stdin>" : file;
  try {
    return parseDocuments(file === "-" ? io.readStdin() : readFileSync(file, "utf8"));
  } catch (err) {
    return `error: ${source}: ${(err as Error).message.split("\n")[0]}`;
  }
}

/** Converts every file, prints the apps and the report; returns the exit code (0, 1 or 2). */
function runConvert(opts: Options, io: CliIO): number {
  const write = (line: string) => io.stderr.write(`${line}\n`);
  const options = { main: opts.main, roles: opts.role };
  const apps: object[] = [];
  const everyDoc: unknown[] = [];
  let failed = false;
  let lost = false;
  for (const file of opts.filename) {
    const source = file === "-" ? "<stdin>" : file;
    const docs = readDocuments(file, io);
    if (typeof docs === "string") {
      write(docs);
      failed = true;
      continue;
    }
    everyDoc.push(...docs);
    const result = convertDocuments(docs, options);
    result.errors.forEach((e) => write(`error: ${source}: ${e}`));
    result.skipped.forEach((s) => write(`note: ${source}: ${s}: skipped, not a workload`));
    for (const c of result.converted) {
      report(source, c, write);
      apps.push(c.app);
      lost ||= c.lost.length > 0;
      failed ||= c.invalid.length > 0;
    }
    failed ||= result.errors.length > 0;
  }
  for (const flag of unusedNames(everyDoc, options)) {
    write(`error: ${flag}: no workload in the input has a container of that name`);
    failed = true;
  }
  if (apps.length > 0) io.stdout.write(formatObjects(apps, opts.output));
  return failed ? 1 : lost ? 2 : 0;
}
