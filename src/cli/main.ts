// The `compositeapp` command.
import { Command, Option } from "commander";
import { crdManifestYaml, customResourceDefinition } from "../api/crd.js";
import { parseServerVersion, placementProblems, render } from "../patterns/index.js";
import { loadCompositeApps } from "./input.js";
import { formatObjects, parseOutputFormat } from "./output.js";
import { presetImages, renderOptionsFor } from "./render-options.js";
import { runCommand } from "./run.js";
import { convertCommand } from "./convert.js";
import { VERSION } from "./version.js";
import { presetImageOption, repeatable } from "./flags.js";

const filenameOption = () =>
  new Option(
    "-f, --filename <file>",
    "file or directory of CompositeApp documents (YAML or JSON); '-' reads standard input; repeatable",
  )
    .argParser(repeatable)
    .makeOptionMandatory();

const outputOption = () =>
  new Option("-o, --output <format>", "output format: yaml or json").default("yaml").argParser(parseOutputFormat);

function failWith(errors: string[]): never {
  for (const e of errors) process.stderr.write(`error: ${e}\n`);
  process.exit(1);
}

export function buildProgram(): Command {
  const program = new Command("compositeapp")
    .description(
      "Renders and runs CompositeApps: Pods of a main container with its sidecars, ambassadors and adapters.",
    )
    .version(VERSION, "--version", "print the version")
    .showHelpAfterError()
    .configureOutput({ outputError: (str, write) => write(str) });

  program
    .command("render")
    .description("Print the Pods a CompositeApp renders to, without touching a cluster (like `helm template`).")
    .addOption(filenameOption())
    .addOption(outputOption())
    .option(
      "--kube-version <version>",
      "Kubernetes version to render for; decides sidecarMode Auto (native sidecars from 1.29)",
      "1.33",
    )
    .addOption(presetImageOption())
    .addHelpText(
      "after",
      "\nExamples:\n  compositeapp render -f examples/ambassador.yaml\n  cat app.yaml | compositeapp render -f - -o json\n",
    )
    .action((opts: { filename: string[]; output: "yaml" | "json"; kubeVersion: string; presetImage: string[] }) => {
      const { apps, errors } = loadCompositeApps(opts.filename);
      if (errors.length > 0) failWith(errors);
      const images = presetImages(opts.presetImage);
      const server = parseServerVersion(opts.kubeVersion);
      const problems = apps.flatMap(({ source, app }) =>
        placementProblems(app, server).map((p) => `${source}: ${p} (rendering for Kubernetes ${opts.kubeVersion})`),
      );
      if (problems.length > 0) failWith(problems);
      const pods = apps.flatMap(({ app }) =>
        render(app, renderOptionsFor(app, opts.kubeVersion, images)).map((r) => r.pod),
      );
      process.stdout.write(formatObjects(pods, opts.output));
    });

  program
    .command("validate")
    .description(
      "Check CompositeApps against the API's schema and cross-field rules; exits 1 with every problem found.",
    )
    .addOption(filenameOption())
    .addHelpText("after", "\nExample:\n  compositeapp validate -f examples/\n")
    .action((opts: { filename: string[] }) => {
      const { apps, skipped, errors } = loadCompositeApps(opts.filename);
      if (errors.length > 0) failWith(errors);
      for (const { source } of apps) process.stdout.write(`${source}: valid\n`);
      for (const what of skipped) process.stdout.write(`${what}: skipped, not a CompositeApp\n`);
    });

  program
    .command("crd")
    .description("Print the CustomResourceDefinition of the CompositeApp API (kubectl apply -f -).")
    .addOption(outputOption())
    .action((opts: { output: "yaml" | "json" }) => {
      process.stdout.write(
        opts.output === "yaml" ? crdManifestYaml() : formatObjects([customResourceDefinition()], "json"),
      );
    });

  program.addCommand(convertCommand());
  program.addCommand(runCommand());

  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message}\n`);
    process.exit(1);
  }
}
