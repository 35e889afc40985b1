// `compositeapp render`: the Pods an app renders to, without a cluster.
import { Command } from "commander";
import { parseServerVersion, placementProblems, render } from "../core/index.js";
import { filenameOption, outputOption, presetImageOption } from "./flags.js";
import { loadCompositeApps } from "./input.js";
import { CliError, type CliIO } from "./io.js";
import { formatObjects, type OutputFormat } from "./output.js";
import { presetImages, renderOptionsFor } from "./render-options.js";

interface RenderFlags {
  filename: string[];
  output: OutputFormat;
  kubeVersion: string;
  presetImage: string[];
}

export function renderCommand(io: CliIO): Command {
  return new Command("render")
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
    .action((opts: RenderFlags) => {
      const { apps, errors, warnings } = loadCompositeApps(opts.filename, () => io.readStdin());
      for (const w of warnings) io.stderr.write(`warning: ${w}\n`);
      if (errors.length > 0) throw new CliError(errors);
      const images = presetImages(opts.presetImage);
      const server = parseServerVersion(opts.kubeVersion);
      const problems = apps.flatMap(({ source, app }) =>
        placementProblems(app, server).map((p) => `${source}: ${p} (rendering for Kubernetes ${opts.kubeVersion})`),
      );
      if (problems.length > 0) throw new CliError(problems);
      const pods = apps.flatMap(({ app }) =>
        render(app, renderOptionsFor(app, opts.kubeVersion, images)).map((r) => r.pod),
      );
      io.stdout.write(formatObjects(pods, opts.output));
    });
}
